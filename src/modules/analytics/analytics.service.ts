/**
 * Delivery analytics: how much of what was promised was delivered, by whom, for which
 * goal and country, and what is still missing. Reads the figures kept at write time
 * (delivery.refresh.ts); `rebuild` recomputes all of them, for a new base year or new
 * rate tables.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { bom, csvLine } from "../../interchange/csv/writer.ts";
import type { Actor } from "../../lib/actor.ts";
import { selectsEveryPublic } from "../commitments/commitments.facets.ts";
import {
	type CommitmentFilter,
	CommitmentSearchRepository,
} from "../commitments/commitments.search.repository.ts";
import type { CommitmentService } from "../commitments/commitments.service.ts";
import type { CommitmentRef } from "../commitments/commitments.visible.ts";
import { commitmentDeliveryOf } from "./analytics.commitment.ts";
import { money, usd } from "./analytics.format.ts";
import { DeliveryRebuilder } from "./analytics.rebuild.ts";
import type { CommitmentDelivery, DeliveryAggregate, DeliveryQuery } from "./analytics.schemas.ts";
import { deliverySources, makerDim } from "./delivery.compute.ts";
import {
	type Basis,
	type Clock,
	DeliveryQueryRepository,
	type FactSource,
	type GroupCount,
	type GroupFigures,
	type IdsQuery,
	noFigures,
} from "./delivery.query.repository.ts";
import { storedBaseYear } from "./delivery.refresh.ts";
import { DeliveryStoreRepository } from "./delivery.store.repository.ts";
import { compareGroups } from "./group.sort.ts";
import { countReasons } from "./roots.ts";
import { elapsedShare } from "./schedule.ts";

export interface AnalyticsOptions {
	/** Today as YYYY-MM-DD (UTC): what "expected by now" and the traffic lights refer to. */
	today?: () => string;
}

export class AnalyticsService {
	private readonly today: () => string;

	constructor(
		private readonly database: Database,
		private readonly commitments: CommitmentService,
		options: AnalyticsOptions = {},
	) {
		this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
	}

	private get db(): Kysely<Tables> {
		return this.database.db;
	}

	private clock(): Clock & { today: string } {
		const today = this.today();
		const year = Number(today.slice(0, 4));
		return { today, year, share: elapsedShare(year, today) };
	}

	// ---- aggregates ----

