/** Stores assessments with their maker scores and evidence; reads them whole. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { isRecordId } from "../../lib/ids.ts";
import { toInt } from "../../lib/numbers.ts";
import type {
	AssessmentScheme,
	AssessmentView,
	ComplianceScore,
	ScorecardScore,
} from "./assessments.schemas.ts";

export interface AssessmentInsert {
	commitment_id: number;
	assessor_id: number;
	scheme: AssessmentScheme;
	score: ScorecardScore | null;
	rationale: string;
	assessed_on: string;
	created_at: string;
	maker_scores: { stakeholder_id: number; score: ComplianceScore }[];
	evidence: { title: string; url: string }[];
}

/** An assessment as stored and shown: the view of the API, and the commitment it scores. */
export type AssessmentRecord = AssessmentView & { commitment_id: number };

export class AssessmentRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async insert(a: AssessmentInsert): Promise<number> {
		const row = await this.db
			.insertInto("assessment")
			.values({
				commitment_id: a.commitment_id,
				assessor_id: a.assessor_id,
				scheme: a.scheme,
				score: a.score,
				rationale: a.rationale,
				assessed_on: a.assessed_on,
				created_at: a.created_at,
			})
			.returning("id")
			.executeTakeFirstOrThrow();
		const id = toInt(row.id);
		if (a.maker_scores.length)
			await this.db
				.insertInto("assessment_maker_score")
				.values(
					a.maker_scores.map((m) => ({
						assessment_id: id,
						stakeholder_id: m.stakeholder_id,
						score: m.score,
					})),
				)
				.execute();
		if (a.evidence.length)
			await this.db
				.insertInto("assessment_evidence")
				.values(
					a.evidence.map((e, i) => ({
						assessment_id: id,
						position: i + 1,
						title: e.title,
						url: e.url,
					})),
				)
				.execute();
		return id;
	}

	async find(id: number): Promise<AssessmentRecord | null> {
		if (!isRecordId(id)) return null;
		const [record] = await this.load((q) => q.where("assessment.id", "=", id));
		return record ?? null;
	}

	/** The assessments of one commitment, newest first (assessed_on, then id). */
	async forCommitment(commitmentId: number): Promise<AssessmentRecord[]> {
		return this.load((q) => q.where("assessment.commitment_id", "=", commitmentId));
	}

	/** For each of these commitments assessed at all: how many times, and the latest day. */
	async assessedAmong(
		commitmentIds: number[],
	): Promise<Map<number, { count: number; latest: string }>> {
		if (commitmentIds.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("assessment")
			.select((eb) => [
				"commitment_id",
				eb.fn.countAll<number | string>().as("n"),
				eb.fn.max("assessed_on").as("latest"),
			])
			.where("commitment_id", "in", commitmentIds)
			.groupBy("commitment_id")
			.execute();
		return new Map(
			rows.map((r) => [toInt(r.commitment_id), { count: toInt(r.n), latest: String(r.latest) }]),
		);
	}

	/** Ids of assessments of commitments in these statuses, in id order after `afterId`: an export's batches. */
	async idsAfter(afterId: number, limit: number, statuses: readonly string[]): Promise<number[]> {
		const rows = await this.db
			.selectFrom("assessment")
			.innerJoin("commitment", "commitment.id", "assessment.commitment_id")
			.select("assessment.id")
			.where("assessment.id", ">", afterId)
			.where("commitment.status", "in", statuses)
			.orderBy("assessment.id")
			.limit(limit)
			.execute();
		return rows.map((r) => toInt(r.id));
	}

	/** These assessments whole, in id order. */
	async findMany(ids: number[]): Promise<AssessmentRecord[]> {
		if (ids.length === 0) return [];
		const rows = await this.load((q) => q.where("assessment.id", "in", ids));
		return rows.sort((a, b) => a.id - b.id);
	}

	private base() {
		return this.db
			.selectFrom("assessment")
			.innerJoin("app_user", "app_user.id", "assessment.assessor_id")
			.innerJoin("commitment", "commitment.id", "assessment.commitment_id")
			.select([
				"assessment.id",
				"assessment.commitment_id",
				"assessment.scheme",
				"assessment.score",
				"assessment.rationale",
				"assessment.assessed_on",
				"assessment.created_at",
				"assessment.assessor_id",
				"app_user.display_name",
				"commitment.slug as commitment_slug",
				"commitment.title as commitment_title",
			]);
	}

	private async load(
		where: (
			q: ReturnType<AssessmentRepository["base"]>,
		) => ReturnType<AssessmentRepository["base"]>,
	): Promise<AssessmentRecord[]> {
		const rows = await where(this.base())
			.orderBy("assessment.assessed_on", "desc")
			.orderBy("assessment.id", "desc")
			.execute();
		if (rows.length === 0) return [];
		const ids = rows.map((r) => toInt(r.id));
		const [scores, evidence] = await Promise.all([
			this.db
				.selectFrom("assessment_maker_score")
				.innerJoin("stakeholder", "stakeholder.id", "assessment_maker_score.stakeholder_id")
				.select([
					"assessment_maker_score.assessment_id",
					"assessment_maker_score.score",
					"stakeholder.id",
					"stakeholder.slug",
					"stakeholder.name",
				])
				.where("assessment_maker_score.assessment_id", "in", ids)
				.orderBy("stakeholder.name")
				.orderBy("stakeholder.id")
				.execute(),
			this.db
				.selectFrom("assessment_evidence")
				.select(["assessment_id", "title", "url"])
				.where("assessment_id", "in", ids)
				.orderBy("assessment_id")
				.orderBy("position")
				.execute(),
		]);
		return rows.map((r) => {
			const id = toInt(r.id);
			return {
				id,
				commitment_id: toInt(r.commitment_id),
				commitment: {
					id: toInt(r.commitment_id),
					slug: r.commitment_slug,
					title: r.commitment_title,
				},
				scheme: r.scheme as AssessmentScheme,
				score: r.score as ScorecardScore | null,
				maker_scores: scores
					.filter((s) => toInt(s.assessment_id) === id)
					.map((s) => ({
						stakeholder: { id: toInt(s.id), slug: s.slug, name: s.name },
						score: toInt(s.score) as ComplianceScore,
					})),
				rationale: r.rationale,
				evidence: evidence
					.filter((e) => toInt(e.assessment_id) === id)
					.map((e) => ({ title: e.title, url: e.url })),
				assessed_on: r.assessed_on,
				assessor: { id: toInt(r.assessor_id), display_name: r.display_name },
				created_at: r.created_at,
			};
		});
	}
}
