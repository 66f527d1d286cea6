/**
 * The explorer's state as the URL carries it: the list filters, the search words, the
 * order and the page. Built from what the services understood (the facets' selected
 * values, the parsed query), so every link the page writes is canonical and shareable.
 */
import type {
	CommitmentFacets,
	CommitmentListQuery,
	FacetDimension,
} from "../../../modules/commitments/commitments.schemas.ts";

/** The facet dimensions chosen by ticking values (the year is a range of two inputs). */
export const tickDimensions = [
	"goal",
	"target",
	"forum_kind",
	"forum",
	"maker_kind",
	"maker",
	"recipient",
	"kind",
	"delivery",
	"status",
] as const satisfies readonly FacetDimension[];
export type TickDimension = (typeof tickDimensions)[number];

/** The list filter each dimension sets (the facet "maker" is the list's stakeholder filter). */
export const paramOf: Record<TickDimension, string> = {
	goal: "goal",
	target: "target",
	forum_kind: "forum_kind",
	forum: "forum",
	maker_kind: "maker_kind",
	maker: "stakeholder",
	recipient: "recipient",
	kind: "kind",
	delivery: "delivery",
	status: "status",
};

export const defaultLimit = 20;

export interface ExplorerState {
	selected: Record<TickDimension, string[]>;
	year_from?: number;
	year_to?: number;
	q?: string;
	sort: CommitmentListQuery["sort"];
	page: number;
	limit: number;
}

/** The order used when none is asked: best match when searching, newest first otherwise. */
export function defaultSort(q: string | undefined): CommitmentListQuery["sort"] {
	return q ? "relevance" : "-announced_on";
}

export function stateOf(query: CommitmentListQuery, facets: CommitmentFacets): ExplorerState {
	const selected = Object.fromEntries(
		tickDimensions.map((d) => [d, facets.facets[d].filter((b) => b.selected).map((b) => b.value)]),
	) as Record<TickDimension, string[]>;
	return {
		selected,
		year_from: query.year_from,
		year_to: query.year_to,
		q: query.q,
		sort: query.sort,
		page: query.page,
		limit: query.limit,
	};
}

/** The filters of a state as query parameters, without order and paging. */
export function filterParams(state: ExplorerState): URLSearchParams {
	const params = new URLSearchParams();
	if (state.q) params.append("q", state.q);
	for (const d of tickDimensions) for (const v of state.selected[d]) params.append(paramOf[d], v);
	if (state.year_from !== undefined) params.append("year_from", String(state.year_from));
	if (state.year_to !== undefined) params.append("year_to", String(state.year_to));
	return params;
}

/** The page's parameters: the filters, then the order and page when they are not the default. */
export function pageParams(state: ExplorerState): URLSearchParams {
	const params = filterParams(state);
	if (state.sort !== defaultSort(state.q)) params.append("sort", state.sort);
	if (state.limit !== defaultLimit) params.append("limit", String(state.limit));
	if (state.page > 1) params.append("page", String(state.page));
	return params;
}

/** The path of a state ("/commitments?goal=sdg%3A3"), to prefix with the language. */
export function explorerPath(state: ExplorerState): string {
	const qs = pageParams(state).toString();
	return qs ? `/commitments?${qs}` : "/commitments";
}

/** A change of filters starts again at page 1. */
export function withFilters(state: ExplorerState, change: Partial<ExplorerState>): ExplorerState {
	const next = { ...state, ...change, page: 1 };
	// Best match needs words; without them the default order applies.
	if (!next.q && next.sort === "relevance") next.sort = defaultSort(undefined);
	return next;
}

export function without(state: ExplorerState, d: TickDimension, value: string): ExplorerState {
	return withFilters(state, {
		selected: { ...state.selected, [d]: state.selected[d].filter((v) => v !== value) },
	});
}

/** The API's download of the whole selection: same filters and order, no paging. */
export function downloadHref(state: ExplorerState, format: "csv" | "json"): string {
	const params = new URLSearchParams({ format });
	for (const [k, v] of filterParams(state)) params.append(k, v);
	if (state.sort !== "-announced_on") params.append("sort", state.sort);
	return `/api/v1/commitments?${params}`;
}

/** Raw query values with the empties a GET form sends (q=&year_from=) left out. */
export type RawQuery = Record<string, string | string[] | undefined>;

export function withoutEmpties(raw: RawQuery): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(raw)) {
		if (Array.isArray(v)) {
			const kept = v.filter((s) => s.trim() !== "");
			if (kept.length) out[k] = kept.length === 1 ? (kept[0] as string) : kept;
		} else if (v !== undefined && v.trim() !== "") out[k] = v;
	}
	return out;
}

/**
 * The query as the page reads it: empties out, the order the page would choose by default
 * left implicit, page 1 implicit. Applying it twice changes nothing, so the page can send
 * a form's raw submission to this tidy address without ever looping.
 */
export function tidyQuery(raw: RawQuery): URLSearchParams {
	const kept = withoutEmpties(raw);
	const q = typeof kept.q === "string" ? kept.q.trim() : undefined;
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(kept)) {
		if (k === "sort" && (v === defaultSort(q) || (v === "relevance" && !q))) continue;
		if (k === "page" && v === "1") continue;
		for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
	}
	return params;
}

/** Whether the raw query differs from its tidy form (then the page redirects to it). */
export function isUntidy(raw: RawQuery): boolean {
	const count = Object.values(raw).reduce<number>(
		(n, v) => n + (v === undefined ? 0 : Array.isArray(v) ? v.length : 1),
		0,
	);
	return [...tidyQuery(raw)].length !== count;
}
