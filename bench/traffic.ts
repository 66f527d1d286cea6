/**
 * The load benchmark of issue 13 (`npm run bench:load`): mixed traffic against `iif serve`
 * in processes of its own, and what it leaves behind.
 *   npm run bench:load -- [--duration 60] [--connections 50] [--writers 20] [--think 100]
 *                         [--only sqlite|postgres] [--out bench/LOAD.md]
 * - SQLite, one `iif serve`: `connections` clients read pages and the API (a mix of
 *   twelve paths) as fast as they are answered, while `writers` signed-in users write at
 *   the same time (each waits `think` ms between two writes): focal points update their
 *   commitment's pledge (two focal points per commitment, so that some updates race and one
 *   must be refused 409) and file reports, the others comment.
 * - PostgreSQL, two `iif serve` instances on one database: the same readers and writers,
 *   spread over both; the two focal points of a commitment write through different ones.
 * Measured: every answer's status and time (p50, p95, p99 of reads and of writes), 5xx,
 * SQLITE_BUSY or other database errors in the servers' logs, each server process's
 * resident memory after a warm-up and at the end. Checked after the run: no lost update
 * (every commitment's version counts exactly its acknowledged updates, its stored pledge
 * is the last acknowledged one), every acknowledged report and comment stored, the stored
 * rollups equal a recomputation, one audit chain that verifies. Writes bench/LOAD.md.
 * The data is the demo registry (the rate limits per user are raised: 20 users writing
 * several times a second is the load asked for, not abuse).
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { type Database, type DialectName, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { cliActor } from "../src/lib/actor.ts";
import { createServices, type Services } from "../src/server/services.ts";
import { percentile } from "./http.ts";
import { benchPgAdminUrl } from "./load.ts";
import { type Server, startServer } from "./server.ts";

const { values } = parseArgs({
	options: {
		duration: { type: "string", default: "60" },
		connections: { type: "string", default: "50" },
		writers: { type: "string", default: "20" },
		think: { type: "string", default: "100" },
		only: { type: "string" },
		out: { type: "string", default: "bench/LOAD.md" },
	},
	strict: true,
});
const o = {
	duration: Number(values.duration),
	connections: Number(values.connections),
	writers: Number(values.writers),
	think: Number(values.think),
	dialects: (values.only ? [values.only] : ["sqlite", "postgres"]) as DialectName[],
	out: values.out,
};
const warmup = 5;

interface Stats {
	times: number[];
	statuses: Map<number, number>;
	/** Requests that got no answer at all (connection refused or reset, timeout). */
	failed: number;
}

const newStats = (): Stats => ({ times: [], statuses: new Map(), failed: 0 });
const note = (s: Stats, status: number, ms: number) => {
	s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
	s.times.push(ms);
};

interface PhaseResult {
	dialect: DialectName;
	instances: number;
	reads: Stats;
	writes: Stats;
	byKind: Record<string, number>;
	conflicts: number;
	/** MB after the warm-up, every second of the run (samples), at the end, and the highest seen. */
	rss: { pid: number; before: number; samples: number[]; after: number; peak: number }[];
	logProblems: { busy: number; errors: number; samples: string[] };
	checks: { lostUpdates: string[]; missing: string[]; rollups: boolean; audit: string };
	loadAverage: number;
	seconds: number;
}

/** A fresh database with the demo registry: a SQLite file under bench/out, or iif_load on PostgreSQL. */
async function prepare(dialect: DialectName): Promise<{ url: string; drop(): Promise<void> }> {
	if (dialect === "sqlite") {
		const path = join("bench", "out", "iif-load.db");
		for (const s of ["", "-wal", "-shm"]) rmSync(`${path}${s}`, { force: true });
		return { url: path, drop: async () => {} };
	}
	const admin = new pg.Client({ connectionString: benchPgAdminUrl });
	await admin.connect();
	await admin.query("drop database if exists iif_load with (force)");
	await admin.query("create database iif_load");
	await admin.end();
	const url = new URL(benchPgAdminUrl);
	url.pathname = "/iif_load";
	return {
		url: url.toString(),
		drop: async () => {
			const c = new pg.Client({ connectionString: benchPgAdminUrl });
			await c.connect();
			await c.query("drop database if exists iif_load with (force)").finally(() => c.end());
		},
	};
}

interface Writer {
	email: string;
	password: string;
	/** A focal point's commitment (id, maker slug), or null for one who comments. */
	owns: { id: number; slug: string } | null;
}

