/**
 * From the records to the delivery figures, for a closed group of related commitments:
 * each commitment's normalised schedule and delivery by year, its place in the relation
 * graph, the groups it belongs to, and what each root adds to the totals. Pure: the
 * repositories load the inputs and store the outputs.
 */
import { type ConversionStatus, type Converter, worseStatus } from "./conversion.ts";
import { increaseScheduleOf } from "./increase.measure.ts";
import { type CountReason, placeCommitments, treeReasons } from "./roots.ts";
import { coveredShareOfYear, type Period, scheduleShares, splitAmount } from "./schedule.ts";
import {
	measureShare,
	millionsToCents,
	type ProviderInfo,
	type ShareMeasurement,
	type StatTable,
	shareTargetOf,
} from "./share.measure.ts";

export interface CommitmentInputs {
	id: number;
	status: string;
	/** financial, policy or both. */
	kind: string;
	amount_minor: number | null;
	currency: string | null;
	amount_frequency: string | null;
	price_basis: string | null;
	price_base_year: number | null;
	period_start: string | null;
	period_end: string | null;
	announced_on: string | null;
	/** A target stated as a share of national income (percent), measured on official statistics. */
	gni_share_min: number | null;
	gni_share_max: number | null;
	/** An amount that is an increase of annual delivery over this year, reached by period_end. */
	increase_over_year: number | null;
	/** Statistic providers of the makers (a country, or a collective such as the DAC). */
	share_providers: string[];
	/** Makers with no statistic provider at all (a foundation, "other donors"). */
	makers_without_provider: number;
	forum_id: number | null;
	forum_kind: string | null;
	/** The deflator series of the first maker (donorSeriesName). */
	donor: string;
	goals: string[];
	targets: string[];
	makers: number[];
	/** The kinds of its makers (government, multilateral, ...), each once. */
	maker_kinds: string[];
	groups: string[];
	recipients: string[];
	/**
	 * Recipient groups its countries belonged to when it was made (group:LDC for a pledge to
	 * Tanzania): counted under the group like a pledge to the group itself.
	 */
	recipient_groups: string[];
	/** oda, oof or guarantee (commitments.schemas.ts, flowTypes): only oda is aid. */
	flow_type: string;
}

export interface ReportInputs {
	id: number;
	commitment_id: number;
	donor: string;
	period_start: string;
	period_end: string;
	disbursed_minor: number | null;
	currency: string | null;
	created_at: string;
	years: { year: number; amount_minor: number }[];
}

/** Linked transactions of one commitment in one year: sums of usd x share_bp (BigInt, exact). */
export interface IatiYear {
	commitment_id: number;
	year: number;
	current: bigint;
	constant: bigint;
	unconverted: number;
	/** The latest transaction date of the year: published data may stop before its end. */
	through: string;
}

export interface Relation {
	from_id: number;
	to_id: number;
	kind: string;
	/** The part of from's money it holds for (0 < share < 1); null or absent: all of it. */
	share?: number | null;
}

export interface YearFigures {
	year: number;
	committed_current: number;
	committed_constant: number;
	delivered_current: number;
	delivered_constant: number;
	source: DeliverySource | null;
	/** The last day the year's data covers, when it stops before the year ends (IATI). */
	through?: string;
}

/** Where a year's delivery comes from; official statistics measure share-of-income targets. */
export const deliverySources = ["report", "iati", "statistics"] as const;
export type DeliverySource = (typeof deliverySources)[number];

/**
 * The money columns of a fact and of the rollups: committed and delivered, and delivered
 * again by source, so an aggregate reads where its delivery came from in the same row.
 */
export const factMoney = [
	"committed_current",
	"committed_constant",
	"delivered_current",
	"delivered_constant",
	"delivered_report_current",
	"delivered_report_constant",
	"delivered_iati_current",
	"delivered_iati_constant",
	"delivered_statistics_current",
	"delivered_statistics_constant",
	// Committed in the years that have delivery data: what a gap and a share delivered are
	// computed over, so that a promise nobody reported on is "no data", not "0 delivered".
	"committed_covered_current",
	"committed_covered_constant",
] as const;
export type FactMoney = Record<(typeof factMoney)[number], number>;
export const zeroFactMoney = (): FactMoney =>
	Object.fromEntries(factMoney.map((m) => [m, 0])) as FactMoney;

