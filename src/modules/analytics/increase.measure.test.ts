import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Converter, donorSeriesName } from "./conversion.ts";
import { type CommitmentInputs, computeDelivery, type ReportInputs } from "./delivery.compute.ts";
import { increaseScheduleOf } from "./increase.measure.ts";
import type { ProviderInfo, StatTable } from "./share.measure.ts";

const converter = new Converter(2020);
const country = (code: string) =>
	({ code, name: code, kind: "country", eu_from: null, eu_to: null }) as ProviderInfo;
const providers = [country("US"), country("GB")];

/** provider -> year -> ODA (US$ million, on a basis). */
function table(rows: [string, number, number, string?][]): StatTable {
	const t: StatTable = new Map();
	const src = { source: "test", source_url: null, published_on: "2025-01-01" };
	for (const [p, year, oda, basis] of rows) {
		const byYear = t.get(p) ?? new Map();
		t.set(p, byYear);
		byYear.set(
			year,
			new Map([
				["oda", { value: oda, unit: "usd_millions", basis: basis ?? "net_flows", ...src }],
				["gni", { value: oda * 300, unit: "usd_millions", basis: null, ...src }],
			]),
		);
	}
	return t;
}

const stats = {
	table: table([
		["US", 2004, 20_000],
		["GB", 2004, 8_000],
		["US", 2010, 30_000],
		["GB", 2010, 13_000],
		["US", 2017, 35_000],
		["US", 2018, 34_000, "grant_equivalent"],
	]),
	providers,
};

function increase(c: Partial<CommitmentInputs>): CommitmentInputs {
	return {
		id: 1,
		status: "published",
		kind: "financial",
		amount_minor: 50_000_000_000_00,
		currency: "USD",
		amount_frequency: "annual",
		price_basis: "current",
		price_base_year: null,
		period_start: "2005-01-01",
		period_end: "2010-12-31",
		announced_on: "2005-07-08",
		gni_share_min: null,
		gni_share_max: null,
		increase_over_year: 2004,
		share_providers: ["US", "GB"],
		makers_without_provider: 0,
		forum_id: null,
		forum_kind: null,
		donor: donorSeriesName(null),
		goals: ["mdg:8"],
		targets: [],
		makers: [1, 2],
		maker_kinds: ["member_state"],
		groups: [],
		recipients: ["region:998"],
		recipient_groups: [],
		flow_type: "oda",
		...c,
	};
}

const cents = (millions: number) => Math.round(millions * 1e8);

