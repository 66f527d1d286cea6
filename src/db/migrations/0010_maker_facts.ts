/**
 * What each maker promised and delivered on its own pledges (delivery.compute.ts,
 * soleMaker): a collective pledge of several makers is no longer billed in full to each
 * of them. The stakeholder rollups are sums of these rows; every other group's rollups
 * stay sums of the roots' facts. A key may count its commitment for another reason than
 * the commitment's own (a maker's own pledge inside a collective one carries the maker's
 * money; a collective pledge is "collective" for each maker), and the totals count the
 * collective pledges of each maker. And each maker's latest report is read from an index.
 */
import { type Kysely, sql } from "kysely";

// Spelled out: a migration that has landed never changes, whatever the code becomes.
const money = [
	"committed_current",
	"committed_constant",
	"delivered_current",
	"delivered_constant",
	"delivered_report_current",
	"delivered_report_constant",
	"delivered_iati_current",
	"delivered_iati_constant",
	"delivered_statistics_current",
	"delivered_statistics_constant",
	"committed_covered_current",
	"committed_covered_constant",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
	let table = db.schema
		.createTable("delivery_maker_fact")
		.addColumn("commitment_id", "integer", (c) => c.notNull())
		.addColumn("stakeholder_id", "integer", (c) => c.notNull())
		.addColumn("year", "integer", (c) => c.notNull());
	for (const column of money) table = table.addColumn(column, "bigint", (c) => c.notNull());
	await table
		.addPrimaryKeyConstraint("delivery_maker_fact_pk", ["commitment_id", "stakeholder_id", "year"])
		.execute();
	// A maker's figures by year, and a forum's makers from its commitments' rows.
	await db.schema
		.createIndex("delivery_maker_fact_stakeholder")
		.on("delivery_maker_fact")
		.columns(["stakeholder_id", "year"])
		.execute();
	await db.schema.alterTable("delivery_key").addColumn("reason", "text").execute();
	await db.schema
		.alterTable("delivery_total")
		.addColumn("collective", "integer", (c) => c.notNull().defaultTo(0))
		.execute();
	// The makers' league table: each maker's latest report.
	await db.schema
		.createIndex("progress_report_stakeholder")
		.on("progress_report")
		.columns(["stakeholder_id", "created_at"])
		.execute();
	// The stakeholder rollups change meaning: the next start (or `iif analytics rebuild`)
	// recomputes them.
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable("delivery_maker_fact").execute();
	await db.schema.dropIndex("progress_report_stakeholder").execute();
	await db.schema.alterTable("delivery_key").dropColumn("reason").execute();
	await db.schema.alterTable("delivery_total").dropColumn("collective").execute();
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}
