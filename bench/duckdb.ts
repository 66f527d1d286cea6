/**
 * The yardstick: the same three aggregates computed by DuckDB, in memory, from the raw
 * rows (links, transactions, groups, and the per-commitment results the app's rebuild
 * produced where they are part of a commitment's terms: its yearly schedule, what the
 * official statistics measured of a share-of-income target, and its place in the
 * relation graph). Each rule of delivery_compute.ts is restated in SQL.
 * A second, easier question: the same aggregates from the stored facts the service
 * itself reads (delivery_fact by delivery_key), so both ratios can be reported.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Kysely } from "kysely";
import type { Tables } from "../src/db/tables.ts";

export type Dim = "goal" | "stakeholder" | "recipient";

/** US cents per group. */
export interface Money {
	committed_current: bigint;
	committed_constant: bigint;
	delivered_current: bigint;
	delivered_constant: bigint;
}

const schema = `
create table ds (commitment_id integer, root_id integer, reason varchar);
create table dy (commitment_id integer, year integer, committed_current bigint, committed_constant bigint,
	delivered_current bigint, delivered_constant bigint, source varchar);
create table sh (commitment_id integer);
create table df (root_id integer, year integer, committed_current bigint, committed_constant bigint,
	delivered_current bigint, delivered_constant bigint);
create table dk (commitment_id integer, dim varchar, key varchar);
create table mf (commitment_id integer, stakeholder_id integer, year integer, committed_current bigint,
	committed_constant bigint, delivered_current bigint, delivered_constant bigint);
create table cg (commitment_id integer, goal_id varchar);
create table cm (commitment_id integer, stakeholder_id integer);
create table cr (commitment_id integer, kind varchar, code varchar);
create table ca (commitment_id integer, activity_id integer, share_bp integer, status varchar, include_expenditure integer);
create table tx (activity_id integer, transaction_type varchar, transaction_date varchar, usd_current bigint, usd_constant bigint);
-- floor((s + 5000) / 10000): basis points to whole cents, half up, for either sign.
create macro half_up(s) as case when s + 5000 >= 0 then (s + 5000) // 10000 else -((9999 - (s + 5000)) // 10000) end;
`;

const keys: Record<Dim, string> = {
	goal: "select commitment_id, goal_id as key from cg",
	stakeholder: "select commitment_id, cast(stakeholder_id as varchar) as key from cm",
	recipient: "select commitment_id, kind || ':' || code as key from cr",
};

/**
 * - a commitment's delivery in a year: its accepted links' disbursements (type 3, and
 *   expenditure, type 4, where the link includes it) times the share, rounded to cents;
 *   for a share-of-income target (sh), what the official statistics measured instead;
 * - a root (reason counted) carries its own schedule and the delivery of every
 *   commitment placed under it (counted, reaffirmation, part, overlap, superseded);
 * - a group sums the roots that belong to it.
 */