/** What a root adds to totals in a year: its schedule and its tree's delivery, by source. */
export interface FactFigures extends FactMoney {
	year: number;
}

/** A year of a maker's own pledge: what it adds to the stakeholder's figures. */
export interface MakerFact extends FactFigures {
	stakeholder_id: number;
}

/** The official statistics and their providers, for the share-of-income targets. */
export interface StatisticsInputs {
	table: StatTable;
	providers: ProviderInfo[];
}

export interface DeliveryState {
	commitment_id: number;
	root_id: number;
	reason: CountReason;
	conversion: ConversionStatus;
	value_year: number | null;
	committed_current: number | null;
	committed_constant: number | null;
	delivered_current: number;
	delivered_constant: number;
	unconverted: number;
	last_report_on: string | null;
}

export interface ReportMoney {
	id: number;
	usd_current: number | null;
	usd_constant: number | null;
	conversion: ConversionStatus;
	years: {
		year: number;
		usd_current: number | null;
		usd_constant: number | null;
		conversion: ConversionStatus;
	}[];
}

export interface GroupKey {
	dim: string;
	key: string;
	/**
	 * Counted in this group for another reason than the commitment's own: for a maker, its
	 * own pledge inside a collective one is "counted" (it carries the maker's money), and a
	 * pledge made jointly with others is "collective" (soleMaker).
	 */
	reason?: KeyReason;
}

/** Why a commitment counts as it does in one group: its own reason, or collective. */
export type KeyReason = CountReason | "collective";

export interface DeliveryOutputs {
	states: DeliveryState[];
	years: Map<number, YearFigures[]>;
	keys: Map<number, GroupKey[]>;
	/** Root id -> what it adds to totals, by year. */
	facts: Map<number, FactFigures[]>;
	/** Commitment id -> what it adds to its maker's own figures, by year (soleMaker). */
	makerFacts: Map<number, MakerFact[]>;
	reports: ReportMoney[];
}

export const groupDims = [
	"all",
	"goal",
	"target",
	"stakeholder",
	"stakeholder_group",
	"forum",
	"forum_kind",
	"recipient",
	// The explorer's other facets: counted here, with the rest, so that the explorer over
	// every public commitment reads its counts instead of counting 100,000 rows ten times.
	"kind",
	"status",
	"year",
	// What kind of money: the one dimension where pledges that are not aid carry money.
	"flow_type",
	"maker_kind",
] as const;
export type GroupDim = (typeof groupDims)[number];

/**
 * The makers' dimension: its money is each maker's own pledges (makerFacts), while its
 * counts, like every other group's, are of every public commitment the maker made.
 */
export const makerDim: GroupDim = "stakeholder";

/** Public commitments belong to groups; drafts belong to none. */
export function groupKeys(c: CommitmentInputs): GroupKey[] {
	if (!["published", "completed", "withdrawn"].includes(c.status)) return [];
	const keys: GroupKey[] = [{ dim: "all", key: "" }];
	const add = (dim: GroupDim, values: (string | number)[]) => {
		for (const v of new Set(values.map(String))) keys.push({ dim, key: v });
	};
	add("goal", c.goals);
	add("target", c.targets);
	add("stakeholder", c.makers);
	add("stakeholder_group", c.groups);
	if (c.forum_id !== null) add("forum", [c.forum_id]);
	if (c.forum_kind !== null) add("forum_kind", [c.forum_kind]);
	add("recipient", [...c.recipients, ...c.recipient_groups]);
	add("kind", [c.kind]);
	add("status", [c.status]);
	// The year it was announced, as the explorer's year facet counts it.
	if (c.announced_on !== null) add("year", [c.announced_on.slice(0, 4)]);
	add("maker_kind", c.maker_kinds);
	add("flow_type", [c.flow_type]);
	// A pledge made jointly: each maker counts it as collective, never as its own money.
	if (c.makers.length > 1)
		for (const k of keys)
			if (k.dim === makerDim && c.status !== "withdrawn") k.reason = "collective";
	// Money that is not aid counts in every group as "not aid", with no money, and carries
	// its money under its kind of money alone (methodology 5b).
	if (c.flow_type !== "oda" && c.status !== "withdrawn")
		for (const k of keys) if (k.dim !== "flow_type") k.reason = "not_aid";
	return keys;
}

