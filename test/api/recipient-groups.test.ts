/**
 * A recipient group matches the pledges to its member countries (data/groups: the UN list
 * of least developed countries, by year): the LDC filter finds the MCC compacts with
 * Madagascar and Tanzania and PEPFAR's countries; a country counts only in the years it
 * was a member; the facets and the analytics count the same commitments, once each.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";

async function slugs(ctx: TestContext, query: string): Promise<string[]> {
	const res = await ctx.get(`/api/v1/commitments?${query}&limit=200`);
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body.items.map((c: { slug: string }) => c.slug);
}

async function ldcFacet(ctx: TestContext, query: string): Promise<number | undefined> {
	const res = await ctx.get(`/api/v1/commitments/facets?${query}`);
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body.facets.recipient.find((b: { value: string }) => b.value === "LDC")?.count;
}

describeEachDialect("recipient groups and their member countries", (ctx) => {
	it("finds the pledges to member countries under the LDCs, and not those to others", async () => {
		const ldc = await slugs(ctx(), "recipient=LDC");
		for (const slug of [
			"united-states-mcc-madagascar-compact-2005",
			"united-states-mcc-tanzania-compact-2008",
			"united-states-pepfar-2003",
			// and the pledges to the group itself
			"istanbul-2011-oda-to-ldcs",
			"hong-kong-2005-dfqf-ldcs",
		])
			assert.ok(ldc.includes(slug), `${slug} is a pledge to the LDCs`);
		assert.ok(!ldc.includes("united-states-mcc-ghana-compact-2006"), "Ghana is not an LDC");
		// A country's own filter is unchanged: Tanzania finds its pledges, not the group's.
		const tz = await slugs(ctx(), "recipient=TZ");
		assert.ok(tz.includes("united-states-mcc-tanzania-compact-2008"));
		assert.ok(!tz.includes("istanbul-2011-oda-to-ldcs"));
	});

	it("counts a country in the years it was a member only: Cabo Verde graduated in 2007", async () => {
		const make = (year: number) =>
			ctx().services.commitments.create(
				{
					title: `Clinics in Cabo Verde, pledged in ${year}`,
					text: `A pledge of ${year} for clinics in Cabo Verde.`,
					kind: "financial",
					makers: ["united-kingdom"],
					goals: ["mdg:6"],
					recipients: [{ kind: "country", code: "CV" }],
					announced_on: `${year}-03-01`,
					financial: { amount: "1000000", currency: "USD", frequency: "total" },
					status: "published",
				},
				cliActor,
			);
		const [member, graduated] = [await make(2006), await make(2007)];
		const ldc = await slugs(ctx(), "recipient=LDC&q=Cabo%20Verde");
		assert.ok(ldc.includes(member.slug), "in 2006 Cabo Verde was an LDC");
		assert.ok(!ldc.includes(graduated.slug), "from 2007 it was not");
	});

	it("counts the same commitments in the facets (every path) and the analytics, once each", async () => {
		for (const query of ["", "stakeholder=united-states", "goal=mdg:6"]) {
			const total = (await ctx().get(`/api/v1/commitments?${query}&recipient=LDC&limit=1`)).body
				.total;
			assert.ok(total > 0, query);
			assert.equal(await ldcFacet(ctx(), query), total, `LDC facet with '${query}'`);
		}
		// PEPFAR names several LDCs and the LDC figures count it once: every commitment of the
		// group is counted under one reason (counted, a reaffirmation, a part ...).
		const res = await ctx().get("/api/v1/analytics/delivery?group_by=recipient&limit=500");
		assert.equal(res.status, 200, JSON.stringify(res.body));
		const group = res.body.groups.find((g: { key: string }) => g.key === "group:LDC");
		const { unconverted: _u, collective: _c, ...byReason } = group.counts;
		const counted = Object.values(byReason as Record<string, number>).reduce((a, b) => a + b, 0);
		const listed = (await ctx().get("/api/v1/commitments?recipient=LDC&limit=1")).body.total;
		assert.equal(counted, listed);
	});
});
