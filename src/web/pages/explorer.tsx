/**
 * The commitment explorer: search words, order, facets with their counts, the results a
 * page at a time, the active filters (each removable), and downloads of the selection.
 * One GET form, so every state is an address to share and it all works without
 * JavaScript; with htmx, ticking a box replaces the form (facets and results) in place.
 */
import type {
	CommitmentFacets,
	CommitmentListItem,
	CommitmentListQuery,
} from "../../modules/commitments/commitments.schemas.ts";
import { CommitmentTable } from "../components/commitment-table.tsx";
import { describedBy, FieldFrame } from "../components/form.tsx";
import { Layout } from "../components/layout.tsx";
import { Pager } from "../components/pager.tsx";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { facetNames, explorer as m } from "../i18n/explorer.messages.ts";
import { home } from "../i18n/home.messages.ts";
import type { Message } from "../i18n/messages.ts";
import { Facets } from "./explorer/facets.tsx";
import { bucketLabel } from "./explorer/labels.ts";
import {
	defaultSort,
	downloadHref,
	type ExplorerState,
	explorerPath,
	type TickDimension,
	tickDimensions,
	withFilters,
	without,
} from "./explorer/state.ts";

export interface ExplorerView {
	state: ExplorerState;
	list: { items: CommitmentListItem[]; total: number; page: number; limit: number };
	facets: CommitmentFacets;
	/** Query parameters that could not be used (left out of the search), with the reason. */
	problems: { name: string; message: string }[];
	/** What was typed in the text and year fields, kept as typed when it was refused. */
	typed: { q: string; year_from: string; year_to: string };
	demo: boolean;
}

/** The orders offered after the default one (newest first, or best match when searching). */
const otherSorts: [CommitmentListQuery["sort"], Message][] = [
	["-announced_on", m.sort_newest],
	["announced_on", m.sort_oldest],
	["-committed_usd", m.sort_largest],
	["committed_usd", m.sort_smallest],
	["-gap_usd", m.sort_gap_largest],
	["gap_usd", m.sort_gap_smallest],
	["title", m.sort_title],
	["-title", m.sort_title_desc],
	["-id", m.sort_recent],
	["id", m.sort_added],
];

function SearchBar(props: {
	ctx: PageContext;
	view: ExplorerView;
	errors: Record<string, string>;
}) {
	const { ctx, view, errors } = props;
	const fieldErrors = { message: null, fields: errors };
	// The default order has no value, so that typing words and searching from a page
	// without them gives the best match first; best match needs words, so it is the
	// default only with them, and newest first is the default without.
	const q = view.state.q;
	const fallback = defaultSort(q);
	const offered: [string, Message][] = [
		["", q ? m.sort_relevance : m.sort_newest],
		...otherSorts.filter(([value]) => value !== fallback),
	];
	const current = view.state.sort === fallback ? "" : view.state.sort;
	return (
		<search class="explorer-search">
			<FieldFrame
				ctx={ctx}
				name="q"
				label={ctx.t(m.search_label)}
				hint={ctx.t(m.search_hint)}
				errors={fieldErrors}
			>
				<input
					type="search"
					id="q"
					name="q"
					value={view.typed.q}
					dir="auto"
					maxLength={200}
					aria-invalid={errors.q ? "true" : undefined}
					aria-describedby={describedBy("q", fieldErrors, ctx.t(m.search_hint))}
				/>
			</FieldFrame>
			<FieldFrame ctx={ctx} name="sort" label={ctx.t(m.sort_label)} errors={fieldErrors}>
				<select
					id="sort"
					name="sort"
					aria-invalid={errors.sort ? "true" : undefined}
					aria-describedby={describedBy("sort", fieldErrors)}
				>
					{offered.map(([value, label]) => (
						<option key={value} value={value} selected={value === current}>
							{ctx.t(label)}
						</option>
					))}
				</select>
			</FieldFrame>
			<div class="explorer-search-go">
				<button type="submit">{ctx.t(m.search_button)}</button>
			</div>
		</search>
	);
}

interface ActiveFilter {
	label: string;
	href: string;
	/** The search words: a filter of the results, not one of the drawer's. */
	isSearch?: boolean;
}

function activeFilters(ctx: PageContext, view: ExplorerView): ActiveFilter[] {
	const { state, facets } = view;
	const out: ActiveFilter[] = [];
	const link = (s: ExplorerState) => ctx.href(explorerPath(s));
	if (state.q)
		out.push({
			label: ctx.t(m.search_words, { q: state.q }),
			href: link(withFilters(state, { q: undefined })),
			isSearch: true,
		});
	for (const d of tickDimensions as readonly TickDimension[])
		for (const value of state.selected[d]) {
			const bucket = facets.facets[d].find((b) => b.value === value);
			const name = bucketLabel(ctx, d, { value, label: bucket?.label ?? value });
			out.push({
				label: `${ctx.t(facetNames[d])}: ${name}`,
				href: link(without(state, d, value)),
			});
		}
	const { year_from: from, year_to: to } = state;
	if (from !== undefined || to !== undefined) {
		const label =
			from !== undefined && to !== undefined
				? ctx.t(m.year_range, { from: ctx.fmt.year(from), to: ctx.fmt.year(to) })
				: from !== undefined
					? ctx.t(m.year_since, { from: ctx.fmt.year(from) })
					: ctx.t(m.year_until, { to: ctx.fmt.year(to as number) });
		out.push({
			label,
			href: link(withFilters(state, { year_from: undefined, year_to: undefined })),
		});
	}
	return out;
}

