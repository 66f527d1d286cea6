/**
 * What kind of money a pledge is (commitments.schemas.ts, flowTypes): development aid, other
 * official flows, or guarantees. Only aid counts in the delivery totals; a pledge of
 * another kind is shown and counted apart (delivery_total.not_aid), and its money is
 * grouped under flow_type. Existing pledges are aid until someone says otherwise; the
 * rollups change meaning, so the next start (or `iif analytics rebuild`) recomputes them.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable("commitment")
		.addColumn("flow_type", "text", (c) => c.notNull().defaultTo("oda"))
		.execute();
	await db.schema
		.alterTable("delivery_total")
		.addColumn("not_aid", "integer", (c) => c.notNull().defaultTo(0))
		.execute();
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("delivery_total").dropColumn("not_aid").execute();
	await db.schema.alterTable("commitment").dropColumn("flow_type").execute();
}
