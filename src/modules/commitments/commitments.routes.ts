/** Read API of commitments. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { getRoute } from "../../server/route.ts";
import type { Services } from "../../server/services.ts";
import { commitmentDetail, commitmentList, commitmentListQuery } from "./commitments.schemas.ts";

export const idParams = z.strictObject({ id: z.string().max(200) });

export function commitmentRoutes(app: FastifyInstance, services: Services): void {
	getRoute(app, {
		url: "/api/v1/commitments",
		operationId: "listCommitments",
		summary: "List commitments",
		description:
			"Public commitments (published, completed, withdrawn), filtered, searched, sorted and paged. Repeated or comma-separated values of one filter match any of them; different filters must all match.",
		tags: ["commitments"],
		query: commitmentListQuery,
		response: commitmentList,
		handler: ({ query }) => services.commitments.list(query),
	});
	getRoute(app, {
		url: "/api/v1/commitments/:id",
		operationId: "getCommitment",
		summary: "One commitment, whole",
		description:
			"Everything about one commitment, by id or slug: its text, makers, forum, goals and targets, recipients, financial and policy terms, sources, relations to other commitments and its version history.",
		tags: ["commitments"],
		params: idParams,
		response: commitmentDetail,
		handler: ({ params }) => services.commitments.get(params.id),
	});
}
