/**
 * The secretariat's review of proposed changes: listing them with what each changes,
 * accepting one (it becomes the commitment's next version, written by its proposer and
 * applied by the reviewer), rejecting one with a reason, or its proposer taking it back.
 * A proposal is made by an update (commitments.service.ts) that commitments.review.ts
 * holds for review.
 */
import type { Database } from "../../db/database.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { differences } from "../../lib/versioning.ts";
import { refreshDelivery } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { commitmentPolicy, isStaff } from "./commitments.policy.ts";
import { ProposalRepository, type ProposalRow } from "./commitments.proposals.repository.ts";
import {
	acceptInput,
	type Proposal,
	type ProposalList,
	type ProposalState,
	proposalQuery,
	rejectInput,
} from "./commitments.proposals.schemas.ts";
import { CommitmentRepository } from "./commitments.repository.ts";
import type { ReviewReason } from "./commitments.review.ts";
import type { CommitmentState } from "./commitments.state.ts";
import { writeNextVersion } from "./commitments.versions.ts";
import { type CommitmentRef, visibleCommitment } from "./commitments.visible.ts";

const decidedMeanwhile = (id: number) =>
	new AppError("conflict", `proposal ${id} was decided by someone else meanwhile: reload it`);

const stateOf = (decision: string | null): ProposalState =>
	decision === null ? "pending" : (decision as ProposalState);

function toProposal(r: ProposalRow): Proposal {
	const before = r.base_snapshot ? (JSON.parse(r.base_snapshot) as Record<string, unknown>) : {};
	const after = JSON.parse(r.snapshot) as Record<string, unknown>;
	return {
		id: r.id,
		commitment: { id: r.commitment_id, slug: r.slug, title: r.title },
		base_version: r.base_version,
		review: r.review as ReviewReason,
		reason: r.reason,
		proposed_by: r.proposer,
		proposed_by_id: r.proposed_by,
		proposed_at: r.proposed_at,
		state: stateOf(r.decision),
		decided_by: r.decider,
		decided_at: r.decided_at,
		decision_reason: r.decision_reason,
		differences: differences(before, after),
	};
}

