/**
 * Inconsistency flags: what each kind means, and the plain sentence that explains one
 * flag with its figures. Pure: the repository finds the commitments that break a rule,
 * the service turns what it found into flags with these helpers.
 */
import { formatMinorUnits } from "../../lib/money.ts";

export const flagKinds = [
	"overlap_without_relation",
	"parts_exceed_whole",
	"delivered_above_commitment",
	"deadline_passed_no_report",
	"amount_incomplete",
	"not_converted",
] as const;
export type FlagKind = (typeof flagKinds)[number];

/** The rule behind each kind, for the API documentation and the pages. */
export const flagRules: Record<FlagKind, string> = {
	overlap_without_relation:
		"Two public financial commitments by the same maker for the same goal, whose periods overlap (an increase over a baseline year in its target year alone), of the same kind of money (aid, or a mix holding aid, is not the same money as a guarantee, private investment or a domestic budget), with no relation between them (reaffirms, supersedes, part_of, overlaps) and not counted in one tree: flagged on the later one, naming the earlier.",
	parts_exceed_whole:
		"The commitments that are part of a collective whole add up to more than the whole (US dollars at constant prices, converted parts only): flagged on the whole, naming the parts.",
	delivered_above_commitment:
		"Disbursements reported or linked (for a counted commitment, with those of the commitments counted in it) exceed what was committed (US dollars at constant prices).",
	deadline_passed_no_report:
		"The period end or the policy deadline is before today, and no progress report has been filed.",
	amount_incomplete:
		"An amount is stated without a currency or without saying whether it is in current or constant prices.",
	not_converted:
		"The commitment's amount, a reported amount or a linked transaction could not be converted to US dollars: it is left out of the sums.",
};

/** Only what the public sees as live is checked: drafts are unfinished, withdrawals count nowhere. */
export const checkedStatuses = ["published", "completed"] as const;

/**
 * Figures converted year by year are each rounded to the cent, so sums that are equal in
 * the original currency may differ by a few cents: differences up to one dollar are not flagged.
 */
export const roundingToleranceCents = 100;

export interface CommitmentRef {
	id: number;
	slug: string;
	title: string;
}

export interface Flag {
	kind: FlagKind;
	commitment: CommitmentRef;
	related: CommitmentRef[];
	explanation: string;
	detected_on: string;
}

/** A flag as found, before its commitments are named. */
export interface Finding {
	kind: FlagKind;
	commitmentId: number;
	relatedIds: number[];
	explanation: string;
}

// ---- periods ----

export interface PeriodTerms {
	period_start: string | null;
	period_end: string | null;
	announced_on: string | null;
	increase_over_year?: number | null;
}

/**
 * The days a pledge's money covers: from its period start (else its announcement) to
 * its period end (else the 31 December of the year it starts). An increase over a
 * baseline year ("+US$50bn a year by 2010 over 2004") promises its money in its target
 * year alone (docs/methodology.md, section 3b): that year is its period here. Null when
 * nothing dates it.
 */
export function effectivePeriod(c: PeriodTerms): { start: string; end: string } | null {
	if (c.increase_over_year != null && c.period_end !== null)
		return { start: `${c.period_end.slice(0, 4)}-01-01`, end: c.period_end };
	const start = c.period_start ?? c.announced_on;
	if (start === null) return null;
	return { start, end: c.period_end ?? `${start.slice(0, 4)}-12-31` };
}

/** "in 2005" or "over 2005-2010". */
export function periodText(p: { start: string; end: string }): string {
	const [from, to] = [p.start.slice(0, 4), p.end.slice(0, 4)];
	return from === to ? `in ${from}` : `over ${from}-${to}`;
}

/** Years as a short phrase: [2008, 2010, 2011, 2012] -> "2008 and 2010-2012". */
export function yearsText(years: readonly number[]): string {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	const runs: string[] = [];
	for (let i = 0; i < sorted.length; ) {
		let j = i;
		while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
		runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
		i = j + 1;
	}
	return listText(runs);
}

/** Every year from one date's year to another's. */
export function yearsBetween(start: string, end: string): number[] {
	const out: number[] = [];
	for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) out.push(y);
	return out;
}

// ---- words and figures ----

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
	if (items.length <= 1) return items.join("");
	return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Thousands separated: "1234567.50" -> "1,234,567.50". */
