/**
 * Who is asking: an API token (Authorization: Bearer) or a session cookie, resolved
 * once per request into request.actor. Writes made with the cookie must carry the
 * session's CSRF token (x-csrf-token header, or _csrf in a form), since a browser
 * sends cookies on other sites' requests too; bearer tokens need none.
 */
import { timingSafeEqual } from "node:crypto";
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../lib/errors.ts";
import type { AuthService } from "../../modules/auth/auth.service.ts";
import { sessionCookie } from "../../modules/auth/auth.session.ts";

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export async function registerAuth(app: FastifyInstance, auth: AuthService): Promise<void> {
	await app.register(cookie);
	app.decorateRequest("actor", null);
	app.decorateRequest("csrfToken", null);
	app.decorateRequest("sessionToken", null);

	app.addHook("onRequest", async (request, reply) => {
		const header = request.headers.authorization;
		if (header !== undefined) {
			const m = /^Bearer\s+(\S+)$/i.exec(header);
			if (!m?.[1])
				throw new AppError("unauthenticated", "the Authorization header must be 'Bearer <token>'");
			const actor = await auth.resolveToken(m[1]);
			if (!actor) throw new AppError("unauthenticated", "the API token is unknown or revoked");
			request.actor = actor;
			return;
		}
		const token = request.cookies[sessionCookie];
		if (!token) return;
		const session = await auth.resolveSession(token);
		if (!session) {
			reply.clearCookie(sessionCookie, { path: "/" });
			return;
		}
		request.actor = session.actor;
		request.csrfToken = session.csrf;
		request.sessionToken = token;
	});

	// Writes by signed-in users spend their budget (sign-in itself has its own back-off).
	app.addHook("preHandler", async (request: FastifyRequest) => {
		if (unsafe.has(request.method) && request.actor) await auth.chargeWrite(request.actor);
	});

	app.addHook("preHandler", async (request: FastifyRequest) => {
		if (
			!unsafe.has(request.method) ||
			request.actor?.via !== "session" ||
			request.routeOptions.config.csrf === false
		)
			return;
		const sent =
			request.headers["x-csrf-token"] ?? (request.body as { _csrf?: unknown } | undefined)?._csrf;
		if (typeof sent !== "string" || !request.csrfToken || !sameSecret(sent, request.csrfToken)) {
			throw new AppError(
				"forbidden",
				"this write needs the session's CSRF token in the x-csrf-token header (GET /api/v1/session gives it)",
			);
		}
	});
}
