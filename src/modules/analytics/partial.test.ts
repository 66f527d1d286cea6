/**
 * A relation for part of a commitment's money (delivery.compute.ts, partialWeights): the
 * commitment stays its own root with the rest of its money, the part's delivery counts
 * under the other's root, and in all every promise and every delivery counts once.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Converter } from "./conversion.ts";
import { computeDelivery, type Relation } from "./delivery.compute.ts";
import { pledge, report } from "./inputs.fixture.ts";

const converter = new Converter(2020);
const sum = (facts: { committed_current: number; delivered_current: number }[] | undefined) => ({
	committed: (facts ?? []).reduce((a, f) => a + f.committed_current, 0),
	delivered: (facts ?? []).reduce((a, f) => a + f.delivered_current, 0),
});

describe("a relation for part of the money", () => {
	// Canada's Global Fund pledge (id 2, 540) took 41.4 of it from its Muskoka pledge (id 1).
	const muskoka = pledge(1, 1_100_000_00);
	const globalFund = pledge(2, 540_000_00);
	const reports = [report(1, 2012, { 2011: 200_000_00 }), report(2, 2012, { 2011: 100_000_00 })];
	const share = 41_400_00 / 540_000_00;
	const partial: Relation[] = [{ from_id: 2, to_id: 1, kind: "overlaps", share }];

	it("keeps the rest of the pledge its own, and counts the shared part's delivery with the other", () => {
		const out = computeDelivery([muskoka, globalFund], reports, [], partial, converter, null);
		const gf = sum(out.facts.get(2));
		const mk = sum(out.facts.get(1));
		assert.equal(gf.committed, 540_000_00 - 41_400_00, "the rest of the Global Fund pledge");
		assert.equal(mk.committed, 1_100_000_00, "Muskoka's promise, which already holds the part");
		assert.equal(gf.delivered, Math.round(100_000_00 * (1 - share)));
		assert.equal(mk.delivered, 200_000_00 + Math.round(100_000_00 * share));
		assert.equal(gf.delivered + mk.delivered, 300_000_00, "every delivery once");
		// Both stay roots, counted.
		assert.deepEqual(
			out.states.map((s) => [s.commitment_id, s.reason, s.root_id]),
			[
				[1, "counted", 1],
				[2, "counted", 2],
			],
		);
	});

	it("counts a promise once whether related in part, wholly, or not at all", () => {
		const total = (relations: Relation[]) => {
			const out = computeDelivery([muskoka, globalFund], reports, [], relations, converter, null);
			const all = [...out.facts.values()].map(sum);
			return {
				committed: all.reduce((a, s) => a + s.committed, 0),
				delivered: all.reduce((a, s) => a + s.delivered, 0),
			};
		};
		assert.deepEqual(total(partial), {
			committed: 1_100_000_00 + 540_000_00 - 41_400_00,
			delivered: 300_000_00,
		});
		assert.deepEqual(total([{ from_id: 2, to_id: 1, kind: "overlaps" }]), {
			committed: 1_100_000_00,
			delivered: 300_000_00,
		});
		assert.deepEqual(total([]), { committed: 1_640_000_00, delivered: 300_000_00 });
	});

	it("leaves a maker's own figures whole: the part is shared with a pledge, not with a maker", () => {
		const out = computeDelivery([muskoka, globalFund], reports, [], partial, converter, null);
		assert.equal(sum(out.makerFacts.get(2)).committed, 540_000_00);
	});
});

describe("two parts of one pledge", () => {
	it("are shares of the whole pledge: its root keeps the rest of promise and delivery alike", () => {
		// A pledge (1) of 100, a quarter of it another pledge's (2), a half a third's (3).
		const pledges = [pledge(1, 100_000_00), pledge(2, 500_000_00), pledge(3, 500_000_00)];
		const reports = [report(1, 2012, { 2011: 80_000_00 })];
		const out = computeDelivery(
			pledges,
			reports,
			[],
			[
				{ from_id: 1, to_id: 2, kind: "overlaps", share: 0.25 },
				{ from_id: 1, to_id: 3, kind: "overlaps", share: 0.5 },
			],
			converter,
			null,
		);
		const [one, two, three] = [1, 2, 3].map((id) => sum(out.facts.get(id)));
		assert.equal(one?.committed, 25_000_00, "a quarter of the promise left");
		assert.equal(one?.delivered, 20_000_00, "and a quarter of its delivery, not (1-1/4)(1-1/2)");
		assert.equal(two?.delivered, 20_000_00);
		assert.equal(three?.delivered, 40_000_00);
	});
});

describe("relations for parts of the money, any of them", () => {
	it("count every delivery once and every promise less what it shares (property)", () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						amount: fc.integer({ min: 1_000_00, max: 1_000_000_00 }),
						delivered: fc.integer({ min: 0, max: 1_000_000_00 }),
					}),
					{ minLength: 2, maxLength: 8 },
				),
				fc.array(
					fc.record({
						from: fc.nat(7),
						to: fc.nat(7),
						share: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
					}),
					{ maxLength: 10 },
				),
				(pledges, links) => {
					const commitments = pledges.map((p, i) => pledge(i + 1, p.amount));
					const reports = pledges.map((p, i) => report(i + 1, 2012, { 2011: p.delivered }));
					// As the service allows them: between two pledges, all of one's parts at most all of it.
					const out = new Map<number, number>();
					const relations: Relation[] = [];
					for (const l of links) {
						const [from, to] = [(l.from % pledges.length) + 1, (l.to % pledges.length) + 1];
						if (from === to || (out.get(from) ?? 0) + l.share > 1) continue;
						out.set(from, (out.get(from) ?? 0) + l.share);
						relations.push({ from_id: from, to_id: to, kind: "overlaps", share: l.share });
					}
					const result = computeDelivery(commitments, reports, [], relations, converter, null);
					const all = [...result.facts.values()].map(sum);
					const delivered = all.reduce((a, s) => a + s.delivered, 0);
					const committed = all.reduce((a, s) => a + s.committed, 0);
					const expectedDelivered = pledges.reduce((a, p) => a + p.delivered, 0);
					const expectedCommitted = pledges.reduce(
						(a, p, i) => a + p.amount * (1 - (out.get(i + 1) ?? 0)),
						0,
					);
					// Each weighed part is rounded to the cent: a cent per relation at most.
					const slack = 2 * relations.length + 1;
					assert.ok(
						Math.abs(delivered - expectedDelivered) <= slack,
						`${delivered} vs ${expectedDelivered}`,
					);
					assert.ok(
						Math.abs(committed - expectedCommitted) <= slack,
						`${committed} vs ${expectedCommitted}`,
					);
				},
			),
			{ numRuns: 200, seed: 20261207 },
		);
	});
});

describe("a part of a pledge wholly inside a collective one", () => {
	it("moves the part from the collective root to the other root, promise and delivery", () => {
		// Global Fund 2011-13 (10) holds Canada's pledge (2, part_of); Muskoka (20) holds
		// Canada's Muskoka pledge (1, part_of); C$41.4m of the Global Fund pledge is Muskoka's.
		const globalFund = pledge(10, 11_700_000_00);
		const muskoka = pledge(20, 5_000_000_00);
		const canadaGf = pledge(2, 540_000_00);
		const canadaMuskoka = pledge(1, 1_100_000_00);
		const reports = [report(2, 2012, { 2011: 100_000_00 }), report(1, 2012, { 2011: 300_000_00 })];
		const share = 41_400_00 / 540_000_00;
		const out = computeDelivery(
			[globalFund, muskoka, canadaGf, canadaMuskoka],
			reports,
			[],
			[
				{ from_id: 2, to_id: 10, kind: "part_of" },
				{ from_id: 1, to_id: 20, kind: "part_of" },
				{ from_id: 2, to_id: 1, kind: "overlaps", share },
			],
			converter,
			null,
		);
		const gf = sum(out.facts.get(10));
		const mk = sum(out.facts.get(20));
		assert.equal(gf.committed, 11_700_000_00 - 41_400_00, "the collective without the shared part");
		assert.equal(mk.committed, 5_000_000_00);
		assert.equal(gf.delivered, Math.round(100_000_00 * (1 - share)));
		assert.equal(mk.delivered, 300_000_00 + Math.round(100_000_00 * share));
		assert.deepEqual(
			[...out.facts.keys()].sort((a, b) => a - b),
			[10, 20],
			"two roots",
		);
	});
});

describe("parts and wholes together", () => {
	// The service relates parts at one level of a tree only; the computation keeps every
	// delivery once even where they nest (each move takes its share of what is left).
	it("count every delivery once, whatever the whole and partial relations (property)", () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { minLength: 2, maxLength: 8 }),
				fc.array(fc.record({ from: fc.nat(7), to: fc.nat(7) }), { maxLength: 6 }),
				fc.array(
					fc.record({
						from: fc.nat(7),
						to: fc.nat(7),
						share: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
					}),
					{ maxLength: 6 },
				),
				(delivered, wholes, parts) => {
					const n = delivered.length;
					const commitments = delivered.map((_, i) => pledge(i + 1, 1_000_000_00));
					const reports = delivered.map((d, i) => report(i + 1, 2012, { 2011: d }));
					const relations: Relation[] = [];
					// Whole parts point to a lower id, so they never loop.
					for (const w of wholes) {
						const [from, to] = [(w.from % n) + 1, (w.to % n) + 1];
						if (from > to) relations.push({ from_id: from, to_id: to, kind: "part_of" });
					}
					const given = new Map<number, number>();
					for (const p of parts) {
						const [from, to] = [(p.from % n) + 1, (p.to % n) + 1];
						if (from === to || (given.get(from) ?? 0) + p.share > 1) continue;
						given.set(from, (given.get(from) ?? 0) + p.share);
						relations.push({ from_id: from, to_id: to, kind: "overlaps", share: p.share });
					}
					const out = computeDelivery(commitments, reports, [], relations, converter, null);
					const total = [...out.facts.values()].map(sum).reduce((a, s) => a + s.delivered, 0);
					const expected = delivered.reduce((a, d) => a + d, 0);
					const slack = 2 * n * (relations.length + 1);
					assert.ok(Math.abs(total - expected) <= slack, `${total} vs ${expected}`);
				},
			),
			{ numRuns: 300, seed: 20261208 },
		);
	});
});
