/**
 * The public changes feeds show, read from the audit log (every write is there, in the
 * order it happened) joined to the records as they are now: only events on public
 * commitments, never their draft stage, never a hidden or deleted comment.
 */
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";

/** Which commitments a feed follows. */
export type FeedScope =
	| { kind: "all" }
	| { kind: "commitment"; id: number }
	| { kind: "stakeholder"; id: number }
	| { kind: "goal"; id: string }
	| { kind: "country"; code: string };

interface EventBase {
	event_id: number;
	hash: string;
	occurred_at: string;
	action: string;
	commitment: { id: number; slug: string; title: string };
}

export type FeedEvent =
	| (EventBase & {
			type: "commitment";
			kind: string;
			status: string;
			version: number;
			text: string;
			/** The audit event's before and after (JSON), to say what changed and why. */
			before: string | null;
			after: string | null;
	  })
	| (EventBase & {
			type: "report";
			report_id: number;
			report_kind: string;
			stakeholder: string;
			period_start: string;
			period_end: string;
			disbursed_minor: number | null;
			currency: string | null;
			policy_status: string | null;
			narrative: string;
	  })
	| (EventBase & {
			type: "assessment";
			assessment_id: number;
			scheme: string;
			score: string | null;
			rationale: string;
			assessor: string;
	  })
	| (EventBase & {
			type: "comment";
			comment_id: number;
			report_id: number | null;
			author: string;
			body: string;
	  });

/** A subquery of commitment ids, whichever tables it reads. */
type ScopeIds = SelectQueryBuilder<Tables, keyof Tables, { commitment_id: number }>;

const commitmentActions = [
	"commitment.create",
	"commitment.update",
	"commitment.publish",
	"commitment.complete",
	"commitment.withdraw",
];

