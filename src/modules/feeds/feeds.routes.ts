/**
 * Atom feeds at /feeds/...: everything, or one commitment, stakeholder, goal or country.
 * Outside /api/v1 (they are not JSON) and so not in the OpenAPI document; the API points
 * to them instead, with Link headers on the records they follow.
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { atomXml } from "../../interchange/feeds/atom.ts";
import { AppError } from "../../lib/errors.ts";
import type { FeedService } from "./feeds.service.ts";
import { type FeedRequest, feedPaths } from "./feeds.service.ts";

export const atomType = "application/atom+xml";

/** `12.atom` -> `12`; anything not ending in .atom names no feed. */
function feedName(file: string, what: string): string {
	const m = /^([^/]{1,200})\.atom$/.exec(file);
	if (!m) throw AppError.notFound(what, file);
	return m[1] as string;
}

/** The records whose API answers (and the home page) point to their feed. */
const discoverable: Record<string, (params: Record<string, string>) => string> = {
	"/": () => feedPaths.all,
	"/api/v1/commitments": () => feedPaths.all,
	"/api/v1/commitments/:id": (p) => feedPaths.commitment(p.id ?? ""),
	"/api/v1/stakeholders/:id": (p) => feedPaths.stakeholder(p.id ?? ""),
	"/api/v1/countries/:code": (p) => feedPaths.country(p.code ?? ""),
};

export function feedRoutes(app: FastifyInstance, feeds: FeedService): void {
	const send = async (request: FastifyRequest, reply: FastifyReply, which: FeedRequest) => {
		const feed = await feeds.feed(which);
		// Absolute links, against the address the reader used (X-Forwarded-* behind a trusted proxy).
		const body = atomXml(feed, `${request.protocol}://${request.host}`);
		const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
		// Readers poll: a short shared cache, and 304 when nothing changed.
		reply.header("cache-control", "public, max-age=300");
		reply.header("etag", etag);
		if (request.headers["if-none-match"] === etag) return reply.code(304).send();
		reply.type(`${atomType}; charset=utf-8`);
		return body;
	};
	const param = (request: FastifyRequest) => (request.params as { file: string }).file;

	app.get("/feeds/all.atom", (request, reply) => send(request, reply, { kind: "all" }));
	app.get("/feeds/commitments/:file", (request, reply) =>
		send(request, reply, { kind: "commitment", ref: feedName(param(request), "commitment") }),
	);
	app.get("/feeds/stakeholders/:file", (request, reply) =>
		send(request, reply, { kind: "stakeholder", ref: feedName(param(request), "stakeholder") }),
	);
	app.get("/feeds/goals/:file", (request, reply) =>
		send(request, reply, { kind: "goal", code: feedName(param(request), "goal") }),
	);
	app.get("/feeds/countries/:file", (request, reply) =>
		send(request, reply, { kind: "country", code: feedName(param(request), "country") }),
	);

	app.addHook("onSend", async (request, reply, payload) => {
		if (request.method !== "GET" || reply.statusCode !== 200) return payload;
		const path = discoverable[request.routeOptions.url ?? ""];
		if (!path) return payload;
		const link = `<${path(request.params as Record<string, string>)}>; rel="alternate"; type="${atomType}"`;
		const existing = reply.getHeader("link");
		reply.header("link", existing ? `${String(existing)}, ${link}` : link);
		return payload;
	});
}
