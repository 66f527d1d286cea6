/**
 * The IATI activity page, by identifier (URL-encoded): what the activities API gives, with
 * the transaction types named in the page's language where IATI publishes them (English,
 * French, Spanish), in English otherwise. An unknown identifier is a 404 page.
 */
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { activityListQuery } from "../../modules/activities/activities.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { ActivitiesPage } from "../pages/activities.tsx";
import { ActivityPage } from "../pages/activity.tsx";

const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim();

export function activityPageRoutes(pages: PageRouter, services: Services): void {
	pages.get("/activities", async ({ ctx, query }) => {
		const typed = {
			q: one(query.q),
			reporting_org: one(query.reporting_org),
			recipient: one(query.recipient),
		};
		const page = one(query.page) || "1";
		const input = Object.fromEntries(
			Object.entries({ ...typed, page, limit: "50" }).filter(([, v]) => v !== ""),
		);
		let problems: FieldProblem[] = [];
		let list = { items: [], total: 0, page: 1, limit: 50 } as Awaited<
			ReturnType<Services["activities"]["list"]>
		>;
		try {
			list = await services.activities.list(
				parseInput(activityListQuery, input, "query parameter"),
			);
		} catch (error) {
			if (!(error instanceof AppError) || error.code !== "invalid_input") throw error;
			// "recipient.0" is the recipient field's problem.
			problems = error.fields.length
				? error.fields.map((f) => ({ ...f, name: f.name.split(".")[0] ?? f.name }))
				: [{ name: "q", message: error.message }];
		}
		const any =
			list.total > 0 ||
			(await services.activities.list(parseInput(activityListQuery, { limit: "1" }))).total > 0;
		return {
			page: ActivitiesPage({ ctx, view: { typed, list, problems, any } }),
			status: problems.length ? 400 : 200,
		};
	});

	pages.get("/activities/:identifier", async ({ ctx, params }) => {
		const activity = await services.activities.get(params.identifier ?? "");
		const [own, english, baseYear] = await Promise.all([
			services.reference.codelist("TransactionType", ctx.lang),
			services.reference.codelist("TransactionType", "en"),
			services.analytics.baseYear(),
		]);
		const transactionTypes = new Map(english.items.map((c) => [c.code, c.name]));
		for (const c of own.items) transactionTypes.set(c.code, c.name);
		return ActivityPage({ ctx, activity, transactionTypes, baseYear });
	});
}