/** floor((s + 5000) / 10000): basis points to whole cents, half up, exact for any sign. */
export function fromBasisPoints(s: bigint): number {
	const n = s + 5000n;
	const q = n / 10000n;
	return Number(n % 10000n < 0n ? q - 1n : q);
}

const converted = (s: ConversionStatus) => s === "ok" || s === "provisional" || s === "measured";
const failed = (s: ConversionStatus) =>
	s === "no_rate" || s === "no_currency" || s === "no_year" || s === "no_statistics";

interface Money2 {
	current: number;
	constant: number;
}

/**
 * A share-of-income target in money: for each year it is due and measured, committed is
 * GNI x target and delivered is the ODA the statistics give, both at current prices of
 * the year and moved to the base year with the maker's deflator.
 */
function shareScheduleOf(
	c: CommitmentInputs,
	statistics: StatisticsInputs,
	converter: Converter,
): {
	rows: Map<number, { committed: Money2; delivered: Money2 }>;
	status: ConversionStatus;
	missing: number;
	measurement: ShareMeasurement;
} {
	const target = shareTargetOf({ ...c, recipients: c.recipients }) as NonNullable<
		ReturnType<typeof shareTargetOf>
	>;
	const subject = {
		providers: c.share_providers
			.map((code) => statistics.providers.find((p) => p.code === code))
			.filter((p): p is ProviderInfo => p !== undefined),
		all: statistics.providers,
	};
	const measurement = measureShare(target, subject, statistics.table);
	const rows = new Map<number, { committed: Money2; delivered: Money2 }>();
	let status: ConversionStatus = "measured";
	const usd = (cents: number, year: number): Money2 => {
		const v = converter.toUsd(cents, "USD", year, c.donor);
		if (v.status !== "ok" && v.status !== "provisional") status = worseStatus(status, v.status);
		return { current: v.current ?? 0, constant: v.constant ?? 0 };
	};
	for (const y of measurement.years) {
		if (!y.due || y.oda === null || y.gni === null) continue;
		rows.set(y.year, {
			committed: usd(millionsToCents((y.gni * target.min) / 100), y.year),
			delivered: usd(millionsToCents(y.oda), y.year),
		});
	}
	if (rows.size === 0) status = "no_statistics";
	if (!converted(status)) rows.clear();
	return { rows, status, missing: measurement.missing_years.length ? 1 : 0, measurement };
}

function scheduleOf(c: CommitmentInputs, converter: Converter) {
	const rows = new Map<number, { current: number; constant: number }>();
	if (c.amount_minor === null)
		return { rows, status: "no_amount" as ConversionStatus, valueYear: null };
	const shares = scheduleShares({
		frequency: c.amount_frequency === "annual" ? "annual" : "total",
		periodStart: c.period_start,
		periodEnd: c.period_end,
		announcedOn: c.announced_on,
	});
	if (shares.length === 0) return { rows, status: "no_year" as ConversionStatus, valueYear: null };
	let status: ConversionStatus = "ok";
	const basis =
		c.price_basis === "constant" && c.price_base_year !== null
			? ({ basis: "constant", baseYear: c.price_base_year } as const)
			: ({ basis: "current" } as const);
	for (const part of splitAmount(c.amount_minor, shares)) {
		const v = converter.toUsd(part.minor, c.currency, part.year, c.donor, basis);
		status = worseStatus(status, v.status);
		rows.set(part.year, { current: v.current ?? 0, constant: v.constant ?? 0 });
	}
	// One year that fails makes the whole amount unconverted: a partial sum would mislead.
	if (!converted(status)) rows.clear();
	const valueYear = basis.basis === "constant" ? basis.baseYear : (shares[0]?.year ?? null);
	return { rows, status, valueYear };
}

function reportMoney(r: ReportInputs, converter: Converter): ReportMoney {
	const parts =
		r.years.length > 0
			? r.years.map((y) => ({ year: y.year, minor: y.amount_minor }))
			: r.disbursed_minor !== null
				? splitAmount(
						r.disbursed_minor,
						scheduleShares({
							frequency: "total",
							periodStart: r.period_start,
							periodEnd: r.period_end,
							announcedOn: null,
						}),
					)
				: [];
	let status: ConversionStatus = r.disbursed_minor === null ? "no_amount" : "ok";
	let current: number | null = 0;
	let constant: number | null = 0;
	const years = parts.map((p) => {
		const v = converter.toUsd(p.minor, r.currency, p.year, r.donor);
		status = worseStatus(status, v.status);
		if (v.current === null || v.constant === null || current === null || constant === null) {
			current = null;
			constant = null;
		} else {
			current += v.current;
			constant += v.constant;
		}
		return { year: p.year, usd_current: v.current, usd_constant: v.constant, conversion: v.status };
	});
	if (r.disbursed_minor === null) [current, constant] = [null, null];
	return { id: r.id, usd_current: current, usd_constant: constant, conversion: status, years };
}

