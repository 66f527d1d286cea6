/**
 * iif backup --out FILE: a consistent copy of the database while the server goes on
 * writing: SQLite's online backup API for a SQLite file, pg_dump (custom format) for
 * PostgreSQL. It prints the copy's audit anchor (HASH:COUNT), which `iif audit verify
 * --expect` checks after a restore.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { backupPostgres } from "../db/backup.postgres.ts";
import { backupSqlite } from "../db/backup.sqlite.ts";
import { defaultSqlitePath, isPostgresUrl, openDatabase, sqlitePathOf } from "../db/database.ts";
import { AppError } from "../lib/errors.ts";
import { genesisHash } from "../modules/audit/audit.hash.ts";
import { type AuditAnchor, formatAnchor } from "../modules/audit/audit.service.ts";
import { createServices } from "../server/services.ts";

export async function backupCommand(args: string[]): Promise<number> {
	const { values } = parseArgs({ args, options: { out: { type: "string" } }, strict: true });
	const out = values.out;
	if (!out) throw new AppError("invalid_input", "usage: iif backup --out FILE (the file to write)");
	if (existsSync(out))
		throw new AppError(
			"invalid_input",
			`${out} already exists: a backup never overwrites a file; name another`,
		);
	if (!existsSync(dirname(resolve(out))))
		throw new AppError(
			"invalid_input",
			`the folder ${dirname(resolve(out))} does not exist: create it first`,
		);
	const url = process.env.IIF_DATABASE_URL ?? defaultSqlitePath;
	if (isPostgresUrl(url)) {
		const anchor = await backupPostgres(url, out, async (query): Promise<AuditAnchor> => {
			const [last] = await query("select id, hash from audit_event order by id desc limit 1");
			return last
				? { events: Number(last.id), head: String(last.hash) }
				: { events: 0, head: genesisHash };
		});
		console.log(`backup written to ${out} (pg_dump custom format)`);
		console.log(`audit log in the backup: ${anchor.events} events, anchor ${formatAnchor(anchor)}`);
		return 0;
	}
	await backupSqlite(sqlitePathOf(url), out);
	// The copy is checked as a restore would check it: its whole chain, and its anchor.
	const copy = openDatabase(out, { readOnly: true });
	try {
		const verdict = await createServices(copy).audit.verify();
		console.log(`backup written to ${out} (SQLite online backup)`);
		if (!verdict.intact) {
			console.error(
				`the audit log in the backup is BROKEN at event ${verdict.brokenAt}: ${verdict.reason}`,
			);
			return 1;
		}
		console.log(
			`audit log in the backup: intact, ${verdict.events} events, anchor ${formatAnchor(verdict)}`,
		);
		return 0;
	} finally {
		await copy.close();
	}
}
