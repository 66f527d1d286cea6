/** Read API of forums. */
import type { FastifyInstance } from "fastify";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { idParams } from "../../http/params.ts";
import { getRoute } from "../../http/route.ts";
import { forumsTable } from "./forums.csv.ts";
import { forumDetail, forumList, forumListQuery } from "./forums.schemas.ts";
import type { ForumService } from "./forums.service.ts";

export function forumRoutes(app: FastifyInstance, forums: ForumService): void {
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
						await forums.exportBatches(query),
					)
				: forums.list(query),
	});
	getRoute(app, {
		url: "/api/v1/forums/:id",
		operationId: "getForum",
		summary: "One forum, by id or slug",
		tags: ["forums"],
		params: idParams,
		response: forumDetail,
		handler: ({ params }) => forums.get(params.id),
	});
}
