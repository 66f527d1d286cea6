/** API of proposed changes: the secretariat's review queue and its decisions. */
import type { FastifyInstance } from "fastify";
import { requireActor } from "../../http/actor.ts";
import { registerDoc } from "../../http/openapi.ts";
import { numericIdParams } from "../../http/params.ts";
import { writeRoute } from "../../http/route.ts";
import { parseInput } from "../../lib/validation.ts";
import {
	acceptInput,
	decisionResult,
	proposal,
	proposalList,
	proposalQuery,
	rejectInput,
} from "./commitments.proposals.schemas.ts";
import type { ProposalService } from "./commitments.proposals.service.ts";

export function proposalRoutes(app: FastifyInstance, proposals: ProposalService): void {
	registerDoc({
		method: "GET",
		url: "/api/v1/proposals",
		operationId: "listProposals",
		summary:
			"Proposed changes to published commitments awaiting review (or decided): every one for the secretariat, those on your stakeholders' commitments for their members",
		tags: ["workflow"],
		query: proposalQuery,
		response: proposalList,
		security: true,
	});
	app.get("/api/v1/proposals", async (request, reply) => {
		const actor = requireActor(request);
		reply.header("cache-control", "private, no-store");
		return proposals.list(actor, request.query);
	});
	registerDoc({
		method: "GET",
		url: "/api/v1/proposals/:id",
		operationId: "getProposal",
		summary: "One proposed change, with each field it changes",
		tags: ["workflow"],
		params: numericIdParams,
		response: proposal,
		security: true,
	});
	app.get("/api/v1/proposals/:id", async (request, reply) => {
		const actor = requireActor(request);
		const { id } = parseInput(numericIdParams, request.params, "path parameter");
		reply.header("cache-control", "private, no-store");
		return proposals.get(id, actor);
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/proposals/:id/accept",
		operationId: "acceptProposal",
		summary:
			"Accept a proposed change (secretariat): it becomes the commitment's next version; refused (409) when the commitment changed since",
		tags: ["workflow"],
		params: numericIdParams,
		body: acceptInput,
		response: decisionResult,
		handler: ({ actor, params, body }) => proposals.accept(params.id, body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/proposals/:id/reject",
		operationId: "rejectProposal",
		summary: "Reject a proposed change (secretariat), with a reason the proposer sees",
		tags: ["workflow"],
		params: numericIdParams,
		body: rejectInput,
		response: decisionResult,
		handler: ({ actor, params, body }) => proposals.reject(params.id, body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/proposals/:id/withdraw",
		operationId: "withdrawProposal",
		summary: "Take back a proposed change before review (its proposer or a maker's focal point)",
		tags: ["workflow"],
		params: numericIdParams,
		response: decisionResult,
		handler: ({ actor, params }) => proposals.withdraw(params.id, actor),
	});
}