/** The users who write: two focal points per commitment of one maker, the rest commenters. */
async function makeWriters(database: Database, services: Services): Promise<Writer[]> {
	const rows = await sql<{ id: number; slug: string }>`select c.id, s.slug from commitment c
		join commitment_maker m on m.commitment_id = c.id join stakeholder s on s.id = m.stakeholder_id
		where c.status = 'published' and c.amount_minor is not null
		and (select count(*) from commitment_maker x where x.commitment_id = c.id) = 1
		order by c.id`.execute(database.db);
	const bySlug = new Map<string, number>();
	for (const r of rows.rows) if (!bySlug.has(r.slug)) bySlug.set(r.slug, Number(r.id));
	const owned = [...bySlug.entries()].slice(0, Math.floor(o.writers / 4));
	const writers: Writer[] = [];
	for (let i = 0; i < o.writers; i++) {
		const pair = owned[Math.floor(i / 2)];
		const owns = i < owned.length * 2 && pair ? { id: pair[1], slug: pair[0] } : null;
		const email = `load.writer${i}@example.org`;
		const password = `load writer password ${i}`;
		const id = await services.users.add(
			{ email, password, display_name: `Load writer ${i}`, role: null },
			cliActor,
		);
		if (owns)
			await services.users.grantMembership(cliActor, id, {
				stakeholder: owns.slug,
				role: "focal_point",
			});
		writers.push({ email, password, owns });
	}
	return writers;
}

