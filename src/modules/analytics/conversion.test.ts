import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Converter, donorSeriesName, totalDac, worseStatus } from "./conversion.ts";
import { parseDeflators, parseRates, rateTables, rateTablesHash } from "./rates.data.ts";

// Figures read from the shipped files (IMF annual averages; DAC deflators, 2020 = 100).
const gbpPerUsd2010 = 0.6471793455601648;
const ukDeflator2010 = 97.31074699999999;
const dacDeflator2013 = 104.033009;
const jpyPerUsd2010 = 87.779875;

describe("conversion to US dollars", () => {
	const c = new Converter(2020);

	it("converts at the IMF annual average of the year", () => {
		const v = c.toUsd(100_000_000_00, "GBP", 2010, "United Kingdom");
		assert.equal(v.status, "ok");
		assert.equal(v.current, Math.round((100_000_000 / gbpPerUsd2010) * 100));
	});

	it("gives constant prices of the base year with the donor's own deflator", () => {
		const v = c.toUsd(100_000_000_00, "GBP", 2010, "United Kingdom");
		const current = 100_000_000 / gbpPerUsd2010;
		assert.equal(v.constant, Math.round(current * (100 / ukDeflator2010) * 100));
		// Another donor's deflator gives another figure: the series really is the donor's.
		const us = c.toUsd(100_000_000_00, "GBP", 2010, "United States");
		assert.notEqual(us.constant, v.constant);
	});

	it("treats US dollars as rate 1 and deflates them", () => {
		const v = c.toUsd(1_000_000_00, "USD", 2013, totalDac);
		assert.equal(v.current, 1_000_000_00);
		assert.equal(v.constant, Math.round(1_000_000 * (100 / dacDeflator2013) * 100));
	});

	it("knows currencies without minor units", () => {
		const v = c.toUsd(877_798_750, "JPY", 2010, "Japan");
		assert.equal(v.current, Math.round((877_798_750 / jpyPerUsd2010) * 100));
		assert.equal(v.current, 10_000_000_00);
	});

	it("moves an amount stated at constant prices of another year to each year and to the base", () => {
		// USD 1m at constant 2010 prices, due in 2013: current 2013 = 1m x D(2013)/D(2010).
		const v = c.toUsd(1_000_000_00, "USD", 2013, "United States", {
			basis: "constant",
			baseYear: 2010,
		});
		assert.equal(v.current, Math.round(1_000_000 * (89.532067 / 84.617537) * 100));
		assert.equal(v.constant, Math.round(1_000_000 * (100 / 84.617537) * 100));
	});

	it("flags a missing rate, never a zero", () => {
		const v = c.toUsd(5_000_00, "XYZ", 2010, totalDac);
		assert.equal(v.status, "no_rate");
		assert.equal(v.current, null);
		assert.equal(v.constant, null);
		assert.match(v.notes.join(" "), /no exchange rate for XYZ in 2010/);
		const early = c.toUsd(5_000_00, "GBP", 1900, "United Kingdom");
		assert.equal(early.status, "no_rate");
	});

	it("flags an amount without a currency", () => {
		assert.equal(c.toUsd(5_000_00, null, 2010, totalDac).status, "no_currency");
		assert.equal(c.toUsd(null, "USD", 2010, totalDac).status, "no_amount");
	});

	it("carries the last figure forward for years after the tables, marked provisional", () => {
		const v = c.toUsd(1_000_000_00, "GBP", 2026, "United Kingdom");
		assert.equal(v.status, "provisional");
		assert.equal(v.current, Math.round((1_000_000 / 0.7824145809862618) * 100));
		assert.match(v.notes.join(" "), /2024 figure carried forward/);
	});

	it("picks the deflator series of the donor", () => {
		assert.equal(donorSeriesName("GB"), "United Kingdom");
		assert.equal(donorSeriesName("KR"), "Korea");
		assert.equal(donorSeriesName("EU"), "EU Institutions");
		assert.equal(donorSeriesName("KE"), totalDac);
		assert.equal(donorSeriesName(null), totalDac);
	});

	it("keeps the worse of two statuses", () => {
		assert.equal(worseStatus("ok", "provisional"), "provisional");
		assert.equal(worseStatus("no_rate", "ok"), "no_rate");
	});
});

describe("rate table parsing", () => {
	it("takes the value most countries report for a shared currency", () => {
		const rates = parseRates(
			[
				"Date,Rate,Currency,Frequency,Source,Country code,Country",
				"2021-12-31,0.845494,EUR,A,IMF,DE,Germany",
				"2021-12-31,0.845376,EUR,A,IMF,AD,Andorra",
				'2021-12-31,0.845494,EUR,A,IMF,FR,"France, Republic of"',
			].join("\n"),
		);
		assert.equal(rates.get("EUR")?.get(2021), 0.845494);
	});

	it("reads 0.0 deflators as missing and skips the footnote", () => {
		const d = parseDeflators(
			[
				"Unnamed: 0,2019,2020",
				"Korea,0.0,100.0",
				'"a) Including the effect of exchange rate changes, i.e. applicable to US dollar figures only.",,',
			].join("\n"),
		);
		assert.deepEqual([...(d.get("Korea") ?? new Map())], [[2020, 100]]);
		assert.equal(d.size, 1);
	});
});

describe("the rate tables' hash", () => {
	it("is the same read alone at start as with the parsed tables, so a start never rebuilds for nothing", () => {
		const alone = rateTablesHash();
		assert.match(alone, /^[0-9a-f]{64}$/);
		assert.equal(rateTables().hash, alone);
		assert.equal(rateTablesHash(), alone);
	});
});