	/**
	 * Delivery of a selection by group. `fromFacts` sums the selection's stored facts even
	 * where the rollups keep the answer (the tests compare the two).
	 */
	async delivery(
		q: DeliveryQuery,
		options: { fromFacts?: boolean } = {},
	): Promise<DeliveryAggregate> {
		const filterGiven =
			[
				q.goal,
				q.target,
				q.stakeholder,
				q.maker_kind,
				q.forum,
				q.forum_kind,
				q.recipient,
				q.kind,
				q.measure,
				q.status,
				q.year_from,
				q.year_to,
				q.q,
			].some((v) => v !== undefined) || q.flows === "all";
		// Money that is not aid is left out of the rollups: adding it sums the facts.
		const includeNotAid = q.flows === "all";
		let ids: IdsQuery | null = null;
		let group: { dim: string; key: string } | null = null;
		// Chosen makers are credited with their own pledges, not the collective ones they
		// share (delivery.compute.ts, soleMaker): a stakeholder filter sums those.
		let source: FactSource = "roots";
		let makers: Set<string> | null = null;
		if (filterGiven) {
			const filter = await this.commitments.resolveFilter(q);
			ids = new CommitmentSearchRepository(this.db, this.database.dialect).idsQuery(filter);
			group = options.fromFacts || includeNotAid ? null : rolledUpGroup(filter);
			if (filter.stakeholderIds?.length) {
				source = "makers";
				makers = new Set(filter.stakeholderIds.map(String));
			}
		}
		const repo = new DeliveryQueryRepository(this.db);
		const clock = this.clock();
		const basis: Basis = q.basis;
		// Without filters every answer is read from the maintained totals; with filters,
		// from the stored facts of the matching commitments.
		const limit = q.limit ?? (q.format === "csv" ? 10000 : 100);
		const offset = (q.page - 1) * limit;
		const groupsOf = async (dim: string) =>
			ids
				? {
						figures: await repo.byKey(dim, basis, clock, ids, source, includeNotAid),
						// The chosen makers' total counts their commitments as each maker does
						// (its own pledges, and the collective ones apart), as the rollups do.
						counts:
							dim === "all" && makers
								? asTotal({
										figures: [],
										counts: (await repo.counts(makerDim, ids)).filter((c) => makers?.has(c.key)),
									}).counts
								: await repo.counts(dim, ids),
					}
				: await repo.totals(dim, basis, clock);
		// One maker, forum, goal or target alone: its total is a group the rollups keep (a
		// stakeholder page at 100k: a quarter of a second from its 5,000 commitments' facts).
		const all = group
			? asTotal(await repo.totals(group.dim, basis, clock, group.key))
			: await groupsOf("all");
		const totalRows = all.figures;
		const totalCounts = all.counts;
		let shown: GroupFigures[];
		let counts: GroupCount[] = [];
		let totalGroups: number;
		if (q.group_by === "year") {
			const years = (
				await repo.byYear(basis, clock, ids, group ?? undefined, source, includeNotAid)
			).sort((a, b) => Number(a.key) - Number(b.key));
			shown = years.slice(offset, offset + limit);
			totalGroups = years.length;
		} else if (!ids) {
			// Without filters the maintained totals are sorted and paged by the database.
			const page = await repo.totals(q.group_by, basis, clock, undefined, {
				offset,
				limit,
				sort: q.sort,
			});
			({ figures: shown, counts } = page);
			totalGroups = page.total;
		} else {
			let figures: GroupFigures[];
			({ figures, counts } = await groupsOf(q.group_by));
			// Groups with commitments but no money still show, with their counts.
			const seen = new Set(figures.map((f) => f.key));
			for (const c of counts) {
				if (!seen.has(c.key)) {
					seen.add(c.key);
					figures.push(noFigures(c.key));
				}
			}
			figures.sort(compareGroups(q.sort));
			shown = figures.slice(offset, offset + limit);
			totalGroups = figures.length;
		}
		const names =
			q.group_by === "year" || q.group_by === "forum_kind" || q.group_by === "flow_type"
				? new Map<string, { name: string; slug?: string }>()
				: await repo.names(
						q.group_by,
						shown.map((f) => f.key),
					);
		const countsOf = groupCounts(counts);

		const total = totalRows[0] ?? noFigures("");
		const baseYear = await storedBaseYear(this.db);
		return {
			group_by: q.group_by,
			as_of: clock.today,
			price_basis: { basis, base_year: basis === "constant" ? baseYear : null, currency: "USD" },
			filtered: filterGiven,
			total: {
				...money(total),
				counts: groupCounts(totalCounts).get("") ?? emptyCounts(),
				delivered_by_source: sourcesOf(total.sources),
			},
			groups: shown.map((f) => ({
				key: f.key,
				name: names.get(f.key)?.name ?? f.key,
				slug: names.get(f.key)?.slug ?? null,
				...money(f),
				counts: q.group_by === "year" ? null : (countsOf.get(f.key) ?? emptyCounts()),
				delivered_by_source: q.group_by === "year" ? null : sourcesOf(f.sources),
			})),
			total_groups: totalGroups,
			page: q.page,
			limit,
			notes: [
				"Only counted commitments add money; reaffirmations, parts of a collective whole, overlapping and superseded pledges add their delivery to the commitment they belong to, never a second amount.",
				...(q.group_by === "year"
					? ["By year: money committed for that year and delivered in it."]
					: [
							"A commitment in several groups (two goals, three recipients) counts in each: the groups do not add up to the total.",
						]),
				...(filterGiven
					? [
							"Filters select the commitments that carry money: a reaffirmation that matches adds nothing unless the commitment it reaffirms matches too.",
						]
					: []),
				includeNotAid
					? "flows=all: pledges that are not development aid (other official flows, guarantees) add their money too."
					: "Only development aid adds money: pledges of other official flows or guarantees (trade finance, export credits) are shown and counted apart (counts.not_aid); flows=all adds them, group_by=flow_type shows each kind apart.",
				...(q.group_by === "stakeholder" || source === "makers"
					? [
							"A maker is credited with its own pledges (made by it alone, including its part of a collective pledge) and the delivery on them. A pledge made jointly by several makers counts in the total but for none of them alone: it is collective, not split.",
						]
					: []),
			],
		};
	}

	/**
	 * How many public commitments each value's group holds (a country received, a maker
	 * made): read from the maintained totals instead of counting commitments.
	 */
	async publicCounts<T>(
		dim: string,
		values: T[],
		keyOf: (v: T) => string,
	): Promise<Map<T, number>> {
		if (values.length === 0) return new Map();
		const counts = await new DeliveryQueryRepository(this.db).publicCounts(dim, values.map(keyOf));
		return new Map(values.map((v) => [v, counts.get(keyOf(v)) ?? 0]));
	}

	/** The base year of constant prices: what "US dollars at {year} prices" refers to. */
	async baseYear(): Promise<number> {
		return storedBaseYear(this.db);
	}

	/** One group's totals at constant prices: what a country received, what a maker promised. */
	async groupSummary(dim: "recipient" | "stakeholder" | "goal" | "target" | "forum", key: string) {
		const clock = this.clock();
		const { figures: rows, counts } = await new DeliveryQueryRepository(this.db).totals(
			dim,
			"constant",
			clock,
			key,
		);
		const figures = rows[0] ?? noFigures(key);
		return {
			as_of: clock.today,
			price_basis: {
				basis: "constant" as const,
				base_year: await storedBaseYear(this.db),
				currency: "USD" as const,
			},
			...money(figures),
			counts: groupCounts(counts).get(key) ?? emptyCounts(),
		};
	}

