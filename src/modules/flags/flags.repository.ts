/**
 * Finds the public commitments that break a flag's rule (flags.rules.ts), on either
 * dialect. Each query reads the records and the delivery figures kept at write time, and
 * takes a scope: the commitments that may carry a flag (one commitment, some makers' or
 * some goals' commitments).
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { chunks } from "../../db/batch.ts";
import type { Tables } from "../../db/tables.ts";
import { toConvertedCents, toConvertedCentsOrNull, toInt, toIntOrNull } from "../../lib/numbers.ts";
import { checkedStatuses, roundingToleranceCents, yearsBetween } from "./flags.rules.ts";

/** Which commitments may carry a flag; every list given is non-empty and means "any of". */
export interface FlagScope {
	ids?: number[];
	stakeholderIds?: number[];
	goalIds?: string[];
}

/** Conversion statuses that leave an amount out of the sums. */
const failedConversions = ["no_rate", "no_currency", "no_year", "no_statistics"];

/** The scope as a condition on a commitment id column. */
function inScope(column: string, s: FlagScope): RawBuilder<SqlBool> {
	const col = sql.ref(column);
	const list = <T>(values: T[]) => (values.length ? sql.join(values) : sql`null`);
	const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
	if (s.ids) parts.push(sql`${col} in (${list(s.ids)})`);
	if (s.stakeholderIds)
		parts.push(sql`exists (select 1 from commitment_maker sm
			where sm.commitment_id = ${col} and sm.stakeholder_id in (${list(s.stakeholderIds)}))`);
	if (s.goalIds)
		parts.push(sql`exists (select 1 from commitment_goal sg
			where sg.commitment_id = ${col} and sg.goal_id in (${list(s.goalIds)}))`);
	return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const live = sql.join([...checkedStatuses]);

/** The effective period of flags.rules.ts effectivePeriod, in SQL, for a commitment alias. */
const startOf = (a: string) =>
	sql`case when ${sql.ref(`${a}.increase_over_year`)} is not null and ${sql.ref(`${a}.period_end`)} is not null
		then substr(${sql.ref(`${a}.period_end`)}, 1, 4) || '-01-01'
		else coalesce(${sql.ref(`${a}.period_start`)}, ${sql.ref(`${a}.announced_on`)}) end`;
const endOf = (a: string) =>
	sql`coalesce(${sql.ref(`${a}.period_end`)}, substr(${startOf(a)}, 1, 4) || '-12-31')`;
/**
 * Two pledges may hold the same money only if it is money of one kind: aid (or a mix
 * that holds aid) is not the same money as a guarantee, private investment or a
 * government's own budget (flow_type, docs/methodology.md section 5b).
 */
const aidLike = sql.join(["oda", "mixed"]);
const sameMoney = sql`(l.flow_type = e.flow_type or (l.flow_type in (${aidLike}) and e.flow_type in (${aidLike})))`;

/** When a pledge was made, to tell the earlier of two: announced, else its period start. */
const saidOf = (a: string) =>
	sql`coalesce(${sql.ref(`${a}.announced_on`)}, ${sql.ref(`${a}.period_start`)})`;

export interface OverlapRow {
	later_id: number;
	earlier_id: number;
	stakeholder_id: number;
	goal_id: string;
	earlier_on: string;
}

export interface PartRow {
	whole_id: number;
	whole_constant: number;
	part_id: number;
	part_constant: number | null;
}

export interface DeliveredRow {
	id: number;
	committed: number;
	delivered: number;
	own: number;
}

export interface DeadlineRow {
	id: number;
	period_end: string | null;
	policy_deadline: string | null;
}

export interface AmountRow {
	id: number;
	amount_minor: number;
	currency: string | null;
	price_basis: string | null;
}

export interface NotConvertedRow {
	id: number;
	conversion: string;
	unconverted: number;
	amount_minor: number | null;
	currency: string | null;
	amount_frequency: string | null;
	price_basis: string | null;
	price_base_year: number | null;
	period_start: string | null;
	period_end: string | null;
	announced_on: string | null;
}

export interface CommitmentNaming {
	id: number;
	slug: string;
	title: string;
	announced_on: string | null;
	period_start: string | null;
	period_end: string | null;
	increase_over_year: number | null;
}

/** A reported amount or linked transaction that could not be converted: its currency and years. */
export interface UnconvertedSource {
	commitment_id: number;
	currency: string | null;
	years: number[];
}

export class FlagRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/**
	 * Pairs of public financial commitments sharing a maker and a goal, whose periods
	 * overlap, the earlier said first (or, said the same day, created first), with no
	 * relation either way and not counted in one tree (the same root): one row per shared
	 * maker and goal.
	 */
	async overlaps(scope: FlagScope): Promise<OverlapRow[]> {
		const result = await sql<Record<string, unknown>>`
			select l.id as later_id, e.id as earlier_id, ml.stakeholder_id, gl.goal_id,
				${saidOf("e")} as earlier_on
			from commitment l
			join commitment_maker ml on ml.commitment_id = l.id
			join commitment_maker me on me.stakeholder_id = ml.stakeholder_id and me.commitment_id <> l.id
			join commitment e on e.id = me.commitment_id
			join commitment_goal gl on gl.commitment_id = l.id
			join commitment_goal ge on ge.commitment_id = e.id and ge.goal_id = gl.goal_id
			where l.status in (${live}) and e.status in (${live})
				and l.amount_minor is not null and e.amount_minor is not null
				and ${startOf("l")} is not null and ${startOf("e")} is not null
				and ${startOf("l")} <= ${endOf("e")} and ${startOf("e")} <= ${endOf("l")}
				and ${sameMoney}
				and (${saidOf("e")} < ${saidOf("l")} or (${saidOf("e")} = ${saidOf("l")} and e.id < l.id))
				and not exists (select 1 from commitment_relation r
					where (r.from_id = l.id and r.to_id = e.id) or (r.from_id = e.id and r.to_id = l.id))
				and not exists (select 1 from delivery_state sl
					join delivery_state se on se.root_id = sl.root_id
					where sl.commitment_id = l.id and se.commitment_id = e.id)
				and ${inScope("l.id", scope)}`.execute(this.db);
		return result.rows.map((r) => ({
			later_id: toInt(r.later_id),
			earlier_id: toInt(r.earlier_id),
			stakeholder_id: toInt(r.stakeholder_id),
			goal_id: String(r.goal_id),
			earlier_on: String(r.earlier_on),
		}));
	}

	/** Public wholes with converted money, and each of their public parts. */
	async parts(scope: FlagScope): Promise<PartRow[]> {
		const rows = await this.db
			.selectFrom("commitment as w")
			.innerJoin("delivery_state as ws", "ws.commitment_id", "w.id")
			.innerJoin("commitment_relation as r", "r.to_id", "w.id")
			.innerJoin("commitment as p", "p.id", "r.from_id")
			.innerJoin("delivery_state as ps", "ps.commitment_id", "p.id")
			.select([
				"w.id as whole_id",
				"ws.committed_constant as whole_constant",
				"p.id as part_id",
				"ps.committed_constant as part_constant",
			])
			.where("r.kind", "=", "part_of")
			.where("w.status", "in", checkedStatuses)
			.where("p.status", "in", checkedStatuses)
			.where("ws.committed_constant", "is not", null)
			.where(inScope("w.id", scope))
			.orderBy("w.id")
			.orderBy("p.id")
			.execute();
		return rows.map((r) => ({
			whole_id: toInt(r.whole_id),
			whole_constant: toConvertedCents(r.whole_constant),
			part_id: toInt(r.part_id),
			part_constant: toConvertedCentsOrNull(r.part_constant),
		}));
	}

	/**
	 * Commitments whose delivery exceeds their converted commitment by more than rounding:
	 * a counted root is judged on its tree's delivery, anything else on its own.
	 */
	async deliveredAbove(scope: FlagScope): Promise<DeliveredRow[]> {
		const tree = sql`coalesce((select sum(f.delivered_constant) from delivery_fact f
			where f.root_id = c.id), 0)`;
		const delivered = sql`case when s.reason = 'counted' then ${tree} else s.delivered_constant end`;
		const result = await sql<Record<string, unknown>>`
			select c.id, s.committed_constant as committed, ${delivered} as delivered,
				s.delivered_constant as own
			from commitment c join delivery_state s on s.commitment_id = c.id
			where c.status in (${live}) and s.committed_constant > 0
				and ${delivered} > s.committed_constant + ${roundingToleranceCents}
				and ${inScope("c.id", scope)}`.execute(this.db);
		return result.rows.map((r) => ({
			id: toInt(r.id),
			committed: toInt(r.committed),
			delivered: toInt(r.delivered),
			own: toInt(r.own),
		}));
	}

	/** Commitments whose period end or policy deadline is before `today`, with no report at all. */
	async deadlinesPassed(scope: FlagScope, today: string): Promise<DeadlineRow[]> {
		const rows = await this.db
			.selectFrom("commitment as c")
			.select(["c.id", "c.period_end", "c.policy_deadline"])
			.where("c.status", "in", checkedStatuses)
			.where((eb) => eb.or([eb("c.period_end", "<", today), eb("c.policy_deadline", "<", today)]))
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom("progress_report as r")
							.select("r.id")
							.whereRef("r.commitment_id", "=", "c.id")
							.where("r.withdrawn_at", "is", null),
					),
				),
			)
			.where(inScope("c.id", scope))
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id) }));
	}

	/** Amounts stated without a currency or a price basis. */
	async amountsIncomplete(scope: FlagScope): Promise<AmountRow[]> {
		const rows = await this.db
			.selectFrom("commitment as c")
			.select(["c.id", "c.amount_minor", "c.currency", "c.price_basis"])
			.where("c.status", "in", checkedStatuses)
			.where("c.amount_minor", "is not", null)
			.where((eb) => eb.or([eb("c.currency", "is", null), eb("c.price_basis", "is", null)]))
			.where(inScope("c.id", scope))
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id), amount_minor: toInt(r.amount_minor) }));
	}

	/** Commitments with an amount of their own, or of a report or transaction, left unconverted. */
	async notConverted(scope: FlagScope): Promise<NotConvertedRow[]> {
		const rows = await this.db
			.selectFrom("commitment as c")
			.innerJoin("delivery_state as s", "s.commitment_id", "c.id")
			.select([
				"c.id",
				"s.conversion",
				"s.unconverted",
				"c.amount_minor",
				"c.currency",
				"c.amount_frequency",
				"c.price_basis",
				"c.price_base_year",
				"c.period_start",
				"c.period_end",
				"c.announced_on",
			])
			.where("c.status", "in", checkedStatuses)
			.where((eb) =>
				eb.or([eb("s.conversion", "in", failedConversions), eb("s.unconverted", ">", 0)]),
			)
			.where(inScope("c.id", scope))
			.execute();
		return rows.map((r) => ({
			...r,
			id: toInt(r.id),
			unconverted: toInt(r.unconverted),
			amount_minor: toIntOrNull(r.amount_minor),
		}));
	}

	/**
	 * What was left unconverted among these commitments' makers' reports (the years that
	 * failed, else the report's period) and accepted linked disbursements (their year), as
	 * delivery.inputs.repository.ts selects them.
	 */
	async unconvertedSources(ids: number[]): Promise<UnconvertedSource[]> {
		const out: UnconvertedSource[] = [];
		for (const part of chunks(ids, 500)) {
			const reports = await this.db
				.selectFrom("progress_report as r")
				.leftJoin("report_year as y", (j) =>
					j.onRef("y.report_id", "=", "r.id").on("y.conversion", "in", failedConversions),
				)
				.select([
					"r.id",
					"r.commitment_id",
					"r.currency",
					"r.period_start",
					"r.period_end",
					"y.year",
				])
				.where("r.commitment_id", "in", part)
				.where("r.kind", "=", "maker")
				.where("r.withdrawn_at", "is", null)
				.where("r.conversion", "in", failedConversions)
				.orderBy("r.id")
				.execute();
			const byReport = new Map<number, UnconvertedSource>();
			for (const r of reports) {
				const id = toInt(r.id);
				const source = byReport.get(id) ?? {
					commitment_id: toInt(r.commitment_id),
					currency: r.currency,
					years: [],
				};
				if (r.year !== null) source.years.push(r.year);
				else source.years.push(...yearsBetween(r.period_start, r.period_end));
				byReport.set(id, source);
			}
			out.push(...byReport.values());
			const transactions = await this.db
				.selectFrom("commitment_activity as l")
				.innerJoin("activity_transaction as t", "t.activity_id", "l.activity_id")
				.select((eb) => [
					"l.commitment_id",
					"t.currency",
					eb
						.fn<string>("substr", [
							eb.fn.coalesce("t.value_date", "t.transaction_date"),
							eb.val(1),
							eb.val(4),
						])
						.as("year"),
				])
				.distinct()
				.where("l.commitment_id", "in", part)
				.where("l.status", "=", "accepted")
				.where("t.usd_current", "is", null)
				.where((eb) =>
					eb.or([
						eb("t.transaction_type", "=", "3"),
						eb.and([eb("t.transaction_type", "=", "4"), eb("l.include_expenditure", "=", 1)]),
					]),
				)
				.execute();
			for (const t of transactions)
				out.push({
					commitment_id: toInt(t.commitment_id),
					currency: t.currency,
					years: [Number(t.year)],
				});
		}
		return out;
	}

	/** What naming and dating a commitment takes: id, slug, title, announcement and period. */
	async commitmentRefs(ids: number[]): Promise<Map<number, CommitmentNaming>> {
		const out = new Map<number, CommitmentNaming>();
		for (const part of chunks([...new Set(ids)], 500)) {
			const rows = await this.db
				.selectFrom("commitment")
				.select([
					"id",
					"slug",
					"title",
					"announced_on",
					"period_start",
					"period_end",
					"increase_over_year",
				])
				.where("id", "in", part)
				.execute();
			for (const r of rows) out.set(toInt(r.id), { ...r, id: toInt(r.id) });
		}
		return out;
	}

	async stakeholderNames(ids: number[]): Promise<Map<number, string>> {
		const out = new Map<number, string>();
		for (const part of chunks([...new Set(ids)], 500)) {
			const rows = await this.db
				.selectFrom("stakeholder")
				.select(["id", "name"])
				.where("id", "in", part)
				.execute();
			for (const r of rows) out.set(toInt(r.id), r.name);
		}
		return out;
	}

	async goalTitles(ids: string[]): Promise<Map<string, string | null>> {
		const out = new Map<string, string | null>();
		for (const part of chunks([...new Set(ids)], 500)) {
			const rows = await this.db
				.selectFrom("goal")
				.select(["id", "short_title"])
				.where("id", "in", part)
				.execute();
			for (const r of rows) out.set(r.id, r.short_title);
		}
		return out;
	}
}
