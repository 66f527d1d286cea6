/** API of assessments: independent scores of commitments, written by assessors, read by all. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { idParams } from "../../http/params.ts";
import { getRoute, writeRoute } from "../../http/route.ts";
import { assessmentsTable } from "./assessments.csv.ts";
import {
	assessmentIdParams,
	assessmentInput,
	assessmentList,
	assessmentView,
} from "./assessments.schemas.ts";
import type { AssessmentService } from "./assessments.service.ts";

export function assessmentRoutes(app: FastifyInstance, assessments: AssessmentService): void {
	getRoute(app, {
		url: "/api/v1/commitments/:id/assessments",
		operationId: "listCommitmentAssessments",
		summary: "The independent assessments of a commitment, newest first, with a summary",
		description:
			"Scores given by assessors under the scorecard scheme (excellent .. off_track) and the compliance scheme (-1, 0, +1 per maker), with rationale and evidence. Kept apart from the makers' own progress reports.",
		tags: ["assessments"],
		params: idParams,
		query: z.strictObject({ format: formatParam }),
		response: assessmentList,
		handler: async ({ params, query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						assessmentsTable,
						await assessments.exportForCommitment(params.id, request.actor),
						undefined,
						`commitment-${params.id}-assessments`,
					)
				: assessments.list(params.id, request.actor),
	});
	getRoute(app, {
		url: "/api/v1/assessments/:id",
		operationId: "getAssessment",
		summary: "One assessment, by id",
		tags: ["assessments"],
		params: assessmentIdParams,
		response: assessmentView,
		handler: ({ params, request }) => assessments.get(Number(params.id), request.actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/assessments",
		operationId: "assessCommitment",
		summary: "Assess a public commitment (assessors only, never one of your own stakeholders')",
		description:
			"scheme scorecard takes score; scheme compliance takes maker_scores, one per maker assessed. Only users with the assessor role assess, and not a commitment made by a stakeholder they are focal point or editor of. Drafts and submissions cannot be assessed (404).",
		tags: ["assessments"],
		status: 201,
		params: idParams,
		body: assessmentInput,
		response: assessmentView,
		handler: ({ actor, params, body }) => assessments.create(params.id, body, actor),
	});
}
