/**
 * Delivery evidence: recording an activity with its transactions (each converted to US
 * dollars as it is written) and linking activities to commitments with a share. Every
 * write refreshes the delivery figures of the commitments it touches, in its own
 * transaction. The IATI import and the linking API build on these operations.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { parseInput } from "../../lib/validation.ts";
import { Converter, donorSeriesName, transactionUsd } from "../analytics/conversion.ts";
import { refreshDelivery, storedBaseYear } from "../analytics/delivery.refresh.ts";
import type { AuditAction } from "../audit/audit.events.ts";
import { AuditRepository } from "../audit/audit.repository.ts";
import { CommitmentRepository } from "../commitments/commitments.repository.ts";
import { activityPolicy } from "./activities.policy.ts";
import { ActivityRepository } from "./activities.repository.ts";
import {
	type ActivityInput,
	activityInput,
	type LinkInput,
	linkInput,
} from "./activities.schemas.ts";

export class ActivityService {
	constructor(private readonly database: Database) {}

	/** Creates or replaces an activity and all its transactions; returns its id. */
	async record(input: ActivityInput, actor: Actor): Promise<number> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator records activities");
		const a = parseInput(activityInput, input);
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new ActivityRepository(trx);
			const converter = new Converter(await storedBaseYear(trx));
			const donor = donorSeriesName(await repo.reporterCountry(a.reporting_org_ref));
			const id = await repo.upsert({ ...a, now: nowIso() });
			await repo.replaceTransactions(
				id,
				a.transactions.map((t) => {
					const currency = t.currency ?? a.default_currency;
					const usd = transactionUsd(converter, { ...t, currency }, donor);
					return {
						...t,
						currency,
						usd_current: usd.current,
						usd_constant: usd.constant,
						conversion: usd.status,
					};
				}),
			);
			await this.audit(trx, actor, "activity.record", id, {
				iati_identifier: a.iati_identifier,
				transactions: a.transactions.length,
			});
			await refreshDelivery(trx, await repo.linkedCommitments(id));
			return id;
		});
	}

	async transactionIds(iatiIdentifier: string): Promise<number[]> {
		const repo = new ActivityRepository(this.database.db);
		return repo.transactionIds(await this.requireActivity(repo, iatiIdentifier));
	}

	async removeTransactions(iatiIdentifier: string, ids: number[], actor: Actor): Promise<number> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator records activities");
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new ActivityRepository(trx);
			const id = await this.requireActivity(repo, iatiIdentifier);
			const removed = await repo.deleteTransactions(id, ids);
			await this.audit(trx, actor, "activity.record", id, { removed_transactions: ids });
			await refreshDelivery(trx, await repo.linkedCommitments(id));
			return removed;
		});
	}

	async link(commitmentRef: string, iatiIdentifier: string, input: LinkInput, actor: Actor) {
		const l = parseInput(linkInput, input);
		const shareBp = Math.round(l.share * 100);
		if (Math.abs(shareBp - l.share * 100) > 1e-6)
			throw AppError.invalid("share", "share takes at most two decimals");
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new ActivityRepository(trx);
			const { commitmentId } = await this.requireLinkable(trx, commitmentRef, actor);
			const activityId = await this.requireActivity(repo, iatiIdentifier);
			const elsewhere = await repo.acceptedShareElsewhere(activityId, commitmentId);
			if (elsewhere + shareBp > 10_000)
				throw new AppError(
					"conflict",
					`activity ${iatiIdentifier} is already ${elsewhere / 100}% linked to other commitments; a share of ${l.share}% would count more than all of it`,
					{
						fields: [{ name: "share", message: `at most ${(10_000 - elsewhere) / 100}% is left` }],
					},
				);
			await repo.link({
				commitment_id: commitmentId,
				activity_id: activityId,
				share_bp: shareBp,
				status: "accepted",
				include_expenditure: l.include_expenditure ? 1 : 0,
				created_by: auditActorId(actor),
				created_at: nowIso(),
			});
			await this.audit(trx, actor, "activity.link", activityId, {
				commitment_id: commitmentId,
				share: l.share,
				include_expenditure: l.include_expenditure,
			});
			await refreshDelivery(trx, [commitmentId]);
		});
	}

	async unlink(commitmentRef: string, iatiIdentifier: string, actor: Actor): Promise<void> {
		await this.database.db.transaction().execute(async (trx) => {
			const repo = new ActivityRepository(trx);
			const { commitmentId } = await this.requireLinkable(trx, commitmentRef, actor);
			const activityId = await this.requireActivity(repo, iatiIdentifier);
			if (!(await repo.unlink(commitmentId, activityId)))
				throw AppError.notFound("link", `${commitmentRef} -> ${iatiIdentifier}`);
			await this.audit(trx, actor, "activity.unlink", activityId, { commitment_id: commitmentId });
			await refreshDelivery(trx, [commitmentId]);
		});
	}

	private async requireActivity(repo: ActivityRepository, iatiIdentifier: string): Promise<number> {
		const id = await repo.findId(iatiIdentifier);
		if (id === null) throw AppError.notFound("activity", iatiIdentifier);
		return id;
	}

	private async requireLinkable(trx: Kysely<Tables>, commitmentRef: string, actor: Actor) {
		const ref = parseRecordRef(commitmentRef);
		if (!ref)
			throw AppError.invalid("commitment", `'${commitmentRef}' is not a commitment id or slug`);
		const commitments = new CommitmentRepository(trx);
		const commitmentId = await commitments.findId(ref);
		if (commitmentId === null) throw AppError.notFound("commitment", commitmentRef);
		const makerIds = (await commitments.makerIdsOf([commitmentId])).get(commitmentId) ?? [];
		if (!activityPolicy.link(actor, { makerIds }))
			throw new AppError(
				"forbidden",
				"only the secretariat or a focal point of one of its makers links activities to a commitment",
			);
		return { commitmentId };
	}

	private async audit(
		trx: Kysely<Tables>,
		actor: Actor,
		action: AuditAction,
		id: number,
		after: unknown,
	) {
		await new AuditRepository(trx, this.database.dialect).append({
			action,
			objectType: "activity",
			objectId: id,
			actorUserId: auditActorId(actor),
			actorVia: actor.via,
			after,
		});
	}
}
