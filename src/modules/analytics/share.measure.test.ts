import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	measureShare,
	type ProviderInfo,
	type ShareTarget,
	type StatTable,
	shareTargetOf,
} from "./share.measure.ts";

const country = (code: string, eu_from: number | null = null, eu_to: number | null = null) =>
	({ code, name: code, kind: "country", eu_from, eu_to }) as ProviderInfo;
const all: ProviderInfo[] = [
	country("AA", 1990),
	country("BB", 2004, 2010),
	country("CC"),
	{ code: "DAC", name: "DAC", kind: "collective", eu_from: null, eu_to: null },
	{ code: "EU", name: "EU", kind: "collective", eu_from: null, eu_to: null },
];

/** provider -> year -> [ODA, GNI] in US$ million, optionally ODA to LDCs as % of GNI. */
function table(rows: [string, number, number | null, number | null, number?][]): StatTable {
	const t: StatTable = new Map();
	const src = { source: "test", source_url: null, published_on: "2025-01-01" };
	for (const [p, year, oda, gni, ldc] of rows) {
		const byYear = t.get(p) ?? new Map();
		t.set(p, byYear);
		const m = new Map();
		if (oda !== null)
			m.set("oda", { value: oda, unit: "usd_millions", basis: "net_flows", ...src });
		if (gni !== null) m.set("gni", { value: gni, unit: "usd_millions", basis: null, ...src });
		if (ldc !== undefined)
			m.set("oda_ldc", { value: ldc, unit: "percent_of_gni", basis: "test", ...src });
		byYear.set(year, m);
	}
	return t;
}

const target = (t: Partial<ShareTarget>): ShareTarget => ({
	measure: "oda",
	min: 0.7,
	max: 0.7,
	announcedYear: 2005,
	startYear: null,
	endYear: null,
	...t,
});
const one = (code: string) => ({
	providers: [all.find((p) => p.code === code) as ProviderInfo],
	all,
});

