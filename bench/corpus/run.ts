/**
 * `npm run bench:corpus`: a corpus shaped like the IATI registry, imported into PostgreSQL
 * with the real command, `iif import iati DIR`, as an operator would load the registry.
 *
 * The whole corpus is 1,500 publisher files holding 1,000,000 activities and about
 * 10,000,000 transactions (2 to 18 per activity). The file ranked i holds a share
 * 1/(i+10) of the activities: a few files of hundreds of MB, most of a few MB, as in the
 * registry. A fraction of it is a sample of every k-th file (k = 1/fraction), nested (the
 * 1% files are among the 10% ones), so that the time at 1%, 10% and 100% shows how the
 * import grows. Files are generated when first needed (seeded: the same everywhere) and
 * kept in --dir for the next run.
 *
 *   npm run bench:corpus -- [--fractions 0.01,0.1,1] [--jobs 2] [--dir /tmp/iif-bench-corpus]
 *                           [--generate-only]
 * PostgreSQL: IIF_BENCH_PG_URL (a role that may create databases); the database
 * iif_bench_corpus is created for each fraction and dropped after. Prints and writes
 * bench/CORPUS.md.
 */
import { spawn, spawnSync } from "node:child_process";
import {
	existsSync,
	linkSync,
	mkdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateIatiFile } from "../import/generate.ts";
import { adminQuery } from "../pg-admin.ts";

const { values } = parseArgs({
	options: {
		fractions: { type: "string", default: "0.01,0.1" },
		jobs: { type: "string", default: "2" },
		dir: { type: "string", default: "/tmp/iif-bench-corpus" },
		// Writes the files of the fractions and stops: the 12 GB of the whole corpus take
		// minutes to write, which need not be spent while a run is timed.
		"generate-only": { type: "boolean", default: false },
	},
});
const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "bin", "iif.js");
const pgAdmin = process.env.IIF_BENCH_PG_URL ?? "postgres://iif:iif@127.0.0.1:5432/postgres";
const pgName = "iif_bench_corpus";
const corpusFiles = 1500;
const corpusActivities = 1_000_000;
const transactionsPerActivity = [2, 18] as const;
const fractions = (values.fractions as string).split(",").map(Number);
const jobs = Number(values.jobs);
const dir = values.dir as string;
if (fractions.some((f) => !(f > 0 && f <= 1)) || !(jobs >= 1))
	throw new Error("--fractions are numbers in (0, 1], --jobs a whole number from 1");

/** Activities of the file ranked i: a share 1/(i+10) of the corpus, at least one. */
const harmonic = Array.from({ length: corpusFiles }, (_, i) => 1 / (i + 10)).reduce(
	(a, b) => a + b,
);
const activitiesOf = (i: number) => Math.max(1, Math.round(corpusActivities / (i + 10) / harmonic));

/** The files of a fraction: every k-th, offset so that a smaller fraction's are among a larger's. */
function sample(fraction: number): number[] {
	const k = Math.round(1 / fraction);
	return Array.from({ length: corpusFiles }, (_, i) => i).filter((i) => (i + 5) % k === 0);
}

const fileOf = (i: number) => join(dir, "files", `publisher-${String(i).padStart(4, "0")}.xml`);

async function ensureFile(i: number): Promise<void> {
	const path = fileOf(i);
	if (existsSync(path)) return;
	const partial = `${path}.partial`;
	const ref = `XM-BENCH-${i}`;
	await generateIatiFile({
		activities: activitiesOf(i),
		out: partial,
		seed: i + 1,
		shape: {
			reporter: [ref, `Benchmark publisher ${i}`, "10"],
			idPart: "A",
			transactions: transactionsPerActivity,
		},
	});
	renameSync(partial, path);
}

/**
 * Drops the benchmark's database. Not WITH (FORCE): after a large import autovacuum works
 * on it, under a role this one may not signal; a plain DROP stops autovacuum itself, and
 * is tried again for a while should a connection of ours still be closing.
 */
