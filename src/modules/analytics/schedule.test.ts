import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { elapsedShare, expectedBy, scheduleShares, splitAmount } from "./schedule.ts";

describe("schedules", () => {
	it("spreads a total over the days of its period", () => {
		const shares = scheduleShares({
			frequency: "total",
			periodStart: "2020-07-01",
			periodEnd: "2021-06-30",
			announcedOn: null,
		});
		assert.deepEqual(
			shares.map((s) => s.year),
			[2020, 2021],
		);
		assert.ok(Math.abs((shares[0]?.share ?? 0) - 184 / 365) < 1e-12);
		assert.ok(Math.abs(shares.reduce((a, s) => a + s.share, 0) - 1) < 1e-12);
	});

	it("splits into whole cents that add up exactly", () => {
		const shares = scheduleShares({
			frequency: "total",
			periodStart: "2011-01-01",
			periodEnd: "2013-12-31",
			announcedOn: null,
		});
		const parts = splitAmount(100, shares);
		assert.equal(
			parts.reduce((a, p) => a + p.minor, 0),
			100,
		);
		// 2012 has 366 days: the largest remainder, so it takes the odd cent.
		assert.deepEqual(
			parts.map((p) => p.minor),
			[33, 34, 33],
		);
	});

	it("counts an annual amount in each whole year, and part of a partial one", () => {
		const shares = scheduleShares({
			frequency: "annual",
			periodStart: "2010-01-01",
			periodEnd: "2012-06-30",
			announcedOn: null,
		});
		const parts = splitAmount(1_000_000, shares);
		assert.deepEqual(
			parts.map((p) => p.minor),
			[1_000_000, 1_000_000, Math.round((1_000_000 * 182) / 366)],
		);
	});

	it("reads an annual amount with an end date only as the level of the end year", () => {
		assert.deepEqual(
			scheduleShares({
				frequency: "annual",
				periodStart: null,
				periodEnd: "2010-12-31",
				announcedOn: "2005-07-08",
			}),
			[{ year: 2010, share: 1 }],
		);
	});

	it("runs a total with an end date only from its announcement", () => {
		const shares = scheduleShares({
			frequency: "total",
			periodStart: null,
			periodEnd: "2010-12-31",
			announcedOn: "2009-01-01",
		});
		assert.deepEqual(
			shares.map((s) => s.year),
			[2009, 2010],
		);
	});

	it("has no schedule without any date", () => {
		assert.deepEqual(
			scheduleShares({ frequency: "total", periodStart: null, periodEnd: null, announcedOn: null }),
			[],
		);
	});

	it("counts the elapsed part of a year, today included", () => {
		assert.equal(elapsedShare(2025, "2026-03-01"), 1);
		assert.equal(elapsedShare(2027, "2026-03-01"), 0);
		assert.equal(elapsedShare(2026, "2026-01-01"), 1 / 365);
		assert.equal(elapsedShare(2026, "2026-12-31"), 1);
		assert.equal(
			expectedBy(
				[
					{ year: 2025, amount: 1000 },
					{ year: 2026, amount: 365 },
					{ year: 2027, amount: 1000 },
				],
				"2026-01-10",
			),
			1010,
		);
	});
});
