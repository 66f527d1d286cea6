/**
 * iif import iati <file-or-folder>... [--json] [--jobs N]: stores IATI activity and
 * organisation files, each file in its own transaction; on PostgreSQL N files at once
 * (IIF_IMPORT_JOBS, 1 by default). A progress bar on a terminal, a plain summary
 * otherwise, `--json` for machines. Exit 0 when every file imported (rejected activities
 * are reported, not a failure), 1 when a file failed (the others are still imported),
 * 2 for bad usage.
 *
 * iif import statistics <file.csv> [--json]: loads official statistics (ODA, GNI, ODA
 * to LDCs) whole or not at all, and measures every share-of-income target again. Exit 2
 * with each problem as file:line:column when the file is refused.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { cliActor } from "../lib/actor.ts";
import {
	type ImportProgress,
	ImportService,
	type ImportSummary,
	maxJobs,
} from "../modules/activities/import.service.ts";
import { openMigrated } from "./context.ts";

const usage =
	"usage: iif import iati <file-or-folder>... [--json] [--jobs N]\n       iif import statistics <file.csv> [--json]";

export async function importCommand(args: string[]): Promise<number> {
	const [kind, ...rest] = args;
	if (kind === "statistics") return importStatistics(rest);
	if (kind !== "iati") {
		console.error(usage);
		return 2;
	}
	const { values, positionals } = parseArgs({
		args: rest,
		options: { json: { type: "boolean", default: false }, jobs: { type: "string" } },
		allowPositionals: true,
		strict: true,
	});
	if (positionals.length === 0) {
		console.error(usage);
		return 2;
	}
	const jobsText = values.jobs ?? process.env.IIF_IMPORT_JOBS ?? "1";
	const jobs = Number(jobsText);
	if (!/^\d+$/.test(jobsText) || jobs < 1 || jobs > maxJobs) {
		console.error(
			`iif import: --jobs (or IIF_IMPORT_JOBS) must be a whole number from 1 to ${maxJobs}, got '${jobsText}'`,
		);
		return 2;
	}
	const missing = positionals.filter((p) => !existsSync(p));
	if (missing.length) {
		console.error(`iif import: no such file or folder: ${missing.join(", ")}`);
		return 2;
	}
	const { database } = await openMigrated();
	try {
		if (jobs > 1 && database.dialect === "sqlite")
			console.error("iif import: --jobs applies to PostgreSQL; SQLite imports one file at a time");
		// The bar goes where a person watches: stdout, or stderr when stdout carries JSON.
		const out = values.json ? process.stderr : process.stdout;
		const bar = out.isTTY ? new ProgressBar(out) : null;
		const r = await new ImportService(database, { jobs }).importFiles(positionals, cliActor, (p) =>
			bar?.update(p),
		);
		bar?.clear();
		for (const f of r.failed) console.error(`iif import: ${f.message}`);
		const summary: ImportSummary = {
			files: r.files,
			activities: r.activities,
			transactions: r.transactions,
			created: r.created,
			updated: r.updated,
			rejected: r.rejected,
		};
		if (values.json) console.log(JSON.stringify(summary));
		else console.log(plainSummary(summary, r.organisations, r.failed.length));
		return r.failed.length ? 1 : 0;
	} finally {
		await database.close();
	}
}

async function importStatistics(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { json: { type: "boolean", default: false } },
		allowPositionals: true,
		strict: true,
	});
	const [file] = positionals;
	if (!file || positionals.length !== 1) {
		console.error(usage);
		return 2;
	}
	if (!existsSync(file)) {
		console.error(`iif import: no such file: ${file}`);
		return 2;
	}
	const { database, services } = await openMigrated();
	try {
		// The providers a file may name are reference data: load them first on a new database.
		await services.statistics.ensureLoaded(cliActor);
		const r = await services.statistics.importFile(file, cliActor);
		if (values.json) console.log(JSON.stringify(r));
		else
			console.log(
				`imported ${r.values.toLocaleString("en")} values from ${r.file} (${r.created.toLocaleString("en")} new, ${r.replaced.toLocaleString("en")} replaced); ${r.commitments_measured} share-of-income commitments measured again`,
			);
		return 0;
	} finally {
		await database.close();
	}
}

function plainSummary(s: ImportSummary, organisations: number, failed: number): string {
	const n = (x: number) => x.toLocaleString("en");
	const lines = [
		`imported ${n(s.files)} file${s.files === 1 ? "" : "s"}: ${n(s.activities)} activities, ${n(s.transactions)} transactions, ${n(organisations)} organisations (${n(s.created)} new, ${n(s.updated)} updated)`,
	];
	if (failed) lines.push(`${n(failed)} file${failed === 1 ? "" : "s"} failed and changed nothing`);
	if (s.rejected.length) {
		lines.push(`${n(s.rejected.length)} rejected:`);
		for (const r of s.rejected) lines.push(`  ${r.identifier ?? "(no identifier)"}: ${r.reason}`);
	}
	return lines.join("\n");
}

/** One line redrawn in place, at most ten times a second. */
class ProgressBar {
	private last = 0;

	constructor(private readonly out: NodeJS.WriteStream) {}

	update(p: ImportProgress): void {
		const now = Date.now();
		if (now - this.last < 100 && p.bytes < p.totalBytes) return;
		this.last = now;
		const width = 30;
		const ratio = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 1;
		const filled = Math.round(ratio * width);
		const mb = (b: number) => (b / 1_048_576).toFixed(1);
		const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(ratio * 100)
			.toString()
			.padStart(
				3,
			)}%  ${mb(p.bytes)}/${mb(p.totalBytes)} MB  ${p.activities.toLocaleString("en")} activities`;
		this.out.write(`\r${line.slice(0, Math.max(20, (this.out.columns ?? 100) - 1))}`);
	}

	clear(): void {
		this.out.write("\r\x1b[2K");
	}
}