export function aggregateSql(dim: Dim): string {
	// A maker's figures are its own pledges (methodology 5a): which pledge is a maker's own
	// depends on its place in the relation graph, which the raw rows do not give. Until that
	// rule is restated here, the makers' figures are checked against the stored maker facts.
	if (dim === "stakeholder") return makerFactsSql;
	return `
with own_year as (
	select l.commitment_id, cast(substr(t.transaction_date, 1, 4) as integer) as year,
		half_up(sum(t.usd_current * l.share_bp)) as dc, half_up(sum(t.usd_constant * l.share_bp)) as dk,
		false as measured
	from ca l join tx t on t.activity_id = l.activity_id
	where l.status = 'accepted'
		and (t.transaction_type = '3' or (t.transaction_type = '4' and l.include_expenditure = 1))
		and l.commitment_id not in (select commitment_id from sh)
	group by l.commitment_id, year
	union all
	select commitment_id, year, delivered_current, delivered_constant, true
	from dy where source = 'statistics'
),
tree as (
	-- Statistics measure a maker's whole aid: only the root's own measure counts.
	select s.root_id, sum(o.dc) as dc, sum(o.dk) as dk
	from own_year o join ds s on s.commitment_id = o.commitment_id
	where s.reason in ('counted', 'reaffirmation', 'part', 'overlap', 'superseded')
		and (not o.measured or s.commitment_id = s.root_id)
	group by s.root_id
),
committed as (
	select commitment_id, sum(committed_current) as cc, sum(committed_constant) as ck
	from dy group by commitment_id
),
roots as (
	select s.commitment_id as id, coalesce(c.cc, 0) as cc, coalesce(c.ck, 0) as ck,
		coalesce(t.dc, 0) as dc, coalesce(t.dk, 0) as dk
	from ds s left join committed c on c.commitment_id = s.commitment_id
		left join tree t on t.root_id = s.commitment_id
	where s.reason = 'counted'
)
select k.key, cast(sum(r.cc) as varchar) as cc, cast(sum(r.ck) as varchar) as ck,
	cast(sum(r.dc) as varchar) as dc, cast(sum(r.dk) as varchar) as dk
from roots r join (${keys[dim]}) k on k.commitment_id = r.id
group by k.key`;
}

/** The makers' own pledges, summed from the stored maker facts (delivery_maker_fact). */
const makerFactsSql = `
select cast(stakeholder_id as varchar) as key, cast(sum(committed_current) as varchar) as cc,
	cast(sum(committed_constant) as varchar) as ck, cast(sum(delivered_current) as varchar) as dc,
	cast(sum(delivered_constant) as varchar) as dk
from mf group by stakeholder_id`;

/** The same aggregate from the stored facts, as the service reads a filtered selection. */
export function factsSql(dim: Dim): string {
	if (dim === "stakeholder") return makerFactsSql;
	return `
select k.key, cast(sum(f.committed_current) as varchar) as cc, cast(sum(f.committed_constant) as varchar) as ck,
	cast(sum(f.delivered_current) as varchar) as dc, cast(sum(f.delivered_constant) as varchar) as dk
from df f join dk k on k.commitment_id = f.root_id and k.dim = '${dim}'
group by k.key`;
}

type Loose = Kysely<Record<string, Record<string, unknown>>>;

const big = (v: unknown): bigint | null =>
	v === null || v === undefined ? null : BigInt(v as string | number);

export class DuckReference {
	private constructor(
		private readonly connection: DuckDBConnection,
		readonly rows: number,
		readonly loadSeconds: number,
	) {}

