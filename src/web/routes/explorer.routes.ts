/**
 * The commitment explorer at /:lang/commitments. Its query parameters are the API list's
 * filters, so an address from the page and one from the API select the same commitments.
 * A parameter that cannot be used is left out and named above the results (status 400);
 * a request from htmx (HX-Request) gets the form alone, to swap in place.
 */
import { renderToString } from "preact-render-to-string";
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { commitmentListQuery } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import {
	defaultSort,
	explorerPath,
	isUntidy,
	type RawQuery,
	stateOf,
	tidyQuery,
} from "../pages/explorer/state.ts";
import { ExplorerForm, ExplorerPage, type ExplorerView } from "../pages/explorer.tsx";

function first(v: string | string[] | undefined): string {
	return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** Query parameters as the list schema reads them: a repeated one is a list. */
function grouped(params: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of params) {
		const had = out[k];
		out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
	}
	return out;
}

/** At most this many rounds of leaving out a refused parameter (there are 15 parameters). */
const maxRounds = 16;

/**
 * Lists and counts the selection. A parameter the schema or the service refuses is left
 * out and the rest is tried again, so a bad year still shows the other filters' results.
 */
export async function explore(
	services: Services,
	raw: RawQuery,
): Promise<{ view: Omit<ExplorerView, "demo">; status: number }> {
	const typed = { q: first(raw.q), year_from: first(raw.year_from), year_to: first(raw.year_to) };
	const input = grouped(tidyQuery(raw));
	const problems: FieldProblem[] = [];
	for (let round = 0; round < maxRounds; round++) {
		if (input.sort === undefined)
			input.sort = defaultSort(typeof input.q === "string" ? input.q : undefined);
		if (input.sort === "relevance" && input.q === undefined) input.sort = defaultSort(undefined);
		try {
			const query = parseInput(commitmentListQuery, input, "query parameter");
			const { sort: _sort, page: _page, limit: _limit, ...filters } = query;
			const [list, facets] = await Promise.all([
				services.commitments.list(query),
				services.commitments.facets(filters),
			]);
			return {
				view: { state: stateOf(query, facets), list, facets, problems, typed },
				status: problems.length ? 400 : 200,
			};
		} catch (error) {
			if (!(error instanceof AppError) || error.code !== "invalid_input") throw error;
			const refused = error.fields.filter((f) => f.name in input);
			// Nothing to leave out: the request as a whole is wrong.
			if (refused.length === 0) throw error;
			for (const f of refused) {
				if (!problems.some((p) => p.name === f.name)) problems.push(f);
				delete input[f.name];
			}
		}
	}
	throw new AppError("invalid_input", problems.map((p) => p.message).join("; "), {
		fields: problems,
	});
}

export function explorerRoutes(pages: PageRouter, services: Services): void {
	pages.get("/commitments", async ({ ctx, request, reply, query }) => {
		const fromHtmx =
			request.headers["hx-request"] === "true" &&
			request.headers["hx-history-restore-request"] !== "true";
		// A form sends its empty fields too (q=&year_from=): go to the tidy address instead,
		// the one to share. htmx is told the tidy address to show (HX-Push-Url) instead.
		if (!fromHtmx && isUntidy(query)) {
			const qs = tidyQuery(query).toString();
			return reply
				.header("cache-control", "public, max-age=60")
				.redirect(ctx.href(qs ? `/commitments?${qs}` : "/commitments"), 302);
		}
		if (fromHtmx) {
			const { view } = await explore(services, query);
			// Swapped in place: htmx leaves 4xx answers unswapped, so the refusal is shown at 200.
			return reply
				.status(200)
				.type("text/html; charset=utf-8")
				.header("cache-control", "private, no-store")
				.header("vary", "HX-Request, Cookie")
				.header("hx-push-url", ctx.href(explorerPath(view.state)))
				.send(renderToString(ExplorerForm({ ctx, view: { ...view, demo: false } })));
		}
		const [{ view, status }, demoAt] = await Promise.all([
			explore(services, query),
			services.demo.loadedAt(),
		]);
		return { page: ExplorerPage({ ctx, view: { ...view, demo: demoAt !== null } }), status };
	});
}
