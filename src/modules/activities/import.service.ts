/**
 * `iif import iati`: stores the activities and organisations of IATI files. Each file is
 * stored whole or not at all, as readers see it: a file that breaks half way (bad XML,
 * truncated, too big for the reader's memory) changes nothing, while an invalid activity
 * is only left out and reported. Activities are matched by IATI identifier, so importing
 * a file again (or a newer version of it) replaces each activity's transactions and lists
 * instead of adding to them. Every transaction is stored with its US dollar values, and
 * the delivery figures of the commitments linked to a changed activity are refreshed in
 * the same transaction as the activities.
 *
 * How "whole" is kept differs by dialect (issue 17). PostgreSQL writes a file in one
 * transaction as it reads it: its row locks leave the server's other writes free, and
 * MVCC hides the file until it commits. SQLite has one write lock for the whole database:
 * holding it while a large file is read and converted (minutes) shuts the server's
 * writes out. There, the file is first read into staging tables in the importing
 * connection's TEMP database (import.staging.repository.ts), which takes no lock on the
 * registry and is invisible to every other connection, in as many small steps as there
 * are batches; then one short BEGIN IMMEDIATE transaction moves it into the registry with
 * a statement per table. The server's writes get in at every moment but that last one,
 * and a reader sees the registry before the file or after it, never half of it. Batches
 * committed into the registry itself, or an "import complete" marker every query would
 * have to respect, would either show half a file or reach into every module.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import { databaseUnavailable, unavailableReason } from "../../db/errors.ts";
import type { Tables } from "../../db/tables.ts";
import { IatiReadError } from "../../interchange/iati/reader.ts";
import type { Actor } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { refreshDelivery, storedBaseYear } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { activityPolicy } from "./activities.policy.ts";
import {
	IatiOrganisationRepository,
	type OrganisationToSave,
} from "./iati.organisations.repository.ts";
import { IatiRepository } from "./iati.repository.ts";
import { type PreparedBatch, type PrepareOptions, prepareBatches } from "./import.batches.ts";
import { ReadingWorker } from "./import.reader.ts";
import { ImportStagingRepository } from "./import.staging.repository.ts";

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
	/**
	 * Files that changed nothing, each named with the reason: not readable, not well-formed,
	 * truncated, too large for the reader's memory, the database busy or refusing writes.
	 */
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
	 * default) for files of `workerFrom` bytes or more: 8 MB, or every file when several are
	 * imported at once. Starting a worker costs a few tens of milliseconds, which only a
	 * large file pays back when it is the only one.
	 */
	worker?: boolean;
	workerFrom?: number;
	/**
	 * The worker's heap, in MB (IIF_IMPORT_WORKER_MEMORY_MB, 96 by default): a file that
	 * needs more (one giant activity) fails alone, named, and the next file goes on.
	 */
	workerMemoryMb?: number;
	/**
	 * SQLite: how long a file's final transaction keeps trying to get the write lock from
	 * the server (or another import) before the file is reported failed. An import is in no
	 * hurry, unlike a request: a minute by default.
	 */
	busyWaitMs?: number;
	/** PostgreSQL: files imported at once, each in its own transaction (1 to maxJobs). */
	jobs?: number;
}

type FileResult = Omit<ImportResult, "files" | "failed">;

