/** The admin's account management: global roles and memberships. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { writeRoute } from "../../server/route.ts";
import type { Services } from "../../server/services.ts";
import { done, membershipInput, roleInput } from "./users.schemas.ts";

const userParams = z.strictObject({
	id: z
		.string()
		.regex(/^[1-9]\d{0,15}$/, "must be a numeric id")
		.transform(Number),
});

export function userRoutes(app: FastifyInstance, services: Services): void {
	const ok = { status: "ok" as const };
	writeRoute(app, {
		method: "PUT",
		url: "/api/v1/users/:id/role",
		operationId: "setUserRole",
		summary: "Set a user's global role (admin, secretariat, assessor, or null)",
		tags: ["accounts"],
		params: userParams,
		body: roleInput,
		response: done,
		handler: async ({ actor, params, body }) => {
			await services.users.setRole(actor, params.id, body);
			return ok;
		},
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/users/:id/memberships",
		operationId: "grantMembership",
		summary: "Make a user focal point or editor of a stakeholder",
		tags: ["accounts"],
		params: userParams,
		body: membershipInput,
		response: done,
		handler: async ({ actor, params, body }) => {
			await services.users.grantMembership(actor, params.id, body);
			return ok;
		},
	});
	writeRoute(app, {
		method: "DELETE",
		url: "/api/v1/users/:id/memberships/:stakeholder",
		operationId: "revokeMembership",
		summary: "End a user's membership of a stakeholder",
		tags: ["accounts"],
		params: z.strictObject({ id: userParams.shape.id, stakeholder: z.string().max(200) }),
		response: done,
		handler: async ({ actor, params }) => {
			await services.users.revokeMembership(actor, params.id, params.stakeholder);
			return ok;
		},
	});
}
