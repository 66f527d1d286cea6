/**
 * Who is asking, as every route reads it: request.actor is resolved once per request by
 * the auth plugin (server/plugins/auth.ts); routes that write require one.
 */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../lib/actor.ts";
import { AppError } from "../lib/errors.ts";

declare module "fastify" {
	interface FastifyRequest {
		actor: Actor | null;
		csrfToken: string | null;
		sessionToken: string | null;
	}
	interface FastifyContextConfig {
		/** False for the few writes that cannot carry a token yet: sign-in and registration. */
		csrf?: boolean;
	}
}

/** The actor of a request that requires one: 401 when nobody is signed in. */
export function requireActor(request: FastifyRequest): Actor {
	if (!request.actor)
		throw new AppError(
			"unauthenticated",
			"sign in first: a session cookie (POST /api/v1/session) or an API token (Authorization: Bearer)",
		);
	return request.actor;
}
