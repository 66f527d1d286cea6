/**
 * The IATI activity page, by identifier (URL-encoded): what the activities API gives, with
 * the transaction types named in the page's language where IATI publishes them (English,
 * French, Spanish), in English otherwise. An unknown identifier is a 404 page.
 */
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { ActivityPage } from "../pages/activity.tsx";

export function activityPageRoutes(pages: PageRouter, services: Services): void {
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
