/**
 * Money that is not development aid (the G20's US$250bn of trade finance, mostly export
 * credit guarantees) is shown but kept out of the delivery totals by default: counted
 * apart as not_aid, its money under its kind of money (group_by=flow_type), added back
 * only when asked (flows=all), and never in a maker's own figures.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

const cents = (usd: string) => Math.round(Number(usd) * 100);

async function aggregate(ctx: TestContext, query: string) {
	const res = await ctx.get(`/api/v1/analytics/delivery?${query}`);
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body;
}

describeEachDialect("money that is not aid", (ctx) => {
	it("keeps the G20 trade finance out of the totals, counted apart, and adds it when asked", async () => {
		const detail = (await ctx().get("/api/v1/commitments/g20-london-2009-trade-finance")).body;
		assert.equal(detail.financial.flow_type, "guarantee");
		const own = (await ctx().get("/api/v1/commitments/g20-london-2009-trade-finance/delivery"))
			.body;
		const committed = cents(own.committed.constant);
		assert.ok(committed > 200_000_000_000_00, "its own page still shows the US$250bn");

		const aid = await aggregate(ctx(), "group_by=goal");
		const all = await aggregate(ctx(), "group_by=goal&flows=all");
		const notAid = demo.commitments.filter(
			(c) => c.financial?.flow_type !== undefined && c.financial.flow_type !== "oda",
		);
		assert.ok(notAid.length >= 1);
		assert.equal(aid.total.counts.not_aid, notAid.length, "each counted apart");
		assert.ok(aid.notes.some((n: string) => /Only development aid adds money/.test(n)));
		const mdg8 = (body: { groups: { key: string; committed: string }[] }) =>
			cents(body.groups.find((g) => g.key === "mdg:8")?.committed ?? "0");
		assert.ok(mdg8(all) - mdg8(aid) >= committed, "MDG 8 without the US$250bn at least");

		// By kind of money: aid is the default total, and all money is every kind together.
		const byFlow = await aggregate(ctx(), "group_by=flow_type");
		const flow = (key: string) =>
			cents(byFlow.groups.find((g: { key: string }) => g.key === key)?.committed ?? "0");
		assert.equal(flow("guarantee"), committed, "the trade finance is the demo's one guarantee");
		assert.equal(flow("oda"), cents(aid.total.committed));
		const kinds = byFlow.groups.reduce(
			(sum: number, g: { committed: string }) => sum + cents(g.committed),
			0,
		);
		assert.ok(Math.abs(kinds - cents(all.total.committed)) <= byFlow.groups.length);

		// A forum's own figures leave it out too; the G20 London summit counts it apart.
		const forum = await aggregate(ctx(), "group_by=year&forum=g20-london-2009");
		assert.equal(forum.total.counts.not_aid, 1);
		const forumAll = await aggregate(ctx(), "group_by=year&forum=g20-london-2009&flows=all");
		assert.equal(cents(forumAll.total.committed) - cents(forum.total.committed), committed);

		const page = await ctx().app.inject({
			method: "GET",
			url: "/en/commitments/g20-london-2009-trade-finance",
		});
		assert.match(page.body, /id="not-aid"/);
		assert.match(page.body, /Guarantees and insurance: not counted as aid/);
	});

	it("keeps a maker's loan at market terms out of its own figures", async () => {
		const stakeholder = async () =>
			(await aggregate(ctx(), "group_by=stakeholder&stakeholder=japan")).total;
		const before = await stakeholder();
		await ctx().services.commitments.create(
			{
				title: "Japan: export credit line at market terms",
				text: "An export credit line at market terms.",
				kind: "financial",
				makers: ["japan"],
				goals: ["mdg:8"],
				financial: {
					amount: "1000000000",
					currency: "USD",
					frequency: "total",
					period_start: "2010-01-01",
					period_end: "2010-12-31",
					flow_type: "oof",
				},
				status: "published",
			},
			cliActor,
		);
		const after = await stakeholder();
		assert.equal(after.committed, before.committed, "not in Japan's aid");
		assert.equal(after.counts.not_aid, before.counts.not_aid + 1);
		const check = await ctx().services.analytics.rollupCheck();
		assert.deepEqual(check.maintained, check.recomputed);
	});

	it("refuses a kind of money it does not know, naming the field", async () => {
		await assert.rejects(
			ctx().services.commitments.create(
				{
					title: "Bad flow",
					text: "x",
					kind: "financial",
					makers: ["japan"],
					goals: ["mdg:8"],
					financial: {
						amount: "1",
						currency: "USD",
						frequency: "total",
						flow_type: "grant" as never,
					},
				},
				cliActor,
			),
			(e: { fields?: { name: string }[] }) =>
				e.fields?.some((f) => f.name === "financial.flow_type") === true,
		);
	});
});