function ActiveFilters(props: { ctx: PageContext; view: ExplorerView }) {
	const { ctx } = props;
	const filters = activeFilters(ctx, props.view);
	if (filters.length === 0) return null;
	return (
		<div class="active-filters" hx-boost="true">
			<h3 id="active-filters-heading">{ctx.t(m.active_filters)}</h3>
			<ul aria-labelledby="active-filters-heading">
				{filters.map((f) => (
					<li key={f.href}>
						<a
							href={f.href}
							class="filter-chip"
							aria-label={ctx.t(m.remove_filter, { label: f.label })}
						>
							<span dir="auto">{f.label}</span> <span aria-hidden="true">×</span>
						</a>
					</li>
				))}
				<li>
					<a href={ctx.href("/commitments")} id="clear-filters">
						{ctx.t(m.clear_all)}
					</a>
				</li>
			</ul>
		</div>
	);
}

function Problems(props: { ctx: PageContext; problems: ExplorerView["problems"] }) {
	if (props.problems.length === 0) return null;
	return (
		<div class="error-summary" role="alert" id="explorer-errors">
			<p>
				<strong>{props.ctx.t(m.bad_query)}</strong>
			</p>
			<ul>
				{props.problems.map((p) => (
					<li key={p.name}>
						{["q", "sort", "year_from", "year_to"].includes(p.name) ? (
							<a href={`#${p.name}`}>{p.message}</a>
						) : (
							p.message
						)}
					</li>
				))}
			</ul>
		</div>
	);
}

/** The form: what htmx swaps (the answer to a request with HX-Request is this alone). */
export function ExplorerForm(props: { ctx: PageContext; view: ExplorerView }) {
	const { ctx, view } = props;
	const { state, list } = view;
	const errors: Record<string, string> = {};
	for (const p of view.problems) errors[p.name] ??= p.message;
	const action = ctx.href("/commitments");
	const chosen = activeFilters(ctx, view).filter((f) => !f.isSearch).length;
	return (
		<form
			id="explorer"
			class="explorer"
			method="get"
			action={action}
			hx-get={action}
			// A closed select fires "change" at every arrow key: the sort waits until the
			// keys stop (or the choice is made with the pointer) before it asks for the page.
			hx-trigger="change from:.facets, change delay:700ms from:#sort, submit"
			hx-target="#explorer"
			hx-select="#explorer"
			hx-swap="outerHTML"
			hx-push-url="true"
			hx-sync="this:replace"
		>
			<SearchBar ctx={ctx} view={view} errors={errors} />
			<Problems ctx={ctx} problems={view.problems} />
			<div class="explorer-grid">
				<section class="facets" aria-labelledby="facets-heading">
					{/* A drawer on a phone (assets/explorer.js closes it there), so that the
					    results are on the first screen; sent open, so that without
					    JavaScript, and beside the results on a wide screen, every filter shows. */}
					<details id="filters-drawer" class="filters-drawer" open>
						<summary>
							<h2 id="facets-heading">{ctx.t(m.filters)}</h2>
							{chosen > 0 && (
								<span class="small muted">
									{" "}
									({ctx.t(m.filters_chosen, { n: ctx.fmt.number(chosen) })})
								</span>
							)}
						</summary>
						<p class="to-results">
							<a href="#results-heading">
								{ctx.t(m.to_results, { n: ctx.fmt.number(list.total) })}
							</a>
						</p>
						<p class="small muted">{ctx.t(m.filters_hint)}</p>
						<Facets
							ctx={ctx}
							facets={view.facets.facets}
							years={{ year_from: view.typed.year_from, year_to: view.typed.year_to }}
							errors={errors}
						/>
						<button type="submit" id="apply-filters">
							{ctx.t(m.apply)}
						</button>
					</details>
				</section>
				<section class="results" aria-labelledby="results-heading">
					<h2 id="results-heading">{ctx.t(m.results)}</h2>
					<p id="result-count" role="status" data-total={list.total}>
						<strong>{ctx.t(m.result_count, { n: ctx.fmt.number(list.total) })}</strong>
					</p>
					<ActiveFilters ctx={ctx} view={view} />
					<p class="downloads small">
						{ctx.t(m.downloads)}:{" "}
						<a href={downloadHref(state, "csv")} id="download-csv" type="text/csv">
							{ctx.t(common.download_csv)}
						</a>{" "}
						·{" "}
						<a href={downloadHref(state, "json")} id="download-json" type="application/json">
							{ctx.t(common.download_json)}
						</a>
					</p>
					{list.total === 0 ? (
						<p class="muted">{ctx.t(m.no_results)}</p>
					) : (
						<CommitmentTable ctx={ctx} items={list.items} />
					)}
					<div hx-boost="true">
						<Pager
							ctx={ctx}
							page={list.page}
							total={list.total}
							limit={list.limit}
							hrefFor={(page) => ctx.href(explorerPath({ ...state, page }))}
						/>
					</div>
				</section>
			</div>
		</form>
	);
}

export function ExplorerPage(props: { ctx: PageContext; view: ExplorerView }) {
	const { ctx, view } = props;
	return (
		<Layout
			ctx={ctx}
			title={ctx.t(m.title)}
			description={ctx.t(m.description)}
			feeds={[{ title: ctx.t(home.feed_title), href: "/feeds/all.atom" }]}
			htmx
			scripts={["explorer.js"]}
			section="explore"
		>
			<h1>{ctx.t(m.title)}</h1>
			{view.demo && <p class="notice">{ctx.t(common.demo_notice)}</p>}
			<ExplorerForm ctx={ctx} view={view} />
		</Layout>
	);
}
