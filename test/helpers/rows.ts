/**
 * Every table's row count, in one query: what a refused write or a failed import must
 * leave exactly as it was, whichever table the code at fault would have touched.
 */
import { sql } from "kysely";
import type { TestContext } from "./app.ts";

/** Tables any request may touch, refused or not: sessions, throttling, caches. */
const bookkeeping = new Set(["session", "rate_counter", "login_failure", "app_meta"]);

/** The database's own tables, bookkeeping left out, sorted. */
export async function recordTables(ctx: TestContext): Promise<string[]> {
	const db = ctx.db.database.db;
	const query =
		ctx.dialect === "sqlite"
			? sql<{
					name: string;
				}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
			: sql<{
					name: string;
				}>`select tablename as name from pg_tables where schemaname = current_schema()`;
	return (await query.execute(db)).rows
		.map((r) => r.name)
		.filter((n) => !bookkeeping.has(n) && !n.startsWith("kysely_") && /^[a-z_]+$/.test(n))
		.sort();
}

/** The row count of each table (PostgreSQL's bigint counts, given as text, made numbers). */
export async function rowCounts(
	ctx: TestContext,
	tables: string[],
): Promise<Record<string, number>> {
	const columns = tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(", ");
	const { rows } = await sql
		.raw<Record<string, unknown>>(`select ${columns}`)
		.execute(ctx.db.database.db);
	return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([t, n]) => [t, Number(n)]));
}