export class FeedRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/** The commitments a scope follows, as a subquery; null for every commitment. */
	private scopeIds(scope: FeedScope): ScopeIds | null {
		switch (scope.kind) {
			case "all":
				return null;
			case "commitment":
				return this.db
					.selectFrom("commitment")
					.select("commitment.id as commitment_id")
					.where("commitment.id", "=", scope.id);
			case "stakeholder":
				return this.db
					.selectFrom("commitment_maker")
					.select("commitment_maker.commitment_id")
					.where("commitment_maker.stakeholder_id", "=", scope.id);
			case "goal":
				return this.db
					.selectFrom("commitment_goal")
					.select("commitment_goal.commitment_id")
					.where("commitment_goal.goal_id", "=", scope.id);
			case "country":
				// What the country receives, and what its government promised.
				return this.db
					.selectFrom("commitment_recipient")
					.select("commitment_recipient.commitment_id")
					.where("commitment_recipient.kind", "=", "country")
					.where("commitment_recipient.code", "=", scope.code)
					.union(
						this.db
							.selectFrom("commitment_maker")
							.innerJoin("stakeholder", "stakeholder.id", "commitment_maker.stakeholder_id")
							.select("commitment_maker.commitment_id")
							.where("stakeholder.kind", "=", "member_state")
							.where("stakeholder.country_code", "=", scope.code),
					);
		}
	}

	/** The newest `limit` public events of the scope, newest first. */
	async events(scope: FeedScope, statuses: readonly string[], limit: number): Promise<FeedEvent[]> {
		const ids = this.scopeIds(scope);
		// audit_event.object_id is text (it names objects of every kind). A scoped feed goes from
		// its few records to their events (the object index); the whole feed goes from the
		// newest events to their records (the primary key), the CASE keeping other kinds' ids,
		// which need not be numbers, out of the cast.
		const objectIs = (column: string, type: string) =>
			ids === null
				? sql<boolean>`${sql.ref(column)} = cast(case when e.object_type = ${type} then e.object_id end as integer)`
				: sql<boolean>`e.object_id = cast(${sql.ref(column)} as text)`;
		const [commitments, reports, assessments, comments] = await Promise.all([
			this.db
				.selectFrom("audit_event as e")
				.innerJoin("commitment as c", (j) => j.on(objectIs("c.id", "commitment")))
				.select([
					"e.id as event_id",
					"e.hash",
					"e.occurred_at",
					"e.action",
					"e.before",
					"e.after",
					"c.id",
					"c.slug",
					"c.title",
					"c.kind",
					"c.status",
					"c.version",
					"c.text",
				])
				.where("e.object_type", "=", "commitment")
				.where("e.action", "in", commitmentActions)
				.where("c.status", "in", statuses)
				// The draft stage stays private: only what happened from publication on. A
				// commitment recorded public from the start (by the operator) has no draft stage.
				.where((eb) =>
					eb.or([
						eb("c.published_at", "is", null),
						eb("e.occurred_at", ">=", eb.ref("c.published_at")),
					]),
				)
				.$if(ids !== null, (q) => q.where("c.id", "in", ids as ScopeIds))
				.orderBy("e.id", "desc")
				.limit(limit)
				.execute(),
			this.db
				.selectFrom("audit_event as e")
				.innerJoin("progress_report as r", (j) => j.on(objectIs("r.id", "report")))
				.innerJoin("commitment as c", "c.id", "r.commitment_id")
				.innerJoin("stakeholder as s", "s.id", "r.stakeholder_id")
				.select([
					"e.id as event_id",
					"e.hash",
					"e.occurred_at",
					"e.action",
					"c.id",
					"c.slug",
					"c.title",
					"r.id as report_id",
					"r.kind as report_kind",
					"s.name as stakeholder",
					"r.period_start",
					"r.period_end",
					"r.disbursed_minor",
					"r.currency",
					"r.policy_status",
					"r.narrative",
				])
				.where("e.object_type", "=", "report")
				.where("e.action", "in", ["report.create", "report.update"])
				.where("c.status", "in", statuses)
				.$if(ids !== null, (q) =>
					q.where((eb) =>
						scope.kind === "stakeholder"
							? eb.or([eb("c.id", "in", ids as ScopeIds), eb("r.stakeholder_id", "=", scope.id)])
							: eb("c.id", "in", ids as ScopeIds),
					),
				)
				.orderBy("e.id", "desc")
				.limit(limit)
				.execute(),
			this.db
				.selectFrom("audit_event as e")
				.innerJoin("assessment as a", (j) => j.on(objectIs("a.id", "assessment")))
				.innerJoin("commitment as c", "c.id", "a.commitment_id")
				.innerJoin("app_user as u", "u.id", "a.assessor_id")
				.select([
					"e.id as event_id",
					"e.hash",
					"e.occurred_at",
					"e.action",
					"c.id",
					"c.slug",
					"c.title",
					"a.id as assessment_id",
					"a.scheme",
					"a.score",
					"a.rationale",
					"u.display_name as assessor",
				])
				.where("e.object_type", "=", "assessment")
				.where("e.action", "=", "assessment.create")
				.where("c.status", "in", statuses)
				.$if(ids !== null, (q) => q.where("c.id", "in", ids as ScopeIds))
				.orderBy("e.id", "desc")
				.limit(limit)
				.execute(),
			this.db
				.selectFrom("audit_event as e")
				.innerJoin("comment as m", (j) => j.on(objectIs("m.id", "comment")))
				.innerJoin("commitment as c", "c.id", "m.commitment_id")
				.innerJoin("app_user as u", "u.id", "m.author_id")
				.select([
					"e.id as event_id",
					"e.hash",
					"e.occurred_at",
					"e.action",
					"c.id",
					"c.slug",
					"c.title",
					"m.id as comment_id",
					"m.report_id",
					"u.display_name as author",
					"m.body",
				])
				.where("e.object_type", "=", "comment")
				.where("e.action", "in", ["comment.create", "comment.edit"])
				.where("m.hidden_at", "is", null)
				.where("m.deleted_at", "is", null)
				.where("c.status", "in", statuses)
				.$if(ids !== null, (q) => q.where("c.id", "in", ids as ScopeIds))
				.orderBy("e.id", "desc")
				.limit(limit)
				.execute(),
		]);
		const base = (r: {
			event_id: unknown;
			hash: string;
			occurred_at: string;
			action: string;
			id: unknown;
			slug: string;
			title: string;
		}): EventBase => ({
			event_id: toInt(r.event_id),
			hash: r.hash,
			occurred_at: r.occurred_at,
			action: r.action,
			commitment: { id: toInt(r.id), slug: r.slug, title: r.title },
		});
		const all: FeedEvent[] = [
			...commitments.map((r) => ({
				...base(r),
				type: "commitment" as const,
				kind: r.kind,
				status: r.status,
				version: toInt(r.version),
				text: r.text,
				before: r.before,
				after: r.after,
			})),
			...reports.map((r) => ({
				...base(r),
				type: "report" as const,
				report_id: toInt(r.report_id),
				report_kind: r.report_kind,
				stakeholder: r.stakeholder,
				period_start: r.period_start,
				period_end: r.period_end,
				disbursed_minor: toIntOrNull(r.disbursed_minor),
				currency: r.currency,
				policy_status: r.policy_status,
				narrative: r.narrative,
			})),
			...assessments.map((r) => ({
				...base(r),
				type: "assessment" as const,
				assessment_id: toInt(r.assessment_id),
				scheme: r.scheme,
				score: r.score,
				rationale: r.rationale,
				assessor: r.assessor,
			})),
			...comments.map((r) => ({
				...base(r),
				type: "comment" as const,
				comment_id: toInt(r.comment_id),
				report_id: toIntOrNull(r.report_id),
				author: r.author,
				body: r.body,
			})),
		];
		return all.sort((a, b) => b.event_id - a.event_id).slice(0, limit);
	}

	/** The first event: its hash is fixed for the life of a deployment, and unlike any other's. */
	async origin(): Promise<{ hash: string; occurred_at: string } | null> {
		const row = await this.db
			.selectFrom("audit_event")
			.select(["hash", "occurred_at"])
			.orderBy("id")
			.limit(1)
			.executeTakeFirst();
		return row ?? null;
	}

	async goal(id: string): Promise<{ id: string; title: string } | null> {
		const row = await this.db
			.selectFrom("goal")
			.select(["id", "title"])
			.where("id", "=", id)
			.executeTakeFirst();
		return row ?? null;
	}
}