export function computeDelivery(
	commitments: CommitmentInputs[],
	reports: ReportInputs[],
	iati: IatiYear[],
	relations: Relation[],
	converter: Converter,
	statistics: StatisticsInputs | null = null,
): DeliveryOutputs {
	// A relation for part of a commitment's money does not place it: it stays its own root
	// and shares that part with the other's root (partialWeights).
	const placements = placeCommitments(
		commitments,
		relations.filter((r) => !r.share),
	);
	const reportsOf = new Map<number, ReportInputs[]>();
	for (const r of reports)
		reportsOf.set(r.commitment_id, [...(reportsOf.get(r.commitment_id) ?? []), r]);
	const iatiOf = new Map<number, IatiYear[]>();
	for (const t of iati) iatiOf.set(t.commitment_id, [...(iatiOf.get(t.commitment_id) ?? []), t]);

	const out: DeliveryOutputs = {
		states: [],
		years: new Map(),
		keys: new Map(),
		facts: new Map(),
		makerFacts: new Map(),
		reports: [],
	};
	for (const c of commitments) {
		const share =
			c.gni_share_min !== null && c.amount_minor === null && statistics
				? shareScheduleOf(c, statistics, converter)
				: null;
		const increase =
			!share && c.increase_over_year !== null && c.amount_minor !== null
				? increaseScheduleOf(c, statistics, converter)
				: null;
		const schedule = increase
			? increase.schedule
			: share
				? {
						rows: new Map(
							[...share.rows].map(([y, r]) => [
								y,
								{ current: r.committed.current, constant: r.committed.constant },
							]),
						),
						status: share.status,
						valueYear: null,
					}
				: scheduleOf(c, converter);
		let unconverted = (failed(schedule.status) ? 1 : 0) + (share?.missing ?? 0);
		const yearRows = new Map<number, YearFigures>();
		const row = (year: number): YearFigures => {
			let r = yearRows.get(year);
			if (!r) {
				r = {
					year,
					committed_current: 0,
					committed_constant: 0,
					delivered_current: 0,
					delivered_constant: 0,
					source: null,
				};
				yearRows.set(year, r);
			}
			return r;
		};
		for (const [year, v] of schedule.rows) {
			const r = row(year);
			r.committed_current = v.current;
			r.committed_constant = v.constant;
		}
		// A share-of-income target is delivered by what the official statistics measure; the
		// maker's reports and linked activities are part of that same aid, so not added again.
		for (const [year, r] of share?.rows ?? []) {
			const y = row(year);
			y.delivered_current += r.delivered.current;
			y.delivered_constant += r.delivered.constant;
			y.source = "statistics";
		}
		// An increase is delivered by how much more the makers gave in its target year than
		// in its baseline year: the statistics' ODA when they measure it, else what the
		// makers report for the target year (increase.measure.ts).
		if (increase?.delivered) {
			const y = row(increase.delivered.year);
			y.delivered_current += increase.delivered.current;
			y.delivered_constant += increase.delivered.constant;
			y.source = "statistics";
		}
		const measured = share !== null || increase?.delivered != null;
		// Published IATI disbursements take precedence, year by year, over the maker's own
		// figures: the same money reported both ways is counted once. IATI gives what was
		// disbursed, not how much more than in a baseline year: it does not measure increases.
		const iatiYears = new Set<number>();
		for (const t of share || increase ? [] : (iatiOf.get(c.id) ?? [])) {
			iatiYears.add(t.year);
			unconverted += t.unconverted;
			const r = row(t.year);
			r.delivered_current += fromBasisPoints(t.current);
			r.delivered_constant += fromBasisPoints(t.constant);
			r.source = "iati";
			r.through = t.through;
		}
		let lastReport: string | null = null;
		for (const rep of reportsOf.get(c.id) ?? []) {
			const money = reportMoney(rep, converter);
			out.reports.push(money);
			const day = rep.created_at.slice(0, 10);
			if (lastReport === null || day > lastReport) lastReport = day;
			for (const y of money.years) {
				if (measured || iatiYears.has(y.year)) continue;
				// A report on an increase states the increase reached: only its target year counts.
				if (increase && y.year !== increase.targetYear) continue;
				if (y.usd_current === null || y.usd_constant === null) {
					unconverted++;
					continue;
				}
				const r = row(y.year);
				r.delivered_current += y.usd_current;
				r.delivered_constant += y.usd_constant;
				r.source = "report";
			}
		}
		const years = [...yearRows.values()].sort((a, b) => a.year - b.year);
		const sum = (k: keyof Omit<YearFigures, "year" | "source" | "through">) =>
			years.reduce((a, y) => a + y[k], 0);
		const place = placements.get(c.id) ?? { rootId: c.id, reason: "not_public" as const };
		const hasMoney = converted(schedule.status);
		out.states.push({
			commitment_id: c.id,
			root_id: place.rootId,
			reason: place.reason,
			conversion: schedule.status,
			value_year: schedule.valueYear,
			committed_current: hasMoney ? sum("committed_current") : null,
			committed_constant: hasMoney ? sum("committed_constant") : null,
			delivered_current: sum("delivered_current"),
			delivered_constant: sum("delivered_constant"),
			unconverted,
			last_report_on: lastReport,
		});
		out.years.set(c.id, years);
		out.keys.set(c.id, groupKeys(c));
	}

	// A root adds its own schedule and the delivery of its whole tree.
	const members = new Map<number, number[]>();
	const children = new Map<number, number[]>();
	for (const s of out.states) {
		if (!treeReasons.includes(s.reason)) continue;
		members.set(s.root_id, [...(members.get(s.root_id) ?? []), s.commitment_id]);
		const parent = placements.get(s.commitment_id)?.parentId;
		if (parent != null) children.set(parent, [...(children.get(parent) ?? []), s.commitment_id]);
	}
	const reasonOf = new Map(out.states.map((s) => [s.commitment_id, s.reason]));
	const periods = new Map(
		commitments.map((c) => [c.id, { start: c.period_start, end: c.period_end } as Period]),
	);
	const periodOf = (id: number): Period => periods.get(id) ?? { start: null, end: null };
	const factsOf = (rootId: number, ids: number[]) =>
		treeFacts(rootId, new Map(ids.map((id) => [id, 1])), out.years, reasonOf, periodOf(rootId));
	const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
	const shared = partialWeights(relations, placements, members, subtree);
	for (const s of out.states) {
		if (s.reason !== "counted") continue;
		const own = members.get(s.commitment_id) ?? [];
		out.facts.set(
			s.commitment_id,
			treeFacts(
				s.commitment_id,
				shared.delivered.get(s.commitment_id) ?? new Map(own.map((id) => [id, 1])),
				out.years,
				reasonOf,
				periodOf(s.commitment_id),
				new Set(own),
				shared.committed.get(s.commitment_id),
			),
		);
	}

	// What each maker promised and delivered on its own (makerFacts).
	const byId = new Map(commitments.map((c) => [c.id, c]));
	for (const s of out.states) {
		if (!treeReasons.includes(s.reason)) continue;
		// A pledge below one that is not aid (a part of a guarantee) is not its maker's aid either.
		if (byId.get(s.root_id)?.flow_type !== "oda") continue;
		const maker = soleMaker(byId.get(s.commitment_id));
		if (maker === null) continue;
		let above = placements.get(s.commitment_id)?.parentId ?? null;
		while (above !== null && soleMaker(byId.get(above)) !== maker)
			above = placements.get(above)?.parentId ?? null;
		// Already in the maker's figures through a pledge of its own that this one belongs to.
		if (above !== null) continue;
		// It carries the maker's money, whatever its place among the roots.
		if (s.reason !== "counted")
			for (const k of out.keys.get(s.commitment_id) ?? [])
				if (k.dim === makerDim) k.reason = "counted";
		const facts = factsOf(s.commitment_id, subtree(s.commitment_id));
		out.makerFacts.set(
			s.commitment_id,
			facts.map((f) => ({ ...f, stakeholder_id: maker })),
		);
	}
	return out;
}

