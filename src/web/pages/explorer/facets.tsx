/**
 * The explorer's facets: one fieldset of checkboxes per dimension, each value named in the
 * page's language with how many commitments it would give; long lists show their ten
 * largest values (and whatever is ticked) and keep the rest behind a disclosure. The year
 * is a range of two number inputs.
 */
import type {
	FacetBucket,
	FacetDimension,
} from "../../../modules/commitments/commitments.schemas.ts";
import type { PageContext } from "../../context.ts";
import { facetNames, explorer as m } from "../../i18n/explorer.messages.ts";
import { bucketLabel } from "./labels.ts";
import { paramOf, type TickDimension, tickDimensions } from "./state.ts";

/** How many values a long facet shows before "n more". */
export const shownValues = 10;
const long: ReadonlySet<FacetDimension> = new Set(["forum", "maker", "target", "recipient"]);

/** Ids stay the same from one answer to the next, so htmx keeps the focus on the ticked box. */
export function checkboxId(d: FacetDimension, value: string): string {
	return `f-${d}-${value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function Value(props: { ctx: PageContext; d: TickDimension; bucket: FacetBucket }) {
	const { ctx, d, bucket } = props;
	const id = checkboxId(d, bucket.value);
	// Database names (forums, makers) are shown as stored, in their own direction.
	const stored = d === "forum" || d === "maker";
	return (
		<li data-count={bucket.count}>
			<input
				type="checkbox"
				id={id}
				name={paramOf[d]}
				value={bucket.value}
				checked={bucket.selected}
			/>{" "}
			<label for={id}>
				<span dir={stored ? "auto" : undefined}>{bucketLabel(ctx, d, bucket)}</span>{" "}
				<span class="facet-count">({ctx.fmt.number(bucket.count)})</span>
			</label>
		</li>
	);
}

function Facet(props: { ctx: PageContext; d: TickDimension; buckets: FacetBucket[] }) {
	const { ctx, d, buckets } = props;
	if (buckets.length === 0) return null;
	let shown = buckets;
	let rest: FacetBucket[] = [];
	if (long.has(d) && buckets.length > shownValues + 2) {
		shown = buckets.filter((b, i) => i < shownValues || b.selected);
		rest = buckets.filter((b, i) => i >= shownValues && !b.selected);
	}
	return (
		<fieldset class="facet" id={`facet-${d}`}>
			<legend>{ctx.t(facetNames[d])}</legend>
			<ul class="facet-values">
				{shown.map((b) => (
					<Value key={b.value} ctx={ctx} d={d} bucket={b} />
				))}
			</ul>
			{rest.length > 0 && (
				<details class="facet-more">
					<summary>{ctx.t(m.more, { n: ctx.fmt.number(rest.length) })}</summary>
					<ul class="facet-values">
						{rest.map((b) => (
							<Value key={b.value} ctx={ctx} d={d} bucket={b} />
						))}
					</ul>
				</details>
			)}
		</fieldset>
	);
}

function YearInput(props: {
	ctx: PageContext;
	name: "year_from" | "year_to";
	value: string;
	error?: string;
	hinted: boolean;
}) {
	const { ctx, name, error } = props;
	return (
		<div class={error ? "field invalid" : "field"}>
			<label for={name}>{ctx.t(name === "year_from" ? m.year_from : m.year_to)}</label>
			{error && (
				<p class="error" id={`${name}-error`}>
					{error}
				</p>
			)}
			<input
				type="number"
				id={name}
				name={name}
				min={1900}
				max={2100}
				step={1}
				inputMode="numeric"
				value={props.value}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={
					[error ? `${name}-error` : null, props.hinted ? "year-hint" : null]
						.filter(Boolean)
						.join(" ") || undefined
				}
			/>
		</div>
	);
}

export function Facets(props: {
	ctx: PageContext;
	facets: Record<FacetDimension, FacetBucket[]>;
	/** The years as typed (kept when wrong, so they can be corrected). */
	years: { year_from: string; year_to: string };
	errors: Record<string, string>;
}) {
	const { ctx, facets } = props;
	const years = facets.year.filter((b) => b.count > 0).map((b) => Number(b.value));
	return (
		<>
			{tickDimensions.map((d) => (
				<Facet key={d} ctx={ctx} d={d} buckets={facets[d]} />
			))}
			<fieldset class="facet facet-years" id="facet-year">
				<legend>{ctx.t(facetNames.year)}</legend>
				{years.length > 0 && (
					<p class="hint small muted" id="year-hint">
						{Math.min(...years) === Math.max(...years)
							? ctx.t(m.year_single_hint, { year: ctx.fmt.year(years[0] as number) })
							: ctx.t(m.year_range_hint, {
									from: ctx.fmt.year(Math.min(...years)),
									to: ctx.fmt.year(Math.max(...years)),
								})}
					</p>
				)}
				<div class="year-inputs">
					<YearInput
						ctx={ctx}
						name="year_from"
						value={props.years.year_from}
						error={props.errors.year_from}
						hinted={years.length > 0}
					/>
					<YearInput
						ctx={ctx}
						name="year_to"
						value={props.years.year_to}
						error={props.errors.year_to}
						hinted={years.length > 0}
					/>
				</div>
			</fieldset>
		</>
	);
}
