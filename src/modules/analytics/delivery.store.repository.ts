/**
 * Stores the delivery figures and keeps the rollups equal to their sums: old
 * contributions are subtracted and new ones added as one net delta per row, so a write
 * touches a few dozen rollup rows however large the registry. `recomputeRollups` is the
 * full recomputation the maintained rows must always equal.
 */

import { type Kysely, sql } from "kysely";
import { chunks } from "../../db/batch.ts";
import { getMeta, setMeta } from "../../db/meta.ts";
import type { Tables } from "../../db/tables.ts";
import { toConvertedCents, toConvertedCentsOrNull, toInt } from "../../lib/numbers.ts";
import { aidKey } from "./aid.keys.ts";
import {
	type DeliveryOutputs,
	type DeliveryState,
	type FactFigures,
	type FactMoney,
	factMoney,
	type GroupKey,
	type KeyReason,
	type MakerFact,
	makerDim,
	type ReportMoney,
	type YearFigures,
	zeroFactMoney,
} from "./delivery.compute.ts";
import { type CountReason, treeReasons } from "./roots.ts";

const money = factMoney;
type Money = FactMoney;

export interface RollupRow extends Money {
	dim: string;
	key: string;
	year: number;
}

export const counters = [
	"counted",
	"reaffirmation",
	"part",
	"overlap",
	"superseded",
	"withdrawn",
	"not_aid",
	"unconverted",
	// A maker's pledges made jointly with others (delivery.compute.ts, soleMaker).
	"collective",
] as const;
type Counter = (typeof counters)[number];
type TotalRow = { dim: string; key: string } & Money & Record<Counter, number>;
const zeroMoney = zeroFactMoney;
const zeroCounters = () =>
	Object.fromEntries(counters.map((c) => [c, 0])) as Record<Counter, number>;

export interface CountRow {
	dim: string;
	key: string;
	counter: string;
	n: number;
}

/** What a stored group of commitments contributes, to subtract before it is replaced. */
export interface StoredContribution {
	states: Map<number, { root_id: number; reason: CountReason; unconverted: number }>;
	keys: Map<number, GroupKey[]>;
	facts: Map<number, FactFigures[]>;
	makerFacts: Map<number, MakerFact[]>;
}

const moneyOf = (r: Record<string, unknown>): Money =>
	Object.fromEntries(money.map((m) => [m, toConvertedCents(r[m])])) as Money;
/** The four totals of a commitment's own year (delivery_year has no split by source). */
const yearMoneyOf = (r: Record<string, unknown>) => ({
	committed_current: toConvertedCents(r.committed_current),
	committed_constant: toConvertedCents(r.committed_constant),
	delivered_current: toConvertedCents(r.delivered_current),
	delivered_constant: toConvertedCents(r.delivered_constant),
});