/** Files imported at once at most: each holds a connection of the pool (10) for its transaction. */
export const maxJobs = 8;

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

	/**
	 * Imports each file in its own transaction; a failed file leaves the others imported.
	 * On PostgreSQL `jobs` files are imported at once (each still whole or not at all);
	 * the totals and the lists of rejections and failures come in the order of the files.
	 */
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
		const outcomes: ({ result: FileResult } | { failure: string })[] = [];
		// Files being read, with how far each has got: the progress is the sum.
		const reading = new Map<number, { bytes: number; activities: number }>();
		let doneBytes = 0;
		let doneActivities = 0;
		const report = (file: string) => {
			let bytes = doneBytes;
			let activities = doneActivities;
			for (const r of reading.values()) {
				bytes += r.bytes;
				activities += r.activities;
			}
			onProgress?.({ file, bytes, totalBytes, activities });
		};
		let next = 0;
		let stop: unknown = null;
		// Each job reads its files with one worker thread, started at its first file that needs one.
		const readers: ReadingWorker[] = [];
		const job = async () => {
			// On SQLite a file is moved into the registry once it is read: a worker kept for the
			// next file would hold its heap (some 50 MB) through that move, so each file there
			// has its own, stopped when its reading ends.
			const reader =
				this.database.dialect === "postgres" ? new ReadingWorker(this.workerMemoryMb()) : undefined;
			if (reader) readers.push(reader);
			for (let i = next++; i < files.length && stop === null; i = next++) {
				const file = files[i] as string;
				reading.set(i, { bytes: 0, activities: 0 });
				try {
					const result = await this.importFile(
						file,
						actor,
						(bytes, activities) => {
							reading.set(i, { bytes, activities });
							report(file);
						},
						reader,
					);
					outcomes[i] = { result };
					doneActivities += result.activities;
				} catch (e) {
					const message = failureOf(file, e);
					// Not the file's doing (a bug, the database gone): no more files are started.
					if (message === null) stop ??= e;
					else outcomes[i] = { failure: message };
				} finally {
					reading.delete(i);
					doneBytes += sizes[i] ?? 0;
					report(file);
				}
			}
		};
		try {
			await Promise.all(Array.from({ length: Math.min(this.jobs(), files.length) }, job));
		} finally {
			await Promise.all(readers.map((r) => r.stop()));
		}
		if (stop !== null) throw stop;
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
		for (const [i, o] of outcomes.entries()) {
			if ("failure" in o) {
				total.failed.push({ file: files[i] as string, message: o.failure });
				continue;
			}
			const r = o.result;
			total.files++;
			total.activities += r.activities;
			total.transactions += r.transactions;
			total.created += r.created;
			total.updated += r.updated;
			total.organisations += r.organisations;
			for (const x of r.rejected) total.rejected.push(x);
		}
		return total;
	}

	/**
	 * Files imported at once: one on SQLite, whose single writer takes them in turn anyway;
	 * on PostgreSQL `jobs` (1 by default), at most the connections the pool leaves to others.
	 */
	private jobs(): number {
		if (this.database.dialect === "sqlite") return 1;
		return Math.min(maxJobs, Math.max(1, Math.floor(this.options.jobs ?? 1)));
	}

	private useWorker(file: string): boolean {
		if (this.options.worker !== undefined) return this.options.worker;
		const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
		// Files imported side by side are all written by this thread: a file it read itself
		// would hold up the others' writes, so then every file is read in a worker.
		const from = this.options.workerFrom ?? (this.jobs() > 1 ? 0 : 8 * 1024 * 1024);
		return size >= from;
	}

	/** One file: all of it, or (when it cannot be read or written) nothing. */
	async importFile(
		file: string,
		actor: Actor,
		onProgress?: (bytes: number, activities: number) => void,
		reader?: ReadingWorker,
	): Promise<FileResult> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator imports activities");
		const batches = (prepare: PrepareOptions) =>
			!this.useWorker(file)
				? prepareBatches(file, prepare)
				: reader
					? reader.read(file, prepare)
					: readOnce(new ReadingWorker(this.workerMemoryMb()), file, prepare);
		return this.database.dialect === "sqlite"
			? this.importStaged(file, actor, batches, onProgress)
			: this.importInOneTransaction(file, actor, batches, onProgress);
	}

	/** PostgreSQL: one transaction, written as the file is read. */
	private importInOneTransaction(
		file: string,
		actor: Actor,
		batches: (prepare: PrepareOptions) => AsyncGenerator<PreparedBatch>,
		onProgress?: (bytes: number, activities: number) => void,
	): Promise<FileResult> {
		return this.database.db.transaction().execute(async (trx) => {
			const activities = new IatiRepository(trx);
			const organisations = new IatiOrganisationRepository(trx);
			const prepare = await this.prepareOptions(trx);
			const r = emptyResult();
			const updatedIds: number[] = [];
			for await (const batch of batches(prepare)) {
				const saved = batch.pg
					? await activities.saveColumns(batch.pg)
					: await activities.saveRows(batch.rows);
				r.created += saved.created;
				r.updated += saved.updatedIds.length;
				updatedIds.push(...saved.updatedIds);
				await saveOrganisations(organisations, batch.organisations, prepare.now, r);
				count(r, batch, file);
				onProgress?.(batch.bytes, r.activities);
			}
			await this.finish(trx, file, actor, r, updatedIds);
			return r;
		});
	}

	/** SQLite: staged as it is read, then moved into the registry in one short transaction. */
	private async importStaged(
		file: string,
		actor: Actor,
		batches: (prepare: PrepareOptions) => AsyncGenerator<PreparedBatch>,
		onProgress?: (bytes: number, activities: number) => void,
	): Promise<FileResult> {
		const prepare = await this.prepareOptions(this.database.db);
		const staging = new ImportStagingRepository(this.database.db);
		const read = emptyResult();
		// Organisation files hold a handful of records: they wait in memory for the merge.
		const organisations: OrganisationToSave[] = [];
		await staging.create();
		try {
			for await (const batch of batches(prepare)) {
				await staging.stage(batch.rows);
				organisations.push(...batch.organisations);
				count(read, batch, file);
				onProgress?.(batch.bytes, read.activities);
			}
			return await this.whileBusy(() =>
				this.database.db.transaction().execute(async (trx) => {
					const r = { ...read, rejected: [...read.rejected] };
					const merged = await staging.merge(trx);
					r.created += merged.created;
					r.updated += merged.updated;
					await saveOrganisations(
						new IatiOrganisationRepository(trx),
						organisations,
						prepare.now,
						r,
					);
					await this.finish(trx, file, actor, r, merged.updatedIds);
					return r;
				}),
			);
		} finally {
			// A read-only or full database may refuse even this: the TEMP tables go with the connection.
			await staging.drop().catch(() => {});
		}
	}

	/**
	 * Runs a file's final transaction again while the database stays busy (the driver
	 * waits a couple of seconds, as it should for a request), up to `busyWaitMs`.
	 * The transaction fails at BEGIN IMMEDIATE, before it has done anything.
	 */
	private async whileBusy<T>(run: () => Promise<T>): Promise<T> {
		const deadline = Date.now() + (this.options.busyWaitMs ?? 60_000);
		for (;;) {
			try {
				return await run();
			} catch (e) {
				if (unavailableReason(e) !== "busy" || Date.now() >= deadline) throw e;
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	private async prepareOptions(db: Kysely<Tables>): Promise<PrepareOptions> {
		return {
			baseYear: await storedBaseYear(db),
			reporterCountries: await new IatiRepository(db).allReporterCountries(),
			now: nowIso(),
			batchSize: this.options.batchSize,
			// With several files at once the main thread writes for all of them: their readers
			// build the column text. One file alone reads slower than it writes, so then the
			// main thread builds it (through pg), beside the reader.
			pgColumns: this.database.dialect === "postgres" && this.jobs() > 1,
		};
	}

	private workerMemoryMb(): number {
		return this.options.workerMemoryMb ?? Number(process.env.IIF_IMPORT_WORKER_MEMORY_MB ?? 96);
	}

	/** What every file's transaction ends with: delivery figures refreshed, one audit event. */
	private async finish(
		trx: Kysely<Tables>,
		file: string,
		actor: Actor,
		r: FileResult,
		updatedIds: number[],
	): Promise<void> {
		// Only activities that existed before can be linked to commitments.
		await refreshDelivery(trx, await new IatiRepository(trx).linkedCommitments(updatedIds));
		await recordAudit(trx, actor, {
			action: "activity.import",
			objectId: file,
			after: {
				file,
				activities: r.activities,
				transactions: r.transactions,
				organisations: r.organisations,
				rejected: r.rejected.length,
			},
		});
	}
}

function emptyResult(): FileResult {
	return { activities: 0, transactions: 0, created: 0, updated: 0, organisations: 0, rejected: [] };
}

function count(r: FileResult, batch: PreparedBatch, file: string): void {
	r.activities += batch.activities;
	r.transactions += batch.transactions;
	for (const x of batch.rejected)
		r.rejected.push({ identifier: x.identifier, reason: `${x.reason} (${file}, line ${x.line})` });
}

async function saveOrganisations(
	repository: IatiOrganisationRepository,
	list: OrganisationToSave[],
	now: string,
	r: FileResult,
): Promise<void> {
	for (const o of list) {
		const { created } = await repository.save(o, now);
		r.organisations++;
		if (created) r.created++;
		else r.updated++;
	}
}

/**
 * Why a file failed, naming it, when the failure is the file's or the database's state
 * (the import goes on with the next file); null for a bug, which stops the import.
 */
function failureOf(file: string, e: unknown): string | null {
	if (e instanceof IatiReadError) return e.message;
	const unavailable = databaseUnavailable(e);
	if (unavailable) return `${file}: nothing imported: ${unavailable.message}`;
	return null;
}

/** A file read by a worker of its own, stopped as soon as the reading ends (its heap with it). */
async function* readOnce(
	reader: ReadingWorker,
	file: string,
	prepare: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
	try {
		yield* reader.read(file, prepare);
	} finally {
		await reader.stop();
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
