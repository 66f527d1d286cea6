/**
 * Server time of every public page type on the demo data:
 *   npm run bench:pages -- [--runs 60] [--warmup 10] [--results bench/PAGES.md] [--pg postgres://...]
 * Each page is requested through the application (Fastify's inject: routing, services,
 * database, rendering, compression; no network) one request at a time; the figures are
 * the wall time per request. Also records each page's compressed (gzip) HTML size.
 * Runs on an embedded SQLite file, and on PostgreSQL too when --pg (or IIF_BENCH_PG_URL)
 * names a server where it may create a database.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { DialectName } from "../../src/db/database.ts";
import type { TestContext } from "../../test/helpers/app.ts";

const { values } = parseArgs({
	options: {
		runs: { type: "string", default: "60" },
		warmup: { type: "string", default: "10" },
		results: { type: "string", default: "bench/PAGES.md" },
		pg: { type: "string" },
	},
	strict: true,
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const pgUrl = values.pg ?? process.env.IIF_BENCH_PG_URL;
if (pgUrl) process.env.IIF_TEST_PG_URL = pgUrl;
// Imported after the variable is set: the test helpers read it when they load.
const { startTestApp } = await import("../../test/helpers/app.ts");

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

async function measureDialect(dialect: DialectName): Promise<Row[]> {
	const ctx = await startTestApp(dialect);
	try {
		const rows: Row[] = [];
		for (const [name, url] of await pagesOf(ctx)) {
			const request = () =>
				ctx.app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
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
				`${dialect.padEnd(8)} ${name.padEnd(28)} ${String(last.statusCode).padEnd(4)} p50 ${quantile(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms  ${(last.rawPayload.length / 1024).toFixed(1)} KB gz`,
			);
		}
		return rows;
	} finally {
		await ctx.app.close();
		await ctx.db.drop();
	}
}

const results: [DialectName, Row[]][] = [["sqlite", await measureDialect("sqlite")]];
if (pgUrl) results.push(["postgres", await measureDialect("postgres")]);

const lines = [
	"# Page server time on the demo data",
	"",
	`Written by \`npm run bench:pages\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} vCPU, load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(
			" ",
		)}, Node ${process.version}. ${runs} requests per page, one at a time, after ${warmup} to warm up; time is the whole request through the application (routing, services, database, rendering, gzip), without network. Target: under 50 ms.`,
	"",
];
for (const [dialect, rows] of results) {
	lines.push(
		`## ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}`,
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
writeFileSync(values.results, `${lines.join("\n")}\n`);
console.log(`wrote ${values.results}`);
