/** Sign-in, sign-out, the current session, registration and API tokens. */
import type { FastifyInstance } from "fastify";
import type * as z from "zod";
import { requireActor } from "../../http/actor.ts";
import { registerDoc } from "../../http/openapi.ts";
import { numericIdParams } from "../../http/params.ts";
import { writeRoute } from "../../http/route.ts";
import {
	accepted,
	done,
	loginInput,
	registerInput,
	sessionView,
	tokenCreated,
	tokenInput,
	tokenList,
} from "../users/users.schemas.ts";
import type { UserService } from "../users/users.service.ts";
import type { AuthService } from "./auth.service.ts";
import { endSession, startSession } from "./auth.session.ts";

function view(
	actor: {
		userId: number;
		email: string;
		displayName: string;
		role: z.infer<typeof sessionView>["user"]["role"];
		memberships: { stakeholderId: number; role: "focal_point" | "editor" }[];
	},
	csrf: string | null,
	expiresAt: string | null,
) {
	return {
		user: {
			id: actor.userId,
			email: actor.email,
			display_name: actor.displayName,
			role: actor.role,
			memberships: actor.memberships.map((m) => ({
				stakeholder_id: m.stakeholderId,
				role: m.role,
			})),
		},
		csrf_token: csrf,
		expires_at: expiresAt,
	};
}

export function authRoutes(
	app: FastifyInstance,
	{ auth, users }: { auth: AuthService; users: UserService },
): void {
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/users",
		operationId: "register",
		summary: "Register an account (to comment; roles and memberships are granted by an admin)",
		description:
			"Answers alike whether or not the email was free, so nobody learns who has an account.",
		tags: ["accounts"],
		anonymous: true,
		status: 202,
		body: registerInput,
		response: accepted,
		handler: ({ body, request }) => users.register(body, { ip: request.ip }),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/session",
		operationId: "signIn",
		summary: "Sign in: sets the session cookie and returns the CSRF token for writes",
		tags: ["accounts"],
		anonymous: true,
		body: loginInput,
		response: sessionView,
		handler: async ({ body, request, reply }) => {
			const s = await startSession(auth, request, reply, body);
			return view(s.actor, s.csrf, s.expiresAt);
		},
	});
	registerDoc({
		method: "GET",
		url: "/api/v1/session",
		operationId: "getSession",
		summary: "The signed-in user, their roles and memberships, and the CSRF token",
		tags: ["accounts"],
		response: sessionView,
		security: true,
	});
	app.get("/api/v1/session", async (request, reply) => {
		const actor = requireActor(request);
		reply.header("cache-control", "no-store");
		return view(actor, request.csrfToken, null);
	});
	writeRoute(app, {
		method: "DELETE",
		url: "/api/v1/session",
		operationId: "signOut",
		summary: "Sign out: ends the session",
		tags: ["accounts"],
		response: done,
		handler: async ({ request, reply }) => {
			await endSession(auth, request, reply);
			return { status: "ok" as const };
		},
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/tokens",
		operationId: "createToken",
		summary: "Create an API token for yourself (shown once)",
		tags: ["accounts"],
		status: 201,
		body: tokenInput,
		response: tokenCreated,
		handler: ({ actor, body }) => auth.createToken(actor, body),
	});
	registerDoc({
		method: "GET",
		url: "/api/v1/tokens",
		operationId: "listTokens",
		summary: "Your API tokens (never the secrets)",
		tags: ["accounts"],
		response: tokenList,
		security: true,
	});
	app.get("/api/v1/tokens", async (request, reply) => {
		reply.header("cache-control", "no-store");
		return auth.listTokens(requireActor(request));
	});
	writeRoute(app, {
		method: "DELETE",
		url: "/api/v1/tokens/:id",
		operationId: "revokeToken",
		summary: "Revoke one of your API tokens",
		tags: ["accounts"],
		params: numericIdParams,
		response: done,
		handler: async ({ actor, params }) => {
			await auth.revokeToken(actor, params.id);
			return { status: "ok" as const };
		},
	});
}
