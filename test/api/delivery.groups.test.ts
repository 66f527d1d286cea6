/**
 * One maker, forum, goal or target alone is a group the delivery rollups keep: its
 * aggregate is read from them (analytics.service.ts, rolledUpGroup). On the demo, every
 * such group answers the same from the rollups as from summing its commitments' facts.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { parseInput } from "../../src/lib/validation.ts";
import { deliveryQuery } from "../../src/modules/analytics/analytics.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";

describeEachDialect("delivery of one group: rollups and facts agree", (ctx) => {
	it("gives every maker, forum, goal and target the same answer both ways", async () => {
		const { analytics } = ctx().services;
		const compared: Record<string, number> = {};
		for (const dim of ["stakeholder", "forum", "goal", "target"] as const) {
			const groups = (await ctx().get(`/api/v1/analytics/delivery?group_by=${dim}&limit=500`)).body
				.groups as { key: string; slug: string | null }[];
			for (const g of groups)
				for (const groupBy of ["year", "stakeholder"] as const) {
					const q = parseInput(deliveryQuery, { group_by: groupBy, [dim]: g.slug ?? g.key });
					const rolled = await analytics.delivery(q);
					const summed = await analytics.delivery(q, { fromFacts: true });
					assert.deepEqual(rolled, summed, `${dim}=${g.slug ?? g.key} by ${groupBy}`);
					compared[dim] = (compared[dim] ?? 0) + 1;
				}
		}
		for (const dim of ["stakeholder", "forum", "goal", "target"])
			assert.ok((compared[dim] ?? 0) >= 10, `${compared[dim]} ${dim} answers compared`);
	});
});