	async deliveryCsv(q: DeliveryQuery): Promise<string> {
		const a = await this.delivery(q);
		const header = [
			"group_by",
			"key",
			"name",
			"committed_usd",
			"delivered_usd",
			"expected_usd",
			"committed_with_data_usd",
			"committed_without_data_usd",
			"gap_usd",
			...deliverySources.map((src) => `delivered_${src}_usd`),
			"ratio",
			"ratio_to_expected",
			"price_basis",
			"base_year",
			...countReasons.filter((r) => r !== "not_public"),
			"unconverted",
			"collective",
		];
		const line = (
			key: string,
			name: string,
			g: (typeof a.groups)[number] | (typeof a)["total"],
		) => [
			a.group_by,
			key,
			name,
			g.committed,
			g.delivered ?? "",
			g.expected,
			g.committed_with_data,
			g.committed_without_data,
			g.gap ?? "",
			...deliverySources.map((src) => g.delivered_by_source?.[src] ?? ""),
			g.ratio ?? "",
			g.ratio_to_expected ?? "",
			a.price_basis.basis,
			a.price_basis.base_year ?? "",
			...countReasons.filter((r) => r !== "not_public").map((r) => g.counts?.[r] ?? ""),
			g.counts?.unconverted ?? "",
			g.counts?.collective ?? "",
		];
		const rows = [
			header,
			line("", "TOTAL", a.total),
			...a.groups.map((g) => line(g.key, g.name, g)),
		];
		// The shared writer quotes and guards every cell (a group's name can come from anyone).
		return `${bom}${rows.map((r) => csvLine(r)).join("")}`;
	}

	// ---- one commitment ----

	async commitmentDelivery(ref: CommitmentRef, actor: Actor | null): Promise<CommitmentDelivery> {
		return commitmentDeliveryOf(this.db, ref, actor, this.clock().today);
	}

	/** The maintained rollups beside a full recomputation from the stored figures. */
	async rollupCheck() {
		return new DeliveryStoreRepository(this.db).rollupSnapshot();
	}

	// ---- rebuild ----

	/** Does the stored state come from other tables or another base year than these? */
	rebuildDue(): Promise<boolean> {
		return new DeliveryRebuilder(this.database).rebuildDue();
	}

	/** Recomputes everything from the records (analytics.rebuild.ts). */
	rebuild(options: { baseYear?: number; reconvert?: boolean } = {}, actor: Actor | null = null) {
		return new DeliveryRebuilder(this.database).rebuild(options, actor);
	}
}

/**
 * The group a filter selects when it is one maker, forum, goal or target of every public
 * commitment and nothing else: its figures are kept by the rollups (delivery_total and
 * delivery_rollup), the same as summing its commitments' facts.
 */
function rolledUpGroup(f: CommitmentFilter): { dim: string; key: string } | null {
	const one = [
		["stakeholder", f.stakeholderIds],
		["forum", f.forumIds],
		["goal", f.goalIds],
		["target", f.targetIds],
	].filter(([, v]) => v !== undefined && v.length > 0) as [string, (string | number)[]][];
	const [only] = one;
	if (one.length !== 1 || !only || only[1].length !== 1) return null;
	const rest = {
		...f,
		stakeholderIds: undefined,
		forumIds: undefined,
		goalIds: undefined,
		targetIds: undefined,
	};
	return selectsEveryPublic(rest) ? { dim: only[0], key: String(only[1][0]) } : null;
}

/** A group's totals as the answer's total, whose key is "". */
function asTotal(t: { figures: GroupFigures[]; counts: GroupCount[] }) {
	return {
		figures: t.figures.map((f) => ({ ...f, key: "" })),
		counts: t.counts.map((c) => ({ ...c, key: "" })),
	};
}

function sourcesOf(m: Map<string, number> | undefined) {
	return Object.fromEntries(deliverySources.map((s) => [s, usd(m?.get(s) ?? 0)])) as Record<
		(typeof deliverySources)[number],
		string
	>;
}

type Counts = Record<(typeof countReasons)[number] | "unconverted" | "collective", number>;

function emptyCounts(): Omit<Counts, "not_public"> {
	return {
		counted: 0,
		reaffirmation: 0,
		part: 0,
		overlap: 0,
		superseded: 0,
		withdrawn: 0,
		not_aid: 0,
		unconverted: 0,
		collective: 0,
	};
}

function groupCounts(rows: GroupCount[]): Map<string, Omit<Counts, "not_public">> {
	const out = new Map<string, Omit<Counts, "not_public">>();
	for (const r of rows) {
		if (r.counter === "not_public") continue;
		const c = out.get(r.key) ?? emptyCounts();
		c[r.counter as keyof typeof c] += r.n;
		out.set(r.key, c);
	}
	return out;
}
