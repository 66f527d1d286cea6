/**
 * A year of IATI data may stop before the year ends (a publisher's file of April covers
 * January to March): `through` is the last day a commitment's delivery data covers in
 * that year, null for a whole year. Coverage reads it, so that the part of a year's
 * promise after the data stops is not shown as unpaid. The next start (or `iif analytics
 * rebuild`) recomputes the rollups.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("delivery_year").addColumn("through", "text").execute();
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("delivery_year").dropColumn("through").execute();
}
