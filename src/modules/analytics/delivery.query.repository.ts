/**
 * The aggregate reads. Without filters a group's figures come from the maintained
 * rollups (a few rows per group); with filters, from the per-root facts of the
 * commitments that match. Expected-by-today is summed in SQL: each year's committed
 * money times the share of that year elapsed (schedule.ts).
 */
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { chunks } from "../../db/batch.ts";
import { isPostgres } from "../../db/dialect.ts";
import type { Tables } from "../../db/tables.ts";
import { toConvertedCents, toInt } from "../../lib/numbers.ts";
import { aidKey } from "./aid.keys.ts";
import { deliverySources, factMoney, makerDim } from "./delivery.compute.ts";
import { counters } from "./delivery.store.repository.ts";
import type { GroupSort } from "./group.sort.ts";

export type Basis = "current" | "constant";

export interface GroupFigures {
	key: string;
	committed: number;
	delivered: number;
	expected: number;
	/** Of committed, the money of years that have delivery data (reports, IATI, statistics). */
	covered: number;
	/**
	 * Delivered by where it comes from (reports, IATI, statistics), read in the same row
	 * as the totals (the facts and rollups keep the split), so the sources add up to
	 * delivered. Absent by year.
	 */
	sources?: Map<string, number>;
}

/** A group with commitments but no money. */
export const noFigures = (key: string): GroupFigures => ({
	key,
	committed: 0,
	delivered: 0,
	expected: 0,
	covered: 0,
});

export interface GroupCount {
	key: string;
	counter: string;
	n: number;
}

/** A subquery selecting commitment ids (CommitmentSearchRepository.idsQuery). */
// biome-ignore lint/suspicious/noExplicitAny: a subquery of any shape that selects `id`.
export type IdsQuery = SelectQueryBuilder<Tables, any, { id: number }>;

/**
 * Whose figures a filtered aggregate sums: the roots' (every group's money, once), or the
 * makers' own pledges (when makers are chosen: a collective pledge counts for none of
 * them, delivery.compute.ts soleMaker).
 */
export type FactSource = "roots" | "makers";

export interface Clock {
	year: number;
	/** Share of the current year elapsed. */
	share: number;
}

/**
 * A selection of fewer commitments than this reads its facts' keys one commitment at a
 * time (measured at 3,327 and at 100,000; where between the plans cross was not).
 */
const fewRoots = 10_000;

const float = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The column of delivered money from one source, at one price basis. */
const sourceColumn = (source: string, basis: Basis) => `delivered_${source}_${basis}`;
const coveredColumn = (basis: Basis) => `committed_covered_${basis}`;
const sourcesOf = (r: Record<string, unknown>) =>
	new Map(deliverySources.map((src) => [src, toConvertedCents(r[src] ?? 0)]));

/**
 * A group's public commitments in delivery_total: each counted or left out for a reason
 * (every counter but `unconverted`, which counts items, not commitments).
 */
export const publicCount = sql<
	number | string
>`delivery_total.counted + delivery_total.reaffirmation + delivery_total.part + delivery_total.overlap + delivery_total.superseded + delivery_total.withdrawn + delivery_total.not_aid + delivery_total.collective`;

