/**
 * A commitment to increase aid: "+US$50 billion a year by 2010 over 2004" promises that
 * annual delivery in the target year (the year its period ends) is the amount above the
 * baseline year's. It is not that amount in every year of the period: in the totals it
 * commits the amount once, in its target year, and it delivers the increase reached in
 * that year, measured on official statistics where they cover its makers, or on the
 * provider the commitment names (the DAC countries for the G8's Gleneagles pledges, as
 * the OECD measured them): ODA in the target year minus ODA in the baseline year, at
 * constant prices, to all developing countries, the LDCs or Africa as its recipients
 * say; else as the makers report it for the target year. A year whose ODA is published on another basis than the
 * baseline's (net flows to 2017, grant equivalent from 2018) is not compared: the change
 * of measure is not an increase. Rules in docs/methodology.md, section 3b.
 */

import type { ConversionStatus, Converter } from "./conversion.ts";
import type { CommitmentInputs, StatisticsInputs } from "./delivery.compute.ts";
import {
	type MoneyMeasure,
	millionsToCents,
	type ProviderInfo,
	providerYears,
	type SourceRef,
	subjectMembers,
	type YearFigure,
} from "./share.measure.ts";

/** What the statistics give for an increase: the two years compared, and each member's. */
export interface IncreaseMeasurement {
	measure: MoneyMeasure;
	provider: { code: string; name: string; collective: boolean };
	/** A collective's figures: its own published series, or the sum of its members'. */
	series: "provider" | "own_total" | "sum_of_members";
	/** US$ million at current prices, as published (or summed over the members). */
	baseline: { year: number; oda: number; basis: string | null; sources: SourceRef[] };
	target: { year: number; oda: number; basis: string | null; sources: SourceRef[] };
	/** A collective's members, each with its own figures (null: not published). */
	members: { code: string; name: string; baseline: number | null; target: number | null }[];
}

export interface IncreaseSchedule {
	/** The committed money: the amount, in the target year only. */
	schedule: {
		rows: Map<number, { current: number; constant: number }>;
		status: ConversionStatus;
		valueYear: number | null;
	};
	targetYear: number | null;
	/** The increase the statistics measure in the target year; null when they do not. */
	delivered: { year: number; current: number; constant: number } | null;
	/** Why the statistics give no increase, when the makers have statistics at all. */
	unmeasured: string | null;
	/** The figures the increase is measured on, when it is. */
	measurement: IncreaseMeasurement | null;
}

export const increaseRule =
	"An increase over a baseline year ('+$50 billion a year by 2010 over 2004') promises the amount once, in its target year (the year its period ends), not in every year of the period. It is delivered by the increase reached in that year: ODA (to all developing countries, to the LDCs, or to Africa when Africa is its only recipient) in the target year minus ODA in the baseline year, at constant prices, where official statistics cover every maker or the commitment names whose statistics measure it (a collective's own published series before a sum of its members); else what the makers report for the target year. IATI disbursements are gross flows and do not measure an increase. A target year whose ODA is published on another basis than the baseline year's (net flows to 2017, grant equivalent from 2018) is not compared.";

export function increaseScheduleOf(
	c: CommitmentInputs,
	statistics: StatisticsInputs | null,
	converter: Converter,
): IncreaseSchedule {
	const baseline = c.increase_over_year as number;
	const targetYear = c.period_end ? Number(c.period_end.slice(0, 4)) : null;
	const rows = new Map<number, { current: number; constant: number }>();
	const none = (status: ConversionStatus): IncreaseSchedule => ({
		schedule: { rows, status, valueYear: null },
		targetYear,
		delivered: null,
		unmeasured: null,
		measurement: null,
	});
	if (c.amount_minor === null) return none("no_amount");
	if (targetYear === null || targetYear <= baseline) return none("no_year");
	const basis =
		c.price_basis === "constant" && c.price_base_year !== null
			? ({ basis: "constant", baseYear: c.price_base_year } as const)
			: ({ basis: "current" } as const);
	const v = converter.toUsd(c.amount_minor, c.currency, targetYear, c.donor, basis);
	if (v.current === null || v.constant === null) return none(v.status);
	rows.set(targetYear, { current: v.current, constant: v.constant });
	const measured = measuredIncrease(c, statistics, converter, baseline, targetYear);
	return {
		schedule: {
			rows,
			status: v.status,
			valueYear: basis.basis === "constant" ? basis.baseYear : targetYear,
		},
		targetYear,
		delivered: "year" in measured ? measured : null,
		unmeasured: "why" in measured ? measured.why : null,
		measurement: "year" in measured ? measured.measurement : null,
	};
}

