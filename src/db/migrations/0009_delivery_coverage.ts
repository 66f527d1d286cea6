/**
 * How much of what was promised has any delivery data: the committed money of the years
 * for which a report, a linked IATI activity or official statistics say what was
 * delivered. Kept in the facts and maintained in the rollups beside the totals, so that
 * an aggregate computes its gap and its share delivered over that part only, and says
 * "no data" for the rest instead of counting it as nothing delivered.
 */
import { type Kysely, sql } from "kysely";

const tables = ["delivery_fact", "delivery_rollup", "delivery_total"] as const;
// Spelled out: a migration that has landed never changes, whatever the code becomes.
const columns = ["committed_covered_current", "committed_covered_constant"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of tables)
		for (const column of columns)
			await db.schema
				.alterTable(table)
				.addColumn(column, "bigint", (c) => c.notNull().defaultTo(0))
				.execute();
	// The new columns start at zero: the next start (or `iif analytics rebuild`) recomputes.
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of tables)
		for (const column of columns) await db.schema.alterTable(table).dropColumn(column).execute();
}
