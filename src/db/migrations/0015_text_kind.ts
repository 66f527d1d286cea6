/**
 * A commitment's text is either the source's own words (verbatim, with which source and
 * where in it: a paragraph, a page) or our words (a summary). Texts stored before say
 * nothing, so they become summaries until someone names their source and place.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable("commitment")
		.addColumn("text_kind", "text", (c) => c.notNull().defaultTo("summary"))
		.execute();
	// For a verbatim text: the position of its source among the commitment's sources, and where.
	await db.schema.alterTable("commitment").addColumn("quote_source", "integer").execute();
	await db.schema.alterTable("commitment").addColumn("quote_locator", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("commitment").dropColumn("quote_locator").execute();
	await db.schema.alterTable("commitment").dropColumn("quote_source").execute();
	await db.schema.alterTable("commitment").dropColumn("text_kind").execute();
}
