/**
 * IATI activities and organisations kept whole, so that loading one gives back the value
 * the reader produced (src/interchange/iati/activity.model.ts) and the exporter can write
 * it out again. What the API filters on (recipients, sectors, tags, participating
 * organisations) has tables of its own; narratives, never filtered on, are JSON text
 * ([{"lang": null, "text": "..."}]). Every list keeps a `position`, so arrays load back in
 * the order they were read. Also the columns the commitment-activity linking records.
 */
import type { Kysely } from "kysely";
import { withId } from "./dialect.ts";

/** Percentages and scores: 8-byte floats on both databases (PostgreSQL's real is 4 bytes). */
const float = "double precision";

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const [column, type] of [
		["version", "text"],
		["default_lang", "text"],
		["last_updated_datetime", "text"],
		["hierarchy", "integer"],
		["humanitarian", "integer"],
		["reporting_org_type", "text"],
		["reporting_org_narratives", "text"],
		["title_narratives", "text"],
		// The title's words, normalised (lib/text.ts searchText), for the list's q filter.
		["title_search", "text"],
		["descriptions", "text"],
		["activity_status", "text"],
		["collaboration_type", "text"],
		["default_flow_type", "text"],
		["default_finance_type", "text"],
		["default_tied_status", "text"],
	] as const) {
		await db.schema.alterTable("activity").addColumn(column, type).execute();
	}

	// Children of an activity are keyed by its id and their position; each is replaced
	// whole when the activity is imported again.
	const child = (name: string) =>
		db.schema
			.createTable(name)
			.addColumn("activity_id", "integer", (c) =>
				c.notNull().references("activity.id").onDelete("cascade"),
			)
			.addColumn("position", "integer", (c) => c.notNull());

	await child("activity_participating_org")
		.addColumn("role", "text", (c) => c.notNull())
		.addColumn("ref", "text")
		.addColumn("type", "text")
		.addColumn("org_activity_id", "text")
		.addColumn("narratives", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("activity_participating_org_pk", ["activity_id", "position"])
		.execute();
	await db.schema
		.createIndex("activity_participating_org_ref")
		.on("activity_participating_org")
		.column("ref")
		.execute();

	await child("activity_date")
		.addColumn("type", "text", (c) => c.notNull())
		.addColumn("iso_date", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("activity_date_pk", ["activity_id", "position"])
		.execute();

	// Countries (vocabulary null) and regions in one table: the recipient filter takes either.
	await child("activity_recipient")
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("vocabulary", "text")
		.addColumn("percentage", float)
		.addPrimaryKeyConstraint("activity_recipient_pk", ["activity_id", "kind", "position"])
		.execute();
	await db.schema
		.createIndex("activity_recipient_code")
		.on("activity_recipient")
		.column("code")
		.execute();

	await child("activity_sector")
		.addColumn("vocabulary", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("percentage", float)
		.addPrimaryKeyConstraint("activity_sector_pk", ["activity_id", "position"])
		.execute();
	await db.schema
		.createIndex("activity_sector_code")
		.on("activity_sector")
		.columns(["code", "vocabulary"])
		.execute();

	await child("activity_tag")
		.addColumn("vocabulary", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("activity_tag_pk", ["activity_id", "position"])
		.execute();
	await db.schema
		.createIndex("activity_tag_code")
		.on("activity_tag")
		.columns(["code", "vocabulary"])
		.execute();

	await child("activity_policy_marker")
		.addColumn("vocabulary", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("significance", "text")
		.addPrimaryKeyConstraint("activity_policy_marker_pk", ["activity_id", "position"])
		.execute();

	await child("activity_aid_type")
		.addColumn("vocabulary", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("activity_aid_type_pk", ["activity_id", "position"])
		.execute();

	// The transaction as read. `currency` stays the currency its money is in (the stated
	// one, else the activity's default), `value_currency` is what the file stated. What is
	// filtered, joined or shown in lists has a column (the provider's and receiver's names
	// are JSON narratives, null when the file names no such organisation); the rest (ref,
	// description, the organisations' types, the region's vocabulary) is one JSON `detail`,
	// so that a million-transaction import binds fewer parameters.
	for (const column of [
		"value_currency",
		"provider_org_narratives",
		"provider_activity_id",
		"receiver_org_narratives",
		"receiver_activity_id",
		"recipient_country",
		"recipient_region",
		"detail",
	]) {
		await db.schema.alterTable("activity_transaction").addColumn(column, "text").execute();
	}
	await db.schema
		.alterTable("activity_transaction")
		.addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
		.execute();

	// Keyed by the transaction's position in its activity, not its id: a batch of
	// transactions is inserted without reading back ids, whose order neither database promises.
	await db.schema
		.createTable("activity_transaction_sector")
		.addColumn("activity_id", "integer", (c) =>
			c.notNull().references("activity.id").onDelete("cascade"),
		)
		.addColumn("transaction_position", "integer", (c) => c.notNull())
		.addColumn("position", "integer", (c) => c.notNull())
		.addColumn("vocabulary", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("activity_transaction_sector_pk", [
			"activity_id",
			"transaction_position",
			"position",
		])
		.execute();
	await db.schema
		.createIndex("activity_transaction_sector_code")
		.on("activity_transaction_sector")
		.column("code")
		.execute();

	// IATI organisation files: who publishes, and their budgets and expenditure.
	await withId(db, db.schema.createTable("organisation"))
		.addColumn("organisation_identifier", "text", (c) => c.notNull().unique())
		.addColumn("version", "text", (c) => c.notNull())
		.addColumn("default_currency", "text")
		.addColumn("last_updated_datetime", "text")
		.addColumn("name_narratives", "text", (c) => c.notNull())
		.addColumn("reporting_org_ref", "text", (c) => c.notNull())
		.addColumn("reporting_org_type", "text")
		.addColumn("reporting_org_narratives", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();

	await db.schema
		.createTable("organisation_budget")
		.addColumn("organisation_id", "integer", (c) =>
			c.notNull().references("organisation.id").onDelete("cascade"),
		)
		.addColumn("position", "integer", (c) => c.notNull())
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("status", "text")
		.addColumn("period_start", "text", (c) => c.notNull())
		.addColumn("period_end", "text", (c) => c.notNull())
		.addColumn("value_minor", "bigint", (c) => c.notNull())
		.addColumn("value_currency", "text")
		.addColumn("currency", "text")
		.addColumn("value_date", "text")
		.addColumn("recipient", "text")
		.addColumn("usd_current", "bigint")
		.addColumn("usd_constant", "bigint")
		.addColumn("conversion", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("organisation_budget_pk", ["organisation_id", "position"])
		.execute();

	// What the linking feature records of a proposal and of the decision on it.
	await db.schema.alterTable("commitment_activity").addColumn("score", float).execute();
	await db.schema.alterTable("commitment_activity").addColumn("reasons", "text").execute();
	await db.schema.alterTable("commitment_activity").addColumn("decided_by", "integer").execute();
	await db.schema.alterTable("commitment_activity").addColumn("decided_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const column of ["score", "reasons", "decided_by", "decided_at"]) {
		await db.schema.alterTable("commitment_activity").dropColumn(column).execute();
	}
	for (const t of [
		"organisation_budget",
		"organisation",
		"activity_transaction_sector",
		"activity_aid_type",
		"activity_policy_marker",
		"activity_tag",
		"activity_sector",
		"activity_recipient",
		"activity_date",
		"activity_participating_org",
	]) {
		await db.schema.dropTable(t).execute();
	}
	for (const column of [
		"value_currency",
		"provider_org_narratives",
		"provider_activity_id",
		"receiver_org_narratives",
		"receiver_activity_id",
		"recipient_country",
		"recipient_region",
		"detail",
		"position",
	]) {
		await db.schema.alterTable("activity_transaction").dropColumn(column).execute();
	}
	for (const column of [
		"version",
		"default_lang",
		"last_updated_datetime",
		"hierarchy",
		"humanitarian",
		"reporting_org_type",
		"reporting_org_narratives",
		"title_narratives",
		"title_search",
		"descriptions",
		"activity_status",
		"collaboration_type",
		"default_flow_type",
		"default_finance_type",
		"default_tied_status",
	]) {
		await db.schema.alterTable("activity").dropColumn(column).execute();
	}
}
