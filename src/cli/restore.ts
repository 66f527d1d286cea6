/**
 * iif restore FILE: loads a backup made by `iif backup` into the empty database of
 * IIF_DATABASE_URL (a SQLite backup into a SQLite file, a pg_dump archive into PostgreSQL),
 * whole or not at all, then verifies its audit chain and prints the anchor.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { parseArgs } from "node:util";
import { restorePostgres } from "../db/backup.postgres.ts";
import { checkSqliteBackup, restoreSqlite } from "../db/backup.sqlite.ts";
import {
	type Database,
	defaultSqlitePath,
	isPostgresUrl,
	openDatabase,
	sqlitePathOf,
} from "../db/database.ts";
import { AppError } from "../lib/errors.ts";
import { formatAnchor } from "../modules/audit/audit.service.ts";
import { createServices } from "../server/services.ts";

/** What kind of backup `file` is, by its first bytes. */
function backupKind(file: string): "sqlite" | "postgres" {
	let head: Buffer;
	try {
		const fd = openSync(file, "r");
		head = Buffer.alloc(16);
		readSync(fd, head, 0, 16, 0);
		closeSync(fd);
	} catch (e) {
		throw new AppError("invalid_input", `cannot read the backup ${file}: ${(e as Error).message}`);
	}
	if (head.toString("latin1") === "SQLite format 3\u0000") return "sqlite";
	if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
	throw new AppError(
		"invalid_input",
		`${file} is neither a SQLite backup nor a pg_dump custom-format archive: give a file written by iif backup`,
	);
}

async function verifyChain(database: Database, what: string) {
	const verdict = await createServices(database).audit.verify();
	if (!verdict.intact)
		throw new AppError(
			"invalid_input",
			`the audit log of ${what} is BROKEN at event ${verdict.brokenAt}: ${verdict.reason}`,
		);
	return verdict;
}

export async function restoreCommand(args: string[]): Promise<number> {
	const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
	const [file, ...extra] = positionals;
	if (!file || extra.length)
		throw new AppError("invalid_input", "usage: iif restore FILE (one backup file)");
	const url = process.env.IIF_DATABASE_URL ?? defaultSqlitePath;
	const kind = backupKind(file);
	const target = isPostgresUrl(url) ? "postgres" : "sqlite";
	if (kind !== target)
		throw new AppError(
			"invalid_input",
			`${file} is a ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} backup, but IIF_DATABASE_URL names a ${target === "sqlite" ? "SQLite" : "PostgreSQL"} database: restore it into a database of its kind`,
		);
	if (kind === "sqlite") {
		// The backup is checked whole (pages, tables, audit chain) before anything is written.
		checkSqliteBackup(file);
		const backup = openDatabase(file, { readOnly: true });
		try {
			await verifyChain(backup, `the backup ${file}`);
		} finally {
			await backup.close();
		}
		await restoreSqlite(file, sqlitePathOf(url));
	} else {
		await restorePostgres(file, url);
	}
	const database = openDatabase(url);
	try {
		const verdict = await verifyChain(database, "the restored database");
		console.log(`restored ${file} into ${database.location}`);
		console.log(`audit log intact: ${verdict.events} events, anchor ${formatAnchor(verdict)}`);
		return 0;
	} finally {
		await database.close();
	}
}
