/**
 * Ids beyond what an id column holds (2^31 and past, up to and beyond 2^53) name no record:
 * every route that takes an id answers 404 or 400, never 500, on both databases. The
 * routes are read from the application's own route table, so a new one is never forgotten.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { FastifyInstance, HTTPMethods } from "fastify";
import { cliActor } from "../../src/lib/actor.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { type Person, person } from "../helpers/users.ts";

/** Just past the 32-bit limit, 2^53 + 1 (which a double cannot hold) and 2^53 itself. */
const hugeIds = ["2147483648", "9007199254740993", "9007199254740992"];

interface Route {
	method: HTTPMethods;
	path: string;
}

/** Every route with its full path, from Fastify's printed tree (each line one segment deeper). */
function routeTable(app: FastifyInstance): Route[] {
	const prefixes: string[] = [];
	const routes: Route[] = [];
	for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
		const m = /^((?:[│ ] {3})*)[├└]── (.*?) \(([A-Z, ]+)\)$/.exec(line);
		if (!m) continue;
		const depth = (m[1] as string).length / 4;
		prefixes.length = depth;
		prefixes.push(m[2] as string);
		for (const method of (m[3] as string).split(", "))
			if (method !== "HEAD")
				routes.push({ method: method as HTTPMethods, path: prefixes.join("") });
	}
	return routes;
}

/** The path with every parameter but the language set to `id` (a feed's file is `<id>.atom`). */
function fill(path: string, id: string): string {
	return path
		.replace(/:lang\b/g, "en")
		.replace(/:file\b/g, `${id}.atom`)
		.replace(/:[a-z_]+/g, id);
}

/** A body each write accepts as far as naming the record, so the lookup itself is reached. */
function bodyFor(route: Route, id: string, commitment: string): Record<string, unknown> {
	const n = Number(id);
	const path = route.path;
	if (/\/commitments\/:id$/.test(path)) return { version: 1, changes: { title: "A new title" } };
	if (/\/(submit|publish|return|complete|withdraw)$/.test(path))
		return { reason: "Checked by the id test" };
	if (path.endsWith("/relations")) return { to: n, kind: "reaffirms" };
	if (path.endsWith("/commitments/:id/reports"))
		return {
			kind: "maker",
			stakeholder: n,
			period_start: "2010-01-01",
			period_end: "2010-12-31",
			narrative: "Checked by the id test.",
		};
	if (/\/reports\/:id$/.test(path)) return { version: 1, changes: { narrative: "Again." } };
	if (path.endsWith("/comments") && path.startsWith("/api"))
		return { body: "Checked by the id test.", parent_id: n };
	if (path.endsWith("/comments")) return { body: "Checked by the id test.", parent_id: id };
	if (/\/comments\/:id$/.test(path)) return { body: "Edited by the id test." };
	if (path.startsWith("/:lang/comments/:id/flag"))
		return { commitment, reason: "spam", details: "Checked by the id test." };
	if (/\/comments\/:id\/(flag|hide|unhide|dismiss-flags)$/.test(path))
		return { reason: "Checked by the id test" };
	if (/\/links(\/reject|\/remove)?$/.test(path)) return { activity: "XM-DAC-1-IDTEST" };
	if (path.endsWith("/assessments"))
		return { scheme: "scorecard", score: "on_track", rationale: "Checked by the id test." };
	if (path.endsWith("/role")) return { role: "assessor" };
	if (path.endsWith("/memberships")) return { stakeholder: n, role: "editor" };
	if (path.endsWith("/moderation/:id/hide")) return { reason: "Checked by the id test" };
	return {};
}