/**
 * A maker's own pledges and its delivery on them, apart from the promises it shares
 * with others. A commitment with one maker is that maker's own: it counts for the maker
 * with the delivery of the commitments below it (its reaffirmations, its parts), even
 * when it is itself one donor's part of a collective pledge, unless a pledge of the
 * same maker above it already counts it. A commitment of several makers is collective:
 * its promise is not split between them (no source states the shares; a member's stated
 * share is recorded as its own pledge, part of the collective one), so it counts for
 * none of them. The stakeholder figures are these; every other group counts the roots.
 */
export function soleMaker(c: CommitmentInputs | undefined): number | null {
	return c?.makers.length === 1 ? (c.makers[0] ?? null) : null;
}

/**
 * Relations for part of a commitment's money (share): that part of the commitment, with
 * its tree below it, moves from the root that holds it (its own, or the one it is wholly
 * placed under) to the root of the commitment it is related to, which already holds the
 * promise. So the first root's promise drops by the share of the commitment's, and its
 * delivery weighs the commitment's tree at 1 - share; the other root's delivery weighs
 * that tree at the share, its promise unchanged. Every promise and every delivery still
 * counts once. Roots with no such relation are left out: they weigh their own tree 1.
 */
function partialWeights(
	relations: Relation[],
	placements: Map<number, { rootId: number; reason: CountReason; parentId: number | null }>,
	members: Map<number, number[]>,
	subtree: (id: number) => number[],
): { delivered: Map<number, Map<number, number>>; committed: Map<number, Map<number, number>> } {
	const live = (id: number) => {
		const p = placements.get(id);
		return p !== undefined && treeReasons.includes(p.reason);
	};
	const delivered = new Map<number, Map<number, number>>();
	const committed = new Map<number, Map<number, number>>();
	const weightsOf = (root: number) => {
		let m = delivered.get(root);
		if (!m) {
			m = new Map((members.get(root) ?? []).map((x) => [x, 1]));
			delivered.set(root, m);
		}
		return m;
	};
	// The parts of one commitment are shares of the whole of it: they move together, each
	// its share of what the first root held of its tree before any of them. A part of a
	// record that an earlier move already shared (parts that nest) takes its share of what
	// is left. So every record's weights add up to 1, and a root's promise drops by the
	// same fraction of a commitment as its delivery does (in a fixed order).
	const partial = relations
		.filter((r) => r.share && live(r.from_id) && live(r.to_id))
		.sort((a, b) => a.from_id - b.from_id || a.to_id - b.to_id);
	const byFrom = new Map<number, Relation[]>();
	for (const r of partial) byFrom.set(r.from_id, [...(byFrom.get(r.from_id) ?? []), r]);
	for (const [fromId, parts] of byFrom) {
		const from = placements.get(fromId)?.rootId ?? fromId;
		const held = weightsOf(from);
		const tree = subtree(fromId);
		const before = new Map(tree.map((id) => [id, held.get(id) ?? 0]));
		for (const r of parts) {
			const share = r.share ?? 0;
			const to = placements.get(r.to_id)?.rootId ?? r.to_id;
			if (from === to) continue;
			const gets = weightsOf(to);
			for (const id of tree) {
				const moved = share * (before.get(id) ?? 0);
				held.set(id, (held.get(id) ?? 0) - moved);
				gets.set(id, (gets.get(id) ?? 0) + moved);
			}
			const promise = committed.get(from) ?? new Map([[from, 1]]);
			const kept = promise.get(fromId) ?? (fromId === from ? 1 : 0);
			promise.set(fromId, kept - share * (before.get(fromId) ?? 0));
			committed.set(from, promise);
		}
	}
	return { delivered, committed };
}

