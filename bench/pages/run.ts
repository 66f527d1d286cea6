/**
 * Server time of every public page type, on the demo data and at scale:
 *   npm run bench:pages -- [--runs 60] [--warmup 10] [--results bench/PAGES.md] [--pg postgres://...]
 *                          [--scale bench/out/iif-bench.db] [--scale-pg postgres://.../iif_bench]
 * Each page is requested through the application (Fastify's inject: routing, services,
 * database, rendering, compression; no network) one request at a time; the figures are
 * the wall time per request. Also records each page's compressed (gzip) HTML size.
 * Runs on an embedded SQLite file, and on PostgreSQL too when --pg (or IIF_BENCH_PG_URL)
 * names a server where it may create a database. --scale and --scale-pg name databases
 * that `npm run bench -- --keep` loaded with the generated registry (100,000 commitments):
 * the same pages are measured there, with a stakeholder that made at least 5,000.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { type DialectName, openDatabase } from "../../src/db/database.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServices } from "../../src/server/services.ts";
import type { TestContext } from "../../test/helpers/app.ts";
import { measuredCauses } from "./causes.ts";

const { values } = parseArgs({
	options: {
		runs: { type: "string", default: "60" },
		warmup: { type: "string", default: "10" },
		results: { type: "string", default: "bench/PAGES.md" },
		pg: { type: "string" },
		scale: { type: "string" },
		"scale-pg": { type: "string" },
	},
	strict: true,
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const pgUrl = values.pg ?? process.env.IIF_BENCH_PG_URL;
if (pgUrl) process.env.IIF_TEST_PG_URL = pgUrl;
// Imported after the variable is set: the test helpers read it when they load.
const { startTestApp } = await import("../../test/helpers/app.ts");

/** At scale: the busiest country, a maker of at least 5,000 commitments, an SDG 3 goal page. */
async function scalePagesOf(
	url: string,
): Promise<{ pages: [string, string][]; close(): Promise<void>; app: FastifyInstance }> {
	const database = openDatabase(url);
	const db = database.db;
	const country = await sql<{ code: string }>`select code from commitment_recipient
		where kind = 'country' group by code order by count(*) desc, code limit 1`.execute(db);
	const maker = await sql<{ slug: string; n: number | string }>`select s.slug, count(*) as n
		from commitment_maker m join stakeholder s on s.id = m.stakeholder_id
		group by s.slug having count(*) >= 5000 order by count(*), s.slug limit 1`.execute(db);
	const busiest = await sql<{ slug: string }>`select c.slug from commitment c
		join delivery_state s on s.commitment_id = c.id and s.reason = 'counted'
		where c.status = 'published' and c.kind = 'financial'
		order by (select count(*) from commitment_relation r where r.to_id = c.id) desc, c.id limit 1`.execute(
		db,
	);
	const forum = await sql<{
		slug: string;
	}>`select f.slug from forum f join commitment c on c.forum_id = f.id
		group by f.slug order by count(*) desc, f.slug limit 1`.execute(db);
	const code = country.rows[0]?.code;
	const slug = maker.rows[0]?.slug;
	if (!code || !slug || !busiest.rows[0] || !forum.rows[0])
		throw new Error(
			`${url}: no country, maker of 5,000 commitments, commitment or forum to ask for`,
		);
	const app = await buildApp(createServices(database), { logger: false });
	return {
		app,
		close: async () => {
			await app.close();
			await database.close();
		},
		pages: [
			["home", "/en/"],
			["explorer with facets", "/en/commitments"],
			["explorer, filtered + text", "/en/commitments?goal=sdg:3&kind=financial&q=health"],
			["commitment", `/en/commitments/${busiest.rows[0].slug}`],
			[`stakeholder (${maker.rows[0]?.n} commitments)`, `/en/stakeholders/${slug}`],
			["country", `/en/countries/${code}`],
			["goal", "/en/goals/sdg:3"],
			["forum", `/en/forums/${forum.rows[0].slug}`],
			["map", "/en/map"],
		],
	};
}

async function pagesOf(ctx: TestContext): Promise<[string, string][]> {
	const list = (await ctx.get("/api/v1/commitments?limit=50")).body;
	const first = list.items[0];
	const withMoney = list.items.find((c: { amount: string | null }) => c.amount !== null) ?? first;
	const maker = withMoney.makers[0].slug;
	const forum = (list.items.find((c: { forum: unknown }) => c.forum) ?? first).forum?.slug;
	const recipient =
		list.items
			.flatMap((c: { recipients: { kind: string; code: string }[] }) => c.recipients)
			.find((r: { kind: string }) => r.kind === "country")?.code ?? "KE";
	const goal = withMoney.goals[0] ?? "sdg:3";
	return [
		["home", "/en/"],
		["home (Arabic)", "/ar/"],
		["explorer", "/en/commitments"],
		["explorer, filtered + text", `/en/commitments?goal=${goal}&kind=financial&q=health`],
		["commitment", `/en/commitments/${withMoney.slug}`],
		["stakeholder", `/en/stakeholders/${maker}`],
		["country", `/en/countries/${recipient}`],
		["goals index", "/en/goals"],
		["goal", `/en/goals/${goal}`],
		["forum", `/en/forums/${forum}`],
		["map", "/en/map"],
		["methodology", "/en/methodology"],
	];
}

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

