/**
 * Maps every error to an answer once. API paths get RFC 9457 problem+json with the
 * offending fields; pages get a plain HTML message. Unexpected errors are logged and
 * answered without internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { databaseUnavailable } from "../../db/errors.ts";
import { AppError, type ErrorCode, errorCodes } from "../../lib/errors.ts";

declare module "fastify" {
	interface FastifyInstance {
		/** The portal's error page in the reader's language, where the path names one. */
		renderErrorPage?: (request: FastifyRequest, error: AppError) => Promise<string | null>;
	}
}

const titles: Record<ErrorCode, string> = {
	invalid_input: "Invalid input",
	unauthenticated: "Sign-in required",
	forbidden: "Not allowed",
	not_found: "Not found",
	conflict: "Conflict",
	rate_limited: "Too many requests",
	internal: "Internal error",
	unavailable: "Service unavailable",
};

function toAppError(error: unknown): AppError {
	if (error instanceof AppError) return error;
	// A busy, full or read-only database is a state to wait out or fix, not a bug: 503.
	const unavailable = databaseUnavailable(error);
	if (unavailable) return unavailable;
	const fe = error as Partial<FastifyError>;
	if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
		const code = (Object.entries(errorCodes).find(([, status]) => status === fe.statusCode)?.[0] ??
			"invalid_input") as ErrorCode;
		return new AppError(code, fe.message ?? "bad request");
	}
	return new AppError("internal", "something went wrong on our side; it has been logged");
}

export async function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
	const body = {
		type: `urn:iif:problem:${error.code}`,
		title: titles[error.code],
		status: error.status,
		detail: error.message,
		instance: request.url,
		code: error.code,
		...(error.fields.length ? { errors: error.fields } : {}),
		...error.extra,
	};
	if (typeof error.extra.retry_after === "number")
		reply.header("retry-after", String(error.extra.retry_after));
	if (
		request.url.startsWith("/api/") ||
		request.url === "/healthz" ||
		!String(request.headers.accept ?? "").includes("text/html")
	) {
		return reply
			.status(error.status)
			.header("cache-control", "no-store")
			.type("application/problem+json; charset=utf-8")
			.send(JSON.stringify(body));
	}
	const page = await request.server.renderErrorPage?.(request, error).catch(() => null);
	if (page)
		return reply
			.status(error.status)
			.header("cache-control", "no-store")
			.type("text/html; charset=utf-8")
			.send(page);
	const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	return reply
		.status(error.status)
		.header("cache-control", "no-store")
		.type("text/html; charset=utf-8")
		.send(
			`<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(body.title)}</title><h1>${escapeHtml(body.title)}</h1><p>${escapeHtml(body.detail)}</p><p><a href="/">IIF home</a></p></html>`,
		);
}

/** What the router refuses before any route, said as the path's problem. */
const routerRefusals: Record<string, string> = {
	FST_ERR_BAD_URL:
		"the path is not a valid address: each % must start an escape of UTF-8 bytes (%XX)",
	FST_ERR_MAX_PARAM_LENGTH: "a part of the path is longer than any id, code or slug can be",
};

/**
 * Errors Fastify meets before any route (Fastify's `frameworkErrors` option): a path
 * whose percent escapes are no UTF-8 (`/api/v1/commitments/%ZZ`, a lone surrogate's
 * `%ED%A0%80`), or with a part longer than the router takes, was answered in Fastify's
 * own JSON shape (the latter as a 414), not as a problem like every other refusal. Now
 * each is one: a 400 naming the path, a page for a browser.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
	const refusal = routerRefusals[error.code];
	return sendProblem(
		request,
		reply,
		refusal ? AppError.invalid("path", refusal) : toAppError(error),
	);
}

export function registerErrorHandling(app: FastifyInstance): void {
	app.setErrorHandler((error, request, reply) => {
		const appError = toAppError(error);
		if (appError.code === "internal") request.log.error({ err: error }, "unexpected error");
		else if (appError.code === "unavailable")
			request.log.warn({ err: error }, `database unavailable: ${appError.message}`);
		return sendProblem(request, reply, appError);
	});
	app.setNotFoundHandler((request, reply) =>
		sendProblem(
			request,
			reply,
			new AppError(
				"not_found",
				`no page or API route at ${request.method} ${request.url.split("?")[0]}`,
			),
		),
	);
}
