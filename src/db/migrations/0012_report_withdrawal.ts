/**
 * A filed progress report can be withdrawn by those who filed it: it stays on the record,
 * marked withdrawn with the day and the reason, and counts no longer towards delivery.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("progress_report").addColumn("withdrawn_at", "text").execute();
	await db.schema.alterTable("progress_report").addColumn("withdrawn_reason", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable("progress_report").dropColumn("withdrawn_reason").execute();
	await db.schema.alterTable("progress_report").dropColumn("withdrawn_at").execute();
}