async function dropDatabase(): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await adminQuery(pgAdmin, `drop database if exists ${pgName}`);
		} catch (e) {
			if (attempt >= 10) throw e;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

/** Resident memory of a process now, in MB (Linux /proc), or null once it is gone. */
function rssMb(pid: number): number | null {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
		return m ? Number(m[1]) / 1024 : null;
	} catch {
		return null;
	}
}

interface Run {
	fraction: number;
	files: number;
	bytes: number;
	/** The largest file's size, in bytes. */
	largest: number;
	activities: number;
	transactions: number;
	seconds: number;
	peakRss: number;
	/** RSS at a quarter, half and three quarters of the run's time. */
	rssAt: number[];
}

async function importFraction(fraction: number): Promise<Run> {
	const indexes = sample(fraction);
	process.stdout.write(`${fraction * 100}%: generating ${indexes.length} files ... `);
	for (const i of indexes) await ensureFile(i);
	// The command imports a folder: one of links to the sampled files.
	const folder = join(dir, `sample-${fraction}`);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	let bytes = 0;
	let largest = 0;
	for (const i of indexes) {
		linkSync(fileOf(i), join(folder, `publisher-${i}.xml`));
		const size = statSync(fileOf(i)).size;
		bytes += size;
		largest = Math.max(largest, size);
	}
	process.stdout.write(`${(bytes / 1e6).toFixed(0)} MB; importing ... `);
	await dropDatabase();
	await adminQuery(pgAdmin, `create database ${pgName}`);
	const url = new URL(pgAdmin);
	url.pathname = `/${pgName}`;
	const env = { ...process.env, IIF_DATABASE_URL: url.toString() };
	try {
		const migrated = spawnSync(process.execPath, [bin, "migrate"], { env, stdio: "pipe" });
		if (migrated.status !== 0) throw new Error(`iif migrate failed: ${migrated.stderr}`);
		const samples: { t: number; rss: number }[] = [];
		const start = performance.now();
		const child = spawn(
			process.execPath,
			[bin, "import", "iati", folder, "--json", "--jobs", String(jobs)],
			{
				env,
				stdio: ["ignore", "pipe", "inherit"],
			},
		);
		let out = "";
		child.stdout.on("data", (d) => (out += d));
		const sampler = setInterval(() => {
			const rss = child.pid ? rssMb(child.pid) : null;
			if (rss !== null) samples.push({ t: performance.now() - start, rss });
		}, 250);
		const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
		clearInterval(sampler);
		const seconds = (performance.now() - start) / 1000;
		if (code !== 0) throw new Error(`iif import exited ${code}`);
		const summary = JSON.parse(out.trim().split("\n").pop() as string);
		if (summary.rejected.length)
			throw new Error(`${summary.rejected.length} activities were rejected`);
		const at = (share: number) =>
			samples.find((s) => s.t >= share * seconds * 1000)?.rss ??
			samples[samples.length - 1]?.rss ??
			0;
		const run: Run = {
			fraction,
			files: summary.files,
			bytes,
			largest,
			activities: summary.activities,
			transactions: summary.transactions,
			seconds,
			peakRss: Math.max(0, ...samples.map((s) => s.rss)),
			rssAt: [0.25, 0.5, 0.75].map(at),
		};
		console.log(`${seconds.toFixed(1)} s`);
		return run;
	} finally {
		await dropDatabase();
		rmSync(folder, { recursive: true, force: true });
	}
}

// The built command is what an operator runs; build it when the sources are newer.
const { entryKind } = (await import(join(root, "bin", "entry.js"))) as {
	entryKind: (root: string) => "dist" | "src";
};
if (entryKind(root) !== "dist") {
	const b = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit" });
	if (b.status !== 0) throw new Error("the build failed");
}
if (values["generate-only"]) {
	for (const f of fractions) for (const i of sample(f)) await ensureFile(i);
	console.log(`generated in ${join(dir, "files")}`);
	process.exit(0);
}
const load = loadavg()[0]?.toFixed(2) ?? "?";
const runs: Run[] = [];
for (const f of fractions) runs.push(await importFraction(f));

