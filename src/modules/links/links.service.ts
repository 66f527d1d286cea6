/**
 * Linking IATI activities to commitments. Rules propose links with a score and their
 * reasons (links.rules.ts); the secretariat or a focal point of one of the makers
 * accepts (with a share) or rejects them, or links by hand. Only accepted links count
 * towards delivery, and an activity's accepted shares never pass 100%, so no
 * transaction counts twice. Each decision refreshes the delivery figures in its own
 * transaction and is audited.
 */

import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { activityPolicy } from "../activities/activities.policy.ts";
import { ActivityRepository } from "../activities/activities.repository.ts";
import { refreshDelivery } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { visibleCommitment } from "../commitments/commitments.visible.ts";
import { LinkRepository, type LinkRow, parseReasons } from "./links.repository.ts";
import { scoreLink } from "./links.rules.ts";
import { activityRefInput, decisionInput, linkInput } from "./links.schemas.ts";

const toBp = (percent: number, field: string) => {
	const bp = Math.round(percent * 100);
	if (Math.abs(bp - percent * 100) > 1e-6)
		throw AppError.invalid(field, `${field} takes at most two decimals`);
	return bp;
};

export class LinkService {
	constructor(private readonly database: Database) {}

	private get db(): Kysely<Tables> {
		return this.database.db;
	}

	/** Accepted links for everyone; proposals and rejections for those who decide them. */
	async list(commitmentRef: string, actor: Actor | null) {
		const { commitmentId, makerIds } = await this.visible(this.db, commitmentRef, actor);
		const decides = actor !== null && activityPolicy.link(actor, { makerIds });
		const rows = await new LinkRepository(this.db).list(
			commitmentId,
			decides ? ["accepted", "proposed", "rejected"] : ["accepted"],
		);
		return { items: rows.map(view), can_decide: decides };
	}

	/** Scores the activities of the commitment's makers and records new proposals. */
	async propose(
		commitmentRef: string,
		actor: Actor,
	): Promise<{ proposed: number; scored: number }> {
		return this.db.transaction().execute(async (trx) => {
			const { commitmentId } = await this.decidable(trx, commitmentRef, actor);
			const r = await this.proposeFor(trx, [commitmentId], null);
			return r;
		});
	}

	/**
	 * Proposals for commitments × activities, inside the caller's transaction: after an
	 * import (activities given) or for commitments (activities found by their makers).
	 */
	async proposeFor(
		trx: Kysely<Tables>,
		commitmentIds: number[] | null,
		activityIds: number[] | null,
	): Promise<{ proposed: number; scored: number }> {
		const repo = new LinkRepository(trx);
		let commitments = commitmentIds;
		if (commitments === null) {
			commitments = await repo.candidateCommitments(await repo.activityOrgRefs(activityIds ?? []));
		}
		const facts = await repo.commitmentFacts(commitments);
		let proposed = 0;
		let scored = 0;
		const now = nowIso();
		for (const c of facts) {
			const candidates = activityIds ?? (await repo.candidateActivities(c.makerOrgRefs));
			for (const a of await repo.activityFacts(candidates)) {
				const p = scoreLink(c, a);
				scored++;
				if (!p) continue;
				const left =
					10_000 - (await new ActivityRepository(trx).acceptedShareElsewhere(a.id, c.id));
				if (left <= 0) continue;
				if (
					await repo.propose({
						commitment_id: c.id,
						activity_id: a.id,
						share_bp: left,
						score: p.score,
						reasons: p.reasons,
						created_at: now,
					})
				)
					proposed++;
			}
		}
		return { proposed, scored };
	}

	/** Links by hand, or accepts a proposal (with its share, or the one given). */
	async link(commitmentRef: string, input: unknown, actor: Actor) {
		const l = parseInput(linkInput, input);
		const shareBp = toBp(l.share, "share");
		return this.db.transaction().execute(async (trx) => {
			const { commitmentId } = await this.decidable(trx, commitmentRef, actor);
			const activities = new ActivityRepository(trx);
			const activityId = await this.requireActivity(activities, l.activity);
			await this.checkShare(activities, activityId, commitmentId, shareBp, l.activity);
			const existing = await new LinkRepository(trx).find(commitmentId, activityId);
			await activities.link({
				commitment_id: commitmentId,
				activity_id: activityId,
				share_bp: shareBp,
				status: "accepted",
				include_expenditure: l.include_expenditure ? 1 : 0,
				created_by: auditActorId(actor),
				created_at: nowIso(),
			});
			// A reason given by hand joins the rules' reasons, shown with the link.
			const reasons = l.reason
				? JSON.stringify([...parseReasons(existing?.reasons), l.reason])
				: undefined;
			await new LinkRepository(trx).decide(commitmentId, activityId, {
				status: "accepted",
				share_bp: shareBp,
				include_expenditure: l.include_expenditure ? 1 : 0,
				decided_by: auditActorId(actor),
				decided_at: nowIso(),
				...(reasons ? { reasons } : {}),
			});
			await recordAudit(trx, actor, {
				action: existing?.status === "proposed" ? "link.accept" : "activity.link",
				objectId: activityId,
				after: {
					commitment_id: commitmentId,
					share: l.share,
					include_expenditure: l.include_expenditure,
					reason: l.reason ?? null,
				},
			});
			await refreshDelivery(trx, [commitmentId]);
			return view(
				(await new LinkRepository(trx).list(commitmentId, ["accepted"])).find(
					(r) => r.activity_id === activityId,
				) as LinkRow,
			);
		});
	}

