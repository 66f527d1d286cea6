/** The home page of each language. */
import { parseInput } from "../../lib/validation.ts";
import { commitmentListQuery } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { HomePage } from "../pages/home.tsx";

export function homeRoutes(pages: PageRouter, services: Services): void {
	pages.get("/", async ({ ctx }) => {
		const list = await services.commitments.list(parseInput(commitmentListQuery, { limit: "10" }));
		return HomePage({ ctx, list, hasDemo: list.items.some((c) => c.origin === "demo") });
	});
}
