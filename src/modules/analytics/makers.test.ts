/**
 * A maker's own figures (delivery.compute.ts, makerFacts): its own pledges and the
 * delivery on them, never the whole of a pledge it shares with other makers.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Converter } from "./conversion.ts";
import { computeDelivery, type Relation, type ReportInputs } from "./delivery.compute.ts";
import { pledge, report } from "./inputs.fixture.ts";

const converter = new Converter(2020);
const [uk, fr] = [501, 502];

/** Each maker's sums over its own pledges: committed and delivered, in cents. */
function byMaker(
	commitments: ReturnType<typeof pledge>[],
	reports: ReportInputs[],
	relations: Relation[],
) {
	const out = computeDelivery(commitments, reports, [], relations, converter, null);
	const sums = new Map<number, { pledges: number[]; committed: number; delivered: number }>();
	for (const [id, facts] of out.makerFacts)
		for (const f of facts) {
			const s = sums.get(f.stakeholder_id) ?? { pledges: [], committed: 0, delivered: 0 };
			if (!s.pledges.includes(id)) s.pledges.push(id);
			s.committed += f.committed_current;
			s.delivered += f.delivered_current;
			sums.set(f.stakeholder_id, s);
		}
	return { sums, out };
}

describe("a maker's own figures", () => {
	it("leave a pledge of several makers out of each of them, and credit each member's own part", () => {
		const joint = pledge(1, 50_000_00, { makers: [uk, fr] });
		const ukPart = pledge(2, 3_000_00, { makers: [uk] });
		const frPart = pledge(3, 2_000_00, { makers: [fr] });
		const { sums, out } = byMaker(
			[joint, ukPart, frPart],
			[report(2, 2012, { 2011: 1_000_00 }), report(1, 2012, { 2011: 9_000_00 })],
			[
				{ from_id: 2, to_id: 1, kind: "part_of" },
				{ from_id: 3, to_id: 1, kind: "part_of" },
			],
		);
		assert.deepEqual(sums.get(uk), { pledges: [2], committed: 3_000_00, delivered: 1_000_00 });
		assert.deepEqual(sums.get(fr), { pledges: [3], committed: 2_000_00, delivered: 0 });
		// The joint pledge still carries the money once, with all its delivery, for every other group.
		const root = out.facts.get(1) ?? [];
		assert.equal(
			root.reduce((a, f) => a + f.committed_current, 0),
			50_000_00,
		);
		assert.equal(
			root.reduce((a, f) => a + f.delivered_current, 0),
			10_000_00,
		);
		assert.equal(out.makerFacts.has(1), false);
	});

	it("count a maker's pledge once with the delivery of what belongs to it", () => {
		const own = pledge(1, 8_000_00, { makers: [uk] });
		// The same maker's reaffirmation and its part: delivery flows up, no second amount.
		const again = pledge(2, 8_000_00, { makers: [uk] });
		const part = pledge(3, 1_000_00, { makers: [uk] });
		// Another maker's commitment that belongs to the UK pledge: its delivery counts there.
		const other = pledge(4, 500_00, { makers: [fr] });
		const { sums } = byMaker(
			[own, again, part, other],
			[
				report(2, 2012, { 2011: 2_000_00 }),
				report(3, 2012, { 2010: 400_00 }),
				report(4, 2012, { 2010: 100_00 }),
			],
			[
				{ from_id: 2, to_id: 1, kind: "reaffirms" },
				{ from_id: 3, to_id: 1, kind: "part_of" },
				{ from_id: 4, to_id: 1, kind: "part_of" },
			],
		);
		assert.deepEqual(sums.get(uk), { pledges: [1], committed: 8_000_00, delivered: 2_500_00 });
		// The French part is France's own pledge too: France is credited with it.
		assert.deepEqual(sums.get(fr), { pledges: [4], committed: 500_00, delivered: 100_00 });
	});

	it("credit a member's pledge that reaffirms a collective one, and none of a withdrawn pledge", () => {
		const collective = pledge(1, 10_000_00, { makers: [uk, fr] });
		const ukAgain = pledge(2, 4_000_00, { makers: [uk] });
		const gone = pledge(3, 7_000_00, { makers: [fr], status: "withdrawn" });
		const { sums } = byMaker(
			[collective, ukAgain, gone],
			[report(2, 2012, { 2011: 600_00 })],
			[{ from_id: 2, to_id: 1, kind: "reaffirms" }],
		);
		assert.deepEqual(sums.get(uk), { pledges: [2], committed: 4_000_00, delivered: 600_00 });
		assert.equal(sums.has(fr), false);
	});
});
