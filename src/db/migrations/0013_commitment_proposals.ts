/**
 * A change a focal point proposes to a published commitment's verbatim text, or to a
 * commitment made jointly by several stakeholders, is kept here until the secretariat
 * accepts it (it becomes the next version) or rejects it with a reason. The proposed
 * state is a whole snapshot, like a version's, against the version it was made on.
 */
import { type Kysely, sql } from "kysely";
import { withId } from "./dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
	await withId(db, db.schema.createTable("commitment_proposal"))
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("base_version", "integer", (c) => c.notNull())
		.addColumn("snapshot", "text", (c) => c.notNull())
		// Why it waits: "text" (the verbatim text of a published commitment) or "collective".
		.addColumn("review", "text", (c) => c.notNull())
		.addColumn("reason", "text")
		.addColumn("proposed_by", "integer", (c) => c.references("app_user.id"))
		.addColumn("proposed_at", "text", (c) => c.notNull())
		// null while pending; then accepted, rejected or withdrawn.
		.addColumn("decision", "text")
		.addColumn("decided_by", "integer", (c) => c.references("app_user.id"))
		.addColumn("decided_at", "text")
		.addColumn("decision_reason", "text")
		.execute();
	// One pending proposal per commitment: a second would be reviewed against a text
	// the first may change. Both databases take a partial unique index.
	await sql`create unique index commitment_proposal_pending on commitment_proposal (commitment_id) where decision is null`.execute(
		db,
	);
	await db.schema
		.createIndex("commitment_proposal_queue")
		.on("commitment_proposal")
		.columns(["decision", "proposed_at"])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable("commitment_proposal").execute();
}
