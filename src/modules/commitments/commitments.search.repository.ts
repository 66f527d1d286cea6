/** The commitment list: filters, full-text search, sorting and paging, on either dialect. */
import {
	type Expression,
	type ExpressionBuilder,
	type Kysely,
	type SelectQueryBuilder,
	sql,
} from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { toInt } from "../../lib/numbers.ts";
import { statusAt } from "../analytics/delivery.status.repository.ts";
import { memberIn, membershipYear } from "../reference/group-membership.ts";
import { type CommitmentRow, toCommitmentRow } from "./commitments.repository.ts";

/** A list filter with every reference already resolved and checked by the service. */
export interface CommitmentFilter {
	goalIds?: string[];
	targetIds?: string[];
	stakeholderIds?: number[];
	/** Kinds of stakeholder: some maker is of one of them. */
	makerKinds?: string[];
	forumIds?: number[];
	forumKinds?: string[];
	recipients?: { kind: string; code: string }[];
	kinds?: string[];
	/** How the promise is stated: an amount, a share of national income. */
	measures?: ("amount" | "gni_share")[];
	statuses: string[];
	/** Delivery statuses on `today` (delivery_status, read for the day). */
	deliveryStatuses?: string[];
	today?: string;
	announcedFrom?: string;
	announcedTo?: string;
	/** A full-text query in the dialect's syntax (commitments.filters.ts). */
	fts?: string;
	/**
	 * Read the page by walking the sort's index and testing each row, rather than from
	 * the filters' matches: for filters that match thousands (pageAndTotal decides).
	 */
	walkInOrder?: boolean;
	/**
	 * Sort the matches apart instead of reading them in the sort's index order: for
	 * matches clustered in that order far from its start (pageAndTotal decides).
	 */
	sortApart?: boolean;
}

export type CommitmentSort =
	| "-announced_on"
	| "announced_on"
	| "title"
	| "-title"
	| "-id"
	| "id"
	| "relevance"
	| "-committed_usd"
	| "committed_usd"
	| "-gap_usd"
	| "gap_usd";

type Query = SelectQueryBuilder<Tables, "commitment", object>;

const has = <T>(v: T[] | undefined): v is T[] => v !== undefined && v.length > 0;

/**
 * From how many matches a page is better read by walking the sort's index than by
 * reading (and counting) every match: at 100,000 commitments a goal or a country with
 * ten thousand took 100-300 ms one way and under 20 ms the other.
 */
const windowedMatches = 2000;

/** Sorts an index gives in order (commitment_announced, commitment_title_key). */
const inIndexOrder = (sort: CommitmentSort) =>
	sort === "-announced_on" || sort === "announced_on" || sort === "title" || sort === "-title";

/**
 * How many selective filters a list has. Two or more (a goal and a country, a word and a
 * donor) intersect to few commitments as a rule: only a single one is worth sizing.
 */
function selectiveFilters(f: CommitmentFilter): number {
	return [
		has(f.goalIds),
		has(f.targetIds),
		has(f.stakeholderIds),
		has(f.recipients),
		onlyShares(f),
		!!f.fts,
	].filter(Boolean).length;
}

/**
 * Only targets stated as a share of income: rare (one or two a government), read from
 * their own partial index (migration 0008), so a donor's are found among its thousands
 * of commitments instead of by walking the date index (at 100k on PostgreSQL: 250 ms).
 */
function onlyShares(f: CommitmentFilter): boolean {
	return f.measures?.length === 1 && f.measures[0] === "gni_share";
}

/** A filter that narrows the registry to few rows, found through its own indexes. */
function isSelective(f: CommitmentFilter): boolean {
	return selectiveFilters(f) > 0;
}

/**
 * The ids in every one of the sets, as one compound select. A compound member may not be
 * parenthesised in SQLite: each set is read from instead.
 */
function intersection(sets: Expression<unknown>[]) {
	return sql.join(
		sets.map((set) => sql`select * from ${set} as ids`),
		sql` intersect `,
	);
}

export class CommitmentSearchRepository {
	constructor(
		private readonly db: Kysely<Tables>,
		private readonly dialect: DialectName,
		/** From how many matches a page walks the sort's index (tests lower it to 1). */
		private readonly walkFrom = windowedMatches,
	) {}