/**
 * What a commitment adds with the commitments below it (a root with its whole tree, or a
 * maker's own pledge with its part of the tree), by year: its own schedule and all
 * their delivery, each member weighed (partialWeights; 1 for a whole tree).
 */
function treeFacts(
	rootId: number,
	weights: Map<number, number>,
	yearsOf: Map<number, YearFigures[]>,
	reasonOf: Map<number, CountReason>,
	/** The root's period, to tell how much of a year's promise data that stops mid-year covers. */
	period: Period,
	/** The root's own tree, when others' trees are shared with it: theirs cover a part only. */
	own?: ReadonlySet<number>,
	/** Whose promises it adds, weighed: its own alone by default, less what it shares. */
	promises: ReadonlyMap<number, number> = new Map([[rootId, 1]]),
): FactFigures[] {
	const byYear = new Map<number, FactFigures>();
	const coverage = newCoverage();
	const scale = (cents: number, weight: number) =>
		weight === 1 ? cents : Math.round(cents * weight);
	for (const [id, weight] of promises) {
		if (weight === 0) continue;
		for (const y of yearsOf.get(id) ?? []) {
			const f = byYear.get(y.year) ?? { year: y.year, ...zeroFactMoney() };
			byYear.set(y.year, f);
			f.committed_current += scale(y.committed_current, weight);
			f.committed_constant += scale(y.committed_constant, weight);
		}
	}
	for (const [id, weight] of weights) {
		if (weight <= 0) continue;
		const w = (cents: number) => scale(cents, weight);
		const shared = own !== undefined && !own.has(id);
		for (const y of yearsOf.get(id) ?? []) {
			const f = byYear.get(y.year) ?? { year: y.year, ...zeroFactMoney() };
			byYear.set(y.year, f);
			if (id !== rootId && y.source === "statistics") {
				// Statistics measure each maker's whole aid: a reaffirming target's ODA is
				// already in its root's measure (or is another measure of the same aid).
				continue;
			}
			f.delivered_current += w(y.delivered_current);
			f.delivered_constant += w(y.delivered_constant);
			if (y.source) {
				f[`delivered_${y.source}_current`] += w(y.delivered_current);
				f[`delivered_${y.source}_constant`] += w(y.delivered_constant);
				cover(coverage, id, y, id === rootId ? "counted" : shared ? "part" : reasonOf.get(id));
			}
		}
	}
	const facts = [...byYear.values()].sort((a, b) => a.year - b.year);
	coveredMoney(coverage, facts, yearsOf, weights, period);
	return facts;
}

