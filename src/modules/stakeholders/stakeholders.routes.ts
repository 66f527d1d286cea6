/** Read API of stakeholders. */
import type { FastifyInstance } from "fastify";
import { stakeholdersTable } from "../../interchange/csv/columns/registry.ts";
import { bulkAnswer, formatParam } from "../../server/bulk.ts";
import { idParams } from "../../server/params.ts";
import { getRoute } from "../../server/route.ts";
import type { Services } from "../../server/services.ts";
import {
	stakeholderDetail,
	stakeholderList,
	stakeholderListQuery,
} from "./stakeholders.schemas.ts";

export function stakeholderRoutes(app: FastifyInstance, services: Services): void {
	getRoute(app, {
		url: "/api/v1/stakeholders",
		operationId: "listStakeholders",
		summary: "List stakeholders",
		tags: ["stakeholders"],
		query: stakeholderListQuery.extend({ format: formatParam }),
		response: stakeholderList,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						stakeholdersTable,
						await services.stakeholders.exportBatches(query),
						(r) => r.item,
					)
				: services.stakeholders.list(query),
	});
	getRoute(app, {
		url: "/api/v1/stakeholders/:id",
		operationId: "getStakeholder",
		summary: "One stakeholder, by id or slug",
		tags: ["stakeholders"],
		params: idParams,
		response: stakeholderDetail,
		handler: ({ params }) => services.stakeholders.get(params.id),
	});
}