describeEachDialect("ids no record can have", (ctx) => {
	let routes: Route[] = [];
	let admin: Person;
	let assessor: Person;
	let commitment = "";

	before(async () => {
		routes = routeTable(ctx().app);
		admin = await person(ctx(), { role: "admin" });
		assessor = await person(ctx(), { role: "assessor" });
		const maker = "id-test-maker";
		await ctx().services.stakeholders.create(
			{ slug: maker, name: "Id Test Maker", kind: "ngo" },
			cliActor,
		);
		const created = await ctx().services.commitments.create(
			{
				title: "A commitment the id test refers to",
				text: "Written for the id test.",
				kind: "policy",
				makers: [maker],
				goals: ["mdg:8"],
				policy: { target: "Checked by the id test" },
				status: "published",
			},
			cliActor,
		);
		commitment = created.slug;
	});

	async function ask(method: HTTPMethods, url: string, who: Person, payload?: object) {
		const res = await ctx().app.inject({
			method,
			url,
			headers: who.headers,
			...(payload ? { payload } : {}),
		});
		return { status: res.statusCode, body: res.body.slice(0, 300) };
	}

	it("reads the route table: many routes take an id, API and pages alike", () => {
		const withId = routes.filter((r) => /:(id|slug)\b/.test(r.path));
		assert.ok(withId.length > 30, `only ${withId.length} routes take an id`);
		assert.ok(withId.some((r) => r.path === "/api/v1/commitments/:id" && r.method === "GET"));
		assert.ok(withId.some((r) => r.path === "/:lang/commitments/:slug" && r.method === "GET"));
		assert.ok(withId.some((r) => r.method !== "GET"));
	});

	it("answers 404 or 400 for every route, every huge id, read or write, signed out or in", async () => {
		const failures: string[] = [];
		const withParams = routes.filter((r) => r.path.replace(/:lang\b/g, "").includes(":"));
		assert.ok(withParams.length > 0);
		for (const route of withParams)
			for (const id of hugeIds) {
				const url = fill(route.path, id);
				// Assessing is the assessor's alone, who must get as far as the lookup.
				const signedIn = /\/assess(ments)?$/.test(route.path) ? assessor : admin;
				const askers =
					route.method === "GET" ? [signedIn, { ...signedIn, headers: {} }] : [signedIn];
				for (const who of askers) {
					const payload = route.method === "GET" ? undefined : bodyFor(route, id, commitment);
					const res = await ask(route.method, url, who, payload);
					const signedOut = Object.keys(who.headers).length === 0;
					// A page for members only sends the signed-out reader to sign in first; an API
					// read for members only (the proposals under review) asks them to (401).
					const ok =
						[400, 404].includes(res.status) ||
						(signedOut && (res.status === 303 || (res.status === 401 && url.startsWith("/api/"))));
					if (!ok)
						failures.push(
							`${route.method} ${url}${signedOut ? " (signed out)" : ""}: ${res.status} ${res.body}`,
						);
				}
			}
		assert.deepEqual(failures, []);
	});

	it("answers 404 or 400 for a huge id in a body, of an existing commitment", async () => {
		const failures: string[] = [];
		for (const id of hugeIds) {
			const n = Number(id);
			const cases: [HTTPMethods, string, object][] = [
				["POST", `/api/v1/commitments/${commitment}/relations`, { to: n, kind: "reaffirms" }],
				[
					"POST",
					`/api/v1/commitments/${commitment}/reports`,
					{
						kind: "maker",
						stakeholder: n,
						period_start: "2010-01-01",
						period_end: "2010-12-31",
						narrative: "Checked by the id test.",
					},
				],
				[
					"POST",
					`/api/v1/commitments/${commitment}/comments`,
					{ body: "Checked by the id test.", parent_id: n },
				],
				["POST", `/api/v1/users/${admin.id}/memberships`, { stakeholder: n, role: "editor" }],
				["DELETE", `/api/v1/users/${admin.id}/memberships/${id}`, {}],
			];
			for (const [method, url, payload] of cases) {
				const res = await ask(method, url, admin, payload);
				if (![400, 404].includes(res.status))
					failures.push(`${method} ${url} ${JSON.stringify(payload)}: ${res.status} ${res.body}`);
			}
		}
		assert.deepEqual(failures, []);
	});

	it("never fails on a huge id among a list's filters", async () => {
		const failures: string[] = [];
		const lists = routes.filter((r) => r.method === "GET" && !r.path.includes(":"));
		for (const route of lists)
			for (const name of ["stakeholder", "forum", "commitment", "maker", "id"])
				for (const id of hugeIds) {
					const url = `${route.path}?${name}=${id}`;
					const res = await ask("GET", url, admin);
					if (res.status >= 500) failures.push(`GET ${url}: ${res.status} ${res.body}`);
				}
		assert.deepEqual(failures, []);
	});
});
