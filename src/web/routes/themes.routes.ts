/**
 * The MDG 8 theme pages (/goals/mdg:8/themes/aid ...): the theme's framework texts, its
 * commitments and their money from the analytics service, and for aid the DAC countries'
 * series of the official statistics and the requirements of its targets. Any other goal
 * or theme is a 404 page.
 */
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { deliveryQuery } from "../../modules/analytics/analytics.schemas.ts";
import { normalizeGoalCode } from "../../modules/commitments/commitments.filters.ts";
import {
	commitmentListQuery,
	goalCodePattern,
} from "../../modules/commitments/commitments.schemas.ts";
import { requirementListQuery } from "../../modules/requirements/requirements.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { type FrameworkText, ThemePage } from "../pages/profiles/theme.tsx";
import { odaProvider, odaTargetPercent, themedGoal, themeOf } from "../pages/profiles/themes.ts";

/** Commitments on a theme page: all of them in practice (MDG 8 themes hold tens). */
const perTheme = 200;

/** The DAC countries' latest ODA against 0.7%, or null where no statistics are loaded (the box then says so). */
async function dacGap(services: Services) {
	try {
		return await services.statistics.latestGap({ code: odaProvider }, odaTargetPercent);
	} catch (e) {
		if (e instanceof AppError && e.code === "not_found") return null;
		throw e;
	}
}

export function themeRoutes(pages: PageRouter, services: Services): void {
	pages.get("/goals/:code/themes/:theme", async ({ ctx, params }) => {
		const theme = themeOf(params.theme ?? "");
		const text = params.code ?? "";
		if (!theme || !goalCodePattern.test(text) || normalizeGoalCode(text) !== themedGoal)
			throw AppError.notFound("theme", `${text}/${params.theme ?? ""}`);
		const [framework, english, total, list, requirements, oda] = await Promise.all([
			services.frameworks.get("mdg", ctx.lang),
			ctx.lang === "en" ? null : services.frameworks.get("mdg", "en"),
			services.analytics.delivery(parseInput(deliveryQuery, { ...theme.filter, group_by: "goal" })),
			services.commitments.list(
				parseInput(commitmentListQuery, { ...theme.filter, limit: String(perTheme) }),
			),
			theme.measured
				? services.requirements.list(
						parseInput(requirementListQuery, { target: theme.filter.target, limit: "200" }),
					)
				: null,
			theme.measured ? dacGap(services) : null,
		]);
		const goal = framework.goals.find((g) => `mdg:${g.code}` === themedGoal);
		if (!goal) throw AppError.notFound("goal", themedGoal);
		// Untranslated framework texts come back in English: mark them so for screen readers.
		const englishGoal = english?.goals.find((g) => g.code === goal.code);
		const englishTitles = new Map<string, string>([[goal.code, englishGoal?.title ?? ""]]);
		for (const t of englishGoal?.targets ?? []) {
			englishTitles.set(t.code, t.title);
			for (const i of t.indicators) englishTitles.set(i.code, i.title);
		}
		const framed = (code: string, title: string): FrameworkText => ({
			code,
			title,
			english: ctx.lang === "en" || englishTitles.get(code) === title,
		});
		const indicators = new Map<string, FrameworkText>();
		for (const t of goal.targets)
			for (const i of t.indicators)
				if (theme.indicators.includes(i.code)) indicators.set(i.code, framed(i.code, i.title));
		return ThemePage({
			ctx,
			data: {
				theme,
				goal: framed(goal.code, goal.title),
				targets: goal.targets
					.filter((t) => theme.targets.includes(t.code))
					.map((t) => framed(t.code, t.title)),
				indicators: theme.indicators.flatMap((c) => indicators.get(c) ?? []),
				delivery: total,
				oda,
				requirements: requirements?.items ?? [],
				list,
			},
		});
	});
}
