/**
 * The commitment form and the commitment service's input, both ways: a stored
 * commitment as the form's fields, a posted form as the input of create and update
 * (nested financial and policy terms, lists typed as codes).
 */

import type { Language } from "../../../lib/languages.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import { typedDecimal, typedNumber } from "../../i18n/numbers.ts";
import { codes, type FormValues, list, numberOrText, optional, rows, text } from "./form-values.ts";
import type { NameBook } from "./name-book.ts";

/** Fields typed as one list whose problems name an element (targets.2): shown at the field. */
export const commitmentListFields = [
	"makers",
	"goals",
	"targets",
	"recipients",
	"sectors",
] as const;

export const financialFields = [
	"amount",
	"currency",
	"frequency",
	"increase_over_year",
	"price_basis",
	"price_base_year",
	"period_start",
	"period_end",
	"additionality",
	"flow_type",
	"gni_share_min",
	"gni_share_max",
	"statistics_provider",
	"statistics_reason",
	"note",
] as const;
export const policyFields = ["target", "baseline", "deadline"] as const;
export const sourceFields = ["title", "url", "document_symbol", "published_on"] as const;

const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/**
 * The kind of text and, for a verbatim one, where its words are. The form numbers its
 * source rows from 1 (blank: the first); the service counts the sources it is given
 * (blank rows left out) from 0. A summary quotes nothing, whatever was typed.
 */
function quoteOf(values: FormValues, lang: Language, sourceRows: number[]) {
	const kind = text(values, "text_kind") || "summary";
	if (kind !== "verbatim") return { text_kind: kind };
	const typed = text(values, "quote.source").trim();
	const n = typed === "" ? 1 : typedNumber(typed, lang);
	const given = typeof n === "number" && Number.isInteger(n) ? sourceRows.indexOf(n - 1) : -1;
	return {
		text_kind: kind,
		quote: {
			// A row with no source (or not a number) goes on as typed, for the service to name.
			source: given >= 0 ? given : typeof n === "number" ? n - 1 : typed,
			locator: text(values, "quote.locator"),
		},
	};
}

/** A stored commitment as the edit form's fields. */
export function commitmentValues(d: CommitmentDetail, book: NameBook): FormValues {
	const v: FormValues = {
		title: d.title,
		text: d.text,
		text_kind: d.text_kind,
		// The source as the form counts it, from 1.
		"quote.source": d.quote ? String(d.quote.source + 1) : "",
		"quote.locator": d.quote?.locator ?? "",
		kind: d.kind,
		makers: d.makers.map((m) => m.slug),
		forum: d.forum?.slug ?? "",
		announced_on: str(d.announced_on),
		goals: d.goals,
		targets: d.targets,
		// By name in the page's language, as the form takes them back.
		recipients: book.recipientNames(
			d.recipients.map((r) => (r.kind === "global" ? "global" : str(r.code))),
		),
		sectors: book.sectorNames(d.sectors.map((s) => s.code)),
	};
	const f = d.financial;
	if (f) for (const k of financialFields) v[`financial.${k}`] = str(f[k]);
	const p = d.policy;
	if (p) for (const k of policyFields) v[`policy.${k}`] = str(p[k]);
	d.sources.forEach((s, i) => {
		for (const k of sourceFields) v[`sources.${i}.${k}`] = str(s[k]);
	});
	return v;
}

/** A recipient code as the service takes it: a country, a region (digits), a group, or global. */
export function recipientOf(
	code: string,
	groups: ReadonlySet<string>,
): { kind: "country" | "region" | "group" | "global"; code?: string } {
	if (code.toLowerCase() === "global") return { kind: "global" };
	if (groups.has(code.toUpperCase())) return { kind: "group", code: code.toUpperCase() };
	if (/^\d+$/.test(code)) return { kind: "region", code };
	return { kind: "country", code: code.toUpperCase() };
}

/**
 * A posted commitment form as the service's input. Financial terms go with a financial
 * (or both) commitment, policy terms with a policy (or both) one; what the service
 * rejects is reported by its own validation, next to the field.
 */
export function commitmentInputOf(
	values: FormValues,
	groups: ReadonlySet<string>,
	lang: Language,
	book: NameBook,
): { input: Record<string, unknown>; sourceRows: number[] } {
	const kind = text(values, "kind");
	const fin = (k: string) => `financial.${k}`;
	// Amounts and shares as the page's language writes them ("0,7" on a French page).
	const decimal = (name: string) => {
		const typed = optional(values, name);
		return typed === null ? null : typedDecimal(typed, lang);
	};
	const share = (name: string) => {
		const typed = optional(values, name);
		return typed === null ? null : typedNumber(typed, lang);
	};
	let gniMax = share(fin("gni_share_max"));
	const gniMin = share(fin("gni_share_min"));
	// One share typed (0.7% of GNI) is a range of one figure.
	if (gniMax === null && gniMin !== null) gniMax = gniMin;
	const financial =
		kind === "policy"
			? null
			: {
					amount: decimal(fin("amount")),
					currency: optional(values, fin("currency"))?.toUpperCase() ?? null,
					frequency: optional(values, fin("frequency")),
					increase_over_year: numberOrText(values, fin("increase_over_year")),
					price_basis: optional(values, fin("price_basis")),
					price_base_year: numberOrText(values, fin("price_base_year")),
					period_start: optional(values, fin("period_start")),
					period_end: optional(values, fin("period_end")),
					additionality: optional(values, fin("additionality")) ?? "unspecified",
					flow_type: optional(values, fin("flow_type")) ?? "oda",
					gni_share_min: gniMin,
					gni_share_max: gniMax,
					statistics_provider: optional(values, fin("statistics_provider"))?.toUpperCase() ?? null,
					statistics_reason: optional(values, fin("statistics_reason")),
					note: optional(values, fin("note")),
				};
	const policy =
		kind === "financial"
			? null
			: {
					target: text(values, "policy.target").trim(),
					baseline: optional(values, "policy.baseline"),
					deadline: optional(values, "policy.deadline"),
				};
	const sources = rows(values, "sources", sourceFields);
	return {
		input: {
			title: text(values, "title"),
			text: text(values, "text"),
			...quoteOf(
				values,
				lang,
				sources.map((r) => r.index),
			),
			kind,
			makers: list(values, "makers").filter(Boolean),
			forum: optional(values, "forum"),
			announced_on: optional(values, "announced_on"),
			goals: list(values, "goals").filter(Boolean),
			// Ticked by name (one value each), or typed as codes separated by commas.
			targets: list(values, "targets").flatMap(codes),
			recipients: book.recipients(text(values, "recipients")).map((c) => recipientOf(c, groups)),
			sectors: book.sectors(text(values, "sectors")),
			financial,
			policy,
			sources: sources.map(({ row }) => ({ ...row, title: row.title ?? "" })),
		},
		sourceRows: sources.map((s) => s.index),
	};
}