	/** Copies the rows from a loaded benchmark database into an in-memory DuckDB. */
	static async fromDatabase(db: Kysely<Tables>): Promise<DuckReference> {
		const started = performance.now();
		const instance = await DuckDBInstance.create(":memory:");
		const connection = await instance.connect();
		await connection.run(schema);
		const loose = db as unknown as Loose;
		let rows = 0;
		const copy = async (
			table: string,
			source: string,
			columns: { name: string; type: "int" | "text" | "big" }[],
			pageBy?: string,
		) => {
			const appender = await connection.createAppender(table);
			let last = 0;
			for (;;) {
				let q = loose.selectFrom(source).select(columns.map((c) => c.name));
				if (pageBy) q = q.where(pageBy, ">", last).orderBy(pageBy).limit(100_000).select(pageBy);
				const page = await q.execute();
				for (const r of page) {
					for (const c of columns) {
						const v = r[c.name];
						if (v === null || v === undefined) appender.appendNull();
						else if (c.type === "text") appender.appendVarchar(String(v));
						else if (c.type === "int") appender.appendInteger(Number(v));
						else appender.appendBigInt(big(v) as bigint);
					}
					appender.endRow();
				}
				rows += page.length;
				if (!pageBy || page.length === 0) break;
				last = Number(page[page.length - 1]?.[pageBy]);
			}
			appender.closeSync();
		};
		const int = (name: string) => ({ name, type: "int" as const });
		const text = (name: string) => ({ name, type: "text" as const });
		const bigint = (name: string) => ({ name, type: "big" as const });
		await copy("ds", "delivery_state", [int("commitment_id"), int("root_id"), text("reason")]);
		await copy("dy", "delivery_year", [
			int("commitment_id"),
			int("year"),
			bigint("committed_current"),
			bigint("committed_constant"),
			bigint("delivered_current"),
			bigint("delivered_constant"),
			text("source"),
		]);
		const shares = await db
			.selectFrom("commitment")
			.select("id")
			.where("gni_share_min", "is not", null)
			.where("amount_minor", "is", null)
			.execute();
		const appender = await connection.createAppender("sh");
		for (const r of shares) {
			appender.appendInteger(Number(r.id));
			appender.endRow();
		}
		appender.closeSync();
		rows += shares.length;
		await copy("df", "delivery_fact", [
			int("root_id"),
			int("year"),
			bigint("committed_current"),
			bigint("committed_constant"),
			bigint("delivered_current"),
			bigint("delivered_constant"),
		]);
		await copy("dk", "delivery_key", [int("commitment_id"), text("dim"), text("key")]);
		await copy("mf", "delivery_maker_fact", [
			int("commitment_id"),
			int("stakeholder_id"),
			int("year"),
			bigint("committed_current"),
			bigint("committed_constant"),
			bigint("delivered_current"),
			bigint("delivered_constant"),
		]);
		await copy("cg", "commitment_goal", [int("commitment_id"), text("goal_id")]);
		await copy("cm", "commitment_maker", [int("commitment_id"), int("stakeholder_id")]);
		await copy("cr", "commitment_recipient", [int("commitment_id"), text("kind"), text("code")]);
		await copy("ca", "commitment_activity", [
			int("commitment_id"),
			int("activity_id"),
			int("share_bp"),
			text("status"),
			int("include_expenditure"),
		]);
		await copy(
			"tx",
			"activity_transaction",
			[
				int("activity_id"),
				text("transaction_type"),
				text("transaction_date"),
				bigint("usd_current"),
				bigint("usd_constant"),
			],
			"id",
		);
		return new DuckReference(connection, rows, (performance.now() - started) / 1000);
	}

	async aggregate(dim: Dim, from: "raw" | "facts" = "raw"): Promise<Map<string, Money>> {
		const reader = await this.connection.runAndReadAll(
			from === "raw" ? aggregateSql(dim) : factsSql(dim),
		);
		const out = new Map<string, Money>();
		for (const r of reader.getRowObjectsJS()) {
			out.set(String(r.key), {
				committed_current: BigInt(String(r.cc)),
				committed_constant: BigInt(String(r.ck)),
				delivered_current: BigInt(String(r.dc)),
				delivered_constant: BigInt(String(r.dk)),
			});
		}
		return out;
	}

	/** Milliseconds of the median of `runs` runs, the data already in memory. */
	async time(
		dim: Dim,
		from: "raw" | "facts" = "raw",
		runs = 5,
	): Promise<{ median: number; all: number[] }> {
		const all: number[] = [];
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			await this.connection.runAndReadAll(from === "raw" ? aggregateSql(dim) : factsSql(dim));
			all.push(performance.now() - t);
		}
		const sorted = [...all].sort((a, b) => a - b);
		return { median: sorted[Math.floor(sorted.length / 2)] as number, all };
	}

	/** Sanity of the graph resolution read from the app: every member's root is a counted commitment. */
	async orphanMembers(): Promise<number> {
		const reader = await this.connection.runAndReadAll(`
			select count(*) as n from ds m left join ds r on r.commitment_id = m.root_id
			where m.reason in ('reaffirmation', 'part', 'overlap', 'superseded')
				and (r.reason is null or r.reason <> 'counted')`);
		return Number(reader.getRowObjectsJS()[0]?.n ?? 0);
	}
}
