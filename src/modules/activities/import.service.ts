/**
 * `iif import iati`: stores the activities and organisations of IATI files. Each file is
 * one database transaction: a file that breaks half way (bad XML, truncated) changes
 * nothing, while an invalid activity is only left out and reported. Activities are
 * matched by IATI identifier, so importing a file again (or a newer version of it)
 * replaces each activity's transactions and lists instead of adding to them. Every
 * transaction is stored with its US dollar values, and the delivery figures of the
 * commitments linked to a changed activity are refreshed in the same transaction.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Database } from "../../db/database.ts";
import { IatiReadError } from "../../interchange/iati/reader.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { refreshDelivery, storedBaseYear } from "../analytics/delivery.refresh.ts";
import { AuditRepository } from "../audit/audit.repository.ts";
import { activityPolicy } from "./activities.policy.ts";
import { IatiOrganisationRepository } from "./iati.organisations.repository.ts";
import { IatiRepository } from "./iati.repository.ts";
import { type PreparedBatch, type PrepareOptions, prepareBatches } from "./import.batches.ts";
import type { WorkerInput, WorkerMessage } from "./import.worker.ts";

/** The summary `iif import iati --json` prints. */
export interface ImportSummary {
	/** Files imported (each committed whole). */
	files: number;
	/** Activities stored. */
	activities: number;
	/** Their transactions. */
	transactions: number;
	/** Records (activities and organisations) new to the registry, and those replaced. */
	created: number;
	updated: number;
	/** Activities and organisations left out, each with the reason. */
	rejected: { identifier: string | null; reason: string }[];
}

export interface ImportResult extends ImportSummary {
	organisations: number;
	/** Files that changed nothing: not readable, not well-formed, truncated. */
	failed: { file: string; message: string }[];
}

export interface ImportProgress {
	file: string;
	/** Bytes read of all the files, and their total size. */
	bytes: number;
	totalBytes: number;
	/** Activities read so far, over all files. */
	activities: number;
}

export interface ImportOptions {
	/** Activities per batch written. */
	batchSize?: number;
	/**
	 * Read a file in a worker thread, overlapping reading with writing: true, false, or (by
	 * default) for files of `workerFrom` bytes or more. Starting a worker costs a fraction of
	 * a second, which only a large file pays back.
	 */
	worker?: boolean;
	workerFrom?: number;
}

/** Batches the reading side may run ahead of the writing side: what memory holds at most. */
const batchesAhead = 2;

export class ImportService {
	constructor(
		private readonly database: Database,
		private readonly options: ImportOptions = {},
	) {}

	/** The files named, a folder standing for every *.xml file in it and below, sorted. */
	static expand(paths: string[]): string[] {
		return paths.flatMap((p) =>
			statSync(p, { throwIfNoEntry: false })?.isDirectory() ? xmlFiles(p) : [p],
		);
	}

