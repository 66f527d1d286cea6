/**
 * Counts a selection of commitments by the values of one facet dimension, on either
 * dialect. The selection is the list's own filter as a subquery of ids
 * (CommitmentSearchRepository.idsQuery), so a facet counts exactly what the list shows.
 */
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../../db/dialect.ts";
import { getMeta } from "../../db/meta.ts";
import type { Tables } from "../../db/tables.ts";
import { toInt } from "../../lib/numbers.ts";
import { publicCount } from "../analytics/delivery.query.repository.ts";
import { statusAt, statusVersionKey } from "../analytics/delivery.status.repository.ts";
import { groupsViaCountries } from "../reference/group-membership.ts";
import { type FacetDimension, facetDimensions } from "./commitments.schemas.ts";
import type { CommitmentSearchRepository } from "./commitments.search.repository.ts";

export type IdsQuery = ReturnType<CommitmentSearchRepository["idsQuery"]>;
/** A selection: its query, or its ids read once for several counts. */
export type Selection = IdsQuery | number[];

export interface FacetCount {
	/**
	 * The stored key: a goal or target id, a forum or stakeholder id, `kind:code` of a
	 * recipient, a kind, a status or a year.
	 */
	key: string;
	count: number;
	/** Forums and makers: their slug and name, read in the same pass. */
	slug?: string;
	name?: string;
}

interface Row {
	key: unknown;
	n: unknown;
	slug?: string;
	name?: string;
}

/**
 * The delivery dimension that keeps each facet's counts (delivery.compute.ts, groupKeys):
 * the same name, but makers are the delivery figures' stakeholders.
 */
const storedDimension = (facet: FacetDimension): string =>
	facet === "maker" ? "stakeholder" : facet;

// Link tables have (commitment, value) as primary key: count(*) counts commitments.
const countAll = sql<number | string>`count(*)`.as("n");
const yearOf = sql<string>`substr(c.announced_on, 1, 4)`;

export class CommitmentFacetRepository {
	constructor(
		private readonly db: Kysely<Tables>,
		/** The day delivery statuses are read for (status.terms.ts). */
		private readonly today: string,
	) {}

	async counts(dimension: FacetDimension, selection: Selection): Promise<FacetCount[]> {
		return (await this.rows(dimension, this.membership(selection))).map((r) => ({
			key: String(r.key),
			count: toInt(r.n),
			...(r.slug === undefined ? {} : { slug: r.slug, name: r.name }),
		}));
	}

	/** Ids read already go back as one parameter, however many: a JSON array, or an array. */
	private membership(selection: Selection) {
		if (!Array.isArray(selection)) return selection;
		return isPostgres(this.db)
			? sql<number>`(select unnest(cast(${selection} as integer[])))`
			: sql<number>`(select value from json_each(${JSON.stringify(selection)}))`;
	}

	private rows(
		dimension: FacetDimension,
		ids: IdsQuery | ReturnType<CommitmentFacetRepository["membership"]>,
	): Promise<Row[]> {
		const commitments = this.db.selectFrom("commitment as c").where("c.id", "in", ids);
		const forums = commitments.innerJoin("forum as f", "f.id", "c.forum_id");
		const makers = this.db
			.selectFrom("commitment_maker as m")
			.innerJoin("stakeholder as s", "s.id", "m.stakeholder_id")
			.where("m.commitment_id", "in", ids);
		switch (dimension) {
			case "goal":
				return this.db
					.selectFrom("commitment_goal as g")
					.select(["g.goal_id as key", countAll])
					.where("g.commitment_id", "in", ids)
					.groupBy("g.goal_id")
					.execute();
			case "target":
				return this.db
					.selectFrom("commitment_target as t")
					.select(["t.target_id as key", countAll])
					.where("t.commitment_id", "in", ids)
					.groupBy("t.target_id")
					.execute();
			case "recipient": {
				// Its own recipients, and the groups its countries belonged to (group-membership.ts),
				// each once per commitment: a pledge to Tanzania and to the LDCs counts once for the LDCs.
				const own = this.db
					.selectFrom("commitment_recipient as r")
					.select(["r.commitment_id", sql<string>`r.kind || ':' || r.code`.as("key")])
					.where("r.commitment_id", "in", ids);
				const viaCountries = groupsViaCountries(this.db, ids);
				return this.db
					.selectFrom(own.union(viaCountries).as("k"))
					.select(["k.key", countAll])
					.groupBy("k.key")
					.execute();
			}
			case "maker":
				return makers
					.select(["s.id as key", "s.slug", "s.name", countAll])
					.groupBy(["s.id", "s.slug", "s.name"])
					.execute();
			case "maker_kind":
				// Two makers of one kind are still one commitment.
				return makers
					.select((eb) => ["s.kind as key", eb.fn.count("m.commitment_id").distinct().as("n")])
					.groupBy("s.kind")
					.execute();
			case "forum":
				return forums
					.select(["f.id as key", "f.slug", "f.name", countAll])
					.groupBy(["f.id", "f.slug", "f.name"])
					.execute();
			case "forum_kind":
				return forums.select(["f.kind as key", countAll]).groupBy("f.kind").execute();
			case "kind":
				return commitments.select(["c.kind as key", countAll]).groupBy("c.kind").execute();
			case "status":
				return commitments.select(["c.status as key", countAll]).groupBy("c.status").execute();
			case "delivery":
				return this.byDeliveryStatus(ids).execute();
			case "year":
				return commitments
					.select([yearOf.as("key"), countAll])
					.where("c.announced_on", "is not", null)
					.groupBy(yearOf)
					.execute();
		}
	}

