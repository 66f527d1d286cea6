/**
 * The rules of commitments: creating and updating them (each write a new immutable
 * version, an update refused when it edits a stale version), relating them without
 * cycles. The reads are commitments.queries.ts, which this service extends.
 */

import type { Kysely } from "kysely";
import * as z from "zod";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { isOneOf } from "../../lib/enums.ts";
import { AppError } from "../../lib/errors.ts";
import { slugify } from "../../lib/ids.ts";
import { formatMinorUnits, toMinorUnits } from "../../lib/money.ts";
import { parseInput } from "../../lib/validation.ts";
import { differences, staleVersion } from "../../lib/versioning.ts";
import { refreshDelivery } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import {
	commitmentPolicy,
	editableStatuses,
	type Transition,
	transitions,
} from "./commitments.policy.ts";
import { ProposalRepository } from "./commitments.proposals.repository.ts";
import { CommitmentQueries } from "./commitments.queries.ts";
import { CommitmentRepository } from "./commitments.repository.ts";
import { resolveCommitment, stateToInput } from "./commitments.resolve.ts";
import { type ReviewReason, reviewNeeded } from "./commitments.review.ts";
import {
	type CommitmentStatus,
	commitmentInput,
	commitmentPatch,
	relationCreate,
} from "./commitments.schemas.ts";
import type { CommitmentState } from "./commitments.state.ts";
import { writeNextVersion } from "./commitments.versions.ts";
import { visibleCommitment } from "./commitments.visible.ts";

const slugTaken = (slug: string) =>
	new AppError("conflict", `a commitment with slug '${slug}' exists already`, {
		fields: [{ name: "slug", message: "is taken" }],
	});
const reasonOptional = z.strictObject({
	reason: z.string().trim().min(1).max(2000).optional(),
	version: z.number().int().positive().optional(),
});
const reasonRequired = z.strictObject({
	reason: z
		.string({ error: "is required: say why" })
		.trim()
		.min(3, "must say why in a few words")
		.max(2000),
	version: z.number().int().positive().optional(),
});
const forbiddenStep: Record<Transition, string> = {
	submit: "only the makers' focal points and editors submit a commitment",
	publish: "only the secretariat publishes a commitment",
	return: "only the secretariat returns a commitment",
	complete: "only a maker's focal point marks a commitment completed",
	withdraw: "only a maker's focal point withdraws a commitment",
};

/** Relations that must never loop back (a part of its own part, a reaffirmation of itself). */
const acyclicKinds = ["reaffirms", "supersedes", "part_of"] as const;

/**
 * The part of `from`'s money a relation holds for, when it holds for a part: a share as
 * given, or an amount in `from`'s currency, which must be less than its own amount.
 */
function partOf(
	r: { share?: number | undefined; amount?: string | undefined },
	from: CommitmentState,
): { share: number; amountMinor: number | null } | null {
	if (r.share !== undefined) return { share: r.share, amountMinor: null };
	if (r.amount === undefined) return null;
	const f = from.financial;
	if (!f || f.amount_minor === null || f.currency === null)
		throw AppError.invalid("amount", "this commitment states no amount: give the share instead");
	const amountMinor = toMinorUnits(r.amount, f.currency, "amount");
	if (amountMinor <= 0 || amountMinor >= f.amount_minor)
		throw AppError.invalid(
			"amount",
			`must be more than 0 and less than the commitment's own ${formatMinorUnits(f.amount_minor, f.currency)} ${f.currency}: a relation for all of it has no amount`,
		);
	return { share: amountMinor / f.amount_minor, amountMinor };
}

/**
 * The parts of a commitment's money related to others add up to no more than all of it:
 * beyond that, some of it would be moved twice (delivery.compute.ts, partialWeights).
 */
async function checkParts(
	repo: CommitmentRepository,
	from: number,
	fromRef: string,
	kind: string,
	to: number,
	share: number | null,
): Promise<void> {
	if (share === null) return;
	// Parts at one level of a tree only: a part of a part would be moved twice over.
	const nested = await repo.withParts([...(await repo.wholeTree(from))]);
	if (nested.length > 0)
		throw AppError.invalid(
			"share",
			`a commitment above or below '${fromRef}' (id ${nested[0]}) already relates a part of its money: relate parts at one level only`,
		);
	const parts = (await repo.partialRelations(from)).filter(
		(p) => !(p.to_id === to && p.kind === kind),
	);
	const total = parts.reduce((sum, p) => sum + p.share, share);
	if (total > 1 + 1e-9)
		throw AppError.invalid(
			"share",
			`the parts of '${fromRef}' related to others would add up to ${Math.round(total * 100)}% of it, more than all of it`,
		);
}