function measuredIncrease(
	c: CommitmentInputs,
	statistics: StatisticsInputs | null,
	converter: Converter,
	baseline: number,
	targetYear: number,
):
	| { year: number; current: number; constant: number; measurement: IncreaseMeasurement }
	| { why: string }
	| { none: true } {
	if (!statistics || c.share_providers.length === 0) return { none: true };
	const measure = increaseMeasureOf(c.recipients);
	if (measure === null)
		return {
			why: "the statistics publish ODA to all developing countries, to the LDCs and to Africa only",
		};
	const providers: ProviderInfo[] = [];
	const unknown: string[] = [];
	for (const code of c.share_providers) {
		const p = statistics.providers.find((x) => x.code === code);
		if (p) providers.push(p);
		else unknown.push(code);
	}
	// The statistics must cover every maker: a sum over some of them would measure less
	// than what all of them promised, and read as a shortfall.
	if (unknown.length > 0 || c.makers_without_provider > 0)
		return { why: "official statistics do not cover every maker" };
	const subject = { providers, all: statistics.providers };
	const { figures } = providerYears(subject, statistics.table, measure);
	const then = figures.get(baseline);
	const now = figures.get(targetYear);
	const what =
		measure === "oda_africa" ? "ODA to Africa" : measure === "oda_ldc" ? "ODA to LDCs" : "ODA";
	if (!then || then.oda === null) return { why: `no ${what} published for ${baseline}` };
	if (!now || now.oda === null) return { why: `no ${what} published for ${targetYear}` };
	if (then.basis !== now.basis)
		return {
			why: `ODA for ${baseline} and ${targetYear} are published on different bases (${then.basis}, ${now.basis})`,
		};
	const a = converter.toUsd(millionsToCents(now.oda), "USD", targetYear, c.donor);
	const b = converter.toUsd(millionsToCents(then.oda), "USD", baseline, c.donor);
	if (a.current === null || a.constant === null || b.current === null || b.constant === null)
		return { why: "no deflator for the makers" };
	return {
		year: targetYear,
		current: a.current - b.current,
		constant: a.constant - b.constant,
		measurement: {
			measure,
			provider: subjectOf(providers),
			series: seriesOf(providers, statistics, measure, [baseline, targetYear]),
			baseline: { year: baseline, oda: then.oda, basis: then.basis, sources: then.sources },
			target: { year: targetYear, oda: now.oda, basis: now.basis, sources: now.sources },
			members: membersOf(subject, statistics, measure, [baseline, targetYear]),
		},
	};
}

/**
 * What an increase to its recipients is measured on: ODA to every developing country, to
 * the least developed, or to Africa (the demo and the IATI region list code it 298,
 * "Africa, regional", which the OECD's total for Africa, 10001, measures).
 */
export function increaseMeasureOf(recipients: string[]): MoneyMeasure | null {
	const to = (kinds: string[]) =>
		recipients.length > 0 && recipients.every((r) => kinds.includes(r));
	if (to(["global:global", "region:998"])) return "oda";
	if (to(["group:LDC"])) return "oda_ldc";
	if (to(["region:298"])) return "oda_africa";
	return null;
}

/** Whether a collective's figures are its own published series (both years) or a sum. */
function seriesOf(
	providers: ProviderInfo[],
	statistics: StatisticsInputs,
	measure: MoneyMeasure,
	years: number[],
): IncreaseMeasurement["series"] {
	const [only] = providers;
	if (providers.length === 1 && only && only.kind !== "collective") return "provider";
	const own = (y: number) =>
		statistics.table
			.get(only?.code ?? "")
			?.get(y)
			?.has(measure) === true;
	return providers.length === 1 && years.every(own) ? "own_total" : "sum_of_members";
}

function subjectOf(providers: ProviderInfo[]): IncreaseMeasurement["provider"] {
	const collective = providers.length > 1 || providers.some((p) => p.kind === "collective");
	return {
		code: providers.map((p) => p.code).join("+"),
		name: providers.map((p) => p.name).join(", "),
		collective,
	};
}

/** A collective's members with their own figures in the two years, shown beside its sum. */
function membersOf(
	subject: { providers: ProviderInfo[]; all: ProviderInfo[] },
	statistics: StatisticsInputs,
	measure: MoneyMeasure,
	years: [number, number],
): IncreaseMeasurement["members"] {
	if (!subjectOf(subject.providers).collective) return [];
	const codes = new Set(years.flatMap((y) => subjectMembers(subject.providers, subject.all, y)));
	const own = (code: string, year: number): number | null => {
		const f: YearFigure | undefined = providerYears(
			{ providers: subject.all.filter((p) => p.code === code), all: subject.all },
			statistics.table,
			measure,
		).figures.get(year);
		return f?.oda ?? null;
	};
	return [...codes]
		.map((code) => ({
			code,
			name: subject.all.find((p) => p.code === code)?.name ?? code,
			baseline: own(code, years[0]),
			target: own(code, years[1]),
		}))
		.filter((m) => m.baseline !== null || m.target !== null);
}
