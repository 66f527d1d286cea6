/**
 * What the share-of-income views share (the commitment page and the stakeholder page):
 * percent of GNI and US dollars written the page's way, a missing figure shown as missing
 * (never as zero), the basis of a figure in words, and the sources of the figures as one
 * numbered list that each row of a table points into.
 */
import { niceTicks } from "../charts/index.ts";
import type { PageContext } from "../context.ts";
import { intlTag } from "../i18n/locale.ts";
import { basisNames, share as sm } from "../i18n/share.messages.ts";

/** One published source of a figure, as the statistics give it. */
export interface FigureSource {
	source: string;
	source_url: string | null;
	published_on: string | null;
}

const percents = new Map<string, Intl.NumberFormat>();

function percentFormat(ctx: PageContext, digits: number): Intl.NumberFormat {
	const key = `${ctx.lang}:${digits}`;
	let f = percents.get(key);
	if (!f) {
		f = new Intl.NumberFormat(intlTag(ctx.lang), {
			style: "percent",
			minimumFractionDigits: digits,
			maximumFractionDigits: digits,
		});
		percents.set(key, f);
	}
	return f;
}

/**
 * A share given in percent (0.7 means 0.7 % of GNI), at `digits` decimals: two in tables
 * and sentences, as the OECD publishes the ratio and as the status rule compares it.
 */
export function pctOf(ctx: PageContext, value: number, digits = 2): string {
	return percentFormat(ctx, digits).format(value / 100);
}

/** A target as stated: one figure, or a range ("0.15 %–0.20 %"). */
export function targetText(ctx: PageContext, target: { min: number; max: number }): string {
	// formatRange writes the range the language's way (and keeps it in order in Arabic).
	return target.min === target.max
		? pctOf(ctx, target.min)
		: percentFormat(ctx, 2).formatRange(target.min / 100, target.max / 100);
}

/** Whole US dollars from the API's decimal string; null stays null. */
export function usdOf(ctx: PageContext, value: string | null): string | null {
	return value === null ? null : ctx.fmt.money(Number(value), "USD");
}

/** A cell's figure, or "—" said as "not published" (or another reason) when there is none. */
export function Value(props: { text: string | null; missing: string }) {
	if (props.text !== null) return <>{props.text}</>;
	return (
		<>
			<span aria-hidden="true">—</span>
			<span class="chart-sr-only">{props.missing}</span>
		</>
	);
}

export function basisText(ctx: PageContext, basis: string | null): string | null {
	if (basis === null) return null;
	const name = basisNames[basis];
	return name ? ctx.t(name) : basis;
}

/** The distinct sources of a set of years, numbered in order of first use. */
export class SourceIndex {
	private readonly byKey = new Map<string, number>();
	readonly list: FigureSource[] = [];

	/** The numbers of these sources, adding the new ones. */
	numbers(sources: readonly FigureSource[]): number[] {
		return sources.map((s) => {
			const key = `${s.source}\u0000${s.source_url ?? ""}\u0000${s.published_on ?? ""}`;
			let n = this.byKey.get(key);
			if (n === undefined) {
				this.list.push(s);
				n = this.list.length;
				this.byKey.set(key, n);
			}
			return n;
		});
	}
}

/** A row's sources: links to their entries in the list below the table. */
export function SourceRefs(props: { ctx: PageContext; id: string; numbers: number[] }) {
	const { ctx } = props;
	if (!props.numbers.length) return <span aria-hidden="true">—</span>;
	return (
		<span class="source-refs">
			{props.numbers.map((n, i) => (
				<span key={n}>
					{i > 0 && " "}
					<a href={`#${props.id}-${n}`}>{ctx.t(sm.source_ref, { n: ctx.fmt.number(n) })}</a>
				</span>
			))}
		</span>
	);
}

/** The numbered sources: what each is (in its own English words), its link and publication date. */
export function SourceList(props: { ctx: PageContext; id: string; index: SourceIndex }) {
	const { ctx, index } = props;
	if (!index.list.length) return null;
	return (
		<>
			<h3 id={`${props.id}-heading`}>{ctx.t(sm.sources_heading)}</h3>
			<p class="muted small">{ctx.t(sm.source_in_english)}</p>
			<ol class="source-list" aria-labelledby={`${props.id}-heading`}>
				{index.list.map((s, i) => (
					<li key={s.source + String(i)} id={`${props.id}-${i + 1}`}>
						<span lang="en" dir="ltr">
							{s.source_url ? (
								<a href={s.source_url} rel="external noopener">
									{s.source}
								</a>
							) : (
								s.source
							)}
						</span>
						{s.published_on && (
							<span class="muted">
								{" · "}
								{ctx.t(sm.published, { date: ctx.fmt.date(s.published_on) })}
							</span>
						)}
					</li>
				))}
			</ol>
		</>
	);
}

/** Decimals a tick step needs (0.25 → 2, 0.1 → 1, 1 → 0). */
function decimalsOf(step: number): number {
	for (let d = 0; d < 6; d++)
		if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
	return 6;
}

/** The axis formatter for shares: as many decimals as the ticks of these values need, all alike. */
export function axisPct(ctx: PageContext, values: Iterable<number | null>): (n: number) => string {
	const digits = decimalsOf(niceTicks(values, 5).step || 1);
	return (n) => pctOf(ctx, n, digits);
}

/** A provider in the page's language when it is a country; a collective by its own (English) name. */
export function providerName(
	ctx: PageContext,
	p: { code: string; name: string },
	isCountry: boolean,
): string {
	return isCountry && /^[A-Z]{2}$/.test(p.code) ? ctx.fmt.country(p.code) : p.name;
}

/** When a target is due, in words: a deadline, a period, or every year from a start. */
export function dueText(
	ctx: PageContext,
	s: {
		target: { min: number; max: number };
		first_due_year: number | null;
		deadline_year: number | null;
	},
): string {
	const target = targetText(ctx, s.target);
	const first = s.first_due_year;
	const deadline = s.deadline_year;
	if (deadline !== null && (first === null || first === deadline))
		return ctx.t(sm.due_in, { target, year: ctx.fmt.year(deadline) });
	if (deadline !== null && first !== null)
		return ctx.t(sm.due_between, { target, from: ctx.fmt.year(first), to: ctx.fmt.year(deadline) });
	if (first !== null) return ctx.t(sm.due_from, { target, year: ctx.fmt.year(first) });
	return ctx.t(sm.of_gni, { target });
}
