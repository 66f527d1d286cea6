/** Read API of stakeholders. */
import type { FastifyInstance } from "fastify";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { idParams } from "../../http/params.ts";
import { getRoute } from "../../http/route.ts";
import { stakeholdersTable } from "./stakeholders.csv.ts";
import {
	stakeholderDetail,
	stakeholderList,
	stakeholderListQuery,
} from "./stakeholders.schemas.ts";
import type { StakeholderService } from "./stakeholders.service.ts";

export function stakeholderRoutes(app: FastifyInstance, stakeholders: StakeholderService): void {
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
						await stakeholders.exportBatches(query),
						(r) => r.item,
					)
				: stakeholders.list(query),
	});
	getRoute(app, {
		url: "/api/v1/stakeholders/:id",
		operationId: "getStakeholder",
		summary: "One stakeholder, by id or slug",
		tags: ["stakeholders"],
		params: idParams,
		response: stakeholderDetail,
		handler: ({ params }) => stakeholders.get(params.id),
	});
}
