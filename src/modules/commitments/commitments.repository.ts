/** Stores commitments and their parts; reads one commitment whole. */
import type { Kysely, Selectable } from "kysely";
import type { CommitmentTable, Tables } from "../../db/tables.ts";
import { canNameRecord, type RecordRef } from "../../lib/ids.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { toFloatOrNull, toInt, toIntOrNull } from "../../lib/numbers.ts";
import { searchText } from "../../lib/text.ts";
import type { CommitmentState, FinancialState } from "./commitments.state.ts";

export type CommitmentRow = Omit<Selectable<CommitmentTable>, "amount_minor"> & {
	amount_minor: number | null;
};

function columns(s: CommitmentState, now: string) {
	const f = s.financial;
	const p = s.policy;
	return {
		slug: s.slug,
		title: s.title,
		title_key: searchText(s.title),
		text: s.text,
		text_kind: s.text_kind,
		quote_source: s.quote?.source ?? null,
		quote_locator: s.quote?.locator ?? null,
		kind: s.kind,
		forum_id: s.forum_id,
		announced_on: s.announced_on,
		status: s.status,
		origin: s.origin,
		amount_minor: f?.amount_minor ?? null,
		currency: f?.currency ?? null,
		amount_frequency: f?.frequency ?? null,
		increase_over_year: f?.increase_over_year ?? null,
		price_basis: f?.price_basis ?? null,
		price_base_year: f?.price_base_year ?? null,
		period_start: f?.period_start ?? null,
		period_end: f?.period_end ?? null,
		additionality: f?.additionality ?? null,
		flow_type: f?.flow_type ?? "oda",
		gni_share_min: f?.gni_share_min ?? null,
		gni_share_max: f?.gni_share_max ?? null,
		statistics_provider: f?.statistics_provider ?? null,
		statistics_reason: f?.statistics_reason ?? null,
		financial_note: f?.note ?? null,
		policy_target: p?.target ?? null,
		policy_baseline: p?.baseline ?? null,
		policy_deadline: p?.deadline ?? null,
		search_text: searchText(s.title, s.text),
		updated_at: now,
	};
}

export function toCommitmentRow(row: Selectable<CommitmentTable>): CommitmentRow {
	return {
		...row,
		amount_minor: toIntOrNull(row.amount_minor),
		gni_share_min: toFloatOrNull(row.gni_share_min),
		gni_share_max: toFloatOrNull(row.gni_share_max),
		version: toInt(row.version),
	};
}

