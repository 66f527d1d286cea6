/** API of links between commitments and the IATI activities that deliver them. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { idParams } from "../../http/params.ts";
import { getRoute, writeRoute } from "../../http/route.ts";
import {
	activityRefInput,
	decisionInput,
	linkInput,
	linkList,
	linkView,
	proposeResult,
} from "./links.schemas.ts";
import type { LinkService } from "./links.service.ts";

const decider = "The secretariat or a focal point of one of the commitment's makers decides links.";

export function linkRoutes(app: FastifyInstance, links: LinkService): void {
	getRoute(app, {
		url: "/api/v1/commitments/:id/links",
		operationId: "listCommitmentLinks",
		summary: "The IATI activities linked to a commitment; proposals too, for those who decide them",
		description:
			"Accepted links count towards the commitment's delivery: the activity's disbursements (and expenditure where the link says so) times the share. Proposals carry the rules' score and their reasons.",
		tags: ["links"],
		params: idParams,
		response: linkList,
		handler: ({ params, request }) => links.list(params.id, request.actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/links/propose",
		operationId: "proposeCommitmentLinks",
		summary: "Score the makers' IATI activities against the commitment and record proposals",
		description: `Proposals need a maker as reporting, funding or extending organisation (by IATI organisation identifier); goals or sectors, recipients and dates add to the score. Decided links stay as decided. ${decider}`,
		tags: ["links"],
		params: idParams,
		body: z.strictObject({}),
		response: proposeResult,
		handler: ({ actor, params }) => links.propose(params.id, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/links",
		operationId: "linkActivity",
		summary: "Link an activity by hand, or accept a proposal, with a share",
		description: `An activity's accepted shares never add up to more than 100% (409 otherwise). ${decider}`,
		tags: ["links"],
		params: idParams,
		body: linkInput,
		response: linkView,
		handler: ({ actor, params, body }) => links.link(params.id, body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/links/reject",
		operationId: "rejectActivityLink",
		summary: "Reject a proposed (or accepted) link: kept on record, never proposed again",
		tags: ["links"],
		params: idParams,
		body: decisionInput,
		response: z.object({ ok: z.literal(true) }),
		handler: async ({ actor, params, body }) => {
			await links.reject(params.id, body, actor);
			return { ok: true as const };
		},
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/links/remove",
		operationId: "removeActivityLink",
		summary: "Remove a link altogether",
		tags: ["links"],
		params: idParams,
		body: activityRefInput,
		response: z.object({ ok: z.literal(true) }),
		handler: async ({ actor, params, body }) => {
			await links.unlink(params.id, body, actor);
			return { ok: true as const };
		},
	});
}
