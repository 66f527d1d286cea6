/**
 * The member countries of recipient groups, by year (data/groups: the UN list of least
 * developed countries), so that a commitment to Tanzania counts as one to the LDCs in the
 * filter, the facets and the figures. The analytics keys gain the groups a commitment's
 * countries belonged to: forgetting the rate tables' hash makes the next start (or
 * `iif analytics rebuild`) recompute them.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable("recipient_group_member")
		.addColumn("group_code", "text", (c) => c.notNull())
		.addColumn("country_code", "text", (c) => c.notNull())
		// A member from this year, up to the year before until_year (null: still a member).
		.addColumn("from_year", "integer", (c) => c.notNull())
		.addColumn("until_year", "integer")
		.addPrimaryKeyConstraint("recipient_group_member_pk", [
			"group_code",
			"country_code",
			"from_year",
		])
		.execute();
	// A country's groups, read for each commitment to it.
	await db.schema
		.createIndex("recipient_group_member_country")
		.on("recipient_group_member")
		.columns(["country_code", "group_code"])
		.execute();
	await sql`delete from app_meta where key = 'analytics_rates_hash'`.execute(db);
	// The reference data gains the file: load it at the next start.
	await sql`delete from app_meta where key like 'reference%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable("recipient_group_member").execute();
}