	/** Rejects a proposal (or an accepted link): it stays on record and is not proposed again. */
	async reject(commitmentRef: string, input: unknown, actor: Actor) {
		const d = parseInput(decisionInput, input ?? {});
		const iatiIdentifier = d.activity;
		if (!iatiIdentifier)
			throw AppError.invalid(
				"activity",
				"activity is required: the IATI identifier of the link to reject",
			);
		return this.db.transaction().execute(async (trx) => {
			const { commitmentId } = await this.decidable(trx, commitmentRef, actor);
			const activityId = await this.requireActivity(new ActivityRepository(trx), iatiIdentifier);
			const repo = new LinkRepository(trx);
			const existing = await repo.find(commitmentId, activityId);
			if (!existing) throw AppError.notFound("link", `${commitmentRef} -> ${iatiIdentifier}`);
			await repo.decide(commitmentId, activityId, {
				status: "rejected",
				share_bp: existing.share_bp,
				include_expenditure: existing.include_expenditure,
				decided_by: auditActorId(actor),
				decided_at: nowIso(),
			});
			await recordAudit(trx, actor, {
				action: "link.reject",
				objectId: activityId,
				after: { commitment_id: commitmentId, was: existing.status, reason: d.reason ?? null },
			});
			await refreshDelivery(trx, [commitmentId]);
		});
	}

	/** Removes a link altogether (a later proposal may bring it back). */
	async unlink(commitmentRef: string, input: unknown, actor: Actor): Promise<void> {
		const { activity: iatiIdentifier } = parseInput(activityRefInput, input);
		await this.db.transaction().execute(async (trx) => {
			const { commitmentId } = await this.decidable(trx, commitmentRef, actor);
			const activities = new ActivityRepository(trx);
			const activityId = await this.requireActivity(activities, iatiIdentifier);
			if (!(await activities.unlink(commitmentId, activityId)))
				throw AppError.notFound("link", `${commitmentRef} -> ${iatiIdentifier}`);
			await recordAudit(trx, actor, {
				action: "activity.unlink",
				objectId: activityId,
				after: { commitment_id: commitmentId },
			});
			await refreshDelivery(trx, [commitmentId]);
		});
	}

	private async checkShare(
		activities: ActivityRepository,
		activityId: number,
		commitmentId: number,
		shareBp: number,
		identifier: string,
	) {
		const elsewhere = await activities.acceptedShareElsewhere(activityId, commitmentId);
		if (elsewhere + shareBp > 10_000)
			throw new AppError(
				"conflict",
				`activity ${identifier} is already ${elsewhere / 100}% linked to other commitments; a share of ${shareBp / 100}% would count more than all of it`,
				{ fields: [{ name: "share", message: `at most ${(10_000 - elsewhere) / 100}% is left` }] },
			);
	}

	private async requireActivity(repo: ActivityRepository, iatiIdentifier: string): Promise<number> {
		const id = await repo.findId(iatiIdentifier);
		if (id === null) throw AppError.notFound("activity", iatiIdentifier);
		return id;
	}

	private async visible(db: Kysely<Tables>, commitmentRef: string, actor: Actor | null) {
		const { id, makerIds } = await visibleCommitment(db, commitmentRef, actor);
		return { commitmentId: id, makerIds };
	}

	private async decidable(db: Kysely<Tables>, commitmentRef: string, actor: Actor) {
		const found = await this.visible(db, commitmentRef, actor);
		if (!activityPolicy.link(actor, { makerIds: found.makerIds }))
			throw new AppError(
				"forbidden",
				"only the secretariat or a focal point of one of its makers links activities to a commitment",
			);
		return found;
	}
}

function view(r: LinkRow) {
	return {
		activity: {
			iati_identifier: r.iati_identifier,
			title: r.title,
			reporting_org: r.reporting_org_ref,
		},
		status: r.status as "proposed" | "accepted" | "rejected",
		share: r.share_bp / 100,
		include_expenditure: r.include_expenditure === 1,
		score: r.score,
		reasons: r.reasons,
		proposed_at: r.created_at,
		decided_at: r.decided_at,
	};
}