	/** Imports each file in its own transaction; a failed file leaves the others imported. */
	async importFiles(
		paths: string[],
		actor: Actor,
		onProgress?: (p: ImportProgress) => void,
	): Promise<ImportResult> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator imports activities");
		const files = ImportService.expand(paths);
		const sizes = files.map((f) => statSync(f, { throwIfNoEntry: false })?.size ?? 0);
		const totalBytes = sizes.reduce((a, b) => a + b, 0);
		const total: ImportResult = {
			files: 0,
			activities: 0,
			transactions: 0,
			created: 0,
			updated: 0,
			rejected: [],
			organisations: 0,
			failed: [],
		};
		let doneBytes = 0;
		for (const [i, file] of files.entries()) {
			const progress = (bytes: number, activities: number) =>
				onProgress?.({
					file,
					bytes: doneBytes + bytes,
					totalBytes,
					activities: total.activities + activities,
				});
			try {
				const r = await this.importFile(file, actor, progress);
				total.files++;
				total.activities += r.activities;
				total.transactions += r.transactions;
				total.created += r.created;
				total.updated += r.updated;
				total.organisations += r.organisations;
				total.rejected.push(...r.rejected);
			} catch (e) {
				if (!(e instanceof IatiReadError)) throw e;
				total.failed.push({ file, message: e.message });
			}
			doneBytes += sizes[i] ?? 0;
			progress(0, 0);
		}
		return total;
	}

	private useWorker(file: string): boolean {
		if (this.options.worker !== undefined) return this.options.worker;
		const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
		return size >= (this.options.workerFrom ?? 8 * 1024 * 1024);
	}

	/** One file, in one transaction: all of it, or (when it cannot be read) nothing. */
	async importFile(
		file: string,
		actor: Actor,
		onProgress?: (bytes: number, activities: number) => void,
	): Promise<Omit<ImportResult, "files" | "failed">> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator imports activities");
		return this.database.db.transaction().execute(async (trx) => {
			const activities = new IatiRepository(trx);
			const organisations = new IatiOrganisationRepository(trx);
			const now = nowIso();
			const prepare: PrepareOptions = {
				baseYear: await storedBaseYear(trx),
				reporterCountries: await activities.allReporterCountries(),
				now,
				batchSize: this.options.batchSize,
			};
			const batches = this.useWorker(file)
				? inWorker(file, prepare)
				: prepareBatches(file, prepare);
			const r: Omit<ImportResult, "files" | "failed"> = {
				activities: 0,
				transactions: 0,
				created: 0,
				updated: 0,
				organisations: 0,
				rejected: [],
			};
			const updatedIds: number[] = [];
			for await (const batch of batches) {
				const saved = await activities.saveRows(batch.rows);
				r.activities += batch.rows.length;
				r.transactions += batch.transactions;
				r.created += saved.created;
				r.updated += saved.updatedIds.length;
				updatedIds.push(...saved.updatedIds);
				for (const o of batch.organisations) {
					const { created } = await organisations.save(o, now);
					r.organisations++;
					if (created) r.created++;
					else r.updated++;
				}
				for (const x of batch.rejected)
					r.rejected.push({
						identifier: x.identifier,
						reason: `${x.reason} (${file}, line ${x.line})`,
					});
				onProgress?.(batch.bytes, r.activities);
			}
			// Only activities that existed before can be linked to commitments.
			await refreshDelivery(trx, await activities.linkedCommitments(updatedIds));
			await new AuditRepository(trx, this.database.dialect).append({
				action: "activity.import",
				objectType: "activity",
				objectId: file,
				actorUserId: auditActorId(actor),
				actorVia: actor.via,
				after: {
					file,
					activities: r.activities,
					transactions: r.transactions,
					organisations: r.organisations,
					rejected: r.rejected.length,
				},
			});
			return r;
		});
	}
}

/**
 * The batches of a file, prepared in a worker thread: the worker reads and converts
 * while this thread writes. Each batch is acknowledged once the caller asks for the
 * next, which lets the worker read on; it stays at most `batchesAhead` batches ahead.
 */
async function* inWorker(file: string, options: PrepareOptions): AsyncGenerator<PreparedBatch> {
	const input: WorkerInput = { file, options, ahead: batchesAhead };
	const worker = new Worker(new URL("./import.worker.boot.mjs", import.meta.url), {
		workerData: input,
		// The worker holds a few batches at a time; a small heap makes V8 collect early
		// rather than grow, which keeps the import's memory flat and low.
		resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 48 },
	});
	const queue: WorkerMessage[] = [];
	let failure: Error | null = null;
	let exited = false;
	let wake: (() => void) | null = null;
	const notify = () => {
		wake?.();
		wake = null;
	};
	worker.on("message", (m: WorkerMessage) => {
		queue.push(m);
		notify();
	});
	worker.on("error", (e) => {
		failure = e;
		notify();
	});
	worker.on("exit", () => {
		exited = true;
		notify();
	});
	try {
		for (;;) {
			const m = queue.shift();
			if (!m) {
				if (failure) throw failure;
				if (exited) throw new AppError("internal", `the import worker stopped reading ${file}`);
				await new Promise<void>((resolve) => (wake = resolve));
				continue;
			}
			if (m.type === "done") return;
			if (m.type === "error") {
				if (m.read) throw new IatiReadError(m.read.file, m.read.line, m.read.column, m.read.reason);
				throw new AppError("internal", `reading ${file} failed: ${m.message}`);
			}
			yield m.batch;
			worker.postMessage("ack");
		}
	} finally {
		await worker.terminate();
	}
}

function xmlFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true })
		.flatMap((e) => {
			const path = join(folder, e.name);
			if (e.isDirectory()) return xmlFiles(path);
			return e.isFile() && e.name.toLowerCase().endsWith(".xml") ? [path] : [];
		})
		.sort();
}
