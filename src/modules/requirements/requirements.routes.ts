/** API of requirements: support required for a goal or target, and the gap to what was provided. */
import type { FastifyInstance } from "fastify";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { idParams } from "../../http/params.ts";
import { getRoute, writeRoute } from "../../http/route.ts";
import { requirementsTable } from "./requirements.csv.ts";
import {
	requirementInput,
	requirementList,
	requirementListQuery,
	requirementView,
} from "./requirements.schemas.ts";
import type { RequirementService } from "./requirements.service.ts";

const gapDescription =
	"Each requirement carries its amounts exactly in the source's currency, both in US dollars (current prices of each year and constant prices of the base year, computed when written), and a gap block: required - provided at constant prices, where provided is the source's own figure when it gives one, else what the registry's public commitments for the goal (or target) and scope reported delivered in the period's years. An amount that could not be converted is null with a conversion note, never zero.";

export function requirementRoutes(app: FastifyInstance, requirements: RequirementService): void {
	getRoute(app, {
		url: "/api/v1/requirements",
		operationId: "listRequirements",
		summary: "Support required for goals and targets, with the gap to what was provided",
		description: gapDescription,
		tags: ["requirements"],
		query: requirementListQuery.extend({ format: formatParam }),
		response: requirementList,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						requirementsTable,
						await requirements.exportBatches(query),
					)
				: requirements.list(query),
	});
	getRoute(app, {
		url: "/api/v1/requirements/:id",
		operationId: "getRequirement",
		summary: "One requirement, by id or slug",
		description: gapDescription,
		tags: ["requirements"],
		params: idParams,
		response: requirementView,
		handler: ({ params }) => requirements.get(params.id),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/requirements",
		operationId: "createRequirement",
		summary: "Record a requirement from a documented source (secretariat only)",
		description:
			"goal and an optional target of that goal; scope global, region (IATI Region code) or country (ISO alpha-2) in scope_code; amount and the optional provided as decimal strings in currency; frequency annual (needed each year of the period) or total; price_basis current, or constant with price_base_year.",
		tags: ["requirements"],
		status: 201,
		body: requirementInput,
		response: requirementView,
		handler: ({ actor, body }) => requirements.create(body, actor),
	});
}
