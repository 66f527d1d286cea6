/**
 * A provider's ODA against a share-of-GNI target (the UN's 0.7%) in the latest year the
 * official statistics give both for. The gap in money is computed from the series' own
 * figures (GNI x target - ODA), in whole cents so that no float rounding shows in a
 * figure the reader can check against the statistics API.
 */
import type { ProviderSeries } from "./statistics.schemas.ts";

export interface OdaGap {
	year: number;
	/** US dollars at current prices, decimal strings as the statistics give them. */
	oda: string;
	gni: string;
	/** Percent of GNI, as the statistics give it. */
	share: number;
	/** Percentage points of GNI still missing (never below 0 for the display: met is met). */
	shareGap: number;
	/** GNI x target - ODA, US dollars at current prices; negative when the target was met. */
	moneyGap: string;
	sources: ProviderSeries["years"][number]["sources"];
}

function cents(decimal: string): bigint {
	const [whole = "0", fraction = ""] = decimal.split(".");
	return (
		BigInt(whole) * 100n +
		BigInt(fraction.padEnd(2, "0").slice(0, 2)) * (whole.startsWith("-") ? -1n : 1n)
	);
}

function dollars(c: bigint): string {
	const sign = c < 0n ? "-" : "";
	const abs = c < 0n ? -c : c;
	return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** The latest year with ODA, GNI and their ratio, measured against `targetPercent`; null when none. */
export function odaGap(series: ProviderSeries, targetPercent: number): OdaGap | null {
	const latest = series.years
		.filter((y) => y.share !== null && y.oda !== null && y.gni !== null)
		.at(-1);
	if (!latest || latest.share === null || latest.oda === null || latest.gni === null) return null;
	// Hundredths of a percent: 0.7% is 70 / 10 000 of GNI, exactly.
	const basisPoints = BigInt(Math.round(targetPercent * 100));
	const due = (cents(latest.gni) * basisPoints + 5_000n) / 10_000n;
	return {
		year: latest.year,
		oda: latest.oda,
		gni: latest.gni,
		share: latest.share,
		shareGap: Math.max(0, Math.round((targetPercent - latest.share) * 10_000) / 10_000),
		moneyGap: dollars(due - cents(latest.oda)),
		sources: latest.sources,
	};
}
