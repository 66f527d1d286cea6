/**
 * Accounts and the accountability loop: users, memberships, sessions, API tokens,
 * database-held rate counters, progress reports, comments, assessments, and the
 * hash-chained audit log.
 */
import type { Kysely } from "kysely";
import { withId } from "./dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
	await withId(db, db.schema.createTable("app_user"))
		.addColumn("email", "text", (c) => c.notNull().unique())
		.addColumn("display_name", "text", (c) => c.notNull())
		.addColumn("password_hash", "text", (c) => c.notNull())
		.addColumn("role", "text")
		.addColumn("disabled_at", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();

	await db.schema
		.createTable("membership")
		.addColumn("user_id", "integer", (c) =>
			c.notNull().references("app_user.id").onDelete("cascade"),
		)
		.addColumn("stakeholder_id", "integer", (c) =>
			c.notNull().references("stakeholder.id").onDelete("cascade"),
		)
		.addColumn("role", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("membership_pk", ["user_id", "stakeholder_id"])
		.execute();
	await db.schema
		.createIndex("membership_stakeholder")
		.on("membership")
		.column("stakeholder_id")
		.execute();

	// Only a hash of the session id is stored: a leaked table opens no session.
	await db.schema
		.createTable("session")
		.addColumn("id_hash", "text", (c) => c.primaryKey())
		.addColumn("user_id", "integer", (c) =>
			c.notNull().references("app_user.id").onDelete("cascade"),
		)
		.addColumn("csrf_token", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("last_seen_at", "text", (c) => c.notNull())
		.addColumn("expires_at", "text", (c) => c.notNull())
		.execute();
	await db.schema.createIndex("session_user").on("session").column("user_id").execute();

	await withId(db, db.schema.createTable("api_token"))
		.addColumn("user_id", "integer", (c) =>
			c.notNull().references("app_user.id").onDelete("cascade"),
		)
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("token_hash", "text", (c) => c.notNull().unique())
		.addColumn("prefix", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("last_used_at", "text")
		.addColumn("revoked_at", "text")
		.execute();
	await db.schema.createIndex("api_token_user").on("api_token").column("user_id").execute();

	// Counters for rate limits and login back-off, shared by every instance.
	await db.schema
		.createTable("rate_counter")
		.addColumn("key", "text", (c) => c.notNull())
		.addColumn("window_start", "text", (c) => c.notNull())
		.addColumn("count", "integer", (c) => c.notNull())
		.addPrimaryKeyConstraint("rate_counter_pk", ["key", "window_start"])
		.execute();

	await db.schema
		.createTable("login_failure")
		.addColumn("key", "text", (c) => c.primaryKey())
		.addColumn("failures", "integer", (c) => c.notNull())
		.addColumn("last_failure_at", "text", (c) => c.notNull())
		.addColumn("blocked_until", "text", (c) => c.notNull())
		.execute();

	await db.schema.alterTable("commitment").addColumn("status_reason", "text").execute();
	await db.schema.alterTable("commitment").addColumn("created_by", "integer").execute();

	await withId(db, db.schema.createTable("progress_report"))
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("stakeholder_id", "integer", (c) => c.notNull().references("stakeholder.id"))
		.addColumn("period_start", "text", (c) => c.notNull())
		.addColumn("period_end", "text", (c) => c.notNull())
		.addColumn("disbursed_minor", "bigint")
		.addColumn("currency", "text")
		.addColumn("policy_status", "text")
		.addColumn("narrative", "text", (c) => c.notNull())
		.addColumn("strategy_document", "text")
		.addColumn("strategy_section", "text")
		.addColumn("strategy_url", "text")
		.addColumn("version", "integer", (c) => c.notNull())
		.addColumn("created_by", "integer")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("updated_at", "text", (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex("progress_report_commitment")
		.on("progress_report")
		.columns(["commitment_id", "period_end"])
		.execute();

	const reportPart = (name: string) =>
		db.schema
			.createTable(name)
			.addColumn("report_id", "integer", (c) =>
				c.notNull().references("progress_report.id").onDelete("cascade"),
			);
	await reportPart("report_recipient")
		.addColumn("kind", "text", (c) => c.notNull())
		.addColumn("code", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("report_recipient_pk", ["report_id", "kind", "code"])
		.execute();
	await reportPart("report_year")
		.addColumn("year", "integer", (c) => c.notNull())
		.addColumn("amount_minor", "bigint", (c) => c.notNull())
		.addPrimaryKeyConstraint("report_year_pk", ["report_id", "year"])
		.execute();
	await reportPart("report_evidence")
		.addColumn("position", "integer", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("url", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("report_evidence_pk", ["report_id", "position"])
		.execute();
	await reportPart("report_version")
		.addColumn("version", "integer", (c) => c.notNull())
		.addColumn("snapshot", "text", (c) => c.notNull())
		.addColumn("reason", "text")
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("created_by", "integer")
		.addPrimaryKeyConstraint("report_version_pk", ["report_id", "version"])
		.execute();

	await withId(db, db.schema.createTable("comment"))
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("report_id", "integer", (c) =>
			c.references("progress_report.id").onDelete("cascade"),
		)
		.addColumn("parent_id", "integer", (c) => c.references("comment.id"))
		.addColumn("author_id", "integer", (c) => c.notNull().references("app_user.id"))
		.addColumn("body", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.addColumn("edited_at", "text")
		.addColumn("deleted_at", "text")
		.addColumn("hidden_at", "text")
		.addColumn("hidden_by", "integer")
		.addColumn("hidden_reason", "text")
		.execute();
	await db.schema
		.createIndex("comment_thread")
		.on("comment")
		.columns(["commitment_id", "report_id", "created_at"])
		.execute();

	await db.schema
		.createTable("comment_flag")
		.addColumn("comment_id", "integer", (c) =>
			c.notNull().references("comment.id").onDelete("cascade"),
		)
		.addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id"))
		.addColumn("reason", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		// Set when a moderator reviewed the flag and kept the comment: it leaves the queue.
		.addColumn("resolved_at", "text")
		.addColumn("resolved_by", "integer")
		.addPrimaryKeyConstraint("comment_flag_pk", ["comment_id", "user_id"])
		.execute();

	await withId(db, db.schema.createTable("assessment"))
		.addColumn("commitment_id", "integer", (c) =>
			c.notNull().references("commitment.id").onDelete("cascade"),
		)
		.addColumn("assessor_id", "integer", (c) => c.notNull().references("app_user.id"))
		.addColumn("scheme", "text", (c) => c.notNull())
		.addColumn("score", "text")
		.addColumn("rationale", "text", (c) => c.notNull())
		.addColumn("assessed_on", "text", (c) => c.notNull())
		.addColumn("created_at", "text", (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex("assessment_commitment")
		.on("assessment")
		.column("commitment_id")
		.execute();
	await db.schema
		.createTable("assessment_maker_score")
		.addColumn("assessment_id", "integer", (c) =>
			c.notNull().references("assessment.id").onDelete("cascade"),
		)
		.addColumn("stakeholder_id", "integer", (c) => c.notNull().references("stakeholder.id"))
		.addColumn("score", "integer", (c) => c.notNull())
		.addPrimaryKeyConstraint("assessment_maker_score_pk", ["assessment_id", "stakeholder_id"])
		.execute();
	await db.schema
		.createTable("assessment_evidence")
		.addColumn("assessment_id", "integer", (c) =>
			c.notNull().references("assessment.id").onDelete("cascade"),
		)
		.addColumn("position", "integer", (c) => c.notNull())
		.addColumn("title", "text", (c) => c.notNull())
		.addColumn("url", "text", (c) => c.notNull())
		.addPrimaryKeyConstraint("assessment_evidence_pk", ["assessment_id", "position"])
		.execute();

	// Append-only; each row's hash covers its content and the previous row's hash.
	await withId(db, db.schema.createTable("audit_event"))
		.addColumn("occurred_at", "text", (c) => c.notNull())
		.addColumn("actor_user_id", "integer")
		.addColumn("actor_via", "text")
		.addColumn("action", "text", (c) => c.notNull())
		.addColumn("object_type", "text", (c) => c.notNull())
		.addColumn("object_id", "text", (c) => c.notNull())
		.addColumn("before", "text")
		.addColumn("after", "text")
		.addColumn("prev_hash", "text", (c) => c.notNull())
		.addColumn("hash", "text", (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex("audit_event_object")
		.on("audit_event")
		.columns(["object_type", "object_id", "id"])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const t of [
		"audit_event",
		"assessment_evidence",
		"assessment_maker_score",
		"assessment",
		"comment_flag",
		"comment",
		"report_version",
		"report_evidence",
		"report_year",
		"report_recipient",
		"progress_report",
		"login_failure",
		"rate_counter",
		"api_token",
		"session",
		"membership",
		"app_user",
	]) {
		await db.schema.dropTable(t).execute();
	}
	await db.schema.alterTable("commitment").dropColumn("created_by").execute();
	await db.schema.alterTable("commitment").dropColumn("status_reason").execute();
}
