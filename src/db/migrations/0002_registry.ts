/** The registry: forums, stakeholders, commitments with their terms, relations and versions. */
import { type Kysely, sql } from "kysely";
import { isPostgres, withId } from "./dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
	await withId(db, db.schema.createTable("forum"))
		.addColumn("slug", "text", (c) => c.notNull().unique())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("held_on", "text")
		.addColumn("ends_on", "text")
		.addColumn("place", "text")
		.addColumn("document_symbol", "text")
		.addColumn("url", "text")
		.addColumn("description", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();
	await db.schema.createIndex("forum_kind").on("forum").column("kind").execute();

	await withId(db, db.schema.createTable("stakeholder"))
		.addColumn("slug", "text", (c) => c.notNull().unique())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("short_name", "text")
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("country_code", "text")
		.addColumn("iati_org_id", "text")
		.addColumn("website", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex("stakeholder_country")
		.on("stakeholder")
		.column("country_code")
		.execute();
	await db.schema.createIndex("stakeholder_iati").on("stakeholder").column("iati_org_id").execute();

	await db.schema
		.createTable("stakeholder_group_member")
		.addColumn("stakeholder_id", "integer", (c) =>
			c.notNull().references("stakeholder.id").onDelete("cascade"),
		)
		.addColumn("group_code", "text", (c) => c.notNull().references("stakeholder_group.code"))
		.addPrimaryKeyConstraint("stakeholder_group_member_pk", ["stakeholder_id", "group_code"])
		.execute();
	await db.schema
		.createIndex("stakeholder_group_member_group")
		.on("stakeholder_group_member")
		.column("group_code")
		.execute();

	await withId(db, db.schema.createTable("commitment"))
		.addColumn("slug", "text", (c) => c.notNull().unique())
		.addColumn("title", "text", (c) => c.notNull())
		// Sort key of the title, normalised by the application so both dialects order alike.
		.addColumn("title_key", "text", (c) => c.notNull())
		.addColumn("text", "text", (c) => c.notNull())
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("forum_id", "integer", (c) => c.references("forum.id"))
		.addColumn("announced_on", "text")
		.addColumn("status", "text", (c) => c.notNull())
		.addColumn("version", "integer", (c) => c.notNull())
		.addColumn("origin", "text", (c) => c.notNull())
		.addColumn("amount_minor", "bigint")
		.addColumn("currency", "text")
		.addColumn("amount_frequency", "text")
		.addColumn("increase_over_year", "integer")
		.addColumn("price_basis", "text")
		.addColumn("price_base_year", "integer")
		.addColumn("period_start", "text")
		.addColumn("period_end", "text")
		.addColumn("additionality", "text")
		.addColumn("gni_share_min", "double precision")
		.addColumn("gni_share_max", "double precision")
		.addColumn("financial_note", "text")
		.addColumn("policy_target", "text")
		.addColumn("policy_baseline", "text")
		.addColumn("policy_deadline", "text")
		.addColumn("search_text", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.addColumn("published_at", "text")
		.execute();
	await db.schema.createIndex("commitment_forum").on("commitment").column("forum_id").execute();
	await db.schema
		.createIndex("commitment_announced")
		.on("commitment")
		.columns(["announced_on", "id"])
		.execute();
	await db.schema.createIndex("commitment_status").on("commitment").column("status").execute();
	await db.schema
		.createIndex("commitment_title_key")
		.on("commitment")
		.columns(["title_key", "id"])
		.execute();

	const link = (name: string) =>
		db.schema
			.createTable(name)
			.addColumn("commitment_id", "integer", (c) =>
				c.notNull().references("commitment.id").onDelete("cascade"),
			);

	await link("commitment_maker")
		.addColumn("stakeholder_id", "integer", (c) => c.notNull().references("stakeholder.id"))
		.addColumn("position", "integer", (c) => c.notNull())
		.addPrimaryKeyConstraint("commitment_maker_pk", ["commitment_id", "stakeholder_id"])
		.execute();
	await db.schema
		.createIndex("commitment_maker_stakeholder")
		.on("commitment_maker")
		.column("stakeholder_id")
		.execute();

	await link("commitment_goal")
		.addColumn("goal_id", "text", (c) => c.notNull().references("goal.id"))
		.addPrimaryKeyConstraint("commitment_goal_pk", ["commitment_id", "goal_id"])
		.execute();
	await db.schema
		.createIndex("commitment_goal_goal")
		.on("commitment_goal")
		.column("goal_id")
		.execute();

	await link("commitment_target")
		.addColumn("target_id", "text", (c) => c.notNull().references("target.id"))
		.addPrimaryKeyConstraint("commitment_target_pk", ["commitment_id", "target_id"])
		.execute();
	await db.schema
		.createIndex("commitment_target_target")
		.on("commitment_target")
		.column("target_id")
		.execute();

	await link("commitment_recipient")
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("commitment_recipient_pk", ["commitment_id", "kind", "code"])
		.execute();
	await db.schema
		.createIndex("commitment_recipient_code")
		.on("commitment_recipient")
		.columns(["kind", "code"])
		.execute();

	await link("commitment_sector")
		.addColumn("code", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("commitment_sector_pk", ["commitment_id", "code"])
		.execute();

	await withId(db, db.schema.createTable("commitment_source"))
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("position", "integer", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("url", "text")
		.addColumn("document_symbol", "text")
		.addColumn("published_on", "text")
		.execute();
	await db.schema
		.createIndex("commitment_source_commitment")
		.on("commitment_source")
		.column("commitment_id")
		.execute();

	await db.schema
		.createTable("commitment_relation")
		.addColumn("from_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("to_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("note", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("commitment_relation_pk", ["from_id", "to_id", "kind"])
		.addCheckConstraint("commitment_relation_not_self", sql`from_id <> to_id`)
		.execute();
	await db.schema
		.createIndex("commitment_relation_to")
		.on("commitment_relation")
		.column("to_id")
		.execute();

	// Immutable history: one row per version, the whole state as JSON.
	await db.schema
		.createTable("commitment_version")
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("version", "integer", (c) => c.notNull())
		.addColumn("snapshot", "text", (c) => c.notNull())
		.addColumn("reason", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("created_by", "integer")
		.addPrimaryKeyConstraint("commitment_version_pk", ["commitment_id", "version"])
		.execute();

	// Full-text search over the application-normalised search_text (see lib/text.ts).
	if (isPostgres(db)) {
		await sql`alter table commitment add column search tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(
			db,
		);
		await sql`create index commitment_search on commitment using gin (search)`.execute(db);
	} else {
		await sql`create virtual table commitment_fts using fts5(search_text, content='commitment', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(
			db,
		);
		await sql`create trigger commitment_fts_insert after insert on commitment begin
			insert into commitment_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(
			db,
		);
		await sql`create trigger commitment_fts_delete after delete on commitment begin
			insert into commitment_fts(commitment_fts, rowid, search_text) values ('delete', old.id, old.search_text); end`.execute(
			db,
		);
		await sql`create trigger commitment_fts_update after update of search_text on commitment begin
			insert into commitment_fts(commitment_fts, rowid, search_text) values ('delete', old.id, old.search_text);
			insert into commitment_fts(rowid, search_text) values (new.id, new.search_text); end`.execute(
			db,
		);
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	if (!isPostgres(db)) await sql`drop table if exists commitment_fts`.execute(db);
	for (const t of [
		"commitment_version",
		"commitment_relation",
		"commitment_source",
		"commitment_sector",
		"commitment_recipient",
		"commitment_target",
		"commitment_goal",
		"commitment_maker",
		"commitment",
		"stakeholder_group_member",
		"stakeholder",
		"forum",
	]) {
		await db.schema.dropTable(t).execute();
	}
}
