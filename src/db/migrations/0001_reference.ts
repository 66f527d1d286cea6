/** Reference data: frameworks (MDG, SDG) and their goals, targets and indicators; IATI codelists; groups. */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable("app_meta")
		.addColumn("key", "text", (c) => c.primaryKey())
		.addColumn("value", "text", (c) => c.notNull())
		.execute();

	await db.schema
		.createTable("framework")
		.addColumn("code", "text", (c) => c.primaryKey())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("effective_on", "text")
		.addColumn("source_url", "text")
		.execute();

	await db.schema
		.createTable("goal")
		.addColumn("id", "text", (c) => c.primaryKey())
		.addColumn("framework", "text", (c) => c.notNull().references("framework.code"))
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("short_title", "text")
		.addColumn("position", "integer", (c) => c.notNull())
		.addUniqueConstraint("goal_framework_code", ["framework", "code"])
		.execute();

	await db.schema
		.createTable("target")
		.addColumn("id", "text", (c) => c.primaryKey())
		.addColumn("framework", "text", (c) => c.notNull().references("framework.code"))
		.addColumn("goal_id", "text", (c) => c.notNull().references("goal.id"))
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("position", "integer", (c) => c.notNull())
		.addUniqueConstraint("target_framework_code", ["framework", "code"])
		.execute();
	await db.schema.createIndex("target_goal").on("target").column("goal_id").execute();

	await db.schema
		.createTable("indicator")
		.addColumn("id", "text", (c) => c.primaryKey())
		.addColumn("framework", "text", (c) => c.notNull().references("framework.code"))
		.addColumn("goal_id", "text", (c) => c.notNull().references("goal.id"))
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("position", "integer", (c) => c.notNull())
		.addUniqueConstraint("indicator_framework_code", ["framework", "code"])
		.execute();

	// Many to many: MDG indicators 8.1-8.12 serve targets 8.A-8.D jointly.
	await db.schema
		.createTable("indicator_target")
		.addColumn("indicator_id", "text", (c) =>
			c.notNull().references("indicator.id").onDelete("cascade"),
		)
		.addColumn("target_id", "text", (c) => c.notNull().references("target.id").onDelete("cascade"))
		.addPrimaryKeyConstraint("indicator_target_pk", ["indicator_id", "target_id"])
		.execute();
	await db.schema
		.createIndex("indicator_target_target")
		.on("indicator_target")
		.column("target_id")
		.execute();

	await db.schema
		.createTable("translation")
		.addColumn("entity", "text", (c) => c.notNull())
		.addColumn("entity_id", "text", (c) => c.notNull())
		.addColumn("lang", "text", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("short_title", "text")
		.addPrimaryKeyConstraint("translation_pk", ["entity", "entity_id", "lang"])
		.execute();

	await db.schema
		.createTable("code_item")
		.addColumn("list", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("status", "text", (c) => c.notNull())
		.addColumn("category", "text")
		.addPrimaryKeyConstraint("code_item_pk", ["list", "code"])
		.execute();

	await db.schema
		.createTable("code_name")
		.addColumn("list", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addColumn("lang", "text", (c) => c.notNull())
		.addColumn("name", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("code_name_pk", ["list", "code", "lang"])
		.addForeignKeyConstraint(
			"code_name_item",
			["list", "code"],
			"code_item",
			["list", "code"],
			(fk) => fk.onDelete("cascade"),
		)
		.execute();

	await db.schema
		.createTable("stakeholder_group")
		.addColumn("code", "text", (c) => c.primaryKey())
		.addColumn("name", "text", (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const t of [
		"stakeholder_group",
		"code_name",
		"code_item",
		"translation",
		"indicator_target",
		"indicator",
		"target",
		"goal",
		"framework",
		"app_meta",
	]) {
		await db.schema.dropTable(t).execute();
	}
}
