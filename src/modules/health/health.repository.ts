/** Round trips to the database: that it answers, and that it takes writes. */
import { statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import { type UnavailableReason, unavailableReason } from "../../db/errors.ts";
import type { Tables } from "../../db/tables.ts";

/** Below this much free space beside the SQLite file, the next write may fail: say so first. */
const minFreeBytes = 1024 * 1024;

export class HealthRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async ping(): Promise<void> {
		await sql`select 1`.execute(this.db);
	}

	/**
	 * Why the database refuses writes, or null when it takes them. An UPDATE that matches
	 * no row changes nothing, yet both dialects check at its start that they may write:
	 * PostgreSQL refuses it in a read-only transaction, SQLite on a read-only file. A busy
	 * database is writable (someone is writing), so that answer counts as yes.
	 */
	async writeRefusal(dialect: DialectName, location: string): Promise<UnavailableReason | null> {
		if (dialect === "sqlite" && location !== ":memory:") {
			// A full disk only shows when a write reaches it; the free space warns before that.
			const fs = statfsSync(dirname(resolve(location)));
			if (fs.bavail * fs.bsize < minFreeBytes) return "full";
		}
		try {
			await sql`update app_meta set value = value where 1 = 0`.execute(this.db);
			return null;
		} catch (e) {
			const reason = unavailableReason(e);
			if (reason === null) throw e;
			return reason === "busy" ? null : reason;
		}
	}
}