/** What the readers ask for: public pages and API reads, from the data there is. */
async function readPaths(base: string): Promise<string[]> {
	const list = (await (await fetch(`${base}/api/v1/commitments?limit=50`)).json()) as {
		items: {
			id: number;
			slug: string;
			amount: string | null;
			makers: { slug: string }[];
			goals: string[];
		}[];
	};
	const c = list.items.find((x) => x.amount !== null) ?? list.items[0];
	if (!c) throw new Error("no commitment to read");
	const goal = c.goals[0] ?? "sdg:3";
	const paths = [
		"/en/",
		"/en/commitments",
		`/en/commitments?goal=${goal}&kind=financial&q=health`,
		`/en/commitments/${c.slug}`,
		`/en/stakeholders/${c.makers[0]?.slug}`,
		`/en/goals/${goal}`,
		"/fr/countries/KE",
		"/api/v1/commitments?limit=20",
		`/api/v1/commitments/${c.id}`,
		`/api/v1/commitments/${c.id}/delivery`,
		"/api/v1/analytics/delivery?group_by=goal",
		"/api/v1/forums?limit=20",
	];
	for (const p of paths) {
		const res = await fetch(`${base}${p}`);
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}`);
	}
	return paths;
}

/** Resident memory of a process, in MB, from /proc. */
function rssMb(pid: number): number {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
	return m ? Number(m[1]) / 1024 : Number.NaN;
}

function readers(bases: string[], paths: string[], seconds: number, stats: Stats | null) {
	return Promise.all(
		bases.map(
			(base) =>
				new Promise<void>((resolve, reject) => {
					const instance = autocannon(
						{
							url: base,
							connections: Math.ceil(o.connections / bases.length),
							duration: seconds,
							timeout: 30,
							requests: paths.map((path) => ({ method: "GET", path })),
						},
						(err) => (err ? reject(err) : resolve()),
					);
					if (stats) {
						instance.on("response", (_c, status, _b, ms) => note(stats, status, ms));
						instance.on("reqError", () => stats.failed++);
					}
				}),
		),
	);
}

interface Acknowledged {
	reports: { id: number; narrative: string }[];
	comments: { id: number; body: string }[];
	/** Per commitment: updates answered 200, and the pledge of the highest version answered. */
	updates: Map<number, { count: number; version: number; amount: number }>;
}

async function signIn(base: string, w: Writer): Promise<Record<string, string>> {
	const res = await fetch(`${base}/api/v1/session`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ email: w.email, password: w.password }),
	});
	if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
	const cookie = /iif_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
	const { csrf_token } = (await res.json()) as { csrf_token: string };
	return { cookie, "x-csrf-token": csrf_token, "content-type": "application/json" };
}

/** Each writer in turn: update, report (focal points) or comment, then think, until `until`. */
async function write(
	bases: string[],
	writers: Writer[],
	until: number,
	stats: Stats,
	ack: Acknowledged,
	byKind: Record<string, number>,
	sessions: Record<string, string>[],
): Promise<number> {
	let conflicts = 0;
	const commented = writers.flatMap((w) => (w.owns ? [w.owns.id] : []));
	await Promise.all(
		writers.map(async (w, i) => {
			// The two focal points of a commitment write through different instances.
			const base = bases[i % bases.length] as string;
			const headers = sessions[i] as Record<string, string>;
			for (let n = 0; Date.now() < until; n++) {
				const started = performance.now();
				let status = 0;
				try {
					if (w.owns && n % 2 === 0) {
						const current = (await (
							await fetch(`${base}/api/v1/commitments/${w.owns.id}`, { headers })
						).json()) as { version: number; financial: Record<string, unknown> };
						const amount = 1_000_000 + i * 100_000 + n;
						const res = await fetch(`${base}/api/v1/commitments/${w.owns.id}`, {
							method: "PATCH",
							headers,
							body: JSON.stringify({
								version: current.version,
								reason: `load ${i}.${n}`,
								changes: {
									financial: {
										...current.financial,
										amount: String(amount),
										amount_minor: undefined,
									},
								},
							}),
						});
						status = res.status;
						const body = (await res.json()) as { version: number };
						if (status === 200) {
							const u = ack.updates.get(w.owns.id) ?? { count: 0, version: 0, amount: 0 };
							u.count++;
							if (body.version > u.version) Object.assign(u, { version: body.version, amount });
							ack.updates.set(w.owns.id, u);
						} else if (status === 409) conflicts++;
						byKind.update = (byKind.update ?? 0) + 1;
					} else if (w.owns) {
						const narrative = `Load report ${i}.${n}`;
						const res = await fetch(`${base}/api/v1/commitments/${w.owns.id}/reports`, {
							method: "POST",
							headers,
							body: JSON.stringify({
								kind: "maker",
								stakeholder: w.owns.slug,
								period_start: "2021-01-01",
								period_end: "2021-12-31",
								disbursed: {
									amount: String(1000 + n),
									currency: "USD",
									by_year: [{ year: 2021, amount: String(1000 + n) }],
								},
								policy_status: "in_progress",
								narrative,
							}),
						});
						status = res.status;
						const body = (await res.json()) as { id: number };
						if (status === 201) ack.reports.push({ id: body.id, narrative });
						byKind.report = (byKind.report ?? 0) + 1;
					} else {
						const on = commented[(i + n) % commented.length];
						const text = `Load comment ${i}.${n}`;
						const res = await fetch(`${base}/api/v1/commitments/${on}/comments`, {
							method: "POST",
							headers,
							body: JSON.stringify({ body: text }),
						});
						status = res.status;
						const body = (await res.json()) as { id: number };
						if (status === 201) ack.comments.push({ id: body.id, body: text });
						byKind.comment = (byKind.comment ?? 0) + 1;
					}
					note(stats, status, performance.now() - started);
				} catch {
					stats.failed++;
				}
				await new Promise((r) => setTimeout(r, o.think));
			}
		}),
	);
	return conflicts;
}

/** No lost update, nothing acknowledged missing, rollups equal a recomputation, one intact chain. */
async function check(
	database: Database,
	services: Services,
	before: Map<number, number>,
	ack: Acknowledged,
): Promise<PhaseResult["checks"]> {
	const db = database.db;
	const lostUpdates: string[] = [];
	for (const [id, u] of ack.updates) {
		const row = await db
			.selectFrom("commitment")
			.select(["version", "amount_minor"])
			.where("id", "=", id)
			.executeTakeFirstOrThrow();
		const expected = (before.get(id) ?? 0) + u.count;
		if (row.version !== expected || row.version !== u.version)
			lostUpdates.push(
				`commitment ${id}: version ${row.version}, ${u.count} updates acknowledged from ${before.get(id)}`,
			);
		if (Number(row.amount_minor) !== u.amount * 100)
			lostUpdates.push(
				`commitment ${id}: pledge ${row.amount_minor}, the last acknowledged was ${u.amount}`,
			);
	}
	const missing: string[] = [];
	const reports = new Map(
		(await db.selectFrom("progress_report").select(["id", "narrative"]).execute()).map((r) => [
			Number(r.id),
			r.narrative,
		]),
	);
	for (const r of ack.reports)
		if (reports.get(r.id) !== r.narrative) missing.push(`report ${r.id}`);
	const comments = new Map(
		(await db.selectFrom("comment").select(["id", "body"]).execute()).map((c) => [
			Number(c.id),
			c.body,
		]),
	);
	for (const c of ack.comments) if (comments.get(c.id) !== c.body) missing.push(`comment ${c.id}`);
	const rollup = await services.analytics.rollupCheck();
	const verdict = await services.audit.verify();
	return {
		lostUpdates,
		missing,
		rollups: JSON.stringify(rollup.maintained) === JSON.stringify(rollup.recomputed),
		audit: verdict.intact
			? `intact, ${verdict.events} events`
			: `BROKEN at ${verdict.brokenAt}: ${verdict.reason}`,
	};
}

async function phase(dialect: DialectName): Promise<PhaseResult> {
	const started = Date.now();
	const target = await prepare(dialect);
	const database = openDatabase(target.url);
	const services = createServices(database);
	await migrateToLatest(database.db);
	await services.reference.ensureLoaded();
	await services.statistics.ensureLoaded(cliActor);
	await services.demo.load();
	const writers = await makeWriters(database, services);
	const versions = new Map<number, number>();
	for (const w of writers)
		if (w.owns) {
			const r = await database.db
				.selectFrom("commitment")
				.select("version")
				.where("id", "=", w.owns.id)
				.executeTakeFirstOrThrow();
			versions.set(w.owns.id, r.version);
		}
	const instances = dialect === "postgres" ? 2 : 1;
	const servers: Server[] = [];
	for (let i = 0; i < instances; i++) servers.push(await startServer(target.url));
	try {
		const bases = servers.map((s) => s.base);
		const paths = await readPaths(bases[0] as string);
		console.log(
			`${dialect}: ${instances} instance(s), ${paths.length} read paths; warm-up ${warmup} s`,
		);
		await readers(bases, paths, warmup, null);
		// Signed in before the clock starts: a sign-in is a deliberately slow hash, not a write.
		const sessions: Record<string, string>[] = [];
		for (const [i, w] of writers.entries())
			sessions.push(await signIn(bases[i % bases.length] as string, w));
		const pids = servers.flatMap((s) => s.pids());
		const rss = pids.map((pid) => ({
			pid,
			before: rssMb(pid),
			samples: [] as number[],
			after: 0,
			peak: rssMb(pid),
		}));
		const sampler = setInterval(() => {
			for (const r of rss) {
				const mb = rssMb(r.pid);
				r.samples.push(mb);
				r.peak = Math.max(r.peak, mb);
			}
		}, 1000);
		const reads = newStats();
		const writes = newStats();
		const ack: Acknowledged = { reports: [], comments: [], updates: new Map() };
		const byKind: Record<string, number> = {};
		console.log(
			`${dialect}: ${o.connections} readers and ${writers.length} writers for ${o.duration} s`,
		);
		const until = Date.now() + o.duration * 1000;
		const [, conflicts] = await Promise.all([
			readers(bases, paths, o.duration, reads),
			write(bases, writers, until, writes, ack, byKind, sessions),
		]);
		clearInterval(sampler);
		for (const r of rss) {
			r.after = rssMb(r.pid);
			r.peak = Math.max(r.peak, r.after);
		}
		const loadAverage = os.loadavg()[0] ?? 0;
		const log = servers.map((s) => s.output()).join("\n");
		const problems = log
			.split("\n")
			.filter((l) => /"level":(50|60)|SQLITE_BUSY|database unavailable/.test(l));
		const checks = await check(database, services, versions, ack);
		return {
			dialect,
			instances,
			reads,
			writes,
			byKind,
			conflicts,
			rss,
			logProblems: {
				busy: (log.match(/SQLITE_BUSY/g) ?? []).length,
				errors: problems.length,
				samples: problems.slice(0, 3).map((l) => l.slice(0, 400)),
			},
			checks,
			loadAverage,
			seconds: (Date.now() - started) / 1000,
		};
	} finally {
		for (const s of servers) await s.stop();
		await database.close();
		await target.drop();
	}
}

function summary(s: Stats) {
	const sorted = Float64Array.from(s.times).sort();
	let c2 = 0;
	let c4 = 0;
	let c5 = 0;
	for (const [status, n] of s.statuses) {
		if (status < 300) c2 += n;
		else if (status < 500) c4 += n;
		else c5 += n;
	}
	return {
		n: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1] ?? Number.NaN,
		c2,
		c4,
		c5,
		statuses: [...s.statuses.entries()].sort((a, b) => a[0] - b[0]),
	};
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");

/** The median of each tenth of a run's samples (one a second). */
function tenths(samples: number[]): number[] {
	return Array.from({ length: 10 }, (_, i) => {
		const part = samples
			.slice(Math.floor((i * samples.length) / 10), Math.floor(((i + 1) * samples.length) / 10))
			.sort((a, b) => a - b);
		return part.length ? (part[Math.floor(part.length / 2)] as number) : Number.NaN;
	});
}

/** The least-squares slope of samples taken one a second, per minute. */
function slopePerMinute(samples: number[]): number {
	const n = samples.length;
	if (n < 2) return Number.NaN;
	const meanX = (n - 1) / 2;
	const meanY = samples.reduce((a, b) => a + b, 0) / n;
	let num = 0;
	let den = 0;
	samples.forEach((y, x) => {
		num += (x - meanX) * (y - meanY);
		den += (x - meanX) ** 2;
	});
	return (num / den) * 60;
}

function render(results: PhaseResult[], when: Date): string {
	const cpus = os.cpus();
	const lines = [
		"# Load benchmark",
		"",
		`Written by \`npm run bench:load\` on ${when.toISOString().slice(0, 10)} (started ${when.toISOString().slice(11, 16)} UTC). ${o.connections} connections read pages and the API (autocannon, as fast as answered) for ${o.duration} s after ${warmup} s of warm-up, while ${o.writers} signed-in users write (${o.think} ms between two writes of one user): focal points update their commitment's pledge (two per commitment, racing: one of two updates of the same version is refused 409) and file reports; the others comment. Data: the demo registry. Per-user write budgets raised for the run.`,
		"",
		"## Machine",
		"",
		`- ${os.availableParallelism()} CPUs (${cpus[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GB memory, ${os.type()} ${os.release()}, Node.js ${process.version}`,
		"- **Shared**: other engineers ran their test suites on the same 2 cores during the run, so latencies are higher than on a quiet machine; the 1-minute load average at the end of each phase is in the table. The load generator runs on the same machine as the servers.",
		"",
		"## Results",
		"",
		`| | ${results.map((r) => (r.dialect === "sqlite" ? "SQLite, 1 instance" : `PostgreSQL, ${r.instances} instances`)).join(" | ")} |`,
		`|---|${results.map(() => "---:").join("|")}|`,
	];
	const row = (name: string, cell: (r: PhaseResult) => string) =>
		lines.push(`| ${name} | ${results.map(cell).join(" | ")} |`);
	const rs = results.map((r) => ({ r, reads: summary(r.reads), writes: summary(r.writes) }));
	const get = (r: PhaseResult) => rs.find((x) => x.r === r) as (typeof rs)[number];
	row("reads answered", (r) => `${get(r).reads.n} (${f(get(r).reads.n / o.duration)}/s)`);
	row("reads p50 / p95 / p99 / max (ms)", (r) => {
		const s = get(r).reads;
		return `${f(s.p50)} / ${f(s.p95)} / **${f(s.p99)}** / ${f(s.max)}`;
	});
	row("reads 2xx / 4xx / 5xx / no answer", (r) => {
		const s = get(r).reads;
		return `${s.c2} / ${s.c4} / **${s.c5}** / ${r.reads.failed}`;
	});
	row("writes answered", (r) => `${get(r).writes.n} (${f(get(r).writes.n / o.duration)}/s)`);
	row(
		"writes by kind",
		(r) =>
			`${r.byKind.update ?? 0} updates, ${r.byKind.report ?? 0} reports, ${r.byKind.comment ?? 0} comments`,
	);
	row("writes p50 / p95 / p99 / max (ms)", (r) => {
		const s = get(r).writes;
		return `${f(s.p50)} / ${f(s.p95)} / **${f(s.p99)}** / ${f(s.max)}`;
	});
	row("writes 2xx / 409 (raced update) / other 4xx / 5xx / no answer", (r) => {
		const s = get(r).writes;
		return `${s.c2} / ${r.conflicts} / ${s.c4 - r.conflicts} / **${s.c5}** / ${r.writes.failed}`;
	});
	row("SQLITE_BUSY in the server log", (r) => String(r.logProblems.busy));
	row("error lines in the server log", (r) => String(r.logProblems.errors));
	row("RSS after warm-up -> end (peak), MB, per process", (r) =>
		r.rss.map((x) => `${f(x.before)} -> ${f(x.after)} (${f(x.peak)})`).join("; "),
	);
	// The curve, not only its ends: memory that settles is not memory that leaks.
	row("RSS at 0 / 25 / 50 / 75 / 100 % of the run, MB", (r) =>
		r.rss
			.map((x) =>
				[0, 0.25, 0.5, 0.75]
					.map((q) => f(x.samples[Math.floor(q * x.samples.length)] ?? Number.NaN))
					.concat(f(x.after))
					.join(" / "),
			)
			.join("; "),
	);
	// One sample is wherever the garbage collector happened to be: the median of each tenth
	// of the run, and the trend over all the samples, tell settling from leaking.
	row("RSS median of each tenth of the run, MB", (r) =>
		r.rss.map((x) => tenths(x.samples).map(f).join(" / ")).join("; "),
	);
	row("RSS trend over the run (least squares), MB per minute", (r) =>
		r.rss.map((x) => f(slopePerMinute(x.samples))).join("; "),
	);
	row("lost updates", (r) =>
		r.checks.lostUpdates.length ? r.checks.lostUpdates.join("; ") : "none",
	);
	row("acknowledged writes missing", (r) =>
		r.checks.missing.length ? r.checks.missing.join(", ") : "none",
	);
	row("rollups equal a recomputation", (r) => (r.checks.rollups ? "yes" : "**no**"));
	row("audit chain", (r) => r.checks.audit);
	row("1-minute load average at the end", (r) => r.loadAverage.toFixed(1));
	lines.push(
		"",
		"Statuses seen, reads: " +
			rs
				.map(
					({ r, reads }) =>
						`${r.dialect} ${reads.statuses.map(([s, n]) => `${s}: ${n}`).join(", ")}`,
				)
				.join("; ") +
			". Writes: " +
			rs
				.map(
					({ r, writes }) =>
						`${r.dialect} ${writes.statuses.map(([s, n]) => `${s}: ${n}`).join(", ")}`,
				)
				.join("; ") +
			".",
	);
	const samples = results.flatMap((r) =>
		r.logProblems.samples.map((s) => `- ${r.dialect}: \`${s}\``),
	);
	if (samples.length) lines.push("", "First error lines of the server logs:", "", ...samples);
	lines.push(
		"",
		"Times are measured by the client, per request, from sending to the whole answer; percentiles are nearest-rank over every answer. A write's time for an update includes the GET of the current version before the PATCH. RSS is read from /proc for each `iif serve` process (PostgreSQL: each instance runs with IIF_WORKERS=1 here, so the two instances are two processes).",
		"",
	);
	return lines.join("\n");
}