export class DeliveryStoreRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async contribution(ids: number[]): Promise<StoredContribution> {
		const out: StoredContribution = {
			states: new Map(),
			keys: new Map(),
			facts: new Map(),
			makerFacts: new Map(),
		};
		for (const part of chunks(ids, 1000)) {
			const [states, keys, facts, makerFacts] = await Promise.all([
				this.db
					.selectFrom("delivery_state")
					.select(["commitment_id", "root_id", "reason", "unconverted"])
					.where("commitment_id", "in", part)
					.execute(),
				this.db
					.selectFrom("delivery_key")
					.select(["commitment_id", "dim", "key", "reason"])
					.where("commitment_id", "in", part)
					.execute(),
				this.db.selectFrom("delivery_fact").selectAll().where("root_id", "in", part).execute(),
				this.db
					.selectFrom("delivery_maker_fact")
					.selectAll()
					.where("commitment_id", "in", part)
					.execute(),
			]);
			for (const s of states)
				out.states.set(toInt(s.commitment_id), {
					root_id: toInt(s.root_id),
					reason: s.reason as CountReason,
					unconverted: s.unconverted,
				});
			for (const k of keys) {
				const id = toInt(k.commitment_id);
				const key: GroupKey = { dim: k.dim, key: k.key };
				if (k.reason !== null) key.reason = k.reason as KeyReason;
				out.keys.set(id, [...(out.keys.get(id) ?? []), key]);
			}
			for (const f of facts) {
				const id = toInt(f.root_id);
				out.facts.set(id, [...(out.facts.get(id) ?? []), { year: f.year, ...moneyOf(f) }]);
			}
			for (const f of makerFacts) {
				const id = toInt(f.commitment_id);
				const row = { stakeholder_id: toInt(f.stakeholder_id), year: f.year, ...moneyOf(f) };
				out.makerFacts.set(id, [...(out.makerFacts.get(id) ?? []), row]);
			}
		}
		return out;
	}

	async replace(ids: number[], next: DeliveryOutputs): Promise<void> {
		for (const part of chunks(ids, 1000)) {
			await this.db.deleteFrom("delivery_state").where("commitment_id", "in", part).execute();
			await this.db.deleteFrom("delivery_year").where("commitment_id", "in", part).execute();
			await this.db.deleteFrom("delivery_key").where("commitment_id", "in", part).execute();
			await this.db.deleteFrom("delivery_fact").where("root_id", "in", part).execute();
			await this.db.deleteFrom("delivery_maker_fact").where("commitment_id", "in", part).execute();
		}
		await this.insert(next);
	}

	async insert(next: DeliveryOutputs): Promise<void> {
		for (const batch of chunks(next.states, 500))
			await this.db.insertInto("delivery_state").values(batch).execute();
		const years = [...next.years].flatMap(([id, ys]) =>
			ys.map((y) => ({ commitment_id: id, ...y, through: y.through ?? null })),
		);
		for (const batch of chunks(years, 1000))
			await this.db.insertInto("delivery_year").values(batch).execute();
		const keys = [...next.keys].flatMap(([id, ks]) =>
			ks.map((k) => ({ commitment_id: id, dim: k.dim, key: k.key, reason: k.reason ?? null })),
		);
		for (const batch of chunks(keys, 2000))
			await this.db.insertInto("delivery_key").values(batch).execute();
		const facts = [...next.facts].flatMap(([id, fs]) => fs.map((f) => ({ root_id: id, ...f })));
		for (const batch of chunks(facts, 1000))
			await this.db.insertInto("delivery_fact").values(batch).execute();
		const makerFacts = [...next.makerFacts].flatMap(([id, fs]) =>
			fs.map((f) => ({ commitment_id: id, ...f })),
		);
		for (const batch of chunks(makerFacts, 1000))
			await this.db.insertInto("delivery_maker_fact").values(batch).execute();
		await this.writeReportMoney(next.reports);
	}

	/** The normalised value of each report and each of its years, beside the amounts. */
	private async writeReportMoney(reports: ReportMoney[]): Promise<void> {
		for (const r of reports) {
			await this.db
				.updateTable("progress_report")
				.set({ usd_current: r.usd_current, usd_constant: r.usd_constant, conversion: r.conversion })
				.where("id", "=", r.id)
				.execute();
			for (const y of r.years) {
				await this.db
					.updateTable("report_year")
					.set({
						usd_current: y.usd_current,
						usd_constant: y.usd_constant,
						conversion: y.conversion,
					})
					.where("report_id", "=", r.id)
					.where("year", "=", y.year)
					.execute();
			}
		}
	}

	/**
	 * Adds net deltas to the rollups (by group and year, and by group with its counts),
	 * then drops rows that fell to nothing.
	 */
	async applyDeltas(rollup: RollupRow[], counts: CountRow[]): Promise<void> {
		const moving = rollup.filter((r) => money.some((m) => r[m] !== 0));
		for (const batch of chunks(moving, 1000)) {
			await this.db
				.insertInto("delivery_rollup")
				.values(batch)
				.onConflict((oc) =>
					oc
						.columns(["dim", "key", "year"])
						.doUpdateSet((eb) =>
							Object.fromEntries(
								money.map((col) => [
									col,
									eb(`delivery_rollup.${col}`, "+", eb.ref(`excluded.${col}`)),
								]),
							),
						),
				)
				.execute();
		}
		const totals = new Map<string, TotalRow>();
		const totalOf = (dim: string, key: string) => {
			const id = `${dim}|${key}`;
			let t = totals.get(id);
			if (!t) {
				t = { dim, key, ...zeroMoney(), ...zeroCounters() };
				totals.set(id, t);
			}
			return t;
		};
		for (const r of moving) {
			const t = totalOf(r.dim, r.key);
			for (const m of money) t[m] += r[m];
		}
		for (const c of counts) {
			if (c.n === 0) continue;
			const t = totalOf(c.dim, c.key);
			t[c.counter as Counter] += c.n;
		}
		const totalRows = [...totals.values()].filter(
			(t) => money.some((m) => t[m] !== 0) || counters.some((c) => t[c] !== 0),
		);
		for (const batch of chunks(totalRows, 500)) {
			await this.db
				.insertInto("delivery_total")
				.values(batch)
				.onConflict((oc) =>
					oc
						.columns(["dim", "key"])
						.doUpdateSet((eb) =>
							Object.fromEntries(
								[...money, ...counters].map((col) => [
									col,
									eb(`delivery_total.${col}`, "+", eb.ref(`excluded.${col}`)),
								]),
							),
						),
				)
				.execute();
		}
		const touched = new Map<string, Set<string>>();
		for (const r of totalRows) touched.set(r.dim, (touched.get(r.dim) ?? new Set()).add(r.key));
		for (const [dim, keys] of touched) {
			for (const part of chunks([...keys], 500)) {
				let emptyRollup = this.db
					.deleteFrom("delivery_rollup")
					.where("dim", "=", dim)
					.where("key", "in", part);
				for (const m of money) emptyRollup = emptyRollup.where(m, "=", 0);
				await emptyRollup.execute();
				let emptyTotal = this.db
					.deleteFrom("delivery_total")
					.where("dim", "=", dim)
					.where("key", "in", part);
				for (const c of [...money, ...counters]) emptyTotal = emptyTotal.where(c, "=", 0);
				await emptyTotal.execute();
			}
		}
	}

	async clearAll(): Promise<void> {
		for (const t of [
			"delivery_rollup",
			"delivery_total",
			"delivery_fact",
			"delivery_maker_fact",
			"delivery_key",
			"delivery_year",
			"delivery_status",
			"delivery_state",
		] as const) {
			await this.db.deleteFrom(t).execute();
		}
	}

	/** The rollups as plain sums of the stored facts and states: the full recomputation. */
	async recomputeRollups(): Promise<void> {
		await this.db.deleteFrom("delivery_rollup").execute();
		await this.db.deleteFrom("delivery_total").execute();
		await sql`insert into delivery_rollup (dim, key, year, ${sql.join(money.map((c) => sql.ref(c)))})
			${this.rollupSelect()}`.execute(this.db);
		await sql`insert into delivery_total (dim, key, ${sql.join([...money, ...counters].map((c) => sql.ref(c)))})
			${this.totalSelect()}`.execute(this.db);
	}

	/**
	 * Every contribution to a group's money, one row per group and year: the roots' facts
	 * in each group they belong to, except the makers', whose figures are their own
	 * pledges (delivery_maker_fact).
	 */
	private factRows() {
		const cols = (alias: string) => sql.join(money.map((c) => sql`${sql.ref(`${alias}.${c}`)}`));
		return sql`select k.dim as dim, k.key as key, f.year as year, ${cols("f")}
				from delivery_fact f join delivery_key k on k.commitment_id = f.root_id
				where k.dim <> ${makerDim} and ${aidKey("k")}
			union all
			select ${makerDim} as dim, cast(m.stakeholder_id as text) as key, m.year as year, ${cols("m")}
				from delivery_maker_fact m`;
	}

	private rollupSelect() {
		const sums = sql.join(money.map((c) => sql`sum(f.${sql.ref(c)}) as ${sql.ref(c)}`));
		const anyNonZero = sql.join(
			money.map((c) => sql`sum(f.${sql.ref(c)}) <> 0`),
			sql` or `,
		);
		return sql`select f.dim, f.key, f.year, ${sums}
			from (${this.factRows()}) f
			group by f.dim, f.key, f.year
			having ${anyNonZero}`;
	}

	/** Money of the counted roots and makers' pledges, counts of every public commitment, by group. */
	private totalSelect() {
		const keyReason = sql`coalesce(k.reason, s.reason)`;
		const zeros = sql.join(counters.map((c) => sql`0 as ${sql.ref(c)}`));
		// In the order of `counters`, as the other side of the union: a reason counts one
		// commitment, `unconverted` its items with no rate.
		const byReason = sql.join(
			counters.map((c) =>
				c === "unconverted"
					? sql`case when ${keyReason} in (${sql.join(treeReasons)}) then s.unconverted else 0 end as unconverted`
					: sql`case when ${keyReason} = ${c} then 1 else 0 end as ${sql.ref(c)}`,
			),
		);
		const sums = sql.join(
			[...money, ...counters].map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`),
		);
		const anyNonZero = sql.join(
			[...money, ...counters].map((c) => sql`sum(${sql.ref(c)}) <> 0`),
			sql` or `,
		);
		return sql`select dim, key, ${sums} from (
				select f.dim, f.key, ${sql.join(money.map((c) => sql`f.${sql.ref(c)}`))}, ${zeros}
				from (${this.factRows()}) f
				union all
				select k.dim, k.key, ${sql.join(money.map(() => sql`0`))}, ${byReason}
				from delivery_key k join delivery_state s on s.commitment_id = k.commitment_id
			) parts
			group by dim, key
			having ${anyNonZero}`;
	}

	/** The maintained rollups and what a full recomputation gives, both sorted: for checks. */
	async rollupSnapshot(): Promise<{ maintained: string[]; recomputed: string[] }> {
		const line = (r: Record<string, unknown>) => Object.values(r).map(String).join("|");
		const totalLine = (r: Record<string, unknown>) =>
			line({
				dim: r.dim,
				key: r.key,
				...moneyOf(r),
				...Object.fromEntries(counters.map((c) => [c, toInt(r[c])])),
			});
		const maintained = [
			...(await this.db.selectFrom("delivery_rollup").selectAll().execute()).map((r) =>
				line({ dim: r.dim, key: r.key, year: r.year, ...moneyOf(r) }),
			),
			...(await this.db.selectFrom("delivery_total").selectAll().execute()).map(totalLine),
		].sort();
		const rollup = await sql<Record<string, unknown>>`${this.rollupSelect()}`.execute(this.db);
		const totals = await sql<Record<string, unknown>>`${this.totalSelect()}`.execute(this.db);
		const recomputed = [
			...rollup.rows.map((r) =>
				line({ dim: r.dim, key: r.key, year: toInt(r.year), ...moneyOf(r) }),
			),
			...totals.rows.map(totalLine),
		].sort();
		return { maintained, recomputed };
	}

	getMeta(key: string): Promise<string | null> {
		return getMeta(this.db, key);
	}

	setMeta(key: string, value: string): Promise<void> {
		return setMeta(this.db, key, value);
	}

	/** The stored figures of each commitment asked for (none for one never computed). */
	async states(ids: number[]): Promise<Map<number, DeliveryState>> {
		const out = new Map<number, DeliveryState>();
		for (const part of chunks(ids))
			for (const s of await this.db
				.selectFrom("delivery_state")
				.selectAll()
				.where("commitment_id", "in", part)
				.execute())
				out.set(toInt(s.commitment_id), {
					...s,
					commitment_id: toInt(s.commitment_id),
					root_id: toInt(s.root_id),
					reason: s.reason as CountReason,
					conversion: s.conversion as DeliveryState["conversion"],
					committed_current: toConvertedCentsOrNull(s.committed_current),
					committed_constant: toConvertedCentsOrNull(s.committed_constant),
					delivered_current: toConvertedCents(s.delivered_current),
					delivered_constant: toConvertedCents(s.delivered_constant),
				});
		return out;
	}

	/** Each commitment's own schedule and delivery, by year, in year order. */
	async yearsOf(ids: number[]): Promise<Map<number, YearFigures[]>> {
		const out = new Map<number, YearFigures[]>(ids.map((id) => [id, []]));
		for (const part of chunks(ids))
			for (const r of await this.db
				.selectFrom("delivery_year")
				.selectAll()
				.where("commitment_id", "in", part)
				.orderBy("commitment_id")
				.orderBy("year")
				.execute())
				out.get(toInt(r.commitment_id))?.push({
					year: r.year,
					source: r.source as YearFigures["source"],
					...(r.through ? { through: r.through } : {}),
					...yearMoneyOf(r),
				});
		return out;
	}
}
