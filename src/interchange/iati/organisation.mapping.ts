/**
 * One <iati-organisation> element to an IatiOrganisation (its name, reporting org,
 * total budgets, recipient country and region budgets, total expenditure), or the reason
 * it cannot be stored. 1.0x files name the organisation in <iati-identifier>.
 */

import { currencyAttr, type MappingContext, Rejected, type Rejection } from "./activity.mapping.ts";
import type { IatiOrganisation, OrganisationBudget } from "./activity.model.ts";
import { attr, child, code, narratives, type XmlElement } from "./elements.ts";
import { decimalToMinor, isoDate } from "./values.ts";

const budgetKinds: Record<string, OrganisationBudget["kind"]> = {
	"total-budget": "total_budget",
	"recipient-country-budget": "recipient_country_budget",
	"recipient-region-budget": "recipient_region_budget",
	"total-expenditure": "total_expenditure",
};

export function toOrganisation(el: XmlElement, ctx: MappingContext): IatiOrganisation | Rejection {
	const identifier =
		(child(el, "organisation-identifier") ?? child(el, "iati-identifier"))?.text.trim() || null;
	try {
		if (!identifier) throw new Rejected("missing organisation-identifier");
		const reporting = child(el, "reporting-org");
		const reportingRef = attr(reporting, "ref");
		if (!reportingRef) throw new Rejected("reporting-org has no ref");
		const defaultCurrency = currencyAttr(el, "default-currency", ctx);
		const budgets: OrganisationBudget[] = [];
		for (const c of el.children) {
			const kind = Object.hasOwn(budgetKinds, c.name) ? budgetKinds[c.name] : undefined;
			if (kind) budgets.push(budget(c, kind, defaultCurrency, ctx.currencies));
		}
		return {
			organisation_identifier: identifier,
			version: ctx.version,
			default_currency: defaultCurrency,
			last_updated_datetime: attr(el, "last-updated-datetime"),
			name: narratives(child(el, "name")),
			reporting_org: {
				ref: reportingRef,
				type: attr(reporting, "type"),
				narratives: narratives(reporting),
			},
			budgets,
		};
	} catch (e) {
		if (e instanceof Rejected) return { identifier, reason: e.message, line: e.line ?? el.line };
		throw e;
	}
}

function budget(
	el: XmlElement,
	kind: OrganisationBudget["kind"],
	defaultCurrency: string | null,
	currencies: ReadonlySet<string>,
): OrganisationBudget {
	const where = el.name;
	const reject = (message: string) => new Rejected(message, el.line);
	const start = isoDate(attr(child(el, "period-start"), "iso-date"));
	const end = isoDate(attr(child(el, "period-end"), "iso-date"));
	if (!start || !end) throw reject(`${where} has no valid period-start and period-end`);
	const valueEl = child(el, "value");
	const valueText = valueEl?.text.trim();
	if (!valueEl || !valueText) throw reject(`${where} has no value`);
	const currency = attr(valueEl, "currency")?.toUpperCase() ?? null;
	if (currency && !currencies.has(currency))
		throw reject(`${where}: unknown currency '${currency}'`);
	const amount = decimalToMinor(valueText, currency ?? defaultCurrency);
	if ("error" in amount) throw reject(`${where}: value ${amount.error}`);
	const writtenValueDate = attr(valueEl, "value-date");
	// IATI converts at the value date; a budget without one is converted at its start.
	const valueDate = writtenValueDate === null ? start : isoDate(writtenValueDate);
	if (!valueDate) throw reject(`${where}: value-date '${writtenValueDate}' is not a date`);
	const recipient =
		kind === "recipient_country_budget"
			? (code(child(el, "recipient-country"))?.toUpperCase() ?? null)
			: kind === "recipient_region_budget"
				? code(child(el, "recipient-region"))
				: null;
	return {
		kind,
		status: kind === "total_expenditure" ? null : attr(el, "status"),
		period_start: start,
		period_end: end,
		value_minor: amount.minor,
		currency,
		value_date: valueDate,
		recipient,
	};
}