describe("share-of-income targets", () => {
	it("is met when the deadline year reaches the target at two decimals, not met just below", () => {
		const t = target({ endYear: 2010 });
		// 6.996 / 1000 = 0.6996% rounds to 0.70%: met, as the OECD would publish it.
		const met = measureShare(t, one("CC"), table([["CC", 2010, 6.996, 1000]]));
		assert.equal(met.status, "met");
		const short = measureShare(t, one("CC"), table([["CC", 2010, 6.94, 1000]]));
		assert.equal(short.status, "not_met");
		assert.match(short.explanation, /0\.69% of GNI in 2010, the deadline year/);
	});

	it("is due only in the deadline year when there is no start, and the gap is GNI x target - ODA", () => {
		const m = measureShare(
			target({ endYear: 2010 }),
			one("CC"),
			table([
				["CC", 2009, 3, 1000],
				["CC", 2010, 5, 1000],
			]),
		);
		assert.deepEqual(
			m.years.filter((y) => y.due).map((y) => y.year),
			[2010],
		);
		assert.equal(m.years.find((y) => y.year === 2010)?.gap, 2);
		assert.equal(m.years.find((y) => y.year === 2009)?.gap, null);
	});

	it("judges an unfinished deadline by the straight path from the year before the announcement", () => {
		// Baseline 2004: 0.30%; target 0.70% in 2012: the path is 0.40% in 2006.
		const t = target({ endYear: 2012 });
		const rows: [string, number, number, number][] = [
			["CC", 2004, 3, 1000],
			["CC", 2006, 4, 1000],
		];
		assert.equal(measureShare(t, one("CC"), table(rows)).status, "on_track");
		rows[1] = ["CC", 2006, 3.9, 1000];
		const off = measureShare(t, one("CC"), table(rows));
		assert.equal(off.status, "off_track");
		assert.equal(off.years.find((y) => y.year === 2006)?.path?.toFixed(2), "0.40");
	});

	it("is due every year from its start when open-ended, and judged on the latest year", () => {
		const t = target({ startYear: 2013 });
		const rows: [string, number, number, number][] = [
			["CC", 2013, 7, 1000],
			["CC", 2014, 7.1, 1000],
			["CC", 2015, 5, 1000],
		];
		const m = measureShare(t, one("CC"), table(rows));
		assert.equal(m.status, "off_track");
		assert.match(m.explanation, /Reached in 2 of 3 years/);
		assert.deepEqual(
			m.years.filter((y) => y.due).map((y) => y.year),
			[2013, 2014, 2015],
		);
		rows[2] = ["CC", 2015, 7, 1000];
		assert.equal(measureShare(t, one("CC"), table(rows)).status, "met");
	});

	it("meets a range at its lower end", () => {
		const t = target({ measure: "oda", min: 0.15, max: 0.2, endYear: 2010 });
		assert.equal(measureShare(t, one("CC"), table([["CC", 2010, 1.5, 1000]])).status, "met");
	});

	it("sums a collective over its members in that year and shows each member's own share", () => {
		const stats = table([
			["AA", 2005, 5, 1000],
			["BB", 2005, 1, 1000],
			["AA", 2011, 6, 1000],
			["BB", 2011, 9, 1000],
		]);
		const m = measureShare(target({ endYear: 2011 }), one("EU"), stats);
		// 2005: AA and BB are members: (5 + 1) / 2000; 2011: BB has left: AA alone.
		assert.equal(m.years.find((y) => y.year === 2005)?.share?.toFixed(2), "0.30");
		assert.deepEqual(m.years.find((y) => y.year === 2011)?.included, ["AA"]);
		assert.equal(m.years.find((y) => y.year === 2011)?.share?.toFixed(2), "0.60");
		assert.deepEqual(
			m.members.map((x) => x.code),
			["AA", "BB"],
		);
	});

	it("leaves a collective's year missing when a reporting member lacks a figure, never a partial sum", () => {
		const stats = table([
			["AA", 2010, 5, 1000],
			["CC", 2010, 2, null],
		]);
		const m = measureShare(target({ endYear: 2010 }), one("DAC"), stats);
		const y = m.years.find((x) => x.year === 2010);
		assert.equal(y?.share, null);
		assert.deepEqual(y?.missing, ["CC"]);
		assert.equal(m.status, "no_data");
	});

	it("leaves out a member without a figure when it holds under 1% of the group's ODA, and names it", async () => {
		const stats = table([
			["AA", 2010, 1000, 200_000],
			["CC", 2010, 9, null],
		]);
		const y = measureShare(target({ endYear: 2010 }), one("DAC"), stats).years.find(
			(x) => x.year === 2010,
		);
		assert.equal(y?.share, 0.5);
		assert.deepEqual(y?.missing, ["CC"]);
		assert.deepEqual(y?.included, ["AA"]);
	});

	it("prefers a collective's own published LDC share, priced with its members' GNI", () => {
		const stats = table([
			["AA", 2013, 5, 1000],
			["CC", 2013, 2, 3000],
			["DAC", 2013, null, null, 0.1],
		]);
		const m = measureShare(
			target({ measure: "oda_ldc", min: 0.15, max: 0.2, startYear: 2011, endYear: 2020 }),
			one("DAC"),
			stats,
		);
		const y = m.years.find((x) => x.year === 2013);
		assert.equal(y?.share, 0.1);
		assert.equal(y?.gni, 4000);
		assert.equal(y?.oda, 4);
		assert.deepEqual(m.missing_years, [2011, 2012]);
		assert.match(m.explanation, /No figure is published for 2011, 2012/);
	});

	it("has no data without a provider or without statistics", () => {
		assert.equal(measureShare(target({}), { providers: [], all }, table([])).status, "no_data");
		assert.equal(measureShare(target({}), one("CC"), table([])).status, "no_data");
	});

	it("measures ODA to LDCs when the LDCs are the only recipients", () => {
		const base = {
			gni_share_min: 0.15,
			gni_share_max: 0.2,
			announced_on: "2011-05-13",
			period_start: "2011-01-01",
			period_end: null,
		};
		assert.equal(shareTargetOf({ ...base, recipients: ["group:LDC"] })?.measure, "oda_ldc");
		assert.equal(
			shareTargetOf({ ...base, recipients: ["group:LDC", "region:998"] })?.measure,
			"oda",
		);
		assert.equal(shareTargetOf({ ...base, gni_share_min: null, recipients: [] }), null);
	});
});
