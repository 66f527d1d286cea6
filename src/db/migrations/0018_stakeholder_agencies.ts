/**
 * A state does not publish to IATI: its aid agencies do, each under its own organisation
 * identifier, and a state reports through several over time (DFID as GB-1, then GB-GOV-1).
 * `stakeholder_agency` records them: the identifier (one stakeholder's at most), the
 * agency's name and, where the source says so, the years it reported under it.
 * `stakeholder.iati_org_id` stays the identifier an organisation publishes under itself.
 *
 * Existing states' identifiers move to their agencies. The agency's name is not known
 * here and stays missing (null) until someone records it; no identifier is lost: one that
 * another stakeholder also holds stays where it is, as the unique index would refuse it.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable("stakeholder_agency")
		.addColumn("stakeholder_id", "integer", (c) =>
			c.notNull().references("stakeholder.id").onDelete("cascade"),
		)
		.addColumn("iati_org_id", "text", (c) => c.notNull())
		.addColumn("name", "text")
		.addColumn("reported_from", "integer")
		.addColumn("reported_to", "integer")
		.addColumn("source", "text")
		.addColumn("position", "integer", (c) => c.notNull())
		.addPrimaryKeyConstraint("stakeholder_agency_pk", ["stakeholder_id", "position"])
		.execute();
	await db.schema
		.createIndex("stakeholder_agency_iati")
		.on("stakeholder_agency")
		.column("iati_org_id")
		.unique()
		.execute();

	// A state's identifier moves when no other stakeholder holds the same one.
	const moved = sql`s.kind = 'member_state' and s.iati_org_id is not null and not exists (
		select 1 from stakeholder o where o.iati_org_id = s.iati_org_id and o.id <> s.id)`;
	await sql`insert into stakeholder_agency (stakeholder_id, iati_org_id, position)
		select s.id, s.iati_org_id, 0 from stakeholder s where ${moved}`.execute(db);
	await sql`update stakeholder set iati_org_id = null where id in (
		select stakeholder_id from stakeholder_agency)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	// The first agency of a state without an identifier of its own gives it back.
	await sql`update stakeholder set iati_org_id = (
			select a.iati_org_id from stakeholder_agency a
			where a.stakeholder_id = stakeholder.id order by a.position limit 1)
		where iati_org_id is null and exists (
			select 1 from stakeholder_agency a where a.stakeholder_id = stakeholder.id)`.execute(db);
	await db.schema.dropTable("stakeholder_agency").execute();
}