	private filtered(f: CommitmentFilter, counting = false): Query {
		// Most commitments are public: SQLite does better to find rows by the other filters
		// or the sort's index and test the status after (unary + keeps the status index out).
		// A count reads no row: there the status index, which holds each row's id, is best.
		let q: Query =
			this.dialect === "sqlite" && !counting
				? this.db
						.selectFrom("commitment")
						.where(sql<boolean>`+commitment.status in (${sql.join(f.statuses)})`)
				: this.db.selectFrom("commitment").where("commitment.status", "in", f.statuses);
		const sets = this.idSets(f);
		if (this.dialect === "sqlite") {
			// SQLite would read every commitment the first filter finds (thousands of full rows
			// for a word as common as "health") to test the others: the ids each filter selects
			// are intersected from their indexes first, and only the matches are read.
			// Walking the sort's index, the ids are tested as each row comes (unary + keeps
			// SQLite from reading the ids' rows first and sorting them all).
			const id = f.walkInOrder ? sql`+commitment.id` : sql`commitment.id`;
			if (sets.length > 0) q = q.where(sql<boolean>`${id} in (${intersection(sets)})`);
		} else {
			// PostgreSQL plans the semi-joins itself, and searches text in the row's tsvector.
			for (const set of sets) q = q.where(sql<boolean>`commitment.id in (${set})`);
			if (f.fts) q = q.where(sql<boolean>`commitment.search @@ to_tsquery('simple', ${f.fts})`);
		}
		if (has(f.makerKinds)) {
			const kinds = f.makerKinds;
			q = q.where((eb) =>
				eb.exists(
					eb
						.selectFrom("commitment_maker as mk")
						.innerJoin("stakeholder as s", "s.id", "mk.stakeholder_id")
						.select("mk.stakeholder_id")
						.whereRef("mk.commitment_id", "=", "commitment.id")
						.where("s.kind", "in", kinds),
				),
			);
		}
		if (has(f.forumIds)) q = q.where("commitment.forum_id", "in", f.forumIds);
		if (has(f.forumKinds)) {
			const kinds = f.forumKinds;
			q = q.where("commitment.forum_id", "in", (eb: ExpressionBuilder<Tables, "commitment">) =>
				eb.selectFrom("forum").select("forum.id").where("forum.kind", "in", kinds),
			);
		}
		if (has(f.kinds)) q = q.where("commitment.kind", "in", f.kinds);
		if (has(f.measures)) {
			const measures = f.measures;
			q = q.where((eb) =>
				eb.or(
					measures.map((m) =>
						eb(
							m === "amount" ? "commitment.amount_minor" : "commitment.gni_share_min",
							"is not",
							null,
						),
					),
				),
			);
		}
		if (has(f.deliveryStatuses)) {
			const status = statusAt("ds", f.today ?? new Date().toISOString().slice(0, 10));
			q = q.where(
				sql<boolean>`commitment.id in (select ds.commitment_id from delivery_status ds where ${status} in (${sql.join(f.deliveryStatuses)}))`,
			);
		}
		if (f.announcedFrom) q = q.where("commitment.announced_on", ">=", f.announcedFrom);
		if (f.announcedTo) q = q.where("commitment.announced_on", "<=", f.announcedTo);
		return q;
	}

