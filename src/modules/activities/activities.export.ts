/**
 * The activity list as a whole selection (format=csv|json, the dump): the list's own
 * items, page after page in the list's order, with English names beside the recipient
 * codes. Kept apart from activities.service.ts so the list stays written once.
 */
import type { Database } from "../../db/database.ts";
import { type Batches, mapBatches, offsetBatches } from "../../lib/batches.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import type { ActivityItem, ActivityListQuery } from "./activities.schemas.ts";
import type { ActivityService } from "./activities.service.ts";

export interface ActivityExport {
	/** Exactly the list item of GET /api/v1/activities: the JSON form. */
	item: ActivityItem;
	country_names: (string | null)[];
	region_names: (string | null)[];
}

export async function activityExportBatches(
	database: Database,
	activities: ActivityService,
	query: Omit<ActivityListQuery, "page" | "limit">,
): Promise<Batches<ActivityExport>> {
	// The first page is read now, so that bad input fails before anything streams.
	const first = await activities.list({ ...query, page: 1, limit: 1 });
	const reference = new ReferenceRepository(database.db);
	const pages = offsetBatches(async (offset, limit) =>
		first.total === 0
			? []
			: (await activities.list({ ...query, page: offset / limit + 1, limit })).items,
	);
	return mapBatches(pages, async (items) => {
		const unique = (codes: string[]) => [...new Set(codes)];
		const [countries, regions] = await Promise.all([
			reference.codeNames("Country", unique(items.flatMap((i) => i.recipient_countries)), "en"),
			reference.codeNames("Region", unique(items.flatMap((i) => i.recipient_regions)), "en"),
		]);
		return items.map((item) => ({
			item,
			country_names: item.recipient_countries.map((c) => countries.get(c) ?? null),
			region_names: item.recipient_regions.map((r) => regions.get(r) ?? null),
		}));
	});
}
