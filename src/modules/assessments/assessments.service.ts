/**
 * Independent assessments of commitments: an assessor scores a public commitment under a
 * named scheme (a five-point scorecard, or compliance of each maker), with a rationale and
 * evidence. Assessments are public and kept apart from the makers' own progress reports.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { type Batches, keysetBatches, mapBatches, oneBatch } from "../../lib/batches.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import type { RecordRef } from "../../lib/ids.ts";
import { parseInput } from "../../lib/validation.ts";
import { refreshStatuses } from "../analytics/delivery.status.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { publicStatuses } from "../commitments/commitments.schemas.ts";
import {
	type CommitmentRef,
	findVisibleCommitment,
	visibleCommitment,
} from "../commitments/commitments.visible.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { type AssessmentRecord, AssessmentRepository } from "./assessments.repository.ts";
import {
	type AssessmentData,
	type AssessmentList,
	type AssessmentView,
	assessmentInput,
	type ComplianceScore,
	todayUtc,
} from "./assessments.schemas.ts";

const view = ({ commitment_id: _, ...rest }: AssessmentRecord): AssessmentView => rest;

/** Half away from zero, to 2 decimals, from an exact ratio of integers. */
function mean2(sum: number, count: number): number {
	const hundredths = (Math.abs(sum) * 100) / count;
	return (Math.sign(sum) * Math.round(hundredths)) / 100;
}

export class AssessmentService {
	constructor(private readonly database: Database) {}

	get dialect() {
		return this.database.dialect;
	}

	private get db() {
		return this.database.db;
	}

