/**
 * One <iati-activity> element (versions 2.01-2.03, and 1.0x where the structure allows)
 * to an IatiActivity, or the reason it cannot be stored. What the writer writes for
 * "absent" (an empty code, an empty narrative) reads back as absent, so a round trip
 * gives the same value. Defaults are IATI's: vocabularies "1", description type "1";
 * a value with no value-date takes the transaction date, as IATI reads it.
 */
import {
	type ActivityDate,
	type IatiActivity,
	maxIdentifierLength,
	type Narrative,
	type OrgRef,
	type ParticipatingOrg,
	type RecipientShare,
	type Transaction,
} from "./activity.model.ts";
import { attr, child, code, narratives, type XmlElement } from "./elements.ts";
import * as legacy from "./legacy.ts";
import { decimalToMinor, isoDate, percentage } from "./values.ts";

export interface Rejection {
	identifier: string | null;
	reason: string;
	/** Where the problem is: the line of the element at fault. */
	line: number;
}

export interface MappingContext {
	/** iati-activities/@version, or 1.01 (IATI's default) when the file states none. */
	version: string;
	currencies: ReadonlySet<string>;
}

/** Thrown inside mapping, caught once: the first problem found is the reason given. */
export class Rejected extends Error {
	constructor(
		message: string,
		readonly line?: number,
	) {
		super(message);
	}
}

export function toActivity(el: XmlElement, ctx: MappingContext): IatiActivity | Rejection {
	const identifier = child(el, "iati-identifier")?.text.trim() || null;
	try {
		if (!identifier) throw new Rejected("missing iati-identifier");
		if (identifier.length > maxIdentifierLength)
			throw new Rejected(
				`iati-identifier is ${identifier.length} characters long: at most ${maxIdentifierLength} can be stored and looked up`,
			);
		return mapActivity(el, identifier, ctx);
	} catch (e) {
		// Named as far as it can be stored: a rejection report need not repeat megabytes.
		const named = identifier?.slice(0, maxIdentifierLength + 1) ?? null;
		if (e instanceof Rejected)
			return { identifier: named, reason: e.message, line: e.line ?? el.line };
		throw e;
	}
}

function mapActivity(el: XmlElement, identifier: string, ctx: MappingContext): IatiActivity {
	const reporting = child(el, "reporting-org");
	const reportingRef = attr(reporting, "ref");
	if (!reportingRef) throw new Rejected("reporting-org has no ref");
	const defaultCurrency = currencyAttr(el, "default-currency", ctx);
	const out: IatiActivity = {
		iati_identifier: identifier,
		version: ctx.version,
		default_currency: defaultCurrency,
		default_lang: attr(el, "xml:lang"),
		last_updated_datetime: attr(el, "last-updated-datetime"),
		hierarchy: integer(attr(el, "hierarchy")),
		humanitarian: flag(attr(el, "humanitarian")),
		reporting_org: {
			ref: reportingRef,
			type: attr(reporting, "type"),
			narratives: narratives(reporting),
		},
		title: narratives(child(el, "title")),
		descriptions: [],
		participating_orgs: [],
		activity_status: code(child(el, "activity-status")),
		activity_dates: [],
		recipient_countries: [],
		recipient_regions: [],
		sectors: [],
		tags: [],
		policy_markers: [],
		collaboration_type: code(child(el, "collaboration-type")),
		default_flow_type: code(child(el, "default-flow-type")),
		default_finance_type: code(child(el, "default-finance-type")),
		default_aid_type: [],
		default_tied_status: code(child(el, "default-tied-status")),
		transactions: [],
	};
	for (const c of el.children) {
		switch (c.name) {
			case "description": {
				const list = narratives(c);
				if (list.length) out.descriptions.push({ type: attr(c, "type") ?? "1", narratives: list });
				break;
			}
			case "participating-org": {
				const org = participatingOrg(c);
				if (org) out.participating_orgs.push(org);
				break;
			}
			case "activity-date": {
				const d = activityDate(c);
				if (d) out.activity_dates.push(d);
				break;
			}
			case "recipient-country": {
				const country = code(c)?.toUpperCase();
				if (country) out.recipient_countries.push(share(c, country, null));
				break;
			}
			case "recipient-region": {
				const region = code(c);
				if (region) out.recipient_regions.push(share(c, region, attr(c, "vocabulary") ?? "1"));
				break;
			}
			case "sector": {
				const sector = code(c);
				if (sector)
					out.sectors.push({
						vocabulary: sectorVocabulary(c),
						code: sector,
						percentage: percentage(attr(c, "percentage")),
					});
				break;
			}
			case "tag": {
				const tag = code(c);
				if (tag) out.tags.push({ vocabulary: attr(c, "vocabulary") ?? "1", code: tag });
				break;
			}
			case "policy-marker": {
				const marker = code(c);
				if (marker)
					out.policy_markers.push({
						vocabulary: legacy.vocabulary(attr(c, "vocabulary") ?? "1"),
						code: marker,
						significance: attr(c, "significance"),
					});
				break;
			}
			case "default-aid-type": {
				const aid = code(c);
				if (aid) out.default_aid_type.push({ vocabulary: attr(c, "vocabulary") ?? "1", code: aid });
				break;
			}
			case "transaction":
				out.transactions.push(
					transaction(c, out.transactions.length + 1, defaultCurrency, ctx.currencies),
				);
				break;
		}
	}
	return out;
}

function participatingOrg(el: XmlElement): ParticipatingOrg | null {
	const org = {
		role: legacy.organisationRole(attr(el, "role") ?? ""),
		ref: attr(el, "ref"),
		type: attr(el, "type"),
		activity_id: attr(el, "activity-id"),
		narratives: narratives(el),
	};
	// The writer's stand-in for "none" (role="" and nothing else) is no organisation.
	const empty = !org.role && !org.ref && !org.type && !org.activity_id && !org.narratives.length;
	return empty ? null : org;
}