interface Row {
	name: string;
	url: string;
	status: number;
	p50: number;
	p95: number;
	max: number;
	gzipBytes: number;
}

async function measurePages(
	label: string,
	app: FastifyInstance,
	pages: [string, string][],
): Promise<Row[]> {
	const rows: Row[] = [];
	for (const [name, url] of pages) {
		const request = () =>
			app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
		for (let i = 0; i < warmup; i++) await request();
		const times: number[] = [];
		let last = await request();
		for (let i = 0; i < runs; i++) {
			const t0 = process.hrtime.bigint();
			last = await request();
			times.push(Number(process.hrtime.bigint() - t0) / 1e6);
		}
		times.sort((a, b) => a - b);
		rows.push({
			name,
			url,
			status: last.statusCode,
			p50: quantile(times, 0.5),
			p95: quantile(times, 0.95),
			max: times[times.length - 1] ?? Number.NaN,
			gzipBytes: last.rawPayload.length,
		});
		console.log(
			`${label.padEnd(14)} ${name.padEnd(32)} ${String(last.statusCode).padEnd(4)} p50 ${quantile(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms  ${(last.rawPayload.length / 1024).toFixed(1)} KB gz`,
		);
	}
	return rows;
}

async function measureDialect(dialect: DialectName): Promise<Row[]> {
	const ctx = await startTestApp(dialect);
	try {
		return await measurePages(dialect, ctx.app, await pagesOf(ctx));
	} finally {
		await ctx.app.close();
		await ctx.db.drop();
	}
}

async function measureScale(dialect: DialectName, url: string): Promise<Row[]> {
	const scale = await scalePagesOf(url);
	try {
		return await measurePages(`${dialect} 100k`, scale.app, scale.pages);
	} finally {
		await scale.close();
	}
}

const results: [string, Row[]][] = [["SQLite, demo data", await measureDialect("sqlite")]];
if (pgUrl) results.push(["PostgreSQL, demo data", await measureDialect("postgres")]);
if (values.scale)
	results.push(["SQLite, 100,000 commitments", await measureScale("sqlite", values.scale)]);
if (values["scale-pg"])
	results.push([
		"PostgreSQL, 100,000 commitments",
		await measureScale("postgres", values["scale-pg"]),
	]);

const lines = [
	"# Page server time",
	"",
	`Written by \`npm run bench:pages\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} vCPU, load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(
			" ",
		)}, Node ${process.version}. ${runs} requests per page, one at a time, after ${warmup} to warm up; time is the whole request through the application (routing, services, database, rendering, gzip), without network. Target: under 50 ms.`,
	"",
	"The demo data is the shipped dataset (47 commitments). At scale, the database `npm run bench -- --keep` loaded from `npm run bench:generate` (100,000 commitments, 2,000,000 transactions): `--scale bench/out/iif-bench.db --scale-pg postgres://.../iif_bench`.",
	"",
];
for (const [title, rows] of results) {
	lines.push(
		`## ${title}`,
		"",
		"| page | status | p50 ms | p95 ms | max ms | HTML gzip KB | under 50 ms (p95) |",
		"| --- | ---: | ---: | ---: | ---: | ---: | --- |",
		...rows.map(
			(r) =>
				`| ${r.name} (\`${r.url}\`) | ${r.status} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${(r.gzipBytes / 1024).toFixed(1)} | ${r.p95 < 50 ? "yes" : "**no**"} |`,
		),
		"",
	);
}
// Every miss at scale, with its measured cause (bench/pages/causes.ts) or none yet.
const misses = results.flatMap(([title, rows]) =>
	title.includes("100,000")
		? rows
				.filter((r) => r.p95 >= 50)
				.map((r) => {
					const page = Object.keys(measuredCauses[title] ?? {}).find(
						(p) => r.name === p || r.name.startsWith(`${p} (`),
					);
					const cause = page ? measuredCauses[title]?.[page] : undefined;
					return `- ${title}, ${r.name} (p95 ${r.p95.toFixed(1)} ms): ${cause ?? "no cause measured yet."}`;
				})
		: [],
);
if (misses.length) lines.push("## Misses at scale, and where their time goes", "", ...misses, "");
writeFileSync(values.results, `${lines.join("\n")}\n`);
console.log(`wrote ${values.results}`);