const n = (x: number) => Math.round(x).toLocaleString("en");
const rows = runs.map((r) => [
	`${r.fraction * 100}%`,
	n(r.files),
	n(r.bytes / 1e6),
	n(r.largest / 1e6),
	n(r.activities),
	n(r.transactions),
	r.seconds.toFixed(1),
	n(r.activities / r.seconds),
	(r.bytes / 1e6 / r.seconds).toFixed(1),
	(r.seconds / (r.activities / 100_000)).toFixed(1),
	n(r.peakRss),
	r.rssAt.map(n).join(" / "),
]);
const head = [
	"corpus",
	"files",
	"MB",
	"largest file (MB)",
	"activities",
	"transactions",
	"seconds",
	"activities/s",
	"MB/s",
	"s per 100k activities",
	"peak RSS (MB)",
	"RSS at 1/4, 1/2, 3/4 (MB)",
];
const table = [
	`| ${head.join(" | ")} |`,
	`| --- | ${head
		.slice(1)
		.map(() => "---:")
		.join(" | ")} |`,
	...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");

const largest = runs.reduce((a, b) => (b.activities > a.activities ? b : a));
const full = runs.find((r) => r.fraction === 1);
const projected = (largest.seconds / largest.activities) * corpusActivities;
const verdict = full
	? `The whole corpus took ${(full.seconds / 60).toFixed(1)} minutes: the goal (under 10) is ${full.seconds < 600 ? "met" : "missed"}.`
	: `The whole corpus was not imported in this run. At the ${largest.fraction * 100}% sample's pace the whole would take about ${(projected / 60).toFixed(0)} minutes (a projection, not a measurement): the goal (under 10) ${projected < 600 ? "would be met" : "would be missed"}.`;

const report = `# IATI corpus benchmark

\`npm run bench:corpus -- --fractions ${values.fractions} --jobs ${jobs}\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, PostgreSQL on the same machine, load average ${load} when the runs began.

The corpus is shaped like the IATI registry (bench/corpus/run.ts): ${n(corpusFiles)} publisher files, ${n(corpusActivities)} activities, about ${n(corpusActivities * 10)} transactions, the file ranked i holding a share 1/(i+10) of the activities (the largest ${n(activitiesOf(0))} activities, the smallest ${n(activitiesOf(corpusFiles - 1))}). A fraction is every k-th file. Each row is one \`iif import iati DIR --jobs ${jobs}\` into a new PostgreSQL database, each file in its own transaction; RSS is the command's resident memory, sampled every 250 ms (its worker threads included, the PostgreSQL server not).

${table}

"s per 100k activities" is how the time grows: equal figures from row to row mean it grows linearly with the corpus. ${verdict}

## Where the time goes

The import of one file is measured in bench/IMPORT.md: it costs four to five times a raw parse of the
file in CPU time (reading, converting to rows and US dollars, writing), and PostgreSQL's server works on
the same cores, so on 2 cores the whole corpus is bound by CPU. Files side by side (\`--jobs\`) are read
in parallel, each job by one worker thread that stays for all its files; every file's rows are written
by the command's main thread, in each file's own transaction. Two changes (2026-12-07) took the 100%
run from 14.0 to 7.6 minutes: the reading workers now build each batch's PostgreSQL column text (the
main thread, which was at 100% of a core building it, only passes it on: profiled busy 1.7 s of 11.7 s
on 15 files), and a job keeps its worker from file to file (a thread per file cost a fifth of a second
of CPU to start, and most registry files are a few MB: 100 such files took 24.7 s, now 7.5 s).
`;
console.log(`\n${table}\n\n${verdict}`);
writeFileSync(join(root, "bench", "CORPUS.md"), report);
console.log("written to bench/CORPUS.md");
