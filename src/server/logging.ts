/**
 * Log options for the server. A client that closes the connection before the answer is
 * complete (a phone losing signal, a user clicking away) is ordinary on slow networks,
 * not an error of ours: a stream cut short reports it as an error ("premature close"), so
 * it is written at info level instead, and error level keeps meaning "look at this".
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyServerOptions } from "fastify";

type LoggerOptions = Exclude<FastifyServerOptions["logger"], boolean | undefined>;

const errorLevel = 50;

function isClientAbort(value: unknown): boolean {
	const err = value instanceof Error ? value : (value as { err?: unknown } | null | undefined)?.err;
	return err instanceof Error && /premature close|aborted|ECONNRESET|EPIPE/i.test(err.message);
}

/** Query parameters whose values are secrets, should a client put one in an address. */
const secretParameter = /pass|token|secret|csrf|session|cookie|auth|key/i;

/** `url` with the value of every query parameter that looks like a secret replaced. */
export function redactedUrl(url: string): string {
	const q = url.indexOf("?");
	if (q < 0) return url;
	const params = url
		.slice(q + 1)
		.split("&")
		.map((p) => {
			const name = p.split("=", 1)[0] as string;
			let decoded = name;
			try {
				decoded = decodeURIComponent(name);
			} catch {}
			return secretParameter.test(decoded) ? `${name}=[redacted]` : p;
		});
	return `${url.slice(0, q + 1)}${params.join("&")}`;
}

/**
 * What a log line says of its request: no header (a cookie, a bearer token, a CSRF
 * token), no body, and the address with secret-looking parameters blanked.
 */
function requestLine(request: {
	method: string;
	url: string;
	host?: string;
	ip?: string;
}): Record<string, unknown> {
	return {
		method: request.method,
		url: redactedUrl(request.url),
		host: request.host,
		remoteAddress: request.ip,
	};
}

export function serverLogger(
	options: boolean | (LoggerOptions & { level?: string }),
): FastifyServerOptions["logger"] {
	if (options === false || options === true) return options;
	return {
		...options,
		serializers: { req: requestLine },
		hooks: {
			logMethod(this: { info: (...a: unknown[]) => void }, args: unknown[], method, level) {
				if (level === errorLevel && isClientAbort(args[0])) {
					const err = args[0] instanceof Error ? args[0] : (args[0] as { err: Error }).err;
					return this.info(
						{ reason: err.message },
						"client closed the connection before the answer was complete",
					);
				}
				return method.apply(this, args as Parameters<typeof method>);
			},
		},
	} as FastifyServerOptions["logger"];
}

/**
 * Each request's id, on every line it logs: random, because Fastify's default counts
 * req-1, req-2 ... in each process, so ids repeat across workers, instances and restarts
 * and a line could not be told apart from another's.
 */
export const requestId = (): string => randomUUID();

/** The id goes back in X-Request-Id, for a user to quote when reporting a problem. */
export function registerRequestIdHeader(app: FastifyInstance): void {
	app.addHook("onRequest", async (request, reply) => {
		reply.header("x-request-id", request.id);
	});
}
