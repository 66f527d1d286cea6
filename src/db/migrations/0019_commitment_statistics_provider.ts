/**
 * Whose official statistics measure a commitment, when its makers' own do not fit: the
 * G8's Gleneagles pledges were made "by the G8 and other donors" (Russia and "other
 * donors" publish no DAC statistics), and the OECD measured them on the DAC countries as
 * a whole. `statistics_provider` names a provider of statistic_provider (checked on write,
 * as the stakeholder's is), `statistics_reason` says why, in words shown on the page.
 * Measurements change for such commitments: the next start (or `iif analytics rebuild`)
 * recomputes the rollups.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("commitment").addColumn("statistics_provider", "text").execute();
	await db.schema.alterTable("commitment").addColumn("statistics_reason", "text").execute();
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("commitment").dropColumn("statistics_reason").execute();
	await db.schema.alterTable("commitment").dropColumn("statistics_provider").execute();
}