async function main(): Promise<number> {
	const when = new Date();
	process.env.IIF_WRITE_RATE = "1000000/600";
	process.env.IIF_COMMENT_RATE = "1000000/600";
	process.env.IIF_WORKERS = "1";
	const results: PhaseResult[] = [];
	for (const dialect of o.dialects) {
		const r = await phase(dialect);
		results.push(r);
		const reads = summary(r.reads);
		const writes = summary(r.writes);
		console.log(
			`${dialect}: reads ${reads.n}, p99 ${f(reads.p99)} ms, 5xx ${reads.c5}; writes ${writes.n}, p99 ${f(writes.p99)} ms, 5xx ${writes.c5}, 409 ${r.conflicts}; SQLITE_BUSY ${r.logProblems.busy}; RSS ${r.rss.map((x) => `${f(x.before)}->${f(x.after)} MB`).join(", ")}; lost updates ${r.checks.lostUpdates.length}, missing ${r.checks.missing.length}, rollups ${r.checks.rollups ? "equal" : "DIFFER"}, audit ${r.checks.audit}`,
		);
	}
	writeFileSync(o.out, render(results, when));
	console.log(`written: ${o.out}`);
	const bad = results.some(
		(r) =>
			summary(r.reads).c5 > 0 ||
			summary(r.writes).c5 > 0 ||
			r.logProblems.busy > 0 ||
			r.checks.lostUpdates.length > 0 ||
			r.checks.missing.length > 0 ||
			!r.checks.rollups ||
			!r.checks.audit.startsWith("intact"),
	);
	return bad ? 1 : 0;
}

process.exitCode = await main();
