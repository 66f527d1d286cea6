/**
 * A relation may hold for part of a commitment's money only: Canada's Global Fund pledge
 * of 2010 took C$41.4m of its C$540m from its Muskoka pledge, not all of it. `share` is
 * the part (0 < share < 1; null: all of it), `amount_minor` the amount stated for it in
 * the commitment's own currency, when it was stated as an amount. The rollups change
 * meaning for such relations: the next start (or `iif analytics rebuild`) recomputes them.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable("commitment_relation")
		.addColumn("share", "double precision")
		.execute();
	await db.schema.alterTable("commitment_relation").addColumn("amount_minor", "bigint").execute();
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("commitment_relation").dropColumn("amount_minor").execute();
	await db.schema.alterTable("commitment_relation").dropColumn("share").execute();
}
