/**
 * What changed between versions of a commitment, as a reader is told it. Every field a
 * version snapshot holds, under the name the differences give it (financial terms as
 * `financial.amount_minor`, as stored), with its label in the page's language and how
 * its value reads (names for makers and forum, amounts in their currency, translated
 * kinds); and the changes themselves, financial and policy terms taken term by term. The
 * history and the edit conflict both tell changes through here, so they cannot drift.
 */
import { canonicalJson } from "../../../lib/canonical.ts";
import { formatMinorUnits } from "../../../lib/money.ts";
import type { ApiName } from "../../../lib/versioning.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type {
	CommitmentState,
	FinancialState,
	PolicyState,
} from "../../../modules/commitments/commitments.state.ts";
import type { PageContext } from "../../context.ts";
import { cm, fieldNames } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	additionalityNames,
	commitmentKindNames,
	commitmentStatusNames,
	flowTypeNames,
	nameOf,
	recipientKindNames,
	textKindNames,
} from "../../i18n/enums.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { gniText } from "./money.tsx";
import { goalLabel } from "./summary.tsx";

type Versions = CommitmentDetail["versions"];
type Difference = Versions[number]["differences"][number];
type Terms = Record<string, unknown>;

/** A field of a version snapshot as its differences name it, terms one by one. */
export type VersionField =
	| ApiName<keyof CommitmentState>
	| `financial.${keyof FinancialState}`
	| `policy.${keyof PolicyState}`;

interface FieldDescription {
	label: Message;
	/** Text compared word by word; any other value (an amount, a date) changes whole. */
	words?: true;
}

// Typed by the snapshot's own fields: a field added to the state and not here fails to compile.
const fields: Record<VersionField, FieldDescription> = {
	title: { label: common.title, words: true },
	text: { label: common.commitment_text, words: true },
	text_kind: { label: cm.text_kind },
	quote: { label: cm.quote },
	slug: { label: fieldNames.slug },
	origin: { label: fieldNames.origin },
	kind: { label: cm.kind },
	status: { label: cm.lifecycle },
	forum: { label: cm.forum },
	announced_on: { label: cm.announced },
	makers: { label: cm.makers, words: true },
	goals: { label: common.goals, words: true },
	targets: { label: common.targets, words: true },
	recipients: { label: common.recipients, words: true },
	sectors: { label: common.sectors, words: true },
	sources: { label: common.sources, words: true },
	financial: { label: fieldNames.financial },
	policy: { label: cm.policy_heading },
	"financial.amount_minor": { label: common.amount },
	"financial.currency": { label: common.currency },
	"financial.frequency": { label: cm.frequency },
	"financial.increase_over_year": { label: fieldNames.increase_over_year },
	"financial.price_basis": { label: cm.price_basis },
	"financial.price_base_year": { label: fieldNames.price_base_year },
	"financial.period_start": { label: fieldNames.period_start },
	"financial.period_end": { label: fieldNames.period_end },
	"financial.additionality": { label: cm.additionality },
	"financial.flow_type": { label: cm.flow_type },
	"financial.gni_share_min": { label: fieldNames.gni_share_min },
	"financial.gni_share_max": { label: fieldNames.gni_share_max },
	"financial.statistics_provider": { label: cm.statistics_provider },
	"financial.statistics_reason": { label: cm.statistics_reason, words: true },
	"financial.note": { label: cm.note, words: true },
	"policy.target": { label: cm.policy_target, words: true },
	"policy.baseline": { label: common.policy_baseline, words: true },
	"policy.deadline": { label: common.policy_deadline },
};

const described = (field: string): FieldDescription | undefined =>
	Object.hasOwn(fields, field) ? fields[field as VersionField] : undefined;

/** Whether a field has a label (a field without one would show its stored name). */
export function isLabelled(field: string): field is VersionField {
	return described(field) !== undefined;
}

/** A field's label in the page's language; its stored name when it has none. */
export function fieldLabel(ctx: PageContext, field: string): string {
	const d = described(field);
	return d ? ctx.t(d.label) : field;
}

/** Whether a field's values are compared word by word rather than whole. */
export function comparedByWord(field: string): boolean {
	return described(field)?.words === true;
}

/** One field's change: its stored value before and after, and the terms each sits in. */
export interface VersionChange {
	field: string;
	before: unknown;
	after: unknown;
	/** For a financial term, the terms it belongs to (its currency, its base year). */
	termsBefore: Terms | null;
	termsAfter: Terms | null;
}

const isTerms = (v: unknown): v is Terms =>
	typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** Field differences (as the version history gives them) with financial and policy terms one by one. */