	/** An assessor scores a public commitment, named by id or slug. */
	async create(commitmentRef: string, input: unknown, actor: Actor): Promise<AssessmentView> {
		if (!assessmentPolicy.assess(actor))
			throw new AppError(
				"forbidden",
				"only assessors assess commitments: an assessment is independent of the makers and of the secretariat",
			);
		const data = parseInput(assessmentInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new AssessmentRepository(trx);
			const commitment = await this.loadCommitment(trx, commitmentRef, actor);
			if (!assessmentPolicy.assessable(commitment))
				throw AppError.notFound("commitment", commitmentRef);
			if (!assessmentPolicy.independentOf(actor, commitment))
				throw new AppError(
					"forbidden",
					"you are a focal point or editor of one of this commitment's makers: no one assesses their own commitment",
				);
			const makerScores = await this.resolveMakerScores(
				new StakeholderRepository(trx),
				data.maker_scores ?? [],
				commitment.makerIds,
			);
			const id = await repo.insert({
				commitment_id: commitment.id,
				assessor_id: actor.userId,
				scheme: data.scheme,
				score: data.scheme === "scorecard" ? (data.score ?? null) : null,
				rationale: data.rationale,
				assessed_on: data.assessed_on ?? todayUtc(),
				created_at: nowIso(),
				maker_scores: makerScores,
				evidence: data.evidence,
			});
			const stored = await repo.find(id);
			if (!stored) throw new AppError("internal", `assessment ${id} vanished while being written`);
			// A policy commitment's status follows its latest assessment.
			await refreshStatuses(trx, [commitment.id]);
			await recordAudit(trx, actor, {
				action: "assessment.create",
				objectId: id,
				after: {
					id,
					commitment_id: stored.commitment_id,
					assessor_id: stored.assessor.id,
					scheme: stored.scheme,
					score: stored.score,
					maker_scores: stored.maker_scores.map((m) => ({
						stakeholder_id: m.stakeholder.id,
						score: m.score,
					})),
					rationale: stored.rationale,
					evidence: stored.evidence,
					assessed_on: stored.assessed_on,
					created_at: stored.created_at,
				},
			});
			return view(stored);
		});
	}

	/** Which of these commitments were assessed already: how many times, and when last. */
	assessedAmong(commitmentIds: number[]) {
		return new AssessmentRepository(this.db).assessedAmong(commitmentIds);
	}

	/** The public assessments of a commitment, newest first, with a summary of each scheme. */
	async list(commitmentRef: CommitmentRef, actor: Actor | null = null): Promise<AssessmentList> {
		const repo = new AssessmentRepository(this.db);
		const commitment = await this.loadCommitment(this.db, commitmentRef, actor);
		const items = (await repo.forCommitment(commitment.id)).map(view);
		const scorecards = items.filter((a) => a.scheme === "scorecard");
		const compliance = items.filter((a) => a.scheme === "compliance");
		const makerScores = compliance.flatMap((a) => a.maker_scores.map((m) => m.score));
		const sum = makerScores.reduce<number>((s, x) => s + x, 0);
		return {
			items,
			total: items.length,
			summary: {
				scorecard: { latest: scorecards[0]?.score ?? null, count: scorecards.length },
				compliance: {
					average: makerScores.length ? mean2(sum, makerScores.length) : null,
					count: compliance.length,
				},
			},
		};
	}

	/** The assessments of one commitment as an export: the list's items, newest first. */
	async exportForCommitment(
		commitmentRef: string,
		actor: Actor | null = null,
	): Promise<Batches<AssessmentView>> {
		const repo = new AssessmentRepository(this.db);
		const commitment = await this.loadCommitment(this.db, commitmentRef, actor);
		return mapBatches(oneBatch(repo.forCommitment(commitment.id)), (rows) => rows.map(view));
	}

	/** Every assessment of a public commitment, in id order, a batch at a time. */
	async exportAll(): Promise<Batches<AssessmentView>> {
		const repo = new AssessmentRepository(this.db);
		const ids = keysetBatches(
			(after, limit) => repo.idsAfter(after, limit, publicStatuses),
			(id) => id,
		);
		return mapBatches(ids, async (batch) => (await repo.findMany(batch)).map(view));
	}

	/** One assessment, by id; seen by whoever may see its commitment. */
	async get(id: number, actor: Actor | null = null): Promise<AssessmentView> {
		const repo = new AssessmentRepository(this.db);
		const found = await repo.find(id);
		if (!found) throw AppError.notFound("assessment", id);
		if (!(await findVisibleCommitment(this.db, { id: found.commitment_id }, actor)))
			throw AppError.notFound("assessment", id);
		return view(found);
	}

	/** The commitment as this actor may see it (commitments.visible.ts), as the policy's facts. */
	private async loadCommitment(db: Kysely<Tables>, ref: CommitmentRef, actor: Actor | null) {
		const { id, row, makerIds } = await visibleCommitment(db, ref, actor);
		return { id, status: row.status, makerIds };
	}

	/** Each stakeholder named must exist, be one of the makers, and be named once. */
	private async resolveMakerScores(
		stakeholders: StakeholderRepository,
		scores: NonNullable<AssessmentData["maker_scores"]>,
		makerIds: number[],
	): Promise<{ stakeholder_id: number; score: ComplianceScore }[]> {
		if (scores.length === 0) return [];
		const refs: RecordRef[] = scores.map((m) =>
			typeof m.stakeholder === "number" ? { id: m.stakeholder } : { slug: m.stakeholder },
		);
		const found = await stakeholders.idsByRef(refs);
		const problems: string[] = [];
		const seen = new Map<number, string | number>();
		const out: { stakeholder_id: number; score: ComplianceScore }[] = [];
		for (const [i, m] of scores.entries()) {
			const id = found.get(String(m.stakeholder));
			const where = `maker_scores[${i}]`;
			if (id === undefined)
				problems.push(`${where}: stakeholder '${m.stakeholder}' does not exist`);
			else if (!makerIds.includes(id))
				problems.push(`${where}: '${m.stakeholder}' is not one of this commitment's makers`);
			else if (seen.has(id))
				problems.push(`${where}: '${m.stakeholder}' is scored twice (also as '${seen.get(id)}')`);
			else {
				seen.set(id, m.stakeholder);
				out.push({ stakeholder_id: id, score: m.score });
			}
		}
		if (problems.length)
			throw new AppError("invalid_input", `field 'maker_scores': ${problems.join("; ")}`, {
				fields: [{ name: "maker_scores", message: problems.join("; ") }],
			});
		return out;
	}
}
