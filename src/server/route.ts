/**
 * Declares a read route once: Fastify gets the handler, OpenAPI gets the documentation,
 * and path and query are validated by the same zod schemas before the service is called.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseInput } from "../lib/validation.ts";
import { type RouteDoc, registerDoc } from "./openapi.ts";

/** Routes without parameters still refuse unknown ones, so a typo is never silently ignored. */
const emptyQuery = z.strictObject({});

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export function getRoute<
	P extends z.ZodObject | undefined,
	Q extends z.ZodObject | undefined,
	R extends z.ZodType,
>(
	app: FastifyInstance,
	def: Omit<RouteDoc, "method" | "params" | "query" | "response"> & {
		params?: P;
		query?: Q;
		response: R;
		/** Seconds shared caches and browsers may keep the answer. */
		maxAge?: number;
		handler: (input: {
			params: Out<P>;
			query: Out<Q>;
			request: FastifyRequest;
			reply: FastifyReply;
		}) => Promise<z.input<R>>;
	},
): void {
	registerDoc({ ...def, method: "GET" });
	app.get(def.url, async (request, reply) => {
		const params = (
			def.params ? parseInput(def.params, request.params, "path parameter") : undefined
		) as Out<P>;
		const query = (
			def.query
				? parseInput(def.query, request.query ?? {}, "query parameter")
				: parseInput(emptyQuery, request.query ?? {}, "query parameter")
		) as Out<Q>;
		const body = await def.handler({ params, query, request, reply });
		reply.header("cache-control", `public, max-age=${def.maxAge ?? 60}`);
		return body;
	});
}
