/** The home page of each language. */
import { parseInput } from "../../lib/validation.ts";
import { deliveryQuery } from "../../modules/analytics/analytics.schemas.ts";
import { commitmentListQuery } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { HomePage } from "../pages/home.tsx";

/** Latest commitments and latest changes shown. */
const latestCount = 8;

export function homeRoutes(pages: PageRouter, services: Services): void {
	const byGoal = parseInput(deliveryQuery, { group_by: "goal" });
	const latestQuery = parseInput(commitmentListQuery, { limit: String(latestCount) });
	pages.get("/", async ({ ctx }) => {
		const [delivery, statistics, latest, changes, demoAt] = await Promise.all([
			services.analytics.delivery(byGoal),
			services.statistics.coverage(),
			services.commitments.list(latestQuery),
			services.feeds.recent({ kind: "all" }, latestCount),
			services.demo.loadedAt(),
		]);
		return HomePage({
			ctx,
			view: { delivery, statistics, latest, changes, demo: demoAt !== null },
		});
	});
}
