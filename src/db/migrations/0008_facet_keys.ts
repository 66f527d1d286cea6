/**
 * The delivery keys gain the explorer's other facets (a commitment's kind, status, year
 * of announcement and its makers' kinds), so that the explorer over every public
 * commitment reads its facet counts from delivery_total, as the other dimensions are
 * read. No table changes: forgetting the rate tables' hash makes the next start (or
 * `iif analytics rebuild`) recompute the keys and rollups of every commitment.
 * And an index of the targets stated as a share of income, which are few (one or two a
 * government): a donor's page lists them from it instead of reading each of its
 * thousands of commitments (at 100k on PostgreSQL: 160 -> 7 ms).
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
	await db.schema
		.createIndex("commitment_gni_share")
		.on("commitment")
		.column("id")
		.where(sql.ref("gni_share_min"), "is not", null)
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex("commitment_gni_share").execute();
	// The extra keys are harmless to older code, which never reads them; a rebuild drops them.
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
}