function grouped(decimal: string): string {
	const [whole = "", fraction] = decimal.split(".");
	const sign = whole.startsWith("-") ? "-" : "";
	const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
	return `${sign}${digits}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** US cents as whole dollars, for sentences: 123456789 -> "USD 1,234,568". */
export function usdText(cents: number): string {
	return `USD ${grouped(String(Math.round(cents / 100)))}`;
}

/** An amount as stated: "GBP 50,000,000" (minor units shown only when there are any). */
export function amountText(minor: number, currency: string | null): string {
	if (currency === null) return `${grouped(String(minor))} in minor units of no stated currency`;
	return `${currency} ${grouped(formatMinorUnits(minor, currency).replace(/\.0+$/, ""))}`;
}

/** "MDG 8 (Global partnership for development)". */
export function goalText(id: string, shortTitle: string | null): string {
	const [framework = "", code = ""] = id.split(":");
	const label = `${framework.toUpperCase()} ${code}`;
	return shortTitle ? `${label} (${shortTitle})` : label;
}

const constantPrices = (baseYear: number) => `US dollars at constant ${baseYear} prices`;

// ---- explanations ----

export function overlapExplanation(f: {
	goals: string[];
	makers: string[];
	period: { start: string; end: string };
	earlierTitle: string;
	earlierOn: string;
}): string {
	const makers =
		f.makers.length === 1
			? `the same maker, ${f.makers[0]}`
			: `the same makers, ${listText(f.makers)}`;
	return (
		`Announces money for ${listText(f.goals)} ${periodText(f.period)}, which overlaps ` +
		`'${f.earlierTitle}' (${f.earlierOn.slice(0, 4)}) by ${makers}, with no relation saying ` +
		"whether it is new money, a reaffirmation or part of it: the two may count the same money twice."
	);
}

export function partsExplanation(f: {
	parts: number;
	partsTotal: number;
	whole: number;
	unconvertedParts: number;
	baseYear: number;
}): string {
	const left =
		f.unconvertedParts > 0
			? ` (${plural(f.unconvertedParts, "more part", "more parts")} could not be converted and ${f.unconvertedParts === 1 ? "is" : "are"} left out)`
			: "";
	return (
		`The ${plural(f.parts, "commitment", "commitments")} that are part of it add up to ` +
		`${usdText(f.partsTotal)}${left}, more than its own ${usdText(f.whole)} ` +
		`(${constantPrices(f.baseYear)}): a part or the whole is misstated, or a part does not belong to it.`
	);
}

export function deliveredExplanation(f: {
	delivered: number;
	committed: number;
	withTree: boolean;
	baseYear: number;
}): string {
	const whose = f.withTree
		? " for it and for the commitments counted in it (reaffirmations, parts, overlapping and superseded pledges)"
		: "";
	const percent = Math.round((f.delivered / f.committed) * 100);
	// Just above reads better as "more than" than as a rounded 100%.
	const share = percent > 100 ? `${percent}% of` : "more than";
	return (
		`Disbursements of ${usdText(f.delivered)} have been reported or linked${whose}, ` +
		`${share} the ${usdText(f.committed)} committed (${constantPrices(f.baseYear)}): ` +
		"the commitment may be understated, or the same disbursements counted twice."
	);
}

export function deadlineExplanation(f: {
	periodEnd: string | null;
	policyDeadline: string | null;
}): string {
	const { periodEnd: end, policyDeadline: deadline } = f;
	const when =
		end && deadline
			? end === deadline
				? `Its period ended on ${end}, its policy deadline too`
				: `Its period ended on ${end} and its policy deadline was ${deadline}`
			: end
				? `Its period ended on ${end}`
				: `Its policy deadline was ${deadline}`;
	return `${when}, yet no progress report has been filed: nobody has said what became of it.`;
}

export function amountExplanation(f: {
	amountMinor: number;
	currency: string | null;
	priceBasis: string | null;
}): string {
	const amount = amountText(f.amountMinor, f.currency);
	if (f.currency === null)
		return `States an amount (${amount}) with no currency${f.priceBasis === null ? " and no price basis" : ""}: it cannot be converted to US dollars or added to any total.`;
	return (
		`States an amount (${amount}) without saying whether it is in current or constant prices: ` +
		"it is read as current prices of each year, which may misstate its value over time."
	);
}

/** Where the exchange rates and deflators stop: asked of the shipped tables. */
export interface RateCoverage {
	hasRate(currency: string, year: number): boolean;
	hasDeflator(year: number): boolean;
}

/**
 * What was missing to convert an amount in `currency`, as phrases: the exchange rate of
 * each year it is converted at, and the deflator of each year it is moved through.
 */
export function missingRates(
	currency: string | null,
	years: { rate: readonly number[]; deflator: readonly number[] },
	coverage: RateCoverage,
): string[] {
	if (currency === null) return ["an amount has no currency"];
	const noRate = years.rate.filter((y) => !coverage.hasRate(currency, y));
	const noDeflator = years.deflator.filter((y) => !coverage.hasDeflator(y));
	const out = [
		...(noRate.length ? [`no exchange rate for ${currency} in ${yearsText(noRate)}`] : []),
		...(noDeflator.length ? [`no price deflator for ${yearsText(noDeflator)}`] : []),
	];
	const all = [...years.rate, ...years.deflator];
	// Nothing found missing (a table changed since the figures were computed): say what failed.
	return out.length || all.length === 0
		? out
		: [`no exchange rate or deflator for ${currency} in ${yearsText(all)}`];
}

export function notConvertedExplanation(f: { count: number; reasons: string[] }): string {
	const why = f.reasons.length ? ` (${[...new Set(f.reasons)].join("; ")})` : "";
	const they = f.count === 1 ? "it is" : "they are";
	return `${plural(f.count, "amount", "amounts")} could not be converted to US dollars${why}: ${they} left out of the sums, not counted as zero.`;
}

/** Flags of one commitment together, newest commitments first, in the order of the kinds. */
export function compareFlags(
	a: Flag & { announced_on: string | null },
	b: Flag & { announced_on: string | null },
): number {
	const on = (x: string | null) => x ?? "";
	if (on(a.announced_on) !== on(b.announced_on))
		return on(a.announced_on) < on(b.announced_on) ? 1 : -1;
	if (a.commitment.id !== b.commitment.id) return b.commitment.id - a.commitment.id;
	if (a.kind !== b.kind) return flagKinds.indexOf(a.kind) - flagKinds.indexOf(b.kind);
	return (a.related[0]?.id ?? 0) - (b.related[0]?.id ?? 0);
}
