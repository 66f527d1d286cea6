/**
 * Someone else's change, told in the page's language: each field that differs between
 * the version a writer started from and the stored one, with both values as text
 * (names for makers and forum, amounts in their currency, translated kinds and statuses).
 */

import { formatMinorUnits } from "../../../lib/money.ts";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	additionalityNames,
	commitmentKindNames,
	commitmentStatusNames,
	nameOf,
} from "../../i18n/enums.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { frequencyNames, priceBasisNames, workspace as w } from "../../i18n/workspace.messages.ts";
import type { ChangeRow } from "./commitment-pages.tsx";
import type { OtherChange } from "./commitment-values.ts";

export const commitmentFieldLabels: Record<string, Message> = {
	title: common.title,
	text: common.verbatim_text,
	kind: w.f_kind,
	makers: w.f_makers,
	forum: w.f_forum,
	announced_on: w.f_announced_on,
	goals: common.goals,
	targets: common.targets,
	recipients: common.recipients,
	sectors: common.sectors,
	sources: common.sources,
	status: common.status,
	slug: w.f_slug,
	origin: w.f_origin,
	"financial.amount": common.amount,
	"financial.currency": common.currency,
	"financial.frequency": w.f_frequency,
	"financial.increase_over_year": w.f_increase_over_year,
	"financial.price_basis": w.f_price_basis,
	"financial.price_base_year": w.f_price_base_year,
	"financial.period_start": w.f_period_start,
	"financial.period_end": w.f_period_end,
	"financial.additionality": w.f_additionality,
	"financial.gni_share_min": w.f_gni_min,
	"financial.gni_share_max": w.f_gni_max,
	"financial.note": w.f_financial_note,
	"policy.target": w.f_policy_target,
	"policy.baseline": common.policy_baseline,
	"policy.deadline": common.policy_deadline,
};

export interface NameLookup {
	stakeholders: ReadonlyMap<number, string>;
	forums: ReadonlyMap<number, string>;
}

const none = "—";

function valueText(ctx: PageContext, field: string, value: unknown, names: NameLookup): string {
	if (value === null || value === undefined || value === "") return none;
	if (Array.isArray(value) && value.length === 0) return none;
	switch (field) {
		case "kind":
			return nameOf(ctx, commitmentKindNames, String(value));
		case "status":
			return nameOf(ctx, commitmentStatusNames, String(value));
		case "forum":
			return names.forums.get(Number(value)) ?? String(value);
		case "makers":
			return (value as unknown[])
				.map((id) => names.stakeholders.get(Number(id)) ?? String(id))
				.join(", ");
		case "goals":
		case "targets":
			return (value as string[]).map((c) => c.toUpperCase()).join(", ");
		case "recipients":
			return (value as { kind: string; code: string }[])
				.map((r) => (r.kind === "global" ? "global" : r.code))
				.join(", ");
		case "sources":
			return (value as { title: string; url: string | null }[])
				.map((s) => (s.url ? `${s.title} (${s.url})` : s.title))
				.join("; ");
		case "financial.amount": {
			const v = value as { minor: number; currency: string };
			return `${formatMinorUnits(v.minor, v.currency)} ${v.currency}`;
		}
		case "financial.frequency":
			return nameOf(ctx, frequencyNames, String(value));
		case "financial.price_basis":
			return nameOf(ctx, priceBasisNames, String(value));
		case "financial.additionality":
			return nameOf(ctx, additionalityNames, String(value));
		case "announced_on":
		case "financial.period_start":
		case "financial.period_end":
		case "policy.deadline":
			return ctx.fmt.date(String(value));
	}
	if (Array.isArray(value)) return value.map(String).join(", ");
	if (typeof value === "object") return JSON.stringify(value);
	return String(value);
}

export function describeChanges(
	ctx: PageContext,
	changes: OtherChange[],
	names: NameLookup,
): ChangeRow[] {
	return changes.map((c) => {
		const label = commitmentFieldLabels[c.field];
		return {
			field: c.field,
			label: label ? ctx.t(label) : c.field,
			before: valueText(ctx, c.field, c.before, names),
			after: valueText(ctx, c.field, c.after, names),
		};
	});
}