function activityDate(el: XmlElement): ActivityDate | null {
	const type = legacy.activityDateType(attr(el, "type") ?? "");
	// A date with no type is the writer's stand-in for "no dates" (its XSD wants one).
	if (!type) return null;
	const written = attr(el, "iso-date") ?? (el.text.trim() || null);
	const date = isoDate(written);
	if (!date)
		throw new Rejected(`activity-date type ${type}: '${written ?? ""}' is not a date`, el.line);
	return { type, iso_date: date };
}

function share(el: XmlElement, code: string, vocabulary: string | null): RecipientShare {
	return { code, vocabulary, percentage: percentage(attr(el, "percentage")) };
}

function sectorVocabulary(el: XmlElement): string {
	return legacy.vocabulary(attr(el, "vocabulary") ?? "1");
}

function transaction(
	el: XmlElement,
	n: number,
	defaultCurrency: string | null,
	currencies: ReadonlySet<string>,
): Transaction {
	// One pass over the children: a file holds millions of transactions.
	let typeEl: XmlElement | undefined;
	let dateEl: XmlElement | undefined;
	let valueEl: XmlElement | undefined;
	let descriptionEl: XmlElement | undefined;
	let providerEl: XmlElement | undefined;
	let receiverEl: XmlElement | undefined;
	let countryEl: XmlElement | undefined;
	let regionEl: XmlElement | undefined;
	const sectors: { vocabulary: string; code: string }[] = [];
	for (const c of el.children) {
		switch (c.name) {
			case "transaction-type":
				typeEl ??= c;
				break;
			case "transaction-date":
				dateEl ??= c;
				break;
			case "value":
				valueEl ??= c;
				break;
			case "description":
				descriptionEl ??= c;
				break;
			case "provider-org":
				providerEl ??= c;
				break;
			case "receiver-org":
				receiverEl ??= c;
				break;
			case "recipient-country":
				countryEl ??= c;
				break;
			case "recipient-region":
				regionEl ??= c;
				break;
			case "sector": {
				const sector = code(c);
				if (sector) sectors.push({ vocabulary: sectorVocabulary(c), code: sector });
				break;
			}
		}
	}
	const type = code(typeEl);
	if (!type) throw rejectTransaction(n, el, " has no transaction-type");
	const writtenDate = attr(dateEl, "iso-date") ?? (dateEl?.text.trim() || null);
	if (!writtenDate) throw rejectTransaction(n, el, " has no transaction-date");
	const date = isoDate(writtenDate);
	if (!date) throw rejectTransaction(n, el, `: transaction-date '${writtenDate}' is not a date`);
	const valueText = valueEl?.text.trim();
	if (!valueEl || !valueText) throw rejectTransaction(n, el, " has no value");
	const currency = attr(valueEl, "currency")?.toUpperCase() ?? null;
	if (currency && !currencies.has(currency))
		throw rejectTransaction(n, el, `: unknown currency '${currency}'`);
	const amount = decimalToMinor(valueText, currency ?? defaultCurrency);
	if ("error" in amount) throw rejectTransaction(n, el, `: value ${amount.error}`);
	const writtenValueDate = attr(valueEl, "value-date");
	const valueDate = writtenValueDate === null ? date : isoDate(writtenValueDate);
	if (!valueDate)
		throw rejectTransaction(n, el, `: value-date '${writtenValueDate}' is not a date`);
	const provider = org(providerEl);
	const receiver = org(receiverEl);
	const regionCode = code(regionEl);
	return {
		ref: attr(el, "ref"),
		transaction_type: legacy.transactionType(type),
		transaction_date: date,
		value_minor: amount.minor,
		currency,
		value_date: valueDate,
		description: narratives(descriptionEl),
		provider_org: provider && {
			...provider,
			provider_activity_id: attr(providerEl, "provider-activity-id"),
		},
		receiver_org: receiver && {
			...receiver,
			receiver_activity_id: attr(receiverEl, "receiver-activity-id"),
		},
		recipient_country: code(countryEl)?.toUpperCase() ?? null,
		recipient_region: regionCode
			? { code: regionCode, vocabulary: attr(regionEl, "vocabulary") ?? "1" }
			: null,
		sectors,
	};
}

function rejectTransaction(n: number, el: XmlElement, problem: string): Rejected {
	return new Rejected(`transaction ${n}${problem}`, el.line);
}

/** A provider or receiver: absent when the element is missing or says nothing. */
function org(el: XmlElement | undefined): OrgRef | null {
	if (!el) return null;
	const ref = attr(el, "ref");
	const type = attr(el, "type");
	const list: Narrative[] = narratives(el);
	const activityId = attr(el, "provider-activity-id") ?? attr(el, "receiver-activity-id");
	return ref || type || list.length || activityId ? { ref, type, narratives: list } : null;
}

export function currencyAttr(
	el: XmlElement,
	name: string,
	ctx: { currencies: ReadonlySet<string> },
): string | null {
	const c = attr(el, name)?.toUpperCase() ?? null;
	if (c && !ctx.currencies.has(c)) throw new Rejected(`unknown ${name} '${c}'`);
	return c;
}

function integer(text: string | null): number | null {
	return text !== null && /^[+-]?\d{1,9}$/.test(text) ? Number(text) : null;
}

function flag(text: string | null): boolean | null {
	if (text === "1" || text === "true") return true;
	if (text === "0" || text === "false") return false;
	return null;
}