/**
 * Which of a root's committed money has delivery data. Delivery is known up to the latest
 * year that a report, a linked IATI activity or the statistics cover: reports are most
 * often cumulative ("by 2012, US$1.1 billion disbursed"), and a promise placed in its
 * announcement year is paid in the years after. The root's own data, or that of a record
 * of the same promise (a reaffirmation, an overlap, a superseded pledge), covers the
 * root's promise up to its latest year; a part's (one donor's share of a joint pledge)
 * covers only that part's promise up to its latest year, so that one donor's report does
 * not make the rest of the pledge look unpaid.
 */
interface Coverage {
	/** The last day with data of the root or of a record of the same promise. */
	wholeThrough: string | null;
	/** Each part with data: its latest year. */
	parts: Map<number, number>;
}

const newCoverage = (): Coverage => ({ wholeThrough: null, parts: new Map() });

/** A year's data covers it to its end, unless it says it stops before (IATI published so far). */
function cover(c: Coverage, id: number, y: YearFigures, reason: CountReason | undefined): void {
	if (reason !== "part") {
		const through = y.through ?? `${y.year}-12-31`;
		if (c.wholeThrough === null || through > c.wholeThrough) c.wholeThrough = through;
	} else c.parts.set(id, Math.max(c.parts.get(id) ?? y.year, y.year));
}

/** Sets each year's committed_covered_* of a root's facts. */
function coveredMoney(
	c: Coverage,
	facts: FactFigures[],
	yearsOf: Map<number, YearFigures[]>,
	weights: Map<number, number>,
	period: Period,
): void {
	const through = c.wholeThrough;
	const upTo = through === null ? null : Number(through.slice(0, 4));
	for (const basis of ["current", "constant"] as const) {
		const committed = `committed_${basis}` as const;
		const covered = `committed_covered_${basis}` as const;
		for (const f of facts)
			f[covered] =
				upTo === null || through === null || f.year > upTo
					? 0
					: f.year < upTo
						? f[committed]
						: Math.round(f[committed] * coveredShareOfYear(f.year, through, period));
		// The parts' promises up to their latest year of data, spread over the rest of the
		// root's promise in proportion to it, and never more than that rest.
		let parts = 0;
		for (const [id, upTo] of c.parts)
			for (const y of yearsOf.get(id) ?? [])
				if (y.year <= upTo) parts += y[committed] * (weights.get(id) ?? 1);
		const rest = facts.reduce((a, f) => a + f[committed] - f[covered], 0);
		if (parts <= 0 || rest <= 0) continue;
		const share = Math.min(1, parts / rest);
		for (const f of facts) f[covered] += Math.round((f[committed] - f[covered]) * share);
	}
}
