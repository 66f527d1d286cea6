/** Read API of activities: delivery evidence imported from IATI, with its transactions. */
import type { FastifyInstance } from "fastify";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { getRoute } from "../../http/route.ts";
import { activitiesTable } from "./activities.csv.ts";
import {
	activityDetail,
	activityList,
	activityListQuery,
	activityParams,
} from "./activities.schemas.ts";
import type { ActivityService } from "./activities.service.ts";

export function activityRoutes(app: FastifyInstance, activities: ActivityService): void {
	getRoute(app, {
		url: "/api/v1/activities",
		operationId: "listActivities",
		summary: "List activities (IATI), filtered",
		description:
			"Activities imported from IATI files, ordered by IATI identifier. Filters: reporting organisation, recipient country or region, sector, SDG goal or target, linked commitment, words in the title.",
		tags: ["activities"],
		query: activityListQuery.extend({ format: formatParam }),
		response: activityList,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						activitiesTable,
						await activities.exportBatches(query),
						(r) => r.item,
					)
				: activities.list(query),
	});
	getRoute(app, {
		url: "/api/v1/activities/:identifier",
		operationId: "getActivity",
		summary: "One activity by IATI identifier (URL-encoded), with its transactions",
		description:
			"Everything stored of the activity, its transactions with their US dollar values (current prices of their year and constant prices of the base year) and the public commitments it is accepted as delivering.",
		tags: ["activities"],
		params: activityParams,
		response: activityDetail,
		handler: ({ params }) => activities.get(params.identifier),
	});
}