	/**
	 * The selective filters as sets of commitment ids, each read from one index (goal,
	 * target, maker, recipient; on SQLite the full-text index too): a commitment matches
	 * when it is in every set.
	 */
	private idSets(f: CommitmentFilter) {
		const sets = [];
		if (has(f.goalIds))
			sets.push(
				this.db
					.selectFrom("commitment_goal")
					.select("commitment_goal.commitment_id")
					.where("commitment_goal.goal_id", "in", f.goalIds),
			);
		if (has(f.targetIds))
			sets.push(
				this.db
					.selectFrom("commitment_target")
					.select("commitment_target.commitment_id")
					.where("commitment_target.target_id", "in", f.targetIds),
			);
		if (has(f.stakeholderIds))
			sets.push(
				this.db
					.selectFrom("commitment_maker")
					.select("commitment_maker.commitment_id")
					.where("commitment_maker.stakeholder_id", "in", f.stakeholderIds),
			);
		if (has(f.recipients)) {
			const rs = f.recipients;
			const groups = rs.filter((r) => r.kind === "group").map((r) => r.code);
			sets.push(
				this.db
					.selectFrom("commitment_recipient")
					.select("commitment_recipient.commitment_id")
					.where((eb) =>
						eb.or([
							...rs.map((r) =>
								eb.and([
									eb("commitment_recipient.kind", "=", r.kind),
									eb("commitment_recipient.code", "=", r.code),
								]),
							),
							// A group matches the pledges to its member countries too (group-membership.ts).
							...(groups.length === 0
								? []
								: [
										eb.and([
											eb("commitment_recipient.kind", "=", "country"),
											eb.exists(
												eb
													.selectFrom("recipient_group_member as m")
													.innerJoin(
														"commitment as gc",
														"gc.id",
														"commitment_recipient.commitment_id",
													)
													.select("m.group_code")
													.whereRef("m.country_code", "=", "commitment_recipient.code")
													.where("m.group_code", "in", groups)
													.where(memberIn("m", membershipYear("gc"))),
											),
										]),
									]),
						]),
					),
			);
		}
		if (onlyShares(f))
			sets.push(
				this.db
					.selectFrom("commitment")
					.select("commitment.id")
					.where("commitment.gni_share_min", "is not", null),
			);
		if (f.fts && this.dialect === "sqlite")
			sets.push(sql`(select rowid from commitment_fts where commitment_fts match ${f.fts})`);
		return sets;
	}

	/**
	 * Whether the selective filters (before status and the other columns) pick at least
	 * `n` commitments: counted from their indexes alone, to choose how to read a page.
	 */
	private async atLeast(f: CommitmentFilter, n: number): Promise<boolean> {
		const sets = this.idSets(f);
		if (sets.length === 0) return true;
		const row = await sql<{ n: unknown }>`select count(*) as n from (
				select * from (${intersection(sets)}) as matched limit ${n}
			) as capped`.execute(this.db);
		return toInt(row.rows[0]?.n ?? 0) >= n;
	}

	/** The ids of the matching commitments, as a subquery for aggregates (facets, delivery). */
	idsQuery(f: CommitmentFilter) {
		return this.filtered(f).select("commitment.id");
	}

	/** The ids of the matching commitments, read, each once. */
	async ids(f: CommitmentFilter): Promise<number[]> {
		return [...new Set((await this.idsQuery(f).execute()).map((r) => toInt(r.id)))];
	}

