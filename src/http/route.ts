/**
 * Declares a route once: Fastify gets the handler, OpenAPI gets the documentation, and
 * path and query are validated by the same zod schemas before the service is called. A
 * write's body is documented by its schema and parsed by the service, with that same
 * schema: the service is the one boundary every caller (API, pages, CLI) passes through.
 */
import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod";
import type { Actor } from "../lib/actor.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/validation.ts";
import { requireActor } from "./actor.ts";
import { type RouteDoc, registerDoc } from "./openapi.ts";

/** Routes without parameters still refuse unknown ones, so a typo is never silently ignored. */
const emptyQuery = z.strictObject({});

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

interface RouteDef<P, Q, R extends z.ZodType>
	extends Omit<RouteDoc, "method" | "params" | "query" | "body" | "response" | "security"> {
	params?: P;
	query?: Q;
	response: R;
}

export function getRoute<
	P extends z.ZodObject | undefined,
	Q extends z.ZodObject | undefined,
	R extends z.ZodType,
>(
	app: FastifyInstance,
	def: RouteDef<P, Q, R> & {
		/** Seconds shared caches and browsers may keep the answer (0: private, not stored). */
		maxAge?: number;
		handler: (input: {
			params: Out<P>;
			query: Out<Q>;
			request: FastifyRequest;
			reply: FastifyReply;
			// A Readable: the whole selection streamed as CSV or JSON (server/bulk.ts).
		}) => Promise<z.input<R> | Readable>;
	},
): void {
	registerDoc({ ...def, method: "GET" });
	app.get(def.url, async (request, reply) => {
		const params = (
			def.params ? parseInput(def.params, request.params, "path parameter") : undefined
		) as Out<P>;
		const query = parseInput(
			def.query ?? emptyQuery,
			request.query ?? {},
			"query parameter",
		) as Out<Q>;
		const body = await def.handler({ params, query, request, reply });
		// Answers that depend on who asks are never stored by shared caches.
		reply.header(
			"cache-control",
			request.actor ? "private, no-store" : `public, max-age=${def.maxAge ?? 60}`,
		);
		// Drafts answer differently to their makers: caches must key on who asks.
		reply.header("vary", "cookie, authorization");
		return body;
	});
}

/** A write: needs a signed-in actor (the CSRF check is the auth plugin's), validates its body. */
export function writeRoute<
	P extends z.ZodObject | undefined,
	B extends z.ZodType | undefined,
	R extends z.ZodType,
>(
	app: FastifyInstance,
	def: RouteDef<P, undefined, R> & {
		method: "POST" | "PATCH" | "PUT" | "DELETE";
		body?: B;
		/** Success status: 200 by default, 201 for creations. */
		status?: number;
		/** A status that depends on the answer (202 for a change held for review). */
		statusOf?: (answer: z.input<R>) => number;
		/** Sign-in and registration are the only writes open to anonymous callers. */
		anonymous?: boolean;
		handler: (input: {
			params: Out<P>;
			/** The fields as sent (without the CSRF token): the service parses them. */
			body: Record<string, unknown>;
			actor: Actor;
			request: FastifyRequest;
			reply: FastifyReply;
		}) => Promise<z.input<R>>;
	},
): void {
	registerDoc({ ...def, security: !def.anonymous });
	app.route({
		method: def.method,
		url: def.url,
		config: def.anonymous ? { csrf: false } : {},
		handler: async (request, reply) => {
			const actor = def.anonymous ? (request.actor as Actor) : requireActor(request);
			const params = (
				def.params ? parseInput(def.params, request.params, "path parameter") : undefined
			) as Out<P>;
			parseInput(emptyQuery, request.query ?? {}, "query parameter");
			const { _csrf, ...body } = bodyFields(request.body);
			const answer = await def.handler({ params, body, actor, request, reply });
			reply.header("cache-control", "no-store");
			return reply.status(def.statusOf?.(answer) ?? def.status ?? 200).send(answer);
		},
	});
}

/** A write's body is a JSON object (or a form), or nothing; anything else is refused by name. */
function bodyFields(raw: unknown): Record<string, unknown> {
	if (raw === undefined || raw === null) return {};
	if (typeof raw !== "object" || Array.isArray(raw))
		throw AppError.invalid("body", "the request body must be a JSON object of fields");
	return raw as Record<string, unknown>;
}