describe("increases over a baseline year", () => {
	it("promise the amount once, in the target year, and deliver the makers' ODA above the baseline", () => {
		const m = increaseScheduleOf(increase({}), stats, converter);
		assert.deepEqual([...m.schedule.rows.keys()], [2010]);
		assert.equal(m.schedule.rows.get(2010)?.current, 50_000_000_000_00);
		// (30,000 + 13,000) - (20,000 + 8,000) = 15,000 million, at current prices.
		assert.equal(m.delivered?.year, 2010);
		assert.equal(m.delivered?.current, cents(43_000) - cents(28_000));
		const expected =
			(converter.toUsd(cents(43_000), "USD", 2010, donorSeriesName(null)).constant as number) -
			(converter.toUsd(cents(28_000), "USD", 2004, donorSeriesName(null)).constant as number);
		assert.equal(m.delivered?.constant, expected);
		assert.ok(expected !== m.delivered?.current, "constant prices differ from current");
	});

	it("are not measured on statistics that leave a maker out, cover another aim, or change basis", () => {
		const cases: [Partial<CommitmentInputs>, RegExp][] = [
			[{ makers_without_provider: 1 }, /do not cover every maker/],
			[{ share_providers: ["US", "RU"] }, /do not cover every maker/],
			[{ recipients: ["region:289"] }, /all developing countries, to the LDCs and to Africa only/],
			[{ increase_over_year: 2017, period_end: "2018-12-31" }, /different bases/],
			[{ increase_over_year: 2003 }, /no ODA published for 2003/],
		];
		for (const [c, why] of cases) {
			const m = increaseScheduleOf(increase(c), stats, converter);
			assert.equal(m.delivered, null);
			assert.match(m.unmeasured ?? "", why);
		}
		const noYear = increaseScheduleOf(increase({ period_end: null }), stats, converter);
		assert.deepEqual([noYear.schedule.status, noYear.schedule.rows.size], ["no_year", 0]);
	});

	it("count a report only for the target year when statistics do not measure them, and never IATI", () => {
		const report = (year: number, amount: number): ReportInputs => ({
			id: year,
			commitment_id: 1,
			donor: donorSeriesName(null),
			period_start: `${year}-01-01`,
			period_end: `${year}-12-31`,
			disbursed_minor: amount,
			currency: "USD",
			created_at: "2011-04-06T00:00:00Z",
			years: [{ year, amount_minor: amount }],
		});
		const c = increase({ makers_without_provider: 1 });
		const out = computeDelivery(
			[c],
			[report(2009, 20_000_000_000_00), report(2010, 30_000_000_000_00)],
			[
				{
					commitment_id: 1,
					year: 2010,
					current: 10n ** 15n,
					constant: 10n ** 15n,
					unconverted: 0,
					through: "2010-12-31",
				},
			],
			[],
			converter,
			stats,
		);
		const state = out.states[0];
		assert.equal(state?.committed_current, 50_000_000_000_00);
		assert.equal(state?.delivered_current, 30_000_000_000_00);
		const [fact] = out.facts.get(1) ?? [];
		assert.equal(fact?.year, 2010);
		assert.equal(fact?.committed_covered_current, 50_000_000_000_00);
		// Measured on statistics, the same reports are left aside.
		const measured = computeDelivery(
			[increase({})],
			[report(2010, 30_000_000_000_00)],
			[],
			[],
			converter,
			stats,
		);
		assert.equal(measured.states[0]?.delivered_current, cents(43_000) - cents(28_000));
	});

	describe("to Africa", () => {
		const dac = {
			code: "DAC",
			name: "DAC countries",
			kind: "collective",
			eu_from: null,
			eu_to: null,
		};
		const src = { source: "africa test", source_url: null, published_on: "2025-12-19" };
		/** The members' ODA and GNI as above, and ODA to Africa: the DAC's own and its members'. */
		function withAfrica(rows: [string, number, number, string?][]): StatTable {
			const t = table([
				["US", 2004, 20_000],
				["GB", 2004, 8_000],
				["US", 2010, 30_000],
				["GB", 2010, 13_000],
			]);
			for (const [p, year, value, basis] of rows) {
				const byYear = t.get(p) ?? new Map();
				t.set(p, byYear);
				const at = byYear.get(year) ?? new Map();
				byYear.set(year, at);
				at.set("oda_africa", {
					value,
					unit: "usd_millions",
					basis: basis ?? "bilateral_and_imputed_multilateral",
					...src,
				});
			}
			return t;
		}
		const africa = (c: Partial<CommitmentInputs> = {}) =>
			increase({ recipients: ["region:298"], share_providers: ["DAC"], ...c });
		const all = [...providers, dac as ProviderInfo];

		it("is measured on ODA to Africa, the DAC's own series before a sum of its members", () => {
			const t = withAfrica([
				["DAC", 2004, 30_000],
				["DAC", 2010, 46_000],
				["US", 2004, 4_000],
				["US", 2010, 9_000],
				["GB", 2004, 2_000],
				["GB", 2010, 3_000],
			]);
			const m = increaseScheduleOf(africa(), { table: t, providers: all }, converter);
			assert.equal(m.measurement?.measure, "oda_africa");
			assert.equal(m.measurement?.series, "own_total");
			assert.equal(m.delivered?.current, cents(46_000) - cents(30_000), "the DAC's own series");
			assert.deepEqual(m.measurement?.provider, {
				code: "DAC",
				name: "DAC countries",
				collective: true,
			});
			assert.deepEqual(
				m.measurement?.baseline.sources.map((s) => s.source),
				["africa test"],
				"only the series' own source, not the members' ODA and GNI",
			);
			// Each member's own figures, shown beside the collective's.
			assert.deepEqual(
				m.measurement?.members.map((x) => [x.code, x.baseline, x.target]),
				[
					["US", 4_000, 9_000],
					["GB", 2_000, 3_000],
				],
			);
			// Without the DAC's own series, the sum of its members.
			const summed = withAfrica([
				["US", 2004, 4_000],
				["US", 2010, 9_000],
				["GB", 2004, 2_000],
				["GB", 2010, 3_000],
			]);
			const s = increaseScheduleOf(africa(), { table: summed, providers: all }, converter);
			assert.equal(s.delivered?.current, cents(12_000) - cents(6_000));
			assert.equal(s.measurement?.series, "sum_of_members");
		});

		it("leaves a missing baseline or target year missing, and does not compare a change of basis", () => {
			const cases: [[string, number, number, string?][], RegExp][] = [
				[[["DAC", 2010, 46_000]], /no ODA to Africa published for 2004/],
				[[["DAC", 2004, 30_000]], /no ODA to Africa published for 2010/],
				[
					[
						["DAC", 2004, 30_000],
						["DAC", 2010, 46_000, "grant_equivalent"],
					],
					/different bases/,
				],
			];
			for (const [rows, why] of cases) {
				const m = increaseScheduleOf(
					africa(),
					{ table: withAfrica(rows), providers: all },
					converter,
				);
				assert.equal(m.delivered, null, String(why));
				assert.equal(m.measurement, null);
				assert.match(m.unmeasured ?? "", why);
			}
			// ODA to all developing countries does not stand in for ODA to Africa.
			const none = increaseScheduleOf(
				africa(),
				{ table: withAfrica([]), providers: all },
				converter,
			);
			assert.equal(none.delivered, null);
		});
	});
});
