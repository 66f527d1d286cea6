/** The admin's account management: global roles and memberships. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { numericIdParams } from "../../http/params.ts";
import { writeRoute } from "../../http/route.ts";
import { done, membershipInput, roleInput } from "./users.schemas.ts";
import type { UserService } from "./users.service.ts";

export function userRoutes(app: FastifyInstance, users: UserService): void {
	const ok = { status: "ok" as const };
	writeRoute(app, {
		method: "PUT",
		url: "/api/v1/users/:id/role",
		operationId: "setUserRole",
		summary: "Set a user's global role (admin, secretariat, assessor, or null)",
		tags: ["accounts"],
		params: numericIdParams,
		body: roleInput,
		response: done,
		handler: async ({ actor, params, body }) => {
			await users.setRole(actor, params.id, body);
			return ok;
		},
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/users/:id/memberships",
		operationId: "grantMembership",
		summary: "Make a user focal point or editor of a stakeholder",
		tags: ["accounts"],
		params: numericIdParams,
		body: membershipInput,
		response: done,
		handler: async ({ actor, params, body }) => {
			await users.grantMembership(actor, params.id, body);
			return ok;
		},
	});
	writeRoute(app, {
		method: "DELETE",
		url: "/api/v1/users/:id/memberships/:stakeholder",
		operationId: "revokeMembership",
		summary: "End a user's membership of a stakeholder",
		tags: ["accounts"],
		params: z.strictObject({ id: numericIdParams.shape.id, stakeholder: z.string().max(200) }),
		response: done,
		handler: async ({ actor, params }) => {
			await users.revokeMembership(actor, params.id, params.stakeholder);
			return ok;
		},
	});
}
