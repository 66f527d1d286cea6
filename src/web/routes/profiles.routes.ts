/**
 * The profile pages: a stakeholder, a country, the goals, a goal or a target, a forum, and
 * the world map of delivery by recipient. Every figure comes from the analytics service,
 * the same as the API gives for the same key; an unknown slug or code is a 404 page.
 */
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { parseInput } from "../../lib/validation.ts";
import { deliveryQuery } from "../../modules/analytics/analytics.schemas.ts";
import { type GroupSort, groupSorts } from "../../modules/analytics/group.sort.ts";
import {
	normalizeGoalCode,
	normalizeTargetCode,
} from "../../modules/commitments/commitments.filters.ts";
import {
	commitmentListQuery,
	goalCodePattern,
	targetCodePattern,
} from "../../modules/commitments/commitments.schemas.ts";
import { requirementListQuery } from "../../modules/requirements/requirements.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageArgs, PageRouter } from "../page-route.ts";
import { CountryPage } from "../pages/profiles/country.tsx";
import { ForumPage } from "../pages/profiles/forum.tsx";
import { ForumsPage } from "../pages/profiles/forums.tsx";
import { GoalPage } from "../pages/profiles/goal.tsx";
import { GoalsPage } from "../pages/profiles/goals.tsx";
import { MapPage, type Measure, measures } from "../pages/profiles/map.tsx";
import { pageNumber } from "../pages/profiles/parts.tsx";
import { StakeholderPage } from "../pages/profiles/stakeholder.tsx";
import { type MakerExtras, StakeholdersPage } from "../pages/profiles/stakeholders.tsx";
import { loadShareRecord } from "./share-record.ts";
import { themeRoutes } from "./themes.routes.ts";

/** Commitments per page on a profile. */
const perPage = 20;

