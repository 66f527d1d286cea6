/** Read API of forums. */
import type { FastifyInstance } from "fastify";
import { forumsTable } from "../../interchange/csv/columns/registry.ts";
import { bulkAnswer, formatParam } from "../../server/bulk.ts";
import { idParams } from "../../server/params.ts";
import { getRoute } from "../../server/route.ts";
import type { Services } from "../../server/services.ts";
import { forumDetail, forumList, forumListQuery } from "./forums.schemas.ts";

export function forumRoutes(app: FastifyInstance, services: Services): void {
	getRoute(app, {
		url: "/api/v1/forums",
		operationId: "listForums",
		summary: "List forums where commitments were made",
		tags: ["forums"],
		query: forumListQuery.extend({ format: formatParam }),
		response: forumList,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						forumsTable,
						await services.forums.exportBatches(query),
					)
				: services.forums.list(query),
	});
	getRoute(app, {
		url: "/api/v1/forums/:id",
		operationId: "getForum",
		summary: "One forum, by id or slug",
		tags: ["forums"],
		params: idParams,
		response: forumDetail,
		handler: ({ params }) => services.forums.get(params.id),
	});
}
