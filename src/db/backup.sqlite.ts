/**
 * Backup and restore of a SQLite database with SQLite's online backup API, which copies
 * through SQLite's own locks: the server may go on writing, and the copy is the database
 * as one transaction saw it. Each file is written under a temporary name beside its
 * destination and renamed into place when whole, so a failure leaves nothing half-written.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { AppError } from "../lib/errors.ts";

/** The tables every IIF database holds, whatever its version: how a stranger file is told apart. */
const iifTables = ["kysely_migration", "audit_event"];

function openToRead(path: string, what: string): SQLite.Database {
	if (!existsSync(path)) throw new AppError("invalid_input", `${what} ${path} does not exist`);
	try {
		const db = new SQLite(path, { readonly: true, fileMustExist: true });
		db.pragma("schema_version"); // reads the header: fails on a file that is not SQLite
		return db;
	} catch (e) {
		if (e instanceof AppError) throw e;
		throw new AppError(
			"invalid_input",
			`${what} ${path} is not a SQLite database (${(e as Error).message})`,
		);
	}
}

function tableNames(db: SQLite.Database): string[] {
	return (
		db
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.all() as {
			name: string;
		}[]
	).map((r) => r.name);
}

function requireIif(db: SQLite.Database, path: string, what: string): void {
	const names = new Set(tableNames(db));
	const missing = iifTables.filter((t) => !names.has(t));
	if (missing.length)
		throw new AppError(
			"invalid_input",
			`${what} ${path} is not an IIF database (no ${missing.join(" or ")} table)`,
		);
}

/** Writes `partial` through `write`, then renames it to `out`; removes it on any failure. */
async function writeWhole(out: string, write: (partial: string) => Promise<void>): Promise<void> {
	const partial = `${out}.partial-${process.pid}`;
	try {
		await write(partial);
		renameSync(partial, out);
	} catch (e) {
		rmSync(partial, { force: true });
		throw e;
	}
}

/** Copies the live database at `source` to `out`. */
export async function backupSqlite(source: string, out: string): Promise<void> {
	const db = openToRead(source, "the database");
	try {
		requireIif(db, source, "the database");
		await writeWhole(out, async (partial) => {
			// The first step copies a few pages; the rest in one step, so the copy is read in
			// one transaction: a write between two steps would make SQLite start it over.
			await db.backup(partial, { progress: () => 0x7fffffff });
			// The copy takes the live file's WAL mode; a backup is one self-contained file,
			// which reading it must not change (a WAL file opened read-only grows -wal and -shm).
			const copy = new SQLite(partial);
			copy.pragma("journal_mode = DELETE");
			copy.close();
		});
	} finally {
		db.close();
	}
}

/**
 * Checks that `file` is a whole IIF SQLite database (SQLite's own check of every page, and
 * the IIF tables), before anything is restored from it.
 */
export function checkSqliteBackup(file: string): void {
	const db = openToRead(file, "the backup");
	try {
		const check = db.pragma("quick_check", { simple: true });
		if (check !== "ok")
			throw new AppError("invalid_input", `the backup ${file} is damaged: ${String(check)}`);
		requireIif(db, file, "the backup");
	} finally {
		db.close();
	}
}

/**
 * Restores `file` as the database at `target`, which must be empty: absent, or a file
 * without tables and without a write-ahead log (a process that has it open would keep
 * writing into what is replaced).
 */
export async function restoreSqlite(file: string, target: string): Promise<void> {
	checkSqliteBackup(file);
	if (existsSync(target) && statSync(target).size > 0) {
		const db = openToRead(target, "the database");
		const tables = tableNames(db);
		db.close();
		if (tables.length)
			throw new AppError(
				"invalid_input",
				`the database ${target} is not empty (${tables.length} tables): restore only into an empty database; move this one away first`,
			);
	}
	// A write-ahead log with content belongs to a process that has the database open and
	// wrote; an empty one (left by opening an empty database) would only confuse the copy.
	const wal = `${target}-wal`;
	if (existsSync(wal) && statSync(wal).size > 0)
		throw new AppError(
			"invalid_input",
			`${wal} holds writes: a process has the database open. Stop it, and restore into an empty database`,
		);
	rmSync(wal, { force: true });
	rmSync(`${target}-shm`, { force: true });
	mkdirSync(dirname(resolve(target)), { recursive: true });
	const source = new SQLite(file, { readonly: true, fileMustExist: true });
	try {
		await writeWhole(target, async (partial) => {
			await source.backup(partial, { progress: () => 0x7fffffff });
		});
	} finally {
		source.close();
	}
}
