/**
 * The session cookie: set at sign-in and cleared at sign-out, by the API's
 * /api/v1/session and the sign-in pages alike, so both behave the same.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AuthService } from "./auth.service.ts";

export const sessionCookie = "iif_session";

/**
 * Signs in with email and password and sets the session cookie (rotating whatever
 * session the browser held): the API's POST /api/v1/session and the sign-in page alike.
 */
export async function startSession(
	auth: AuthService,
	request: FastifyRequest,
	reply: FastifyReply,
	input: unknown,
): Promise<Awaited<ReturnType<AuthService["login"]>>> {
	const s = await auth.login(input, {
		ip: request.ip,
		previousSession: request.cookies[sessionCookie],
	});
	reply.setCookie(sessionCookie, s.token, {
		path: "/",
		httpOnly: true,
		sameSite: "lax",
		secure: request.protocol === "https",
		expires: new Date(s.expiresAt),
	});
	return s;
}

/** Ends the request's session (if it has one) and clears the cookie. */
export async function endSession(
	auth: AuthService,
	request: FastifyRequest,
	reply: FastifyReply,
): Promise<void> {
	if (request.sessionToken && request.actor) await auth.logout(request.sessionToken, request.actor);
	reply.clearCookie(sessionCookie, { path: "/" });
}