	async count(f: CommitmentFilter): Promise<number> {
		const row = await this.filtered(f, true)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	async page(
		f: CommitmentFilter,
		sort: CommitmentSort,
		offset: number,
		limit: number,
	): Promise<CommitmentRow[]> {
		if (this.ranksApart(sort))
			return this.rowsInOrder((await this.rankedIds(f)).slice(offset, offset + limit));
		const rows = await this.ordered(this.filtered(f).selectAll("commitment"), f, sort)
			.limit(limit)
			.offset(offset)
			.execute();
		return rows.map(toCommitmentRow);
	}

	/**
	 * A page and the number of all matches in one pass (a window count), so the filters
	 * run once; past the last page no row carries the count, and it is counted apart.
	 */
	async pageAndTotal(
		f: CommitmentFilter,
		sort: CommitmentSort,
		offset: number,
		limit: number,
	): Promise<{ rows: CommitmentRow[]; total: number }> {
		if (this.ranksApart(sort)) {
			const ids = await this.rankedIds(f);
			return { rows: await this.rowsInOrder(ids.slice(offset, offset + limit)), total: ids.length };
		}
		// Without a selective filter, or with one that still selects thousands (a country, a
		// goal, a large donor), the page comes from the sort's index in order, and a window
		// count would read every matching row in full: count apart.
		// A forum's commitments were all announced at its date: walking the date index to
		// them passes every commitment announced since (at 100,000 on PostgreSQL a 2015
		// forum's page walked 32,000 rows: 104 ms). There they are read by the forum's index
		// and sorted apart (3,327 rows: 11 ms), even where the planner would walk. SQLite
		// walks that far faster than it sorts (7 ms against 12): it keeps the walk.
		const clustered = this.dialect === "postgres" && has(f.forumIds) && inIndexOrder(sort);
		if (
			!clustered &&
			(!isSelective(f) ||
				(inIndexOrder(sort) && selectiveFilters(f) === 1 && (await this.atLeast(f, this.walkFrom))))
		) {
			const walk = { ...f, walkInOrder: true };
			const [total, rows] = await Promise.all([
				this.count(f),
				this.page(walk, sort, offset, limit),
			]);
			return { rows, total };
		}
		const rows = await this.ordered(
			this.filtered(f)
				.selectAll("commitment")
				.select((eb) => eb.fn.countAll().over().as("match_count")),
			{ ...f, sortApart: clustered },
			sort,
		)
			.limit(limit)
			.offset(offset)
			.execute();
		const first = rows[0];
		const total = first ? toInt(first.match_count) : offset > 0 ? await this.count(f) : 0;
		return { rows: rows.map(({ match_count: _, ...r }) => toCommitmentRow(r)), total };
	}

	/**
	 * SQLite's relevance order is made apart: bm25() reads the word's whole entry in the
	 * full-text index at each call, so ranking every match in ORDER BY took half a second
	 * for a common word at 100,000 commitments (20 ms this way).
	 */
	private ranksApart(sort: CommitmentSort): boolean {
		return sort === "relevance" && this.dialect === "sqlite";
	}

	/** The ids of the matches, best first (bm25, then newest id), ranked in one pass. */
	private async rankedIds(f: CommitmentFilter): Promise<number[]> {
		const ranks = await sql<{ id: unknown; rank: number }>`select rowid as id,
			bm25(commitment_fts) as rank from commitment_fts where commitment_fts match ${f.fts ?? ""}`.execute(
			this.db,
		);
		const rankOf = new Map(ranks.rows.map((r) => [toInt(r.id), Number(r.rank)]));
		const rank = (id: number) => rankOf.get(id) ?? Number.POSITIVE_INFINITY;
		return (await this.ids(f)).sort((a, b) => rank(a) - rank(b) || b - a);
	}

	/** Commitments by id, in the order given. */
	private async rowsInOrder(ids: number[]): Promise<CommitmentRow[]> {
		if (ids.length === 0) return [];
		const rows = await this.db
			.selectFrom("commitment")
			.selectAll()
			.where("id", "in", ids)
			.execute();
		const byId = new Map(rows.map((r) => [toInt(r.id), r]));
		return ids.flatMap((id) => {
			const row = byId.get(id);
			return row ? [toCommitmentRow(row)] : [];
		});
	}

	private ordered<O>(
		query: SelectQueryBuilder<Tables, "commitment", O>,
		f: CommitmentFilter,
		sort: CommitmentSort,
	): SelectQueryBuilder<Tables, "commitment", O> {
		let q = query;
		// An expression no index holds: the planner sorts the matches instead of walking.
		const announced = f.sortApart
			? sql<string>`(commitment.announced_on || '')`
			: sql.ref<string>("commitment.announced_on");
		// NULLS LAST spelled out: SQLite and PostgreSQL disagree on the default.
		switch (sort) {
			case "-announced_on":
				// SQLite sorts NULLs first, so plain DESC already puts them last and lets the
				// (announced_on, id) index give the order; PostgreSQL needs it said.
				q =
					this.dialect === "sqlite"
						? q.orderBy(announced, "desc").orderBy("commitment.id", "desc")
						: q.orderBy(announced, (o) => o.desc().nullsLast()).orderBy("commitment.id", "desc");
				break;
			case "announced_on":
				q = q.orderBy(announced, (o) => o.asc().nullsLast()).orderBy("commitment.id", "asc");
				break;
			case "title":
			case "-title": {
				// title_key is normalised by the application; compare it byte-wise on both dialects.
				const column = f.sortApart ? sql`(commitment.title_key || '')` : sql`commitment.title_key`;
				const key = this.dialect === "postgres" ? sql`${column} collate "C"` : column;
				const dir = sort === "title" ? sql`asc` : sql`desc`;
				q = q
					.orderBy(sql`${key} ${dir}`)
					.orderBy("commitment.id", sort === "title" ? "asc" : "desc");
				break;
			}
			case "id":
				q = q.orderBy("commitment.id", "asc");
				break;
			case "-id":
				q = q.orderBy("commitment.id", "desc");
				break;
			case "-committed_usd":
			case "committed_usd": {
				// The normalised amount is kept per commitment by the delivery refresh; amounts
				// in different currencies only compare once converted.
				const usd = sql`(select delivery_state.committed_constant from delivery_state where delivery_state.commitment_id = commitment.id)`;
				q = q
					.orderBy(sql`${usd} is null`)
					.orderBy(sql`${usd} ${sort === "committed_usd" ? sql`asc` : sql`desc`}`)
					.orderBy("commitment.id", "desc");
				break;
			}
			case "-gap_usd":
			case "gap_usd": {
				// What is still to deliver, kept with the status (delivery.status.refresh.ts);
				// no delivery data is no gap to rank, not a gap of zero: those come last.
				const gap = sql`(select delivery_status.gap_constant from delivery_status where delivery_status.commitment_id = commitment.id)`;
				q = q
					.orderBy(sql`${gap} is null`)
					.orderBy(sql`${gap} ${sort === "gap_usd" ? sql`asc` : sql`desc`}`)
					.orderBy("commitment.id", "desc");
				break;
			}
			case "relevance": {
				const fts = f.fts ?? "";
				q =
					this.dialect === "postgres"
						? q.orderBy(sql`ts_rank(commitment.search, to_tsquery('simple', ${fts}))`, "desc")
						: q.orderBy(
								sql`(select bm25(commitment_fts) from commitment_fts where commitment_fts match ${fts} and rowid = commitment.id)`,
								"asc",
							);
				q = q.orderBy("commitment.id", "desc");
				break;
			}
		}
		return q;
	}

	/** The parts a list item shows, for a whole page of commitments in a few queries. */
	async summaries(ids: number[]) {
		if (ids.length === 0) return { makers: [], goals: [], targets: [], recipients: [] };
		const [makers, goals, targets, recipients] = await Promise.all([
			this.db
				.selectFrom("commitment_maker")
				.innerJoin("stakeholder", "stakeholder.id", "commitment_maker.stakeholder_id")
				.select([
					"commitment_maker.commitment_id",
					"stakeholder.id",
					"stakeholder.slug",
					"stakeholder.name",
					"stakeholder.kind",
					"stakeholder.country_code",
				])
				.where("commitment_maker.commitment_id", "in", ids)
				.orderBy("commitment_maker.commitment_id")
				.orderBy("commitment_maker.position")
				.execute(),
			this.db
				.selectFrom("commitment_goal")
				.innerJoin("goal", "goal.id", "commitment_goal.goal_id")
				.select(["commitment_goal.commitment_id", "goal.id"])
				.where("commitment_goal.commitment_id", "in", ids)
				.orderBy("goal.framework")
				.orderBy("goal.position")
				.execute(),
			this.db
				.selectFrom("commitment_target")
				.innerJoin("target", "target.id", "commitment_target.target_id")
				.select(["commitment_target.commitment_id", "target.id"])
				.where("commitment_target.commitment_id", "in", ids)
				.orderBy("target.framework")
				.orderBy("target.position")
				.execute(),
			this.db
				.selectFrom("commitment_recipient")
				.select(["commitment_id", "kind", "code"])
				.where("commitment_id", "in", ids)
				.orderBy("kind")
				.orderBy("code")
				.execute(),
		]);
		return {
			makers: makers.map((m) => ({ ...m, commitment_id: toInt(m.commitment_id), id: toInt(m.id) })),
			goals: goals.map((g) => ({ ...g, commitment_id: toInt(g.commitment_id) })),
			targets: targets.map((t) => ({ ...t, commitment_id: toInt(t.commitment_id) })),
			recipients: recipients.map((r) => ({ ...r, commitment_id: toInt(r.commitment_id) })),
		};
	}
}