export function profileRoutes(pages: PageRouter, services: Services): void {
	const commitments = (filter: Record<string, string>, query: PageArgs["query"]) =>
		services.commitments.list(
			parseInput(commitmentListQuery, {
				...filter,
				page: String(pageNumber(query.page)),
				limit: String(perPage),
			}),
		);
	const delivery = (query: Record<string, string>) =>
		services.analytics.delivery(parseInput(deliveryQuery, query));

	pages.get("/stakeholders", async ({ ctx, query }) => {
		const asked = Array.isArray(query.sort) ? query.sort[0] : query.sort;
		const sort: GroupSort = groupSorts.find((s) => s === asked) ?? "committed";
		const byMaker = await delivery({
			group_by: "stakeholder",
			sort,
			page: String(pageNumber(query.page)),
			limit: "100",
		});
		const ids = byMaker.groups.map((g) => Number(g.key));
		const [records, latest] = await Promise.all([
			services.stakeholders.byIds(ids),
			services.reports.reportedUpTo(ids),
		]);
		// Whose official statistics measure each (its provider, else its country's).
		const providerOf = (id: number) => {
			const r = records.get(id);
			return r ? (r.statistics_provider ?? r.country) : null;
		};
		const shares = await services.statistics.latestShares(
			ids.map(providerOf).filter((c): c is string => c !== null),
		);
		const extras = new Map<string, MakerExtras>(
			ids.map((id) => {
				const code = providerOf(id);
				const r = records.get(id);
				return [
					String(id),
					{
						named: r ? { name: r.name, kind: r.kind, country: r.country } : null,
						reportedUpTo: latest.get(id) ?? null,
						share: code ? (shares.get(code) ?? null) : null,
					},
				];
			}),
		);
		return StakeholdersPage({ ctx, byMaker, sort, extras });
	});

	pages.get("/stakeholders/:slug", async ({ ctx, params, query }) => {
		const ref = params.slug ?? "";
		if (!parseRecordRef(ref)) throw AppError.notFound("stakeholder", ref);
		const stakeholder = await services.stakeholders.get(ref);
		const [list, byYear, shareRecord] = await Promise.all([
			commitments({ stakeholder: stakeholder.slug }, query),
			delivery({ group_by: "year", stakeholder: stakeholder.slug }),
			loadShareRecord(services, stakeholder, ctx.actor),
		]);
		return StakeholderPage({ ctx, stakeholder, list, byYear, shareRecord });
	});

	pages.get("/countries/:code", async ({ ctx, params, query, reply }) => {
		const text = params.code ?? "";
		if (!/^[A-Za-z]{2}$/.test(text)) throw AppError.notFound("country", text);
		// One address per country: /countries/KE.
		if (text !== text.toUpperCase())
			return reply.redirect(ctx.href(`/countries/${text.toUpperCase()}`), 301);
		const country = await services.countries.get(text, { lang: "en" });
		const [list, strategies] = await Promise.all([
			commitments({ recipient: country.code }, query),
			country.stakeholder
				? services.reports.nationalStrategies(country.stakeholder.id)
				: Promise.resolve({ items: [] }),
		]);
		return CountryPage({ ctx, country, list, strategies: strategies.items });
	});

	pages.get("/goals", async ({ ctx }) => {
		const byGoal = await delivery({ group_by: "goal" });
		return GoalsPage({ ctx, byGoal });
	});

	pages.get("/goals/:code", async ({ ctx, params, query }) => {
		const text = params.code ?? "";
		if (!goalCodePattern.test(text)) throw AppError.notFound("goal", text);
		const code = normalizeGoalCode(text);
		const title = ctx.titles.get(code);
		if (!title) throw AppError.notFound("goal", text);
		const [summary, byTarget, requirements, list] = await Promise.all([
			services.analytics.groupSummary("goal", code),
			delivery({ group_by: "target" }),
			services.requirements.list(parseInput(requirementListQuery, { goal: code, limit: "200" })),
			commitments({ goal: code }, query),
		]);
		const figures = new Map(byTarget.groups.map((g) => [g.key.toLowerCase(), g]));
		const targets = [...ctx.titles.values()]
			.filter((t) => t.code.startsWith(`${code}.`))
			.map((t) => ({
				code: normalizeTargetCode(t.code),
				title: t.title,
				figures: figures.get(t.code),
			}));
		return GoalPage({
			ctx,
			data: {
				kind: "goal",
				code,
				title: title.title,
				goal: null,
				targets,
				delivery: summary,
				requirements: requirements.items,
				list,
			},
		});
	});

	pages.get("/targets/:code", async ({ ctx, params, query }) => {
		const text = params.code ?? "";
		if (!targetCodePattern.test(text)) throw AppError.notFound("target", text);
		const code = normalizeTargetCode(text);
		const title = ctx.titles.get(code.toLowerCase());
		const goalCode = code.split(".")[0] ?? "";
		const goal = ctx.titles.get(goalCode);
		if (!title || !goal) throw AppError.notFound("target", text);
		const [summary, requirements, list] = await Promise.all([
			services.analytics.groupSummary("target", code),
			services.requirements.list(parseInput(requirementListQuery, { target: code, limit: "200" })),
			commitments({ target: code }, query),
		]);
		return GoalPage({
			ctx,
			data: {
				kind: "target",
				code,
				title: title.title,
				goal: { code: goalCode, title: goal.title },
				targets: [],
				delivery: summary,
				requirements: requirements.items,
				list,
			},
		});
	});

	pages.get("/forums", async ({ ctx, query }) =>
		ForumsPage({
			ctx,
			byForum: await delivery({
				group_by: "forum",
				page: String(pageNumber(query.page)),
				limit: "100",
			}),
		}),
	);

	// The countries, with what each was promised and received, are the map page's tables.
	pages.get("/countries", async ({ ctx, reply }) =>
		reply.redirect(ctx.href("/map#countries"), 301),
	);

	pages.get("/forums/:slug", async ({ ctx, params, query }) => {
		const ref = params.slug ?? "";
		if (!parseRecordRef(ref)) throw AppError.notFound("forum", ref);
		const forum = await services.forums.get(ref);
		const [list, byMaker] = await Promise.all([
			commitments({ forum: forum.slug }, query),
			delivery({ group_by: "stakeholder", forum: forum.slug }),
		]);
		return ForumPage({ ctx, forum, list, byMaker });
	});

	pages.get("/map", async ({ ctx, query }) => {
		const asked = Array.isArray(query.measure) ? query.measure[0] : query.measure;
		const measure: Measure = measures.find((k) => k === asked) ?? "promised";
		const [byRecipient, countries] = await Promise.all([
			delivery({ group_by: "recipient" }),
			services.countries.list({ lang: "en", page: 1, limit: 300 }),
		]);
		return MapPage({
			ctx,
			byRecipient,
			measure,
			countries: countries.items.filter((c) => c.status === "active"),
		});
	});

	themeRoutes(pages, services);
}
