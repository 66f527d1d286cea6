/**
 * A commitment to increase aid: "+US$50 billion a year by 2010 over 2004" promises that
 * annual delivery in the target year (the year its period ends) is the amount above the
 * baseline year's. It is not that amount in every year of the period: in the totals it
 * commits the amount once, in its target year, and it delivers the increase reached in
 * that year, measured on official statistics where they cover its makers (ODA in the
 * target year minus ODA in the baseline year, at constant prices), else as the makers
 * report it for the target year. A year whose ODA is published on another basis than the
 * baseline's (net flows to 2017, grant equivalent from 2018) is not compared: the change
 * of measure is not an increase. Rules in docs/methodology.md, section 3b.
 */

import type { ConversionStatus, Converter } from "./conversion.ts";
import type { CommitmentInputs, StatisticsInputs } from "./delivery.compute.ts";
import { millionsToCents, type ProviderInfo, providerYears } from "./share.measure.ts";

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
}

export const increaseRule =
	"An increase over a baseline year ('+$50 billion a year by 2010 over 2004') promises the amount once, in its target year (the year its period ends), not in every year of the period. It is delivered by the increase reached in that year: ODA (to all developing countries, or to the LDCs) in the target year minus ODA in the baseline year, at constant prices, where official statistics cover every maker; else what the makers report for the target year. IATI disbursements are gross flows and do not measure an increase. A target year whose ODA is published on another basis than the baseline year's (net flows to 2017, grant equivalent from 2018) is not compared.";

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
	};
}

function measuredIncrease(
	c: CommitmentInputs,
	statistics: StatisticsInputs | null,
	converter: Converter,
	baseline: number,
	targetYear: number,
): { year: number; current: number; constant: number } | { why: string } | { none: true } {
	if (!statistics || c.share_providers.length === 0) return { none: true };
	// ODA to every developing country, or to the least developed: what the statistics publish.
	const to = (kinds: string[]) =>
		c.recipients.length > 0 && c.recipients.every((r) => kinds.includes(r));
	const measure = to(["global:global", "region:998"])
		? "oda"
		: to(["group:LDC"])
			? "oda_ldc"
			: null;
	if (measure === null)
		return { why: "the statistics publish ODA to all developing countries and to the LDCs only" };
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
	const { figures } = providerYears(
		{ providers, all: statistics.providers },
		statistics.table,
		measure,
	);
	const then = figures.get(baseline);
	const now = figures.get(targetYear);
	if (!then || then.oda === null) return { why: `no ODA published for ${baseline}` };
	if (!now || now.oda === null) return { why: `no ODA published for ${targetYear}` };
	if (then.basis !== now.basis)
		return {
			why: `ODA for ${baseline} and ${targetYear} are published on different bases (${then.basis}, ${now.basis})`,
		};
	const a = converter.toUsd(millionsToCents(now.oda), "USD", targetYear, c.donor);
	const b = converter.toUsd(millionsToCents(then.oda), "USD", baseline, c.donor);
	if (a.current === null || a.constant === null || b.current === null || b.constant === null)
		return { why: "no deflator for the makers" };
	return { year: targetYear, current: a.current - b.current, constant: a.constant - b.constant };
}
