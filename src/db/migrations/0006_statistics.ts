/**
 * Official statistics as reference data: per provider (a DAC member, the EU
 * Institutions, a collective such as the DAC total) and year, net ODA, GNI and ODA to
 * the least developed countries, each value with its source and publication date. They
 * measure the commitments stated as a share of national income (0.7% of GNI). Also the
 * stakeholder's provider: whose statistics measure its share-of-income targets.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	// Collectives (kind "collective") are measured on the sum of their members: every
	// country for the DAC, countries in the EU in that year for the EU (eu_from..eu_to).
	await db.schema
		.createTable("statistic_provider")
		.addColumn("code", "text", (c) => c.primaryKey())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("dac_code", "integer")
		.addColumn("eu_from", "integer")
		.addColumn("eu_to", "integer")
		.execute();

	// A value is kept as the decimal text it was published in: nothing is lost to floats,
	// and a re-import of the same provider, year and measure replaces it.
	await db.schema
		.createTable("official_statistic")
		.addColumn("provider", "text", (c) => c.notNull().references("statistic_provider.code"))
		.addColumn("year", "integer", (c) => c.notNull())
		.addColumn("measure", "text", (c) => c.notNull())
		.addColumn("value", "text", (c) => c.notNull())
		.addColumn("unit", "text", (c) => c.notNull())
		.addColumn("basis", "text")
		.addColumn("source", "text", (c) => c.notNull())
		.addColumn("source_url", "text")
		.addColumn("published_on", "text")
		.addColumn("loaded_at", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("official_statistic_pk", ["provider", "year", "measure"])
		.execute();

	await db.schema.alterTable("stakeholder").addColumn("statistics_provider", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("stakeholder").dropColumn("statistics_provider").execute();
	await db.schema.dropTable("official_statistic").execute();
	await db.schema.dropTable("statistic_provider").execute();
}