export class CommitmentRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async findId(ref: RecordRef): Promise<number | null> {
		if (!canNameRecord(ref)) return null;
		const q = this.db.selectFrom("commitment").select("id");
		const row = await ("id" in ref
			? q.where("id", "=", ref.id)
			: q.where("slug", "=", ref.slug)
		).executeTakeFirst();
		return row ? toInt(row.id) : null;
	}

	async slugTaken(slug: string): Promise<boolean> {
		return (
			(await this.db
				.selectFrom("commitment")
				.select("id")
				.where("slug", "=", slug)
				.executeTakeFirst()) !== undefined
		);
	}

	async insert(
		state: CommitmentState,
		now: string,
		createdBy: number | null = null,
	): Promise<number> {
		const row = await this.db
			.insertInto("commitment")
			.values({
				...columns(state, now),
				version: 1,
				created_at: now,
				created_by: createdBy,
				published_at: state.status === "published" ? now : null,
			})
			.returning("id")
			.executeTakeFirstOrThrow();
		const id = toInt(row.id);
		await this.writeParts(id, state);
		return id;
	}

	/** Writes only if the stored version is still `expectedVersion`; false when someone else got there first. */
	async update(
		id: number,
		state: CommitmentState,
		expectedVersion: number,
		now: string,
	): Promise<boolean> {
		const result = await this.db
			.updateTable("commitment")
			.set({ ...columns(state, now), version: expectedVersion + 1 })
			.where("id", "=", id)
			.where("version", "=", expectedVersion)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) return false;
		await this.db
			.updateTable("commitment")
			.set({ published_at: now })
			.where("id", "=", id)
			.where("published_at", "is", null)
			.where("status", "=", "published")
			.execute();
		for (const t of [
			"commitment_maker",
			"commitment_goal",
			"commitment_target",
			"commitment_recipient",
			"commitment_sector",
			"commitment_source",
		] as const) {
			await this.db.deleteFrom(t).where("commitment_id", "=", id).execute();
		}
		await this.writeParts(id, state);
		return true;
	}

	private async writeParts(id: number, s: CommitmentState): Promise<void> {
		if (s.maker_ids.length)
			await this.db
				.insertInto("commitment_maker")
				.values(
					s.maker_ids.map((stakeholder_id, i) => ({
						commitment_id: id,
						stakeholder_id,
						position: i + 1,
					})),
				)
				.execute();
		if (s.goal_ids.length)
			await this.db
				.insertInto("commitment_goal")
				.values(s.goal_ids.map((goal_id) => ({ commitment_id: id, goal_id })))
				.execute();
		if (s.target_ids.length)
			await this.db
				.insertInto("commitment_target")
				.values(s.target_ids.map((target_id) => ({ commitment_id: id, target_id })))
				.execute();
		if (s.recipients.length)
			await this.db
				.insertInto("commitment_recipient")
				.values(s.recipients.map((r) => ({ commitment_id: id, kind: r.kind, code: r.code })))
				.execute();
		if (s.sectors.length)
			await this.db
				.insertInto("commitment_sector")
				.values(s.sectors.map((code) => ({ commitment_id: id, code })))
				.execute();
		if (s.sources.length)
			await this.db
				.insertInto("commitment_source")
				.values(s.sources.map((src, i) => ({ commitment_id: id, position: i + 1, ...src })))
				.execute();
	}

	async setStatusReason(id: number, reason: string | null): Promise<void> {
		await this.db
			.updateTable("commitment")
			.set({ status_reason: reason })
			.where("id", "=", id)
			.execute();
	}

	async insertVersion(v: {
		commitment_id: number;
		version: number;
		snapshot: string;
		reason: string | null;
		created_at: string;
		created_by: number | null;
	}): Promise<void> {
		await this.db.insertInto("commitment_version").values(v).execute();
	}

	async findRow(id: number): Promise<CommitmentRow | null> {
		const row = await this.db
			.selectFrom("commitment")
			.selectAll()
			.where("id", "=", id)
			.executeTakeFirst();
		return row ? toCommitmentRow(row) : null;
	}

	async parts(id: number) {
		const [makers, goals, targets, recipients, sectors, sources] = await Promise.all([
			this.db
				.selectFrom("commitment_maker")
				.select("stakeholder_id")
				.where("commitment_id", "=", id)
				.orderBy("position")
				.execute(),
			this.db
				.selectFrom("commitment_goal")
				.innerJoin("goal", "goal.id", "commitment_goal.goal_id")
				.select("goal.id")
				.where("commitment_id", "=", id)
				.orderBy("goal.framework")
				.orderBy("goal.position")
				.execute(),
			this.db
				.selectFrom("commitment_target")
				.innerJoin("target", "target.id", "commitment_target.target_id")
				.select("target.id")
				.where("commitment_id", "=", id)
				.orderBy("target.framework")
				.orderBy("target.position")
				.execute(),
			this.db
				.selectFrom("commitment_recipient")
				.select(["kind", "code"])
				.where("commitment_id", "=", id)
				.orderBy("kind")
				.orderBy("code")
				.execute(),
			this.db
				.selectFrom("commitment_sector")
				.select("code")
				.where("commitment_id", "=", id)
				.orderBy("code")
				.execute(),
			this.db
				.selectFrom("commitment_source")
				.select(["title", "url", "document_symbol", "published_on"])
				.where("commitment_id", "=", id)
				.orderBy("position")
				.execute(),
		]);
		return {
			maker_ids: makers.map((m) => toInt(m.stakeholder_id)),
			goal_ids: goals.map((g) => g.id),
			target_ids: targets.map((t) => t.id),
			recipients,
			sectors: sectors.map((s) => s.code),
			sources,
		};
	}

	/** The stored state, rebuilt from the row and its parts, to merge an update into. */
	async loadState(id: number): Promise<{ state: CommitmentState; version: number } | null> {
		const row = await this.findRow(id);
		if (!row) return null;
		const p = await this.parts(id);
		const hasFinancial = row.kind !== "policy";
		const state: CommitmentState = {
			slug: row.slug,
			title: row.title,
			text: row.text,
			text_kind: row.text_kind as CommitmentState["text_kind"],
			quote:
				row.quote_source === null || row.quote_locator === null
					? null
					: { source: toInt(row.quote_source), locator: row.quote_locator },
			kind: row.kind as CommitmentState["kind"],
			forum_id: row.forum_id === null ? null : toInt(row.forum_id),
			announced_on: row.announced_on,
			status: row.status as CommitmentState["status"],
			origin: row.origin as CommitmentState["origin"],
			...p,
			financial: hasFinancial
				? {
						amount_minor: row.amount_minor,
						currency: row.currency,
						frequency: row.amount_frequency as "annual" | "total" | null,
						increase_over_year: toIntOrNull(row.increase_over_year),
						price_basis: row.price_basis as "current" | "constant" | null,
						price_base_year: toIntOrNull(row.price_base_year),
						period_start: row.period_start,
						period_end: row.period_end,
						additionality: (row.additionality ?? "unspecified") as
							| "new"
							| "reaffirmed"
							| "unspecified",
						flow_type: row.flow_type as FinancialState["flow_type"],
						gni_share_min: row.gni_share_min,
						gni_share_max: row.gni_share_max,
						statistics_provider: row.statistics_provider,
						statistics_reason: row.statistics_reason,
						note: row.financial_note,
					}
				: null,
			policy:
				row.kind !== "financial" && row.policy_target !== null
					? {
							target: row.policy_target,
							baseline: row.policy_baseline,
							deadline: row.policy_deadline,
						}
					: null,
		};
		return { state, version: row.version };
	}

	async versions(id: number) {
		const rows = await this.db
			.selectFrom("commitment_version")
			.leftJoin("app_user", "app_user.id", "commitment_version.created_by")
			.select([
				"commitment_version.version",
				"commitment_version.snapshot",
				"commitment_version.reason",
				"commitment_version.created_at",
				"app_user.display_name as by",
			])
			.where("commitment_version.commitment_id", "=", id)
			.orderBy("commitment_version.version")
			.execute();
		return rows.map((r) => ({ ...r, version: toInt(r.version) }));
	}

	// ---- relations ----

	async insertRelation(r: {
		from_id: number;
		to_id: number;
		kind: string;
		note: string | null;
		share: number | null;
		amount_minor: number | null;
		created_at: string;
	}): Promise<boolean> {
		const inserted = await this.db
			.insertInto("commitment_relation")
			.values(r)
			.onConflict((oc) => oc.columns(["from_id", "to_id", "kind"]).doNothing())
			.returning("from_id")
			.execute();
		return inserted.length === 1;
	}

	/** The relations of `id` that hold for a part of its money, with their share. */
	async partialRelations(id: number): Promise<{ kind: string; to_id: number; share: number }[]> {
		const rows = await this.db
			.selectFrom("commitment_relation")
			.select(["kind", "to_id", "share"])
			.where("from_id", "=", id)
			.where("share", "is not", null)
			.execute();
		return rows.map((r) => ({ kind: r.kind, to_id: toInt(r.to_id), share: Number(r.share) }));
	}

	/**
	 * The commitments wholly above `id` (what its money is placed under, and so on) and
	 * wholly below it, following the relations that place all of a commitment's money.
	 */
	async wholeTree(id: number): Promise<Set<number>> {
		const seen = new Set<number>([id]);
		const step = async (ids: number[], up: boolean): Promise<number[]> => {
			if (ids.length === 0) return [];
			const rows = await this.db
				.selectFrom("commitment_relation")
				.select(["from_id", "to_id", "kind"])
				.where("share", "is", null)
				.where((eb) => eb.or([eb("from_id", "in", ids), eb("to_id", "in", ids)]))
				.execute();
			const out: number[] = [];
			for (const r of rows) {
				const [from, to] = [toInt(r.from_id), toInt(r.to_id)];
				// A supersedes B: B's money is placed under A.
				const [below, above] = r.kind === "supersedes" ? [to, from] : [from, to];
				const next = up ? (ids.includes(below) ? above : null) : ids.includes(above) ? below : null;
				if (next !== null && !seen.has(next)) {
					seen.add(next);
					out.push(next);
				}
			}
			return out;
		};
		for (const up of [true, false]) {
			let frontier = [id];
			while (frontier.length > 0) frontier = await step(frontier, up);
		}
		seen.delete(id);
		return seen;
	}

	/** Which of these commitments relate a part of their money to another. */
	async withParts(ids: number[]): Promise<number[]> {
		if (ids.length === 0) return [];
		const rows = await this.db
			.selectFrom("commitment_relation")
			.select("from_id")
			.distinct()
			.where("from_id", "in", ids)
			.where("share", "is not", null)
			.execute();
		return rows.map((r) => toInt(r.from_id));
	}

	/** Ids reachable from `id` by following relations of these kinds outward (for cycle checks). */
	async reachable(id: number, kinds: readonly string[]): Promise<Set<number>> {
		const seen = new Set<number>();
		let frontier = [id];
		while (frontier.length > 0) {
			const rows = await this.db
				.selectFrom("commitment_relation")
				.select("to_id")
				.where("from_id", "in", frontier)
				.where("kind", "in", kinds)
				.execute();
			frontier = [];
			for (const r of rows) {
				const to = toInt(r.to_id);
				if (!seen.has(to)) {
					seen.add(to);
					frontier.push(to);
				}
			}
		}
		return seen;
	}

	async relations(id: number) {
		const select = [
			"commitment_relation.kind",
			"commitment_relation.note",
			"commitment_relation.share",
			"commitment_relation.amount_minor",
			"commitment.currency",
			"commitment.id",
			"commitment.slug",
			"commitment.title",
			"commitment.status",
		] as const;
		const [outgoing, incoming] = await Promise.all([
			this.db
				.selectFrom("commitment_relation")
				.innerJoin("commitment", "commitment.id", "commitment_relation.to_id")
				.select(select)
				.where("from_id", "=", id)
				.orderBy("commitment_relation.kind")
				.orderBy("commitment.id")
				.execute(),
			this.db
				.selectFrom("commitment_relation")
				.innerJoin("commitment", "commitment.id", "commitment_relation.from_id")
				.select(select)
				.where("to_id", "=", id)
				.orderBy("commitment_relation.kind")
				.orderBy("commitment.id")
				.execute(),
		]);
		// A partial relation's amount is in the relating commitment's currency: this one's
		// for the outgoing, the other's for the incoming.
		const own = (await this.findRow(id))?.currency ?? null;
		const shape = (r: (typeof outgoing)[number], currency: string | null) => {
			const minor = toIntOrNull(r.amount_minor);
			return {
				kind: r.kind,
				note: r.note,
				share: toFloatOrNull(r.share),
				amount: minor !== null && currency !== null ? formatMinorUnits(minor, currency) : null,
				currency: minor !== null ? currency : null,
				status: r.status,
				commitment: { id: toInt(r.id), slug: r.slug, title: r.title },
			};
		};
		return {
			outgoing: outgoing.map((r) => shape(r, own)),
			incoming: incoming.map((r) => shape(r, r.currency)),
		};
	}

	/** The makers of each of these commitments. */
	async makerIdsOf(ids: number[]): Promise<Map<number, number[]>> {
		const out = new Map<number, number[]>();
		if (ids.length === 0) return out;
		const rows = await this.db
			.selectFrom("commitment_maker")
			.select(["commitment_id", "stakeholder_id"])
			.where("commitment_id", "in", ids)
			.execute();
		for (const r of rows) {
			const id = toInt(r.commitment_id);
			out.set(id, [...(out.get(id) ?? []), toInt(r.stakeholder_id)]);
		}
		return out;
	}
}