export class ProposalService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	/**
	 * The secretariat sees every proposal; a member sees those on their stakeholders'
	 * commitments. `commitment` narrows to one (the commitment's workspace page).
	 */
	async list(actor: Actor, query: unknown, commitment?: CommitmentRef): Promise<ProposalList> {
		const q = parseInput(proposalQuery, query ?? {}, "query parameter");
		const staff = isStaff(actor) || actor.via === "cli";
		const commitmentId = commitment
			? (await visibleCommitment(this.db, commitment, actor)).id
			: undefined;
		const { rows, total } = await new ProposalRepository(this.db).list({
			decision: q.state === "pending" ? null : q.state,
			stakeholderIds: staff ? undefined : actor.memberships.map((m) => m.stakeholderId),
			commitmentId,
			limit: q.limit,
			offset: (q.page - 1) * q.limit,
		});
		return { items: rows.map(toProposal), total, page: q.page, limit: q.limit };
	}

	async get(id: number, actor: Actor): Promise<Proposal> {
		const row = await new ProposalRepository(this.db).find(id);
		if (!row) throw AppError.notFound("proposal", id);
		const c = await visibleCommitment(this.db, String(row.commitment_id), actor);
		// A proposal is between its makers and the secretariat until it is accepted.
		if (!commitmentPolicy.seesDrafts(actor, c)) throw AppError.notFound("proposal", id);
		return toProposal(row);
	}

	/**
	 * Applies the proposal as the commitment's next version, if the commitment is still at
	 * the version it was proposed on and may still be updated; otherwise a conflict says
	 * why, and the proposal waits to be rejected.
	 */
	async accept(id: number, input: unknown, actor: Actor) {
		const a = parseInput(acceptInput, input ?? {});
		if (!commitmentPolicy.reviewProposal(actor))
			throw new AppError("forbidden", "only the secretariat accepts a proposed change");
		return this.db.transaction().execute(async (trx) => {
			const proposals = new ProposalRepository(trx);
			const row = await this.pending(proposals, id);
			const repo = new CommitmentRepository(trx);
			const current = await repo.loadState(row.commitment_id);
			if (!current) throw AppError.notFound("commitment", row.commitment_id);
			if (current.state.status !== "published")
				throw new AppError(
					"conflict",
					`the commitment is ${current.state.status} now: a proposed change applies only to a published commitment; reject it`,
				);
			if (current.version !== row.base_version)
				throw new AppError(
					"conflict",
					`the commitment is at version ${current.version}, not the version ${row.base_version} this change was proposed on: reject it and ask for a new proposal`,
					{ extra: { current_version: current.version } },
				);
			const state = JSON.parse(row.snapshot) as CommitmentState;
			const version = await writeNextVersion(
				repo,
				row.commitment_id,
				current,
				state,
				row.reason,
				row.proposed_by,
			);
			if (
				!(await proposals.decide(id, {
					decision: "accepted",
					decided_by: auditActorId(actor),
					decided_at: nowIso(),
					decision_reason: a.reason ?? null,
				}))
			)
				throw decidedMeanwhile(id);
			await recordAudit(trx, actor, {
				action: "commitment.update",
				objectId: row.commitment_id,
				before: current.state,
				after: { ...state, reason: row.reason ?? undefined, proposal_id: id },
			});
			await refreshDelivery(trx, [row.commitment_id]);
			return {
				id,
				state: "accepted" as const,
				commitment: { id: row.commitment_id, slug: state.slug, version },
			};
		});
	}

	async reject(id: number, input: unknown, actor: Actor) {
		const r = parseInput(rejectInput, input ?? {});
		if (!commitmentPolicy.reviewProposal(actor))
			throw new AppError("forbidden", "only the secretariat rejects a proposed change");
		return this.close(id, "rejected", r.reason, actor);
	}

	/** Its proposer, or a maker's focal point, takes a pending proposal back. */
	async withdraw(id: number, actor: Actor) {
		return this.close(id, "withdrawn", null, actor);
	}

	private async close(
		id: number,
		decision: "rejected" | "withdrawn",
		reason: string | null,
		actor: Actor,
	) {
		return this.db.transaction().execute(async (trx) => {
			const proposals = new ProposalRepository(trx);
			const row = await this.pending(proposals, id);
			if (decision === "withdrawn") {
				const makerIds =
					(await new CommitmentRepository(trx).makerIdsOf([row.commitment_id])).get(
						row.commitment_id,
					) ?? [];
				if (!commitmentPolicy.withdrawProposal(actor, { makerIds }, row.proposed_by))
					throw new AppError(
						"forbidden",
						"only whoever proposed a change, or a maker's focal point, withdraws it",
					);
			}
			if (
				!(await proposals.decide(id, {
					decision,
					decided_by: auditActorId(actor),
					decided_at: nowIso(),
					decision_reason: reason,
				}))
			)
				throw decidedMeanwhile(id);
			await recordAudit(trx, actor, {
				action:
					decision === "rejected" ? "commitment.reject_proposal" : "commitment.withdraw_proposal",
				objectId: row.commitment_id,
				after: { proposal_id: id, reason: reason ?? undefined },
			});
			const version =
				(await new CommitmentRepository(trx).findRow(row.commitment_id))?.version ?? 0;
			return {
				id,
				state: decision,
				commitment: { id: row.commitment_id, slug: row.slug, version },
			};
		});
	}

	/** The proposal, if it is still pending: deciding twice is a conflict that names the first decision. */
	private async pending(proposals: ProposalRepository, id: number): Promise<ProposalRow> {
		const row = await proposals.find(id);
		if (!row) throw AppError.notFound("proposal", id);
		if (row.decision !== null)
			throw new AppError(
				"conflict",
				`proposal ${id} was ${row.decision} on ${row.decided_at?.slice(0, 10) ?? "an earlier day"}: it is no longer pending`,
			);
		return row;
	}
}
