/**
 * The benchmark of "fast at scale":
 *   npm run bench -- [--data bench/data] [--duration 10] [--connections 4] [--warmup 3] [--single 5]
 *                    [--only sqlite|postgres] [--results bench/RESULTS.md] [--keep]
 * For each database: a fresh copy loaded with the generated registry, `iif serve` on
 * it, every endpoint checked then measured; the three aggregates computed again by
 * DuckDB from the same rows, compared to the cent and timed. --single N also measures
 * each call one request at a time for N seconds (0: not), to tell cost from queueing. Writes the results file
 * and exits 1 when an answer differs. --keep leaves the PostgreSQL database iif_bench
 * in place for inspection (the SQLite file bench/out/iif-bench.db always stays).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { sql } from "kysely";
import type { DialectName } from "../src/db/database.ts";
import { compareWithDuck } from "./compare.ts";
import { files, type Manifest } from "./dataset.ts";
import { type Dim, DuckReference } from "./duckdb.ts";
import { checkOk, measure } from "./http.ts";
import { loadBenchDatabase } from "./load.ts";
import {
	type DialectResult,
	printTable,
	type RunResult,
	renderMarkdown,
	verdict,
	writeResults,
} from "./report.ts";
import { startServer } from "./server.ts";
import { chooseEndpoints } from "./targets.ts";

const dims: Dim[] = ["goal", "stakeholder", "recipient"];

function options() {
	const { values } = parseArgs({
		options: {
			data: { type: "string", default: "bench/data" },
			duration: { type: "string", default: "10" },
			connections: { type: "string", default: "4" },
			warmup: { type: "string", default: "3" },
			single: { type: "string", default: "5" },
			only: { type: "string" },
			results: { type: "string", default: "bench/RESULTS.md" },
			keep: { type: "boolean", default: false },
		},
		strict: true,
	});
	if (values.only && !["sqlite", "postgres"].includes(values.only))
		throw new Error(`--only takes sqlite or postgres, got '${values.only}'`);
	return {
		data: values.data,
		duration: Number(values.duration),
		connections: Number(values.connections),
		warmup: Number(values.warmup),
		single: Number(values.single),
		dialects: (values.only ? [values.only] : ["sqlite", "postgres"]) as DialectName[],
		results: values.results,
		keep: values.keep,
	};
}

async function duckVersion(): Promise<string> {
	const instance = await DuckDBInstance.create(":memory:");
	const reader = await (await instance.connect()).runAndReadAll("select version() as v");
	return String(reader.getRowObjectsJS()[0]?.v);
}

async function main(): Promise<number> {
	const o = options();
	const started = new Date();
	const manifest = JSON.parse(readFileSync(join(o.data, files.manifest), "utf8")) as Manifest;
	console.log(
		`data: ${o.data} (${manifest.commitments} commitments, ${manifest.transactions} transactions)`,
	);
	const cpus = os.cpus();
	const result: RunResult = {
		machine: {
			cpus: os.availableParallelism(),
			model: cpus[0]?.model ?? "unknown",
			memoryGb: Math.round(os.totalmem() / 2 ** 30),
			node: process.version,
			platform: `${os.type()} ${os.release()}`,
		},
		options: {
			data: o.data,
			duration: o.duration,
			connections: o.connections,
			warmup: o.warmup,
			single: o.single,
		},
		manifest,
		duck: {
			version: await duckVersion(),
			rows: 0,
			loadSeconds: 0,
			times: {},
			factTimes: {},
			loadAverage: 0,
		},
		dialects: [],
		started: started.toISOString(),
		seconds: 0,
	};
	let duck: DuckReference | null = null;

	for (const dialect of o.dialects) {
		const loaded = await loadBenchDatabase(dialect, o.data);
		try {
			const db = loaded.database.db;
			const version = await sql<{
				v: string;
			}>`select ${sql.raw(dialect === "postgres" ? "current_setting('server_version')" : "sqlite_version()")} as v`.execute(
				db,
			);
			if (!duck) {
				duck = await DuckReference.fromDatabase(db);
				console.log(`duckdb: ${duck.rows} rows copied in ${duck.loadSeconds.toFixed(1)} s`);
				const orphans = await duck.orphanMembers();
				if (orphans > 0)
					console.error(`!! ${orphans} commitments placed under a root that is not counted`);
				result.duck.rows = duck.rows;
				result.duck.loadSeconds = duck.loadSeconds;
				for (const dim of dims) {
					result.duck.times[dim] = await duck.time(dim, "raw");
					result.duck.factTimes[dim] = await duck.time(dim, "facts");
				}
				result.duck.loadAverage = os.loadavg()[0] ?? 0;
				console.log(
					`duckdb: ${dims.map((d) => `by ${d} ${result.duck.times[d]?.median.toFixed(1)} ms (from facts ${result.duck.factTimes[d]?.median.toFixed(1)} ms)`).join(", ")}`,
				);
			}
			const endpoints = await chooseEndpoints(db);
			const server = await startServer(loaded.url);
			const entry: DialectResult = {
				dialect,
				version: version.rows[0]?.v ?? "?",
				workers: server.workers,
				timings: loaded.timings,
				rows: loaded.rows,
				endpoints: [],
				comparisons: [],
			};
			try {
				for (const e of endpoints) await checkOk(`${server.base}${e.path}`);
				for (const dim of dims) {
					const c = await compareWithDuck(server.base, duck, dim);
					entry.comparisons.push({ dim, ...c });
					if (c.difference)
						console.error(`!! ${dialect}: the API and DuckDB differ: ${c.difference}`);
					else console.log(`${dialect}: by ${dim}: same answer as DuckDB (${c.groups} groups)`);
				}
				for (const e of endpoints) {
					const latency = await measure(`${server.base}${e.path}`, o);
					const single =
						o.single > 0
							? await measure(`${server.base}${e.path}`, {
									duration: o.single,
									connections: 1,
									warmup: 0,
								})
							: undefined;
					entry.endpoints.push({ ...e, latency, single });
					console.log(
						`${dialect}: ${e.name}: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, ${latency.rps.toFixed(0)} req/s` +
							(single
								? `; alone: p50 ${single.p50.toFixed(1)} ms, p95 ${single.p95.toFixed(1)} ms`
								: ""),
					);
				}
			} finally {
				await server.stop();
			}
			result.dialects.push(entry);
		} finally {
			await loaded.close(o.keep);
		}
	}

	result.seconds = (Date.now() - started.getTime()) / 1000;
	printTable(result);
	writeResults(o.results, result);
	console.log(`\n${renderMarkdown(result).split("## Verdict")[1]?.trim()}`);
	console.log(`written: ${o.results}`);
	return verdict(result).equal ? 0 : 1;
}

process.exitCode = await main();
