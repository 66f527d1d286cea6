/**
 * Delivered money by where it comes from (progress reports, IATI, official statistics),
 * kept in the facts and maintained in the rollups like the totals themselves: the
 * aggregates read it from one row per group instead of joining every commitment's years
 * on each request (about a second at 100,000 commitments).
 * Also for aggregates at scale: the groups of a dimension are sorted and paged by the
 * database, by key byte-wise on both dialects (collation "C" on PostgreSQL); and what
 * falls due after today is read from an index alone. And for the commitment list: the
 * indexes of goals, targets, makers and recipients carry the commitment id, so the ids a
 * filter selects are read from the index alone (commitments.search.repository.ts).
 */
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

const tables = ["delivery_fact", "delivery_rollup", "delivery_total"] as const;
// Spelled out, not imported from delivery.compute.ts (factMoney): a migration that has
// landed never changes, whatever the code it was written for becomes.
const sourceColumns = [
	"delivered_report_current",
	"delivered_report_constant",
	"delivered_iati_current",
	"delivered_iati_constant",
	"delivered_statistics_current",
	"delivered_statistics_constant",
] as const;

/** The list's filter indexes, with the commitment id (up) or without it (down). */
async function recreateIndexes(db: Kysely<unknown>, withId: boolean): Promise<void> {
	for (const [name, table, columns] of [
		["commitment_goal_goal", "commitment_goal", ["goal_id"]],
		["commitment_target_target", "commitment_target", ["target_id"]],
		["commitment_maker_stakeholder", "commitment_maker", ["stakeholder_id"]],
		["commitment_recipient_code", "commitment_recipient", ["kind", "code"]],
	] as const) {
		await db.schema.dropIndex(name).execute();
		await db.schema
			.createIndex(name)
			.on(table)
			.columns(withId ? [...columns, "commitment_id"] : [...columns])
			.execute();
	}
}

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of tables)
		for (const column of sourceColumns)
			await db.schema
				.alterTable(table)
				.addColumn(column, "bigint", (c) => c.notNull().defaultTo(0))
				.execute();
	if (isPostgres(db)) {
		await sql`alter table delivery_total alter column key type text collate "C"`.execute(db);
		// Counting a large selection (a country's ten thousand commitments) tests each one's
		// status: from the index alone with the id in it (SQLite's indexes carry the rowid).
		await db.schema.dropIndex("commitment_status").execute();
		await db.schema
			.createIndex("commitment_status")
			.on("commitment")
			.columns(["status", "id"])
			.execute();
	}
	// Expected-by-today sums the committed money of the current and later years by group:
	// from the index alone, not from rows scattered over the table.
	await db.schema.dropIndex("delivery_rollup_year").execute();
	await db.schema
		.createIndex("delivery_rollup_due")
		.on("delivery_rollup")
		.columns(["dim", "year", "key", "committed_current", "committed_constant"])
		.execute();
	await recreateIndexes(db, true);
	// The new columns start at zero: forgetting the rate tables' hash makes the next start
	// (or `iif analytics rebuild`) recompute every figure, these included.
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await recreateIndexes(db, false);
	if (isPostgres(db)) {
		await db.schema.dropIndex("commitment_status").execute();
		await db.schema.createIndex("commitment_status").on("commitment").column("status").execute();
	}
	await db.schema.dropIndex("delivery_rollup_due").execute();
	await db.schema
		.createIndex("delivery_rollup_year")
		.on("delivery_rollup")
		.columns(["dim", "year"])
		.execute();
	for (const table of tables)
		for (const column of sourceColumns)
			await db.schema.alterTable(table).dropColumn(column).execute();
}