export function termByTerm(differences: readonly Difference[]): VersionChange[] {
	const out: VersionChange[] = [];
	for (const d of differences) {
		const grouped = d.field === "financial" || d.field === "policy";
		if (grouped && (isTerms(d.before) || isTerms(d.after))) {
			const before = isTerms(d.before) ? d.before : null;
			const after = isTerms(d.after) ? d.after : null;
			const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
			for (const k of keys) {
				if (same(before?.[k], after?.[k])) continue;
				out.push({
					field: `${d.field}.${k}`,
					before: before ? (before[k] ?? null) : null,
					after: after ? (after[k] ?? null) : null,
					termsBefore: before,
					termsAfter: after,
				});
			}
		} else if (!same(d.before, d.after)) {
			out.push({ ...d, termsBefore: null, termsAfter: null });
		}
	}
	return out;
}

/**
 * What the versions after `started` changed, term by term: each field's value in
 * `started` and its value now (a field changed and changed back is no change).
 */
export function changesSince(versions: Versions, started: number): VersionChange[] {
	const first = new Map<string, unknown>();
	const last = new Map<string, unknown>();
	for (const v of versions) {
		if (v.version <= started) continue;
		for (const d of v.differences) {
			if (!first.has(d.field)) first.set(d.field, d.before);
			last.set(d.field, d.after);
		}
	}
	return termByTerm(
		[...first].map(([field, before]) => ({ field, before, after: last.get(field) })),
	);
}

/** Names of what a version holds by id. */
export interface VersionNames {
	stakeholders: ReadonlyMap<number, string>;
	forums: ReadonlyMap<number, string>;
}

/** A stored value as a reader reads it, or null for "nothing". */
export function valueText(
	ctx: PageContext,
	names: VersionNames,
	field: string,
	value: unknown,
	terms: Terms | null,
): string | null {
	if (value === null || value === undefined || value === "") return null;
	if (Array.isArray(value) && value.length === 0) return null;
	const list = (items: unknown[], each: (x: unknown) => string, sep = "; ") =>
		items.map(each).join(sep);
	switch (field) {
		case "kind":
			return nameOf(ctx, commitmentKindNames, String(value));
		case "text_kind":
			return nameOf(ctx, textKindNames, String(value));
		case "quote": {
			const q = value as { source: number; locator: string };
			return `${ctx.t(common.source)} ${ctx.fmt.number(q.source + 1)}, ${q.locator}`;
		}
		case "status":
			return nameOf(ctx, commitmentStatusNames, String(value));
		case "forum":
			return names.forums.get(Number(value)) ?? `#${value}`;
		case "makers":
			return list(value as unknown[], (id) => names.stakeholders.get(Number(id)) ?? `#${id}`);
		case "goals":
		case "targets":
			return list(value as unknown[], (c) => `${goalLabel(String(c))} ${ctx.goalTitle(String(c))}`);
		case "recipients":
			return list(value as unknown[], (r) => {
				const { kind, code } = r as { kind: string; code: string };
				if (kind === "global") return ctx.t(recipientKindNames.global);
				return kind === "country" ? ctx.fmt.country(code) : code;
			});
		case "sectors":
			return list(value as unknown[], String, ", ");
		case "sources":
			return list(value as unknown[], (s) => {
				const src = s as { title: string; url: string | null };
				return src.url ? `${src.title} (${src.url})` : src.title;
			});
		case "announced_on":
		case "financial.period_start":
		case "financial.period_end":
		case "policy.deadline":
			return ctx.fmt.date(String(value));
		case "financial.amount_minor": {
			const currency = typeof terms?.currency === "string" ? terms.currency : null;
			return currency
				? ctx.fmt.money(Number(formatMinorUnits(Number(value), currency)), currency)
				: ctx.fmt.number(Number(value));
		}
		case "financial.frequency":
			return ctx.t(value === "annual" ? cm.freq_annual : cm.freq_total);
		case "financial.price_basis":
			return ctx.t(value === "constant" ? cm.basis_constant : cm.basis_current, {
				year:
					typeof terms?.price_base_year === "number" ? ctx.fmt.year(terms.price_base_year) : "—",
			});
		case "financial.flow_type":
			return nameOf(ctx, flowTypeNames, String(value));
		case "financial.additionality":
			return nameOf(ctx, additionalityNames, String(value), ctx.t(additionalityNames.unspecified));
		case "financial.increase_over_year":
		case "financial.price_base_year":
			return ctx.fmt.year(Number(value));
		case "financial.gni_share_min":
		case "financial.gni_share_max":
			return gniText(ctx, Number(value), Number(value));
		default:
			return typeof value === "string" ? value : JSON.stringify(value);
	}
}

/** A change as the page tells it: the field's label, and both values as text (null: nothing). */
export interface ToldChange {
	field: string;
	label: string;
	before: string | null;
	after: string | null;
}

export function tellChanges(
	ctx: PageContext,
	names: VersionNames,
	changes: readonly VersionChange[],
): ToldChange[] {
	return changes.map((c) => ({
		field: c.field,
		label: fieldLabel(ctx, c.field),
		before: valueText(ctx, names, c.field, c.before, c.termsBefore),
		after: valueText(ctx, names, c.field, c.after, c.termsAfter),
	}));
}
