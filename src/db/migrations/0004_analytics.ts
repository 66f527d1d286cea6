/**
 * Delivery analytics: activities and their transactions (delivery evidence, filled by
 * the IATI import), links from commitments to activities with a share, the normalised
 * values of every amount, requirements, and the maintained rollups that make every
 * aggregate a small sum. Money is in US cents (bigint) at current prices of its year
 * ("current") and at constant prices of one base year ("constant").
 */
import { type Kysely, sql } from "kysely";
import { isPostgres, withId } from "./dialect.ts";

/** Commitments counted and left out of a group's totals, by reason, and amounts not converted. */
const totalCounters = [
	"counted",
	"reaffirmation",
	"part",
	"overlap",
	"superseded",
	"withdrawn",
	"unconverted",
];

export async function up(db: Kysely<unknown>): Promise<void> {
	await withId(db, db.schema.createTable("activity"))
		.addColumn("iati_identifier", "text", (c) => c.notNull().unique())
		.addColumn("reporting_org_ref", "text")
		.addColumn("title", "text")
		.addColumn("default_currency", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex("activity_reporting_org")
		.on("activity")
		.column("reporting_org_ref")
		.execute();

	// "transaction" is a keyword in SQL; the table is named for what holds it.
	await withId(db, db.schema.createTable("activity_transaction"))
		.addColumn("activity_id", "integer", (c) =>
			c.notNull().references("activity.id").onDelete("cascade"),
		)
		.addColumn("transaction_type", "text", (c) => c.notNull())
		.addColumn("transaction_date", "text", (c) => c.notNull())
		.addColumn("value_minor", "bigint", (c) => c.notNull())
		.addColumn("currency", "text")
		.addColumn("value_date", "text")
		.addColumn("provider_org_ref", "text")
		.addColumn("receiver_org_ref", "text")
		.addColumn("usd_current", "bigint")
		.addColumn("usd_constant", "bigint")
		.addColumn("conversion", "text", (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex("activity_transaction_activity")
		.on("activity_transaction")
		.columns(["activity_id", "transaction_type"])
		.execute();

	// Accepted links count towards delivery; proposals wait for a decision.
	await db.schema
		.createTable("commitment_activity")
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("activity_id", "integer", (c) =>
			c.notNull().references("activity.id").onDelete("cascade"),
		)
		.addColumn("share_bp", "integer", (c) => c.notNull())
		.addColumn("status", "text", (c) => c.notNull())
		.addColumn("include_expenditure", "integer", (c) => c.notNull().defaultTo(0))
		.addColumn("created_by", "integer")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("commitment_activity_pk", ["commitment_id", "activity_id"])
		.execute();
	await db.schema
		.createIndex("commitment_activity_activity")
		.on("commitment_activity")
		.column("activity_id")
		.execute();

	// A report's money in US dollars, in total and by year; written with the delivery figures.
	for (const table of ["progress_report", "report_year"]) {
		for (const column of ["usd_current", "usd_constant"]) {
			await db.schema.alterTable(table).addColumn(column, "bigint").execute();
		}
		await db.schema.alterTable(table).addColumn("conversion", "text").execute();
	}

	// One row per commitment: its normalised money, its place in the relation graph
	// (root_id, reason) and its own delivery. Rebuilt by `iif analytics rebuild`.
	await db.schema
		.createTable("delivery_state")
		.addColumn("commitment_id", "integer", (c) =>
			c.primaryKey().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("root_id", "integer", (c) => c.notNull())
		.addColumn("reason", "text", (c) => c.notNull())
		.addColumn("conversion", "text", (c) => c.notNull())
		.addColumn("value_year", "integer")
		.addColumn("committed_current", "bigint")
		.addColumn("committed_constant", "bigint")
		.addColumn("delivered_current", "bigint", (c) => c.notNull())
		.addColumn("delivered_constant", "bigint", (c) => c.notNull())
		.addColumn("unconverted", "integer", (c) => c.notNull())
		.addColumn("last_report_on", "text")
		.execute();
	await db.schema
		.createIndex("delivery_state_root")
		.on("delivery_state")
		.column("root_id")
		.execute();

	// A commitment's own schedule (committed spread over its period) and delivery, by year.
	await db.schema
		.createTable("delivery_year")
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("year", "integer", (c) => c.notNull())
		.addColumn("committed_current", "bigint", (c) => c.notNull())
		.addColumn("committed_constant", "bigint", (c) => c.notNull())
		.addColumn("delivered_current", "bigint", (c) => c.notNull())
		.addColumn("delivered_constant", "bigint", (c) => c.notNull())
		.addColumn("source", "text")
		.addPrimaryKeyConstraint("delivery_year_pk", ["commitment_id", "year"])
		.execute();

	// What a counted commitment (a root) adds to totals, by year: its own schedule and the
	// delivery of every commitment that reaffirms it, is part of it, or overlaps it.
	await db.schema
		.createTable("delivery_fact")
		.addColumn("root_id", "integer", (c) => c.notNull())
		.addColumn("year", "integer", (c) => c.notNull())
		.addColumn("committed_current", "bigint", (c) => c.notNull())
		.addColumn("committed_constant", "bigint", (c) => c.notNull())
		.addColumn("delivered_current", "bigint", (c) => c.notNull())
		.addColumn("delivered_constant", "bigint", (c) => c.notNull())
		.addPrimaryKeyConstraint("delivery_fact_pk", ["root_id", "year"])
		.execute();

	// The groups a public commitment belongs to (dim: goal, target, stakeholder, ...).
	await db.schema
		.createTable("delivery_key")
		.addColumn("commitment_id", "integer", (c) => c.notNull())
		.addColumn("dim", "text", (c) => c.notNull())
		.addColumn("key", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("delivery_key_pk", ["commitment_id", "dim", "key"])
		.execute();
	await db.schema
		.createIndex("delivery_key_group")
		.on("delivery_key")
		.columns(["dim", "key"])
		.execute();

	// The maintained rollups: sums of delivery_fact by group and year, and by group alone
	// with the counts of commitments counted and left out (a group's answer is one row).
	await db.schema
		.createTable("delivery_rollup")
		.addColumn("dim", "text", (c) => c.notNull())
		.addColumn("key", "text", (c) => c.notNull())
		.addColumn("year", "integer", (c) => c.notNull())
		.addColumn("committed_current", "bigint", (c) => c.notNull())
		.addColumn("committed_constant", "bigint", (c) => c.notNull())
		.addColumn("delivered_current", "bigint", (c) => c.notNull())
		.addColumn("delivered_constant", "bigint", (c) => c.notNull())
		.addPrimaryKeyConstraint("delivery_rollup_pk", ["dim", "key", "year"])
		.execute();
	// Expected-by-today needs only the current and later years of a dimension.
	await db.schema
		.createIndex("delivery_rollup_year")
		.on("delivery_rollup")
		.columns(["dim", "year"])
		.execute();
	let total = db.schema
		.createTable("delivery_total")
		.addColumn("dim", "text", (c) => c.notNull())
		.addColumn("key", "text", (c) => c.notNull());
	for (const column of [
		"committed_current",
		"committed_constant",
		"delivered_current",
		"delivered_constant",
	])
		total = total.addColumn(column, "bigint", (c) => c.notNull());
	for (const counter of totalCounters)
		total = total.addColumn(counter, "integer", (c) => c.notNull());
	await total.addPrimaryKeyConstraint("delivery_total_pk", ["dim", "key"]).execute();

	// The commitment list's default order (newest first, undated last) read from an index
	// on PostgreSQL too, whose descending default would put NULLs first.
	if (isPostgres(db))
		await sql`create index commitment_announced_desc on commitment (announced_on desc nulls last, id desc)`.execute(
			db,
		);

	// Support required for a goal or target, as a documented source estimated it.
	await withId(db, db.schema.createTable("requirement"))
		.addColumn("slug", "text", (c) => c.notNull().unique())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("goal_id", "text", (c) => c.notNull().references("goal.id"))
		.addColumn("target_id", "text", (c) => c.references("target.id"))
		.addColumn("scope", "text", (c) => c.notNull())
		.addColumn("scope_code", "text")
		.addColumn("amount_minor", "bigint", (c) => c.notNull())
		.addColumn("provided_minor", "bigint")
		.addColumn("currency", "text", (c) => c.notNull())
		.addColumn("amount_frequency", "text", (c) => c.notNull())
		.addColumn("price_basis", "text", (c) => c.notNull())
		.addColumn("price_base_year", "integer")
		.addColumn("period_start", "text", (c) => c.notNull())
		.addColumn("period_end", "text", (c) => c.notNull())
		.addColumn("source_title", "text", (c) => c.notNull())
		.addColumn("source_url", "text")
		.addColumn("note", "text")
		.addColumn("required_current", "bigint")
		.addColumn("required_constant", "bigint")
		.addColumn("provided_current", "bigint")
		.addColumn("provided_constant", "bigint")
		.addColumn("conversion", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();
	await db.schema.createIndex("requirement_goal").on("requirement").column("goal_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	if (isPostgres(db)) await sql`drop index commitment_announced_desc`.execute(db);
	for (const t of [
		"requirement",
		"delivery_total",
		"delivery_rollup",
		"delivery_key",
		"delivery_fact",
		"delivery_year",
		"delivery_state",
		"commitment_activity",
		"activity_transaction",
		"activity",
	]) {
		await db.schema.dropTable(t).execute();
	}
	for (const table of ["progress_report", "report_year"]) {
		for (const column of ["usd_current", "usd_constant", "conversion"]) {
			await db.schema.alterTable(table).dropColumn(column).execute();
		}
	}
}
