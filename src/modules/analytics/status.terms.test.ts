import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { expectedBy } from "./schedule.ts";
import { financialTerms, forever, lastDayOnTrack, policyTerms, statusOn } from "./status.terms.ts";
import { financialStatus, type PolicyEvidence, policyStatus } from "./status.ts";

const dayMs = 86_400_000;
const date = fc
	.integer({ min: Date.UTC(1999, 0, 1) / dayMs, max: Date.UTC(2031, 11, 31) / dayMs })
	.map((d) => new Date(d * dayMs).toISOString().slice(0, 10));

const schedule = fc
	.uniqueArray(fc.integer({ min: 2000, max: 2030 }), { minLength: 0, maxLength: 6 })
	.chain((years) =>
		fc.tuple(
			...years
				.sort((a, b) => a - b)
				.map((year) => fc.integer({ min: 0, max: 5_000_000 }).map((amount) => ({ year, amount }))),
		),
	);

describe("delivery status terms", () => {
	it("read on any day, give the status status.ts decides on that day (financial)", () => {
		fc.assert(
			fc.property(
				schedule,
				fc.integer({ min: 0, max: 30_000_000 }),
				fc.boolean(),
				fc.option(date, { nil: null }),
				date,
				(rows, delivered, hasDeliveryData, dueBy, today) => {
					const committed = rows.reduce((a, r) => a + r.amount, 0);
					const terms = financialTerms({
						committed,
						delivered,
						schedule: rows,
						hasDeliveryData,
						dueBy,
					});
					const expected = expectedBy(rows, today);
					assert.equal(
						statusOn(terms, today),
						financialStatus({ committed, delivered, expected, hasDeliveryData, dueBy }, today),
					);
				},
			),
			{ numRuns: 2000 },
		);
	});

	it("read on any day, give the status status.ts decides on that day (policy)", () => {
		const evidence: fc.Arbitrary<PolicyEvidence> = fc.oneof(
			fc.record({
				source: fc.constant("report" as const),
				on: date,
				status: fc.constantFrom(
					"not_started" as const,
					"in_progress" as const,
					"achieved" as const,
					"not_achieved" as const,
				),
			}),
			fc.record({
				source: fc.constant("scorecard" as const),
				on: date,
				score: fc.constantFrom("excellent", "good", "below_expectations", "off_track"),
			}),
			fc.record({
				source: fc.constant("compliance" as const),
				on: date,
				mean: fc.constantFrom(-1, -0.5, 0, 0.5, 1),
			}),
		);
		fc.assert(
			fc.property(
				fc.array(evidence, { maxLength: 3 }),
				fc.option(date, { nil: null }),
				date,
				(list, deadline, today) => {
					assert.equal(
						statusOn(policyTerms(list, deadline), today),
						policyStatus(list, deadline, today),
					);
				},
			),
			{ numRuns: 1000 },
		);
	});

	it("finds the last day on track: the day before, on track; the day after, not", () => {
		const rows = [
			{ year: 2026, amount: 3650 },
			{ year: 2027, amount: 3650 },
		];
		// 900 delivered is 90% of 1000 due: due 10 a day in 2026, so day 100 (10 April).
		const last = lastDayOnTrack(rows, 900);
		assert.equal(last, "2026-04-10");
		assert.ok(900 >= 0.9 * expectedBy(rows, last));
		assert.ok(900 < 0.9 * expectedBy(rows, "2026-04-11"));
		assert.equal(lastDayOnTrack(rows, 7000), forever);
		assert.equal(lastDayOnTrack([], 0), forever);
	});
});
