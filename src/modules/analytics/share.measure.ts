/**
 * Measures a target stated as a share of national income (0.7% of GNI as ODA, 0.15% of
 * GNI as ODA to the least developed countries) on official statistics: the share achieved
 * in each year, the target and the path to it, the status, and the gap in money (what
 * ODA would have been at the target share, GNI x target, minus what it was). A collective
 * (the DAC, the EU's Member States, several makers) is measured on the sum of its
 * members, and each member's own figure is kept beside it. Pure: the repositories load
 * the statistics. The rules are written out in docs/methodology.md.
 */
import type { DeliveryStatus } from "./status.ts";

export type ShareMeasure = "oda" | "oda_ldc";
/** What the statistics measure in money: a share target's ODA, or ODA to Africa (increases only). */
export type MoneyMeasure = ShareMeasure | "oda_africa";

export interface ShareTarget {
	measure: ShareMeasure;
	/** Percent of GNI; a range (0.15-0.20) is met at its lower end. */
	min: number;
	max: number;
	announcedYear: number | null;
	startYear: number | null;
	endYear: number | null;
}

export interface StatValue {
	value: number;
	unit: string;
	basis: string | null;
	source: string;
	source_url: string | null;
	published_on: string | null;
}

/** provider -> year -> measure -> value. */
export type StatTable = Map<string, Map<number, Map<string, StatValue>>>;

export interface ProviderInfo {
	code: string;
	name: string;
	kind: string;
	eu_from: number | null;
	eu_to: number | null;
}

export interface SourceRef {
	source: string;
	source_url: string | null;
	published_on: string | null;
}

export interface YearShare {
	year: number;
	/** US$ million at current prices: ODA (or ODA to LDCs) and GNI; null when not published. */
	oda: number | null;
	gni: number | null;
	/** Percent of GNI, as computed from the two (or as published, for a share-only series). */
	share: number | null;
	basis: string | null;
	/** Is the target due this year, and the path's share for the year (null outside it). */
	due: boolean;
	path: number | null;
	/** GNI x target - ODA, US$ million, for a due year with both figures. */
	gap: number | null;
	/** Members counted in a collective's sum, and those left out for want of a figure. */
	included: string[];
	missing: string[];
	sources: SourceRef[];
}

export interface ShareMeasurement {
	measure: ShareMeasure;
	provider: { code: string; name: string; collective: boolean } | null;
	target: { min: number; max: number };
	baseline_year: number | null;
	deadline_year: number | null;
	first_due_year: number | null;
	latest_year: number | null;
	status: DeliveryStatus;
	explanation: string;
	years: YearShare[];
	/** For a collective: each member's own share by year. */
	members: { code: string; name: string; years: { year: number; share: number | null }[] }[];
	/** Due years with no figure: missing, never zero. */
	missing_years: number[];
}

export const shareRule =
	"A share-of-income target is measured on official statistics: achieved share = ODA / GNI (ODA to the least developed countries / GNI for an LDC target), compared at two decimals as the OECD publishes it; a range is met at its lower end. A deadline ('by 2015') is due in its year; a period ('from 2013', '2011-2020') in each of its years up to the latest published; a target with neither from the year it was announced. met: the share reaches the target in the deadline year (for an open-ended target, in the latest year published); not_met: the deadline year is published and the share fell short; on_track or off_track: before then, whether the latest share is at least the straight path from the share in the year before the announcement to the target in the first year due; an open-ended target below its target in the latest year is off_track. The gap in money for a due year is GNI x target - ODA. A collective is measured on the sum of its members that published the figures that year; members left out for want of a figure may hold at most 1% of its ODA, else the year is missing.";