/** The writes of commitments; the reads it inherits from CommitmentQueries. */
export class CommitmentService extends CommitmentQueries {
	/**
	 * A new commitment. Through the API it is always a draft by a member of one of its
	 * makers; the operator's CLI (seed, imports) may create it in any status.
	 */
	async create(
		input: unknown,
		actor: Actor,
	): Promise<{ id: number; slug: string; version: number }> {
		if (actor.via !== "cli") {
			const raw = input as Record<string, unknown>;
			for (const field of ["status", "origin"])
				if (raw[field] !== undefined)
					throw AppError.invalid(field, `${field} is set by the workflow, not by the writer`);
		}
		const data = parseInput(commitmentInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			if (data.slug && (await repo.slugTaken(data.slug))) throw slugTaken(data.slug);
			const slug = data.slug ?? (await this.freeSlug(repo, slugify(data.title)));
			const state = await resolveCommitment(trx, data, slug);
			if (!commitmentPolicy.create(actor, state.maker_ids))
				throw new AppError(
					"forbidden",
					"you may draft commitments only for a stakeholder you are focal point or editor of",
				);
			const now = nowIso();
			const id = await repo.insert(state, now, auditActorId(actor));
			await repo.insertVersion({
				commitment_id: id,
				version: 1,
				snapshot: JSON.stringify(state),
				reason: null,
				created_at: now,
				created_by: auditActorId(actor),
			});
			await recordAudit(trx, actor, { action: "commitment.create", objectId: id, after: state });
			await refreshDelivery(trx, [id]);
			return { id, slug, version: 1 };
		});
	}

	/**
	 * Applies `changes` (any fields; financial, policy and lists are replaced whole) to
	 * version `version`, as a new version with its reason. A stale version gets a conflict
	 * carrying the current one, and nothing is written. A change the secretariat must
	 * review first (commitments.review.ts) is kept as a proposal instead: the answer names
	 * it, and the version stays as it was.
	 */
	async update(
		refText: string,
		patch: unknown,
		actor: Actor,
	): Promise<{
		id: number;
		version: number;
		proposal: { id: number; review: ReviewReason } | null;
	}> {
		const p = parseInput(commitmentPatch, patch);
		for (const field of ["status", "origin"])
			if (field in p.changes)
				throw AppError.invalid(
					`changes.${field}`,
					`${field} changes only through the workflow (submit, publish, return, complete, withdraw)`,
				);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const { id, current } = await this.loadVisible(trx, refText, actor);
			const facts = { status: current.state.status, makerIds: current.state.maker_ids };
			if (!commitmentPolicy.update(actor, facts))
				throw new AppError(
					"forbidden",
					"only the makers' focal points and editors update a commitment",
				);
			if (!isOneOf(editableStatuses, facts.status))
				throw new AppError(
					"conflict",
					`a ${facts.status} commitment cannot be updated${facts.status === "submitted" ? ": wait until the secretariat publishes or returns it" : ""}`,
				);
			if (current.version !== p.version) throw staleVersion(current.version, p.version);
			const proposals = new ProposalRepository(trx);
			const pending = await proposals.pendingFor(id);
			if (pending)
				throw new AppError(
					"conflict",
					`a proposed change (proposal ${pending.id}) awaits the secretariat's review: wait for its decision or withdraw it before changing the commitment again`,
					{ extra: { proposal_id: pending.id } },
				);
			const data = parseInput(commitmentInput, { ...stateToInput(current.state), ...p.changes });
			if (data.slug && data.slug !== current.state.slug && (await repo.slugTaken(data.slug)))
				throw slugTaken(data.slug);
			const state = await resolveCommitment(trx, data, data.slug ?? current.state.slug);
			// The writer must stay among the makers, or they would lock themselves out.
			if (!commitmentPolicy.update(actor, { status: state.status, makerIds: state.maker_ids }))
				throw AppError.invalid(
					"changes.makers",
					"the makers must include a stakeholder you are focal point or editor of",
				);
			const review = reviewNeeded(actor, current.state, state);
			if (review) {
				const proposalId = await proposals.insert({
					commitment_id: id,
					base_version: current.version,
					snapshot: JSON.stringify(state),
					review,
					reason: p.reason ?? null,
					proposed_by: auditActorId(actor),
					proposed_at: nowIso(),
				});
				await recordAudit(trx, actor, {
					action: "commitment.propose",
					objectId: id,
					after: {
						proposal_id: proposalId,
						review,
						base_version: current.version,
						changed: differences({ ...current.state }, { ...state }).map((d) => d.field),
						reason: p.reason ?? null,
					},
				});
				return { id, version: current.version, proposal: { id: proposalId, review } };
			}
			const version = await this.writeVersion(repo, id, current, state, p.reason ?? null, actor);
			await recordAudit(trx, actor, {
				action: "commitment.update",
				objectId: id,
				before: current.state,
				after: { ...state, reason: p.reason },
			});
			await refreshDelivery(trx, [id]);
			return { id, version, proposal: null };
		});
	}

	/** One step of the workflow: submit, publish, return, complete or withdraw. */
	async transition(
		refText: string,
		step: Transition,
		input: unknown,
		actor: Actor,
	): Promise<{ id: number; version: number; status: CommitmentStatus }> {
		const rule = transitions[step];
		const t = parseInput(rule.reason ? reasonRequired : reasonOptional, input ?? {});
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const { id, current } = await this.loadVisible(trx, refText, actor);
			const facts = { status: current.state.status, makerIds: current.state.maker_ids };
			if (!commitmentPolicy[step](actor, facts))
				throw new AppError("forbidden", forbiddenStep[step]);
			if (!isOneOf(rule.from, facts.status))
				throw new AppError(
					"conflict",
					`cannot ${step} a ${facts.status} commitment: it must be ${rule.from.join(" or ")}`,
				);
			if (t.version !== undefined && t.version !== current.version)
				throw staleVersion(current.version, t.version);
			const state: CommitmentState = { ...current.state, status: rule.to };
			const reason = t.reason ?? null;
			const version = await this.writeVersion(repo, id, current, state, reason, actor);
			await repo.setStatusReason(id, reason);
			await recordAudit(trx, actor, {
				action: `commitment.${step}`,
				objectId: id,
				before: { status: facts.status },
				after: { status: rule.to, reason: reason ?? undefined },
			});
			await refreshDelivery(trx, [id]);
			return { id, version, status: rule.to };
		});
	}

	/** `from` reaffirms / supersedes / is part of / overlaps `input.to`. Repeating a relation changes nothing. */
	async relate(fromRef: string, input: unknown, actor: Actor): Promise<{ created: boolean }> {
		const r = parseInput(relationCreate, input);
		const toRef = String(r.to);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const { id: from, current } = await this.loadVisible(trx, fromRef, actor);
			const { id: to } = await this.loadVisible(trx, toRef, actor);
			if (
				!commitmentPolicy.relate(actor, {
					status: current.state.status,
					makerIds: current.state.maker_ids,
				})
			)
				throw new AppError(
					"forbidden",
					"only the makers' focal points and editors, or the secretariat, relate a commitment to another",
				);
			if (from === to) throw AppError.invalid("to", "a commitment cannot be related to itself");
			if (isOneOf(acyclicKinds, r.kind) && (await repo.reachable(to, acyclicKinds)).has(from)) {
				throw AppError.invalid(
					"kind",
					`'${fromRef}' ${r.kind} '${toRef}' would make a cycle: '${toRef}' already leads back to '${fromRef}'`,
				);
			}
			const part = partOf(r, current.state);
			await checkParts(repo, from, fromRef, r.kind, to, part?.share ?? null);
			const created = await repo.insertRelation({
				from_id: from,
				to_id: to,
				kind: r.kind,
				note: r.note,
				share: part?.share ?? null,
				amount_minor: part?.amountMinor ?? null,
				created_at: nowIso(),
			});
			if (created)
				await recordAudit(trx, actor, {
					action: "commitment.relate",
					objectId: from,
					after: { kind: r.kind, to, note: r.note, ...(part ? { share: part.share } : {}) },
				});
			await refreshDelivery(trx, [from, to]);
			return { created };
		});
	}

	/** Writes the next version, written by this actor. */
	private writeVersion(
		repo: CommitmentRepository,
		id: number,
		current: { state: CommitmentState; version: number },
		state: CommitmentState,
		reason: string | null,
		actor: Actor,
	): Promise<number> {
		return writeNextVersion(repo, id, current, state, reason, auditActorId(actor));
	}

	/** The commitment as this actor may see it (commitments.visible.ts), with its stored state. */
	private async loadVisible(trx: Kysely<Tables>, refText: string, actor: Actor | null) {
		const { id, row } = await visibleCommitment(trx, refText, actor);
		const current = await new CommitmentRepository(trx).loadState(id);
		if (!current) throw AppError.notFound("commitment", row.slug);
		return { id, current };
	}

	private async freeSlug(repo: CommitmentRepository, base: string): Promise<string> {
		for (let n = 1; ; n++) {
			const candidate = n === 1 ? base : `${base}-${n}`;
			if (!(await repo.slugTaken(candidate))) return candidate;
		}
	}
}
