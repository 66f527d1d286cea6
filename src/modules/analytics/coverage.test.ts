/** Which promised money has delivery data (delivery.compute.ts, coveredMoney). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Converter } from "./conversion.ts";
import {
	type CommitmentInputs,
	computeDelivery,
	type Relation,
	type ReportInputs,
} from "./delivery.compute.ts";
import { pledge, report } from "./inputs.fixture.ts";

const converter = new Converter(2020);

function covered(
	commitments: CommitmentInputs[],
	reports: ReportInputs[],
	relations: Relation[] = [],
) {
	const out = computeDelivery(commitments, reports, [], relations, converter, null);
	const facts = out.facts.get(1) ?? [];
	const sum = (k: "committed_current" | "committed_covered_current" | "delivered_current") =>
		facts.reduce((a, f) => a + f[k], 0);
	return {
		committed: sum("committed_current"),
		covered: sum("committed_covered_current"),
		delivered: sum("delivered_current"),
	};
}

describe("delivery data coverage", () => {
	it("has none without a report: no data, not a shortfall", () => {
		assert.deepEqual(covered([pledge(1, 1_000_00)], []), {
			committed: 1_000_00,
			covered: 0,
			delivered: 0,
		});
	});

	it("covers a promise placed in its announcement year by a report of the years after", () => {
		const r = covered([pledge(1, 1_000_00)], [report(1, 2012, { 2010: 300_00, 2011: 200_00 })]);
		assert.deepEqual(r, { committed: 1_000_00, covered: 1_000_00, delivered: 500_00 });
	});

	it("covers a period up to the latest year reported, and no further", () => {
		const spread = pledge(1, 4_000_00, {
			amount_frequency: "annual",
			period_start: "2010-01-01",
			period_end: "2013-12-31",
		});
		// 4,000 a year over four years; reported up to 2011.
		const r = covered([spread], [report(1, 2012, { 2011: 3_000_00 })]);
		assert.deepEqual(r, { committed: 16_000_00, covered: 8_000_00, delivered: 3_000_00 });
	});

	it("covers only a part's promise when one donor of a joint pledge reports", () => {
		const joint = pledge(1, 10_000_00);
		const part = pledge(2, 3_000_00);
		const r = covered(
			[joint, part],
			[report(2, 2012, { 2011: 1_000_00 })],
			[{ from_id: 2, to_id: 1, kind: "part_of" }],
		);
		assert.deepEqual(r, { committed: 10_000_00, covered: 3_000_00, delivered: 1_000_00 });
	});
});