	/**
	 * Stored statuses (one per public commitment) counted by their status on the day. The
	 * status is computed in a subquery: PostgreSQL does not match a GROUP BY expression
	 * whose parameters are bound apart from the select's.
	 */
	private byDeliveryStatus(ids?: IdsQuery | ReturnType<CommitmentFacetRepository["membership"]>) {
		let statuses = this.db
			.selectFrom("delivery_status as ds")
			.select(statusAt("ds", this.today).as("key"));
		if (ids !== undefined) statuses = statuses.where("ds.commitment_id", "in", ids);
		return this.db.selectFrom(statuses.as("st")).select(["st.key", countAll]).groupBy("st.key");
	}

	/**
	 * The facet counts of every public commitment, as the delivery rollups keep them
	 * (delivery_total: one row per group, its commitments counted by the reason they count
	 * or not): one indexed read instead of ten counts over the whole registry. Null when the
	 * rollups do not hold the facets yet (a database migrated but not yet rebuilt).
	 */
	async countsOfEveryPublic(): Promise<{
		total: number;
		counts: Record<FacetDimension, FacetCount[]>;
	} | null> {
		const rows = await this.db
			.selectFrom("delivery_total")
			.select(["dim", "key", publicCount.as("n")])
			.where("dim", "in", ["all", ...facetDimensions.map(storedDimension)])
			.execute();
		const counts = Object.fromEntries(
			facetDimensions.map((d) => [d, [] as FacetCount[]]),
		) as Record<FacetDimension, FacetCount[]>;
		const facetOf = new Map(facetDimensions.map((f) => [storedDimension(f), f]));
		let total = 0;
		for (const r of rows) {
			const n = toInt(r.n);
			if (r.dim === "all") {
				total = n;
				continue;
			}
			const facet = facetOf.get(r.dim);
			if (facet && n > 0) counts[facet].push({ key: r.key, count: n });
		}
		// Forums and makers are shown by name: read in one query each, by id.
		for (const [facet, table] of [
			["forum", "forum"],
			["maker", "stakeholder"],
		] as const) {
			const refs = new Map(
				(
					await this.refs(
						table,
						counts[facet].map((c) => Number(c.key)),
					)
				).map((r) => [r.key, r]),
			);
			for (const c of counts[facet]) {
				const ref = refs.get(c.key);
				c.slug = ref?.slug ?? "";
				c.name = ref?.name ?? "";
			}
		}
		// Every public commitment has a status: none counted means the keys are not built yet.
		if (total > 0 && counts.status.length === 0) return null;
		return { total, counts };
	}

	/**
	 * Every public commitment by its delivery status on the day: statuses depend on the
	 * day, so the rollups cannot keep them; each public commitment has one stored row.
	 */
	async deliveryCountsOfEveryPublic(): Promise<FacetCount[]> {
		return (await this.byDeliveryStatus().execute()).map((r) => ({
			key: String(r.key),
			count: toInt(r.n),
		}));
	}

	/** The version of the stored statuses (delivery.status.repository.ts): a count of them holds while it does. */
	statusVersion(): Promise<string | null> {
		return getMeta(this.db, statusVersionKey);
	}

	/** Slugs and names of forums or stakeholders: for selected ones the selection no longer counts. */
	async refs(table: "forum" | "stakeholder", ids: number[]): Promise<FacetCount[]> {
		if (ids.length === 0) return [];
		const rows = await this.db
			.selectFrom(table)
			.select(["id", "slug", "name"])
			.where("id", "in", ids)
			.execute();
		return rows.map((r) => ({ key: String(r.id), count: 0, slug: r.slug, name: r.name }));
	}
}
