/** The figures of a run: a table on the console and bench/RESULTS.md. */
import { writeFileSync } from "node:fs";
import type { Manifest } from "./dataset.ts";
import type { Dim } from "./duckdb.ts";
import type { Latency } from "./http.ts";

export const targetP95 = 50;

export interface EndpointResult {
	name: string;
	path: string;
	dim?: Dim;
	latency: Latency;
	/** The same call, one request at a time: what a request costs without waiting for others. */
	single?: Latency;
}

export interface DialectResult {
	dialect: "sqlite" | "postgres";
	version: string;
	/** Processes of `iif serve` that answered (IIF_WORKERS=auto: one per core on PostgreSQL). */
	workers: number;
	timings: { migrate: number; load: number; rebuild: number; analyze: number };
	rows: number;
	endpoints: EndpointResult[];
	comparisons: { dim: Dim; groups: number; difference: string | null }[];
}

export interface RunResult {
	machine: { cpus: number; model: string; memoryGb: number; node: string; platform: string };
	options: { data: string; duration: number; connections: number; warmup: number; single: number };
	manifest: Manifest;
	duck: {
		version: string;
		rows: number;
		loadSeconds: number;
		times: Partial<Record<Dim, { median: number; all: number[] }>>;
		/** The same aggregates from the stored facts the service reads (the easier question). */
		factTimes: Partial<Record<Dim, { median: number; all: number[] }>>;
		/** The 1-minute load average after the timings. */
		loadAverage: number;
	};
	dialects: DialectResult[];
	started: string;
	seconds: number;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");
const s = (x: number) => x.toFixed(1);
const names = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

function ratio(r: RunResult, e: EndpointResult, from: "raw" | "facts" = "raw"): number | null {
	const duck = e.dim ? r.duck[from === "raw" ? "times" : "factTimes"][e.dim]?.median : undefined;
	return duck ? e.latency.p95 / duck : null;
}

export function verdict(r: RunResult): { latency: boolean; ratio: boolean; equal: boolean } {
	const all = r.dialects.flatMap((d) => d.endpoints.map((e) => ({ d, e })));
	return {
		latency: all.every(({ e }) => e.latency.p95 < targetP95 && e.latency.errors === 0),
		ratio: all.every(({ e }) => !e.dim || (ratio(r, e) ?? Number.POSITIVE_INFINITY) <= 1),
		equal: r.dialects.every((d) => d.comparisons.every((c) => c.difference === null)),
	};
}

export function renderMarkdown(r: RunResult): string {
	const m = r.manifest;
	const lines: string[] = [];
	lines.push("# Benchmark results", "");
	lines.push(
		`Written by \`npm run bench\` on ${r.started.slice(0, 10)} (${s(r.seconds / 60)} minutes in all). ` +
			"Latency is measured through HTTP with autocannon against `iif serve` running in its own process; " +
			"p50 and p95 are exact percentiles (nearest rank) of every response time autocannon measured " +
			"(autocannon itself reports p50, p97.5 and p99 but no p95).",
		"",
	);
	lines.push("## Machine", "");
	lines.push(
		`- ${r.machine.cpus} CPUs (${r.machine.model}), ${r.machine.memoryGb} GB memory, ${r.machine.platform}`,
	);
	lines.push(
		`- Node.js ${r.machine.node}; ${r.dialects.map((d) => `${names[d.dialect]} ${d.version}`).join("; ")}; DuckDB ${r.duck.version}`,
	);
	lines.push(
		`- load: ${r.options.connections} connections for ${r.options.duration} s per endpoint, after ${r.options.warmup} s of warm-up; then 1 connection for ${r.options.single} s`,
		`- server: \`iif serve\` with IIF_WORKERS=auto: ${r.dialects.map((d) => `${names[d.dialect]} in ${d.workers} process${d.workers === 1 ? "" : "es"}`).join(", ")}`,
		"",
	);
	lines.push("## Data set", "");
	lines.push(
		`\`npm run bench:generate -- --commitments ${m.commitments} --transactions ${m.transactions} --seed ${m.seed}\`: ` +
			`${m.commitments} commitments, ${m.transactions} transactions, ${m.activities} activities, ${m.links} links, ` +
			`${m.relations} relations, ${m.stakeholders} stakeholders, ${m.forums} forums.`,
		"",
	);
	lines.push(`| | ${r.dialects.map((d) => names[d.dialect]).join(" | ")} |`);
	lines.push(`|---|${r.dialects.map(() => "---:|").join("")}`);
	lines.push(`| rows loaded | ${r.dialects.map((d) => d.rows).join(" | ")} |`);
	lines.push(
		`| migrate + reference data (s) | ${r.dialects.map((d) => s(d.timings.migrate)).join(" | ")} |`,
	);
	lines.push(`| bulk load (s) | ${r.dialects.map((d) => s(d.timings.load)).join(" | ")} |`);
	lines.push(
		`| analytics rebuild (s) | ${r.dialects.map((d) => s(d.timings.rebuild)).join(" | ")} |`,
	);
	lines.push(
		`| VACUUM ANALYZE (s) | ${r.dialects.map((d) => (d.dialect === "postgres" ? s(d.timings.analyze) : "-")).join(" | ")} |`,
	);
	lines.push("");
	lines.push("## Latency (ms)", "");
	lines.push(
		`| endpoint | ${r.dialects
			.map((d) => {
				const n = names[d.dialect];
				return `${n} p50 | ${n} p95 | req/s | load | ${n} p50 / p95, 1 connection`;
			})
			.join(" | ")} |`,
	);
	lines.push(`|---|${r.dialects.map(() => "---:|---:|---:|---:|---:|").join("")}`);
	const first = r.dialects[0];
	for (const [i, e] of (first?.endpoints ?? []).entries()) {
		const cells = r.dialects.map((d) => {
			const x = d.endpoints[i];
			if (!x) return "- | - | - | - | -";
			const l = x.latency;
			const mark = l.p95 < targetP95 ? "" : " ✗";
			const one = x.single ? `${ms(x.single.p50)} / ${ms(x.single.p95)}` : "-";
			return `${ms(l.p50)} | ${ms(l.p95)}${mark} | ${l.rps.toFixed(0)} | ${l.loadAverage.toFixed(1)} | ${one}`;
		});
		lines.push(`| ${e.name} | ${cells.join(" | ")} |`);
	}
	lines.push("");
	lines.push(
		`"load" is the machine's 1-minute load average as each measurement ended: on ${r.machine.cpus} CPUs, ` +
			"the server and the load generator take about 2; more means other work ran at the same time. " +
			`With ${r.options.connections} connections and one server process, a request may wait for the ones ahead of it: ` +
			"p50 and p95 include that queueing. The last column, one request at a time, shows what a request costs alone.",
		"",
	);
	lines.push("Paths:", "");
	for (const e of first?.endpoints ?? []) lines.push(`- ${e.name}: \`${e.path}\``);
	lines.push("");
	lines.push("## Against DuckDB", "");
	lines.push(
		`DuckDB (in memory, ${r.duck.rows} rows copied from the first database in ${s(r.duck.loadSeconds)} s) computes each aggregate from the raw rows: ` +
			"links and transactions (delivery by commitment and year, shares applied, rounded to cents), the relation graph's roots, " +
			"each commitment's yearly schedule, and the group memberships. Time: median of 5 runs, data already loaded " +
			`(load average ${r.duck.loadAverage.toFixed(1)} after the runs). ` +
			"Ratio: our p95 through HTTP / DuckDB's time (target: 1 or less). " +
			"The easier question is timed too: DuckDB summing the same stored facts the service reads " +
			"(delivery_fact by delivery_key, as a filtered aggregate does), with its own ratio. " +
			"By stakeholder, both columns sum the stored maker facts (delivery_maker_fact): a maker's " +
			"figures are its own pledges (methodology 5a), a rule of the relation graph not yet " +
			"restated on the raw rows, so that row checks the maintained rollups against the facts only.",
		"",
	);
	lines.push(
		"| aggregate | DuckDB from raw rows (ms) | DuckDB from stored facts (ms) | " +
			r.dialects
				.map((d) => `${names[d.dialect]} p95 / DuckDB raw | ${names[d.dialect]} p95 / DuckDB facts`)
				.join(" | ") +
			" | same answer |",
	);
	lines.push(`|---|---:|---:|${r.dialects.map(() => "---:|---:|").join("")}---|`);
	for (const dim of ["goal", "stakeholder", "recipient"] as const) {
		const duck = r.duck.times[dim];
		const facts = r.duck.factTimes[dim];
		const cells = r.dialects.flatMap((d) => {
			const e = d.endpoints.find((x) => x.dim === dim);
			return (["raw", "facts"] as const).map((from) => {
				const q = e ? ratio(r, e, from) : null;
				return q === null ? "-" : q.toFixed(2);
			});
		});
		const same = r.dialects
			.map((d) => {
				const c = d.comparisons.find((x) => x.dim === dim);
				return c ? `${names[d.dialect]}: ${c.difference ? "NO" : `yes (${c.groups} groups)`}` : "";
			})
			.join(", ");
		lines.push(
			`| by ${dim} | ${duck ? ms(duck.median) : "-"} | ${facts ? ms(facts.median) : "-"} | ${cells.join(" | ")} | ${same} |`,
		);
	}
	const differences = r.dialects.flatMap((d) =>
		d.comparisons.filter((c) => c.difference).map((c) => `- ${names[d.dialect]}: ${c.difference}`),
	);
	if (differences.length) lines.push("", "**The answers differ:**", "", ...differences);
	lines.push("", "## Verdict", "");
	const v = verdict(r);
	lines.push(
		`- Every measured call under ${targetP95} ms p95 on ${r.dialects.map((d) => names[d.dialect]).join(" and ")}: **${v.latency ? "met" : "not met"}**.`,
	);
	lines.push(
		`- Aggregates no slower than DuckDB from the raw rows (ratio <= 1): **${v.ratio ? "met" : "not met"}**.`,
	);
	const factRatios = r.dialects.flatMap((d) =>
		d.endpoints.flatMap((e) => {
			const q = ratio(r, e, "facts");
			return q === null ? [] : [q];
		}),
	);
	if (factRatios.length)
		lines.push(
			`- Against DuckDB summing the same stored facts: ratios ${Math.min(...factRatios).toFixed(2)} to ${Math.max(...factRatios).toFixed(2)} (${factRatios.every((q) => q <= 1) ? "no slower" : "slower where above 1: an HTTP request with JSON costs more than an in-memory column scan of the same rows"}).`,
		);
	lines.push(`- Same answers as DuckDB, to the cent: **${v.equal ? "yes" : "no"}**.`);
	return `${lines.join("\n")}\n`;
}

export function printTable(r: RunResult): void {
	const rows = r.dialects.flatMap((d) =>
		d.endpoints.map((e) => {
			const q = ratio(r, e);
			return {
				db: d.dialect,
				endpoint: e.name,
				p50: ms(e.latency.p50),
				p95: ms(e.latency.p95),
				"req/s": e.latency.rps.toFixed(0),
				errors: e.latency.errors,
				"duckdb ms": e.dim ? ms(r.duck.times[e.dim]?.median ?? Number.NaN) : "",
				ratio: q === null ? "" : q.toFixed(2),
				load: e.latency.loadAverage.toFixed(1),
			};
		}),
	);
	console.table(rows);
}

export function writeResults(path: string, r: RunResult): void {
	writeFileSync(path, renderMarkdown(r));
}