export class DeliveryQueryRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	private expectedSum(column: string, clock: Clock) {
		const value = sql`cast(${sql.ref(column)} as double precision)`;
		const share = sql`cast(${clock.share} as double precision)`;
		return sql<number>`sum(case when year < ${clock.year} then ${value} when year = ${clock.year} then ${value} * ${share} else 0 end)`;
	}

	/**
	 * `k.dim = dim`, for a query that starts from a selection of commitments. SQLite would
	 * walk the dimension's index over every commitment's keys (120,000 makers' at 100k) and
	 * look up each one's facts; the unary plus keeps it off that index, so it starts from
	 * the selection (a large forum's makers: 350 -> 30 ms). PostgreSQL plans it well.
	 */
	private keysOf(dim: string) {
		return isPostgres(this.db) ? sql`k.dim = ${dim}` : sql`+k.dim = ${dim}`;
	}

	/**
	 * The keys' dimension test for byKey. On PostgreSQL, for a selection of a few thousand
	 * (a forum's commitments), the planner read every key of the dimension (120,000 makers'
	 * at 100k) to hash-join them: testing the dimension on an expression keeps it to each
	 * selected commitment's own keys (54 -> 23 ms). For a large selection the hash join is
	 * the better plan (a third of the registry: 320 ms against 510), so it is kept there.
	 */
	private async factKeysOf(dim: string, ids: IdsQuery) {
		if (!isPostgres(this.db)) return this.keysOf(dim);
		const few = await sql<{ n: unknown }>`select count(*) as n from (
				select 1 from (${ids}) as selected limit ${fewRoots}
			) as capped`.execute(this.db);
		return toInt(few.rows[0]?.n ?? 0) < fewRoots ? sql`(k.dim || '') = ${dim}` : this.keysOf(dim);
	}

	/**
	 * The facts a filtered aggregate sums, as rows of (root_id, year, money): the roots'
	 * facts, or the makers' own pledges' (one maker each, so no row twice).
	 */
	private factsOf(source: FactSource) {
		if (source === "roots") return sql`delivery_fact`;
		return sql`(select commitment_id as root_id, year, ${sql.join(factMoney.map((m) => sql.ref(m)))}
			from delivery_maker_fact)`;
	}

	/** Figures by group key from the facts of the roots (or makers' pledges) that match a filter. */
	async byKey(
		dim: string,
		basis: Basis,
		clock: Clock,
		ids: IdsQuery,
		source: FactSource = "roots",
		/** Sum the money of pledges that are not aid too (only asked for, never by default). */
		includeNotAid = false,
	): Promise<GroupFigures[]> {
		const c = `committed_${basis}`;
		const d = `delivered_${basis}`;
		const sums = sql`sum(f.${sql.ref(c)}) as committed,
				sum(f.${sql.ref(d)}) as delivered, ${this.expectedSum(`f.${c}`, clock)} as expected,
				sum(f.${sql.ref(coveredColumn(basis))}) as covered,
				${sql.join(deliverySources.map((src) => sql`sum(f.${sql.ref(sourceColumn(src, basis))}) as ${sql.ref(src)}`))}`;
		// By maker, always the makers' own pledges, as the rollups keep them.
		const rows =
			dim === makerDim
				? await sql<Record<string, unknown>>`select cast(f.stakeholder_id as text) as key, ${sums}
					from delivery_maker_fact f where f.commitment_id in (${ids})
					group by f.stakeholder_id`.execute(this.db)
				: await sql<Record<string, unknown>>`select k.key as key, ${sums}
					from ${this.factsOf(source)} f
					join delivery_key k on k.commitment_id = f.root_id and ${await this.factKeysOf(dim, ids)}
					where f.root_id in (${ids}) and (${includeNotAid ? sql`true` : aidKey("k")})
					group by k.key`.execute(this.db);
		return rows.rows.map((r) => ({
			key: String(r.key),
			committed: toConvertedCents(r.committed),
			delivered: toConvertedCents(r.delivered),
			expected: Math.round(float(r.expected)),
			covered: toConvertedCents(r.covered),
			sources: sourcesOf(r),
		}));
	}

	/**
	 * Groups of a dimension (or one key) from the maintained totals: one row per group with
	 * its counts. With `page`, only that page of groups in the answer's order (most
	 * committed first, then by key, byte-wise on both dialects), sorted and cut by the
	 * database: a dimension has thousands of groups and an answer shows a hundred.
	 * Expected = committed minus what falls due after today, read from the yearly rollup
	 * of the current and later years only, for the groups read.
	 */
	async totals(
		dim: string,
		basis: Basis,
		clock: Clock,
		key?: string,
		page?: { offset: number; limit: number; sort?: GroupSort },
	): Promise<{ figures: GroupFigures[]; counts: GroupCount[]; total: number }> {
		const c = `committed_${basis}`;
		const d = `delivered_${basis}`;
		const value = sql`cast(${sql.ref(c)} as double precision)`;
		const notYetDue = sql`sum(case when year > ${clock.year} then ${value} else ${value} * cast(${1 - clock.share} as double precision) end)`;
		const oneKey = key === undefined ? sql`` : sql`and key = ${key}`;
		// delivery_total.key compares byte-wise on both dialects (collation "C" on PostgreSQL,
		// migration 0007), as the JavaScript sort of a filtered answer does.
		const order = page
			? sql`order by ${this.sortSql(page.sort ?? "committed", basis)}, key limit ${page.limit} offset ${page.offset}`
			: sql``;
		const columns = sql.join([
			sql`key`,
			sql.ref(c),
			sql.ref(d),
			sql`${sql.ref(coveredColumn(basis))} as covered`,
			...deliverySources.map((src) => sql`${sql.ref(sourceColumn(src, basis))} as ${sql.ref(src)}`),
			...counters.map((n) => sql.ref(n)),
		]);
		const totals = await sql<
			Record<string, unknown>
		>`select ${columns} from delivery_total where dim = ${dim} ${oneKey} ${order}`.execute(this.db);
		const keys = totals.rows.map((r) => String(r.key));
		const later = new Map<string, number>();
		for (const part of page ? chunks(keys, 500) : [null]) {
			if (part?.length === 0) continue;
			const inPage = part ? sql`and key in (${sql.join(part)})` : sql``;
			const future = await sql<Record<string, unknown>>`select key, ${notYetDue} as due_later
				from delivery_rollup where dim = ${dim} and year >= ${clock.year} ${oneKey} ${inPage}
				group by key`.execute(this.db);
			for (const r of future.rows) later.set(String(r.key), float(r.due_later));
		}
		const figures: GroupFigures[] = [];
		const counts: GroupCount[] = [];
		for (const r of totals.rows) {
			const k = String(r.key);
			const committed = toConvertedCents(r[c]);
			figures.push({
				key: k,
				committed,
				delivered: toConvertedCents(r[d]),
				expected: Math.round(committed - (later.get(k) ?? 0)),
				covered: toConvertedCents(r.covered),
				sources: sourcesOf(r),
			});
			for (const counter of counters) {
				const n = toInt(r[counter]);
				if (n !== 0) counts.push({ key: k, counter, n });
			}
		}
		const total = page
			? toInt(
					(
						await sql<{
							n: unknown;
						}>`select count(*) as n from delivery_total where dim = ${dim}`.execute(this.db)
					).rows[0]?.n ?? 0,
				)
			: figures.length;
		return { figures, counts, total };
	}

	/** compareGroups in SQL, on delivery_total: unknown values after known ones. */
	private sortSql(sort: GroupSort, basis: Basis) {
		const c = sql.ref(`committed_${basis}`);
		const d = sql.ref(`delivered_${basis}`);
		const cv = sql.ref(coveredColumn(basis));
		if (sort === "committed") return sql`${c} desc`;
		const known = sort === "delivered" ? sql`(${cv} <> 0 or ${d} <> 0)` : sql`${cv} <> 0`;
		// Computed only where known: a share over nothing would divide by zero on PostgreSQL.
		const value =
			sort === "delivered"
				? d
				: sort === "gap"
					? sql`case when ${cv} <> 0 then ${cv} - ${d} end`
					: sql`case when ${cv} <> 0 then cast(${d} as double precision) / ${cv} end`;
		return sql`case when ${known} then 0 else 1 end, ${value} desc`;
	}

	/** Public commitments in each group: counted or left out, any reason. */
	async publicCounts(dim: string, keys: string[]): Promise<Map<string, number>> {
		const out = new Map<string, number>();
		for (const part of chunks(keys, 1000)) {
			const rows = await this.db
				.selectFrom("delivery_total")
				.select(["key", publicCount.as("n")])
				.where("dim", "=", dim)
				.where("key", "in", part)
				.execute();
			for (const r of rows) out.set(r.key, toInt(r.n));
		}
		return out;
	}

	/**
	 * Figures by year: over everything (ids null), over the roots of one group as the
	 * rollups keep it (`group`), or over matching roots (or makers' own pledges).
	 */
	async byYear(
		basis: Basis,
		clock: Clock,
		ids: IdsQuery | null,
		group?: { dim: string; key: string },
		source: FactSource = "roots",
		includeNotAid = false,
	): Promise<GroupFigures[]> {
		const c = `committed_${basis}`;
		const d = `delivered_${basis}`;
		const cv = coveredColumn(basis);
		// A root that is not aid carries its money under its kind of money alone (byKey).
		const aidOnly = includeNotAid
			? sql``
			: sql`and not exists (select 1 from delivery_key k
					where k.commitment_id = f.root_id and k.dim = 'all' and k.reason = 'not_aid')`;
		const rows = group
			? await sql<Record<string, unknown>>`select year, sum(${sql.ref(c)}) as committed,
					sum(${sql.ref(d)}) as delivered, ${this.expectedSum(c, clock)} as expected,
					sum(${sql.ref(cv)}) as covered
				from delivery_rollup where dim = ${group.dim} and key = ${group.key} group by year`.execute(
					this.db,
				)
			: ids
				? // Years where every sum is zero are left out, as the rollups leave them out.
					await sql<Record<string, unknown>>`select year, sum(${sql.ref(c)}) as committed,
					sum(${sql.ref(d)}) as delivered, ${this.expectedSum(c, clock)} as expected,
					sum(${sql.ref(cv)}) as covered
				from ${this.factsOf(source)} f where root_id in (${ids}) ${aidOnly} group by year
				having ${sql.join(
					factMoney.map((m) => sql`sum(${sql.ref(m)}) <> 0`),
					sql` or `,
				)}`.execute(this.db)
				: await sql<Record<string, unknown>>`select year, sum(${sql.ref(c)}) as committed,
					sum(${sql.ref(d)}) as delivered, ${this.expectedSum(c, clock)} as expected,
					sum(${sql.ref(cv)}) as covered
				from delivery_rollup where dim = 'all' group by year`.execute(this.db);
		return rows.rows.map((r) => ({
			key: String(toInt(r.year)),
			committed: toConvertedCents(r.committed),
			delivered: toConvertedCents(r.delivered),
			expected: Math.round(float(r.expected)),
			covered: toConvertedCents(r.covered),
		}));
	}

	/** How many commitments each group counted and left out, and the items not converted. */
	async counts(dim: string, ids: IdsQuery): Promise<GroupCount[]> {
		const rows = await sql<Record<string, unknown>>`select k.key as key,
				coalesce(k.reason, s.reason) as counter, count(*) as n, sum(s.unconverted) as unconverted
			from delivery_key k join delivery_state s on s.commitment_id = k.commitment_id
			where ${this.keysOf(dim)} and k.commitment_id in (${ids})
			group by k.key, coalesce(k.reason, s.reason)`.execute(this.db);
		const out: GroupCount[] = [];
		const unconverted = new Map<string, number>();
		for (const r of rows.rows) {
			const key = String(r.key);
			out.push({ key, counter: String(r.counter), n: toInt(r.n) });
			if (!["withdrawn", "not_public", "collective", "not_aid"].includes(String(r.counter)))
				unconverted.set(key, (unconverted.get(key) ?? 0) + toInt(r.unconverted));
		}
		for (const [key, n] of unconverted) if (n > 0) out.push({ key, counter: "unconverted", n });
		return out;
	}

	/** What to call each group: titles and names in English, slugs where a page has one. */
	async names(dim: string, keys: string[]): Promise<Map<string, { name: string; slug?: string }>> {
		const out = new Map<string, { name: string; slug?: string }>();
		if (keys.length === 0) return out;
		const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
		switch (dim) {
			case "goal":
				for (const g of await this.db
					.selectFrom("goal")
					.select(["id", "title", "short_title"])
					.where("id", "in", keys)
					.execute())
					out.set(g.id, { name: g.short_title ?? g.title });
				break;
			case "target":
				for (const t of await this.db
					.selectFrom("target")
					.select(["id", "title"])
					.where("id", "in", keys)
					.execute())
					out.set(t.id, { name: t.title });
				break;
			case "stakeholder":
				if (ids.length)
					for (const s of await this.db
						.selectFrom("stakeholder")
						.select(["id", "slug", "name"])
						.where("id", "in", ids)
						.execute())
						out.set(String(s.id), { name: s.name, slug: s.slug });
				break;
			case "forum":
				if (ids.length)
					for (const f of await this.db
						.selectFrom("forum")
						.select(["id", "slug", "name"])
						.where("id", "in", ids)
						.execute())
						out.set(String(f.id), { name: f.name, slug: f.slug });
				break;
			case "stakeholder_group":
				for (const g of await this.db
					.selectFrom("stakeholder_group")
					.select(["code", "name"])
					.where("code", "in", keys)
					.execute())
					out.set(g.code, { name: g.name });
				break;
			case "recipient": {
				const byKind = new Map<string, string[]>();
				for (const k of keys) {
					const [kind = "", code = ""] = k.split(":");
					byKind.set(kind, [...(byKind.get(kind) ?? []), code]);
				}
				for (const [kind, list] of [
					["country", "Country"],
					["region", "Region"],
				] as const) {
					const codes = byKind.get(kind) ?? [];
					if (codes.length)
						for (const c of await this.db
							.selectFrom("code_name")
							.select(["code", "name"])
							.where("list", "=", list)
							.where("lang", "=", "en")
							.where("code", "in", codes)
							.execute())
							out.set(`${kind}:${c.code}`, { name: c.name });
				}
				const groups = byKind.get("group") ?? [];
				if (groups.length)
					for (const g of await this.db
						.selectFrom("stakeholder_group")
						.select(["code", "name"])
						.where("code", "in", groups)
						.execute())
						out.set(`group:${g.code}`, { name: g.name });
				if (byKind.has("global")) out.set("global:global", { name: "Global" });
				break;
			}
		}
		return out;
	}

	/**
	 * For each commitment, the latest policy status a maker reported and the latest
	 * assessment of each scheme: newest first, so the first row read for one is its latest.
	 */
	async policyEvidenceOf(ids: number[]): Promise<Map<number, PolicyEvidenceRows>> {
		const out = new Map<number, PolicyEvidenceRows>(
			ids.map((id) => [id, { report: null, scorecard: null, compliance: null }]),
		);
		for (const part of chunks(ids)) {
			const [reports, scorecards, compliance] = await Promise.all([
				this.db
					.selectFrom("progress_report")
					.select(["commitment_id", "policy_status", "created_at"])
					.where("commitment_id", "in", part)
					.where("kind", "=", "maker")
					.where("policy_status", "is not", null)
					.where("withdrawn_at", "is", null)
					.orderBy("created_at", "desc")
					.orderBy("id", "desc")
					.execute(),
				this.db
					.selectFrom("assessment")
					.select(["commitment_id", "score", "assessed_on"])
					.where("commitment_id", "in", part)
					.where("scheme", "=", "scorecard")
					.orderBy("assessed_on", "desc")
					.orderBy("id", "desc")
					.execute(),
				this.db
					.selectFrom("assessment")
					.innerJoin("assessment_maker_score as s", "s.assessment_id", "assessment.id")
					.select((eb) => [
						"assessment.commitment_id",
						"assessment.assessed_on",
						eb.fn.avg<number | string>("s.score").as("mean"),
					])
					.where("assessment.commitment_id", "in", part)
					.where("assessment.scheme", "=", "compliance")
					.groupBy(["assessment.id", "assessment.commitment_id", "assessment.assessed_on"])
					.orderBy("assessment.assessed_on", "desc")
					.orderBy("assessment.id", "desc")
					.execute(),
			]);
			for (const r of reports) {
				const e = out.get(toInt(r.commitment_id));
				if (e && !e.report && r.policy_status)
					e.report = { status: r.policy_status, on: r.created_at.slice(0, 10) };
			}
			for (const r of scorecards) {
				const e = out.get(toInt(r.commitment_id));
				if (e && !e.scorecard && r.score) e.scorecard = { score: r.score, on: r.assessed_on };
			}
			for (const r of compliance) {
				const e = out.get(toInt(r.commitment_id));
				if (e && !e.compliance) e.compliance = { mean: Number(r.mean), on: r.assessed_on };
			}
		}
		return out;
	}

	/** What each root adds to totals by year: the delivery of its whole tree. */
	async treeFactsOf(rootIds: number[]) {
		const out = new Map<
			number,
			{ year: number; delivered_current: number; delivered_constant: number }[]
		>(rootIds.map((id) => [id, []]));
		for (const part of chunks(rootIds))
			for (const r of await this.db
				.selectFrom("delivery_fact")
				.select(["root_id", "year", "delivered_current", "delivered_constant"])
				.where("root_id", "in", part)
				.orderBy("root_id")
				.orderBy("year")
				.execute())
				out.get(toInt(r.root_id))?.push({
					year: r.year,
					delivered_current: toConvertedCents(r.delivered_current),
					delivered_constant: toConvertedCents(r.delivered_constant),
				});
		return out;
	}
}

/** The evidence policyStatus weighs, as stored: each the latest of its kind, or null. */
export interface PolicyEvidenceRows {
	report: { status: string; on: string } | null;
	scorecard: { score: string; on: string } | null;
	compliance: { mean: number; on: string } | null;
}
