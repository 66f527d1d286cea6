/**
 * Data that stops before a year ends covers that year's promise only up to its last day
 * (schedule.ts, coveredShareOfYear): a publisher's IATI file generated in April
 * covers January to March, and the rest of the year's promise has no data yet.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Converter } from "./conversion.ts";
import { computeDelivery } from "./delivery.compute.ts";
import { pledge } from "./inputs.fixture.ts";
import { coveredShareOfYear } from "./schedule.ts";

describe("the share of a year's promise that data up to a day covers", () => {
	const fy = { start: "2011-04-01", end: "2015-03-31" };
	it("is the share of the period's days of that year up to the day", () => {
		assert.equal(coveredShareOfYear(2013, "2013-12-31", fy), 1);
		assert.equal(coveredShareOfYear(2013, "2013-03-31", fy), 90 / 365);
		// The first year of the period starts on 1 April: its days count from there.
		assert.equal(coveredShareOfYear(2011, "2011-06-30", fy), 91 / 275);
		assert.equal(coveredShareOfYear(2011, "2011-03-31", fy), 0);
		// The last year ends with the period.
		assert.equal(coveredShareOfYear(2015, "2015-03-31", fy), 1);
		assert.equal(coveredShareOfYear(2012, "2012-02-29", { start: null, end: null }), 60 / 366);
	});
});

/** A year of linked IATI disbursements of `cents`, at a share of 100%, up to `through`. */
const iati = (year: number, cents: number, through: string) => ({
	commitment_id: 1,
	year,
	current: BigInt(cents) * 10_000n,
	constant: BigInt(cents) * 10_000n,
	unconverted: 0,
	through,
});

describe("IATI data that stops in March", () => {
	it("covers the promise up to the day it stops, not the whole year", () => {
		// GBP-like pledge in USD of 1,461 days' worth: 2011-04-01 to 2015-03-31, 1 a day.
		const c = pledge(1, 1461_00, { period_start: "2011-04-01", period_end: "2015-03-31" });
		const out = computeDelivery(
			[c],
			[],
			[iati(2012, 100_00, "2012-12-31"), iati(2013, 10_00, "2013-03-31")],
			[],
			new Converter(2020),
			null,
		);
		const facts = out.facts.get(1) ?? [];
		const covered = (year: number) =>
			facts.find((f) => f.year === year)?.committed_covered_current ?? Number.NaN;
		assert.equal(covered(2011), 275_00, "2011 from 1 April, whole");
		assert.equal(covered(2012), 366_00, "2012 whole");
		assert.equal(covered(2013), 90_00, "2013 up to 31 March only");
		assert.equal(covered(2014), 0, "2014 has no data");
	});
});
