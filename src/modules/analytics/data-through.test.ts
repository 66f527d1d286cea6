/**
 * A commitment whose own delivery data stop before its money was all due (a publisher's
 * IATI file generated in April covers January to March) is judged on what was due up to
 * the data's last day (delivery.status.ts, termsOf): it is on or off track by that, and
 * never not met for days nobody has published figures for.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { YearFigures } from "./delivery.compute.ts";
import { dataThrough, type StatusParts, termsOf } from "./delivery.status.ts";
import { statusOn } from "./status.terms.ts";

// 100 a year over 2011-2014, period ending 31 December 2014.
const year = (y: number, delivered: number, source: YearFigures["source"], through?: string) => ({
	year: y,
	committed_current: 100,
	committed_constant: 100,
	delivered_current: delivered,
	delivered_constant: delivered,
	source,
	...(through ? { through } : {}),
});

const parts = (years: YearFigures[]): StatusParts => {
	const delivered = years.reduce((a, y) => a + y.delivered_constant, 0);
	return {
		row: { kind: "financial", amount_minor: 400, period_end: "2014-12-31", policy_deadline: null },
		state: {
			reason: "counted",
			committed_constant: 400,
			delivered_current: delivered,
			delivered_constant: delivered,
		},
		years,
		tree: null,
		evidence: { report: null, scorecard: null, compliance: null },
		share: null,
	};
};

describe("data that stop before the money was all due", () => {
	it("is read to its last day", () => {
		assert.equal(
			dataThrough([year(2011, 50, "iati"), year(2012, 20, "iati", "2012-03-31")]),
			"2012-03-31",
		);
		assert.equal(dataThrough([year(2011, 50, "report"), year(2012, 0, null)]), "2011-12-31");
		assert.equal(dataThrough([year(2011, 0, null)]), null);
	});

	it("judges the commitment on what was due up to then, on any later day", () => {
		// Due by 31 March 2012: 100 + 100 x 91/366 = 124.9; 90% of it is 112.4.
		const behind = termsOf(parts([year(2011, 90, "iati"), year(2012, 20, "iati", "2012-03-31")]));
		const ahead = termsOf(parts([year(2011, 100, "iati"), year(2012, 20, "iati", "2012-03-31")]));
		for (const day of ["2012-06-01", "2014-12-31", "2020-01-01"]) {
			assert.equal(statusOn(behind.status, day), "off_track", day);
			assert.equal(statusOn(ahead.status, day), "on_track", day);
		}
	});

	it("leaves data that reach the end of the period to the usual rules", () => {
		const whole = termsOf(
			parts([
				year(2011, 90, "report"),
				year(2012, 90, "report"),
				year(2013, 90, "report"),
				year(2014, 90, "report"),
			]),
		);
		assert.equal(statusOn(whole.status, "2015-01-01"), "not_met");
		const paid = termsOf(parts([year(2011, 400, "iati"), year(2012, 0, "iati", "2012-03-31")]));
		assert.equal(statusOn(paid.status, "2020-01-01"), "met", "all paid is met, however early");
	});
});