/** Members of a collective in a year: every country for the DAC, the EU's that year for the EU. */
export function membersOf(collective: ProviderInfo, all: ProviderInfo[], year: number): string[] {
	if (collective.code === "EU")
		return all
			.filter(
				(p) =>
					p.kind === "country" &&
					p.eu_from !== null &&
					p.eu_from <= year &&
					(p.eu_to === null || year <= p.eu_to),
			)
			.map((p) => p.code);
	return all.filter((p) => p.kind === "country").map((p) => p.code);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One provider's figures for a year: ODA in money and as a share, and GNI. */
function single(
	stats: StatTable,
	code: string,
	year: number,
	measure: MoneyMeasure,
): {
	oda: number | null;
	gni: number | null;
	share: number | null;
	basis: string | null;
	sources: SourceRef[];
} {
	const at = stats.get(code)?.get(year);
	const g = at?.get("gni");
	const m = at?.get(measure);
	const gni = g ? g.value : null;
	const sources: SourceRef[] = [];
	for (const v of [m, g]) if (v) sources.push(refOf(v));
	if (!m) return { oda: null, gni, share: null, basis: null, sources };
	if (m.unit === "percent_of_gni")
		return {
			oda: gni !== null ? (m.value * gni) / 100 : null,
			gni,
			share: m.value,
			basis: m.basis,
			sources,
		};
	return {
		oda: m.value,
		gni,
		share: gni !== null && gni > 0 ? (m.value / gni) * 100 : null,
		basis: m.basis,
		sources,
	};
}

const refOf = (v: StatValue): SourceRef => ({
	source: v.source,
	source_url: v.source_url,
	published_on: v.published_on,
});

export function dedupe(sources: SourceRef[]): SourceRef[] {
	const seen = new Map<string, SourceRef>();
	for (const s of sources) seen.set(`${s.source}|${s.source_url}|${s.published_on}`, s);
	return [...seen.values()];
}

/** A collective's sum for a year, over the members that published what the sum needs. */
function summed(
	stats: StatTable,
	members: string[],
	year: number,
	measure: MoneyMeasure,
): Omit<YearShare, "year" | "due" | "path" | "gap"> {
	let oda = 0;
	let gni = 0;
	let reportedOda = 0;
	let leftOutOda = 0;
	const included: string[] = [];
	const missing: string[] = [];
	const sources: SourceRef[] = [];
	const bases = new Set<string>();
	for (const code of members) {
		const total = single(stats, code, year, "oda");
		// A member that published no ODA that year was not a donor in that year's figures.
		if (total.oda === null) continue;
		reportedOda += total.oda;
		const f = measure === "oda" ? total : single(stats, code, year, measure);
		if (total.gni === null || f.oda === null) {
			missing.push(code);
			leftOutOda += total.oda;
			continue;
		}
		oda += f.oda;
		gni += total.gni;
		included.push(code);
		if (f.basis) bases.add(f.basis);
		sources.push(...f.sources, ...total.sources);
	}
	// Members left out for want of a figure must be negligible (under 1% of the group's
	// ODA, such as a new donor's first years), else the sum is not the collective's figure.
	const complete = included.length > 0 && leftOutOda <= collectiveTolerance * reportedOda;
	return {
		oda: complete ? oda : null,
		gni: complete ? gni : null,
		share: complete && gni > 0 ? (oda / gni) * 100 : null,
		basis: !complete
			? null
			: bases.size === 1
				? ([...bases][0] as string)
				: [...bases].sort().join("+") || null,
		included,
		missing,
		sources: dedupe(sources),
	};
}

/** Share of a collective's ODA that members without a figure may hold for its sum to stand. */
export const collectiveTolerance = 0.01;

/** The countries a subject stands for in a year: a collective's members, or the providers themselves. */
export function subjectMembers(
	providers: ProviderInfo[],
	all: ProviderInfo[],
	year: number,
): string[] {
	const out = new Set<string>();
	for (const p of providers)
		for (const m of p.kind === "collective" ? membersOf(p, all, year) : [p.code]) out.add(m);
	return [...out];
}

export type YearFigure = Omit<YearShare, "year" | "due" | "path" | "gap">;

const blankYear: YearFigure = {
	oda: null,
	gni: null,
	share: null,
	basis: null,
	included: [],
	missing: [],
	sources: [],
};

/**
 * A subject's figures for every year any statistic covers: a provider's own, or a
 * collective's (its own published series first, else the sum of its members).
 */
export function providerYears(
	subject: ShareSubject,
	stats: StatTable,
	measure: MoneyMeasure,
): { sorted: number[]; figures: Map<number, YearFigure> } {
	const { providers, all } = subject;
	const collective = providers.length > 1 || providers.some((p) => p.kind === "collective");
	const yearsKnown = new Set<number>();
	for (const code of [...providers.map((p) => p.code), ...all.map((p) => p.code)])
		for (const y of stats.get(code)?.keys() ?? []) yearsKnown.add(y);
	const sorted = [...yearsKnown].sort((a, b) => a - b);
	const figures = new Map<number, YearFigure>();
	const ownCode = providers.length === 1 ? (providers[0] as ProviderInfo).code : null;
	for (const year of sorted) {
		const own = ownCode ? single(stats, ownCode, year, measure) : null;
		if (!collective) {
			if (own) figures.set(year, { ...own, included: [], missing: [] });
			continue;
		}
		const members = subjectMembers(providers, all, year);
		if (own && (own.share !== null || own.oda !== null)) {
			// A collective's own published series (the DAC's ODA to LDCs or to Africa) comes
			// before a sum of its members; its money needs the members' GNI when only a share
			// is published, and its share their GNI when only money is.
			const sum = summed(stats, members, year, "oda");
			const gni = own.gni ?? sum.gni;
			const oda = own.oda ?? (gni !== null && own.share !== null ? (own.share * gni) / 100 : null);
			// ODA to Africa is measured in money alone: neither the members' GNI nor their
			// total ODA enters it, so their sources are not its sources.
			const moneyOnly = measure === "oda_africa";
			figures.set(year, {
				...own,
				gni,
				oda,
				share: moneyOnly
					? null
					: (own.share ?? (oda !== null && gni !== null && gni > 0 ? (oda / gni) * 100 : null)),
				included: sum.included,
				missing: [],
				sources: moneyOnly ? own.sources : dedupe([...own.sources, ...sum.sources]),
			});
			continue;
		}
		figures.set(year, summed(stats, members, year, measure));
	}
	return { sorted, figures };
}

export interface ShareSubject {
	/** The providers of the commitment's makers (a collective's code, or several countries). */
	providers: ProviderInfo[];
	all: ProviderInfo[];
}

export function measureShare(
	target: ShareTarget,
	subject: ShareSubject,
	stats: StatTable,
): ShareMeasurement {
	const { providers, all } = subject;
	const collective = providers.length > 1 || providers.some((p) => p.kind === "collective");
	const provider =
		providers.length === 0
			? null
			: providers.length === 1
				? {
						code: (providers[0] as ProviderInfo).code,
						name: (providers[0] as ProviderInfo).name,
						collective,
					}
				: {
						code: providers.map((p) => p.code).join("+"),
						name: providers.map((p) => p.name).join(", "),
						collective,
					};
	const empty: ShareMeasurement = {
		measure: target.measure,
		provider,
		target: { min: target.min, max: target.max },
		baseline_year: null,
		deadline_year: target.endYear,
		first_due_year: null,
		latest_year: null,
		status: "no_data",
		explanation:
			providers.length === 0
				? "No official statistics measure this commitment's makers: no value, never zero."
				: "No official statistics are loaded for this measure and provider: no value, never zero.",
		years: [],
		members: [],
		missing_years: [],
	};
	if (!provider) return empty;

	const memberCodes = (year: number) => subjectMembers(providers, all, year);
	const { sorted, figures } = providerYears(subject, stats, target.measure);
	const withShare = sorted.filter((y) => figures.get(y)?.share != null);
	const latest = withShare.at(-1) ?? null;
	if (latest === null)
		return {
			...empty,
			// The years are still shown, each with the members that lack a figure.
			years: sorted.map((year) => ({
				...(figures.get(year) ?? blankYear),
				year,
				due: false,
				path: null,
				gap: null,
			})),
			members: membersSeries(),
		};

	// When is the target due: a deadline alone in its year, a period in each year, else from the announcement.
	const firstDue =
		target.startYear ?? target.endYear ?? target.announcedYear ?? withShare[0] ?? latest;
	const lastDue = target.endYear ?? Math.max(latest, firstDue);
	const baseline = target.announcedYear !== null ? target.announcedYear - 1 : null;
	const baseShare = baseline !== null ? (figures.get(baseline)?.share ?? null) : null;
	const pathAt = (year: number): number | null => {
		if (year >= firstDue) return target.min;
		if (baseline === null || baseShare === null || year <= baseline || firstDue <= baseline)
			return null;
		return baseShare + ((target.min - baseShare) * (year - baseline)) / (firstDue - baseline);
	};
	const due = (y: number) =>
		target.endYear !== null && target.startYear === null
			? y === target.endYear
			: y >= firstDue && y <= lastDue;
	const lastYear = Math.max(latest, lastDue);
	const years: YearShare[] = [];
	for (let year = Math.min(sorted[0] as number, firstDue); year <= lastYear; year++) {
		const f = figures.get(year);
		const isDue = due(year) && year <= Math.max(latest, target.endYear ?? latest);
		years.push({
			year,
			oda: f?.oda ?? null,
			gni: f?.gni ?? null,
			share: f?.share ?? null,
			basis: f?.basis ?? null,
			due: isDue,
			path: baseShare !== null || year >= firstDue ? pathAt(year) : null,
			gap: isDue && f?.oda != null && f.gni != null ? (f.gni * target.min) / 100 - f.oda : null,
			included: f?.included ?? [],
			missing: f?.missing ?? [],
			sources: f?.sources ?? [],
		});
	}
	const missingYears = years
		.filter((y) => y.due && y.share === null && y.year <= latest)
		.map((y) => y.year);

	const reached = (share: number) => round2(share) >= round2(target.min);
	const pct = (x: number) => `${round2(x).toFixed(2)}%`;
	const targetText =
		target.min === target.max ? pct(target.min) : `${pct(target.min)}-${pct(target.max)}`;
	const latestShare = figures.get(latest)?.share as number;
	let status: DeliveryStatus;
	let explanation: string;
	const dueMeasured = years.filter((y) => y.due && y.share !== null);
	const dueReached = dueMeasured.filter((y) => reached(y.share as number));
	if (target.endYear !== null && figures.get(target.endYear)?.share != null) {
		const s = figures.get(target.endYear)?.share as number;
		status = reached(s) ? "met" : "not_met";
		explanation = `${pct(s)} of GNI in ${target.endYear}, the deadline year, against a target of ${targetText}: ${status === "met" ? "met" : "not met"}.`;
	} else if (latest >= firstDue && target.endYear === null) {
		status = reached(latestShare) ? "met" : "off_track";
		explanation = `${pct(latestShare)} of GNI in ${latest}, the latest year published, against a target of ${targetText} due every year from ${firstDue}: ${status === "met" ? "reached" : "below it"}. Reached in ${dueReached.length} of ${dueMeasured.length} years measured since ${firstDue}.`;
	} else {
		const p = pathAt(latest);
		if (p === null) {
			status = reached(latestShare) ? "on_track" : "off_track";
			explanation = `${pct(latestShare)} of GNI in ${latest}, the latest year published; the target of ${targetText} is due in ${firstDue}${status === "on_track" ? " and is already reached" : " and is not yet reached"} (no baseline to draw a path from).`;
		} else {
			status = round2(latestShare) >= round2(p) ? "on_track" : "off_track";
			explanation = `${pct(latestShare)} of GNI in ${latest}, the latest year published, against ${pct(p)} on the straight path from ${baseShare !== null ? pct(baseShare) : "?"} in ${baseline} to ${targetText} in ${firstDue}: ${status === "on_track" ? "on track" : "off track"}.`;
		}
	}
	if (missingYears.length)
		explanation += ` No figure is published for ${missingYears.join(", ")}: missing, not zero.`;
	return {
		measure: target.measure,
		provider,
		target: { min: target.min, max: target.max },
		baseline_year: baseShare !== null ? baseline : null,
		deadline_year: target.endYear,
		first_due_year: firstDue,
		latest_year: latest,
		status,
		explanation,
		years,
		members: membersSeries(),
		missing_years: missingYears,
	};

	function membersSeries() {
		if (!collective) return [];
		const codes = new Set<string>();
		for (const y of sorted) for (const c of memberCodes(y)) codes.add(c);
		return [...codes]
			.map((code) => ({
				code,
				name: all.find((p) => p.code === code)?.name ?? code,
				years: sorted.map((year) => ({
					year,
					share: memberCodes(year).includes(code)
						? single(stats, code, year, target.measure).share
						: null,
				})),
			}))
			.filter((m) => m.years.some((y) => y.share !== null));
	}
}

/** The target a commitment states: ODA to LDCs when the LDCs are its only recipients, else ODA. */
export function shareTargetOf(c: {
	gni_share_min: number | null;
	gni_share_max: number | null;
	recipients: string[];
	announced_on: string | null;
	period_start: string | null;
	period_end: string | null;
}): ShareTarget | null {
	if (c.gni_share_min === null) return null;
	const year = (d: string | null) => (d ? Number(d.slice(0, 4)) : null);
	return {
		measure:
			c.recipients.length > 0 && c.recipients.every((r) => r === "group:LDC") ? "oda_ldc" : "oda",
		min: c.gni_share_min,
		max: c.gni_share_max ?? c.gni_share_min,
		announcedYear: year(c.announced_on),
		startYear: year(c.period_start),
		endYear: year(c.period_end),
	};
}

/** US$ million at current prices to cents. */
export const millionsToCents = (m: number): number => Math.round(m * 1e8);
