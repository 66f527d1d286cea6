/** Stores proposed changes to commitments and the secretariat's decisions on them. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { isRecordId } from "../../lib/ids.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";

export interface ProposalRow {
	id: number;
	commitment_id: number;
	slug: string;
	title: string;
	base_version: number;
	snapshot: string;
	/** The snapshot of the version it was made on. */
	base_snapshot: string | null;
	review: string;
	reason: string | null;
	proposed_by: number | null;
	proposer: string | null;
	proposed_at: string;
	decision: string | null;
	decider: string | null;
	decided_at: string | null;
	decision_reason: string | null;
}

export class ProposalRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async insert(p: {
		commitment_id: number;
		base_version: number;
		snapshot: string;
		review: string;
		reason: string | null;
		proposed_by: number | null;
		proposed_at: string;
	}): Promise<number> {
		const row = await this.db
			.insertInto("commitment_proposal")
			.values(p)
			.returning("id")
			.executeTakeFirstOrThrow();
		return toInt(row.id);
	}

	/** The proposal of a commitment that waits for a decision, if any (there is at most one). */
	async pendingFor(commitmentId: number): Promise<{ id: number } | null> {
		const row = await this.db
			.selectFrom("commitment_proposal")
			.select("id")
			.where("commitment_id", "=", commitmentId)
			.where("decision", "is", null)
			.executeTakeFirst();
		return row ? { id: toInt(row.id) } : null;
	}

	private select() {
		return this.db
			.selectFrom("commitment_proposal as p")
			.innerJoin("commitment as c", "c.id", "p.commitment_id")
			.leftJoin("commitment_version as v", (j) =>
				j
					.onRef("v.commitment_id", "=", "p.commitment_id")
					.onRef("v.version", "=", "p.base_version"),
			)
			.leftJoin("app_user as proposer", "proposer.id", "p.proposed_by")
			.leftJoin("app_user as decider", "decider.id", "p.decided_by")
			.select([
				"p.id",
				"p.commitment_id",
				"c.slug",
				"c.title",
				"p.base_version",
				"p.snapshot",
				"v.snapshot as base_snapshot",
				"p.review",
				"p.reason",
				"p.proposed_by",
				"proposer.display_name as proposer",
				"p.proposed_at",
				"p.decision",
				"decider.display_name as decider",
				"p.decided_at",
				"p.decision_reason",
			]);
	}

	async find(id: number): Promise<ProposalRow | null> {
		if (!isRecordId(id)) return null;
		const row = await this.select().where("p.id", "=", id).executeTakeFirst();
		return row ? toRow(row) : null;
	}

	/**
	 * Proposals in one state (null: pending), oldest first so the queue is worked in order;
	 * only of commitments some of these stakeholders make, unless `stakeholderIds` is undefined.
	 */
	async list(filter: {
		decision: string | null;
		stakeholderIds: number[] | undefined;
		commitmentId?: number | undefined;
		limit: number;
		offset: number;
	}): Promise<{ rows: ProposalRow[]; total: number }> {
		let q = this.select();
		q =
			filter.decision === null
				? q.where("p.decision", "is", null)
				: q.where("p.decision", "=", filter.decision);
		if (filter.commitmentId !== undefined) q = q.where("p.commitment_id", "=", filter.commitmentId);
		const ids = filter.stakeholderIds;
		if (ids !== undefined)
			q = q.where((eb) =>
				eb.exists(
					eb
						.selectFrom("commitment_maker as m")
						.select("m.commitment_id")
						.whereRef("m.commitment_id", "=", "p.commitment_id")
						.where("m.stakeholder_id", "in", ids.length > 0 ? ids : [-1]),
				),
			);
		const [rows, count] = await Promise.all([
			q
				.orderBy(
					filter.decision === null ? "p.proposed_at" : "p.decided_at",
					filter.decision === null ? "asc" : "desc",
				)
				.orderBy("p.id")
				.limit(filter.limit)
				.offset(filter.offset)
				.execute(),
			q
				.clearSelect()
				.select((eb) => eb.fn.countAll<number | string>().as("n"))
				.executeTakeFirstOrThrow(),
		]);
		return { rows: rows.map(toRow), total: toInt(count.n) };
	}

	/** Records the decision, only if it is still pending; false when someone decided first. */
	async decide(
		id: number,
		d: {
			decision: string;
			decided_by: number | null;
			decided_at: string;
			decision_reason: string | null;
		},
	): Promise<boolean> {
		const r = await this.db
			.updateTable("commitment_proposal")
			.set(d)
			.where("id", "=", id)
			.where("decision", "is", null)
			.executeTakeFirst();
		return Number(r.numUpdatedRows) === 1;
	}
}

function toRow<
	R extends {
		id: number | string;
		commitment_id: number | string;
		base_version: number | string;
		proposed_by: number | string | null;
	},
>(r: R) {
	return {
		...r,
		id: toInt(r.id),
		commitment_id: toInt(r.commitment_id),
		base_version: toInt(r.base_version),
		proposed_by: toIntOrNull(r.proposed_by),
	};
}
