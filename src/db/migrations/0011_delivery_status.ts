/**
 * Each public commitment's delivery status, kept so that the commitment list can show,
 * filter and sort by it (status, delivered, gap) over the whole registry. What is kept
 * is free of the date (status.terms.ts): the verdict, the day after which an unfinished
 * one is not met, and the last day its delivery so far keeps it on track; the list reads
 * the status for today from them.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable("delivery_status")
		.addColumn("commitment_id", "integer", (c) =>
			c.primaryKey().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("status", "text", (c) => c.notNull())
		.addColumn("due_by", "text")
		.addColumn("on_track_until", "text")
		// Cents at constant prices; delivered and gap are null where nothing says.
		.addColumn("committed_constant", "bigint")
		.addColumn("delivered_constant", "bigint")
		.addColumn("gap_constant", "bigint")
		.execute();
	// Counting by the day's status reads the terms from this index alone (no table rows).
	await db.schema
		.createIndex("delivery_status_terms")
		.on("delivery_status")
		.columns(["status", "due_by", "on_track_until"])
		.execute();
	// Empty until the next start (or `iif analytics rebuild`) recomputes everything.
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable("delivery_status").execute();
}
