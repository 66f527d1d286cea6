import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { financialStatus, monthsBefore, policyStatus, recency } from "./status.ts";

const base = {
	committed: 1000,
	delivered: 450,
	expected: 500,
	hasDeliveryData: true,
	dueBy: "2027-12-31",
};
const today = "2026-06-15";

describe("financial delivery status", () => {
	it("is on track at exactly 90% of what is expected, off track just below", () => {
		assert.equal(financialStatus(base, today), "on_track");
		assert.equal(financialStatus({ ...base, delivered: 449 }, today), "off_track");
	});

	it("is met when delivery reaches the commitment, even before the end", () => {
		assert.equal(financialStatus({ ...base, delivered: 1000 }, today), "met");
		assert.equal(financialStatus({ ...base, delivered: 999 }, today), "on_track");
	});

	it("is not met the day after the period ends short, not on its last day", () => {
		assert.equal(financialStatus({ ...base, dueBy: "2026-06-14" }, today), "not_met");
		assert.equal(financialStatus({ ...base, dueBy: "2026-06-15" }, today), "on_track");
	});

	it("has no data without delivery information or a convertible amount", () => {
		assert.equal(financialStatus({ ...base, hasDeliveryData: false }, today), "no_data");
		assert.equal(financialStatus({ ...base, committed: null }, today), "no_data");
	});

	it("is on track before anything is due", () => {
		assert.equal(financialStatus({ ...base, delivered: 0, expected: 0 }, today), "on_track");
	});
});

describe("policy status", () => {
	it("follows the latest report", () => {
		assert.equal(
			policyStatus([{ source: "report", on: "2026-01-01", status: "achieved" }], null, today),
			"met",
		);
		assert.equal(
			policyStatus([{ source: "report", on: "2026-01-01", status: "not_started" }], null, today),
			"off_track",
		);
	});

	it("lets a newer assessment, or one of the same day, decide", () => {
		const report = { source: "report" as const, on: "2026-01-01", status: "in_progress" as const };
		const scorecard = { source: "scorecard" as const, on: "2026-01-01", score: "off_track" };
		assert.equal(policyStatus([report, scorecard], null, today), "off_track");
		assert.equal(
			policyStatus([report, { ...scorecard, on: "2025-12-31" }], null, today),
			"on_track",
		);
		assert.equal(
			policyStatus([{ source: "compliance", on: "2026-02-01", mean: 1 }], null, today),
			"met",
		);
		assert.equal(
			policyStatus([{ source: "compliance", on: "2026-02-01", mean: 0 }], null, today),
			"off_track",
		);
	});

	it("turns work in progress into not met once the deadline has passed", () => {
		const inProgress = [
			{ source: "report" as const, on: "2026-01-01", status: "in_progress" as const },
		];
		assert.equal(policyStatus(inProgress, "2026-06-14", today), "not_met");
		assert.equal(policyStatus(inProgress, "2026-06-15", today), "on_track");
		assert.equal(policyStatus([], "2020-01-01", today), "no_data");
	});
});

describe("reporting traffic light", () => {
	it("is green inside 12 months and amber at exactly 12", () => {
		assert.equal(recency("2025-06-16", null, today), "green");
		assert.equal(recency("2025-06-15", null, today), "amber");
	});

	it("is amber inside 24 months and red at exactly 24", () => {
		assert.equal(recency("2024-06-16", null, today), "amber");
		assert.equal(recency("2024-06-15", null, today), "red");
	});

	it("gives a new commitment without a report amber, an old one red", () => {
		assert.equal(recency(null, "2025-01-01", today), "amber");
		assert.equal(recency(null, "2024-06-15", today), "red");
		assert.equal(recency(null, null, today), "red");
	});

	it("counts months by the calendar, to the end of a shorter month", () => {
		assert.equal(monthsBefore("2026-03-31", 1), "2026-02-28");
		assert.equal(monthsBefore("2024-02-29", 12), "2023-02-28");
		assert.equal(monthsBefore("2026-01-15", 24), "2024-01-15");
	});
});
