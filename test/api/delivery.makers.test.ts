/**
 * A collective pledge is not billed to each of its makers: a maker's figures are its own
 * pledges (made alone, or its stated part of a collective one) and the delivery on them;
 * a pledge made jointly counts once in the totals and is "collective" for each maker. On
 * the API, the stakeholder page and a stakeholder filter, on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { parseInput } from "../../src/lib/validation.ts";
import { deliveryQuery } from "../../src/modules/analytics/analytics.schemas.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { htmlPage, textOf } from "../helpers/pages.ts";

async function pledge(
	ctx: TestContext,
	title: string,
	makers: string[],
	amount: string,
): Promise<string> {
	const c = await ctx.services.commitments.create(
		{
			title,
			text: `${title}, as announced.`,
			kind: "financial",
			makers,
			goals: ["mdg:8"],
			recipients: [{ kind: "global" }],
			financial: {
				amount,
				currency: "USD",
				frequency: "total",
				price_basis: "current",
				period_start: "2020-01-01",
				period_end: "2021-12-31",
			},
			status: "published",
		},
		cliActor,
	);
	return c.slug;
}

async function reported(ctx: TestContext, slug: string, by: string, amount: string) {
	await ctx.services.reports.create(
		slug,
		{
			kind: "maker",
			stakeholder: by,
			period_start: "2020-01-01",
			period_end: "2020-12-31",
			disbursed: { amount, currency: "USD", by_year: [{ year: 2020, amount }] },
			narrative: "Disbursed as the annual accounts show.",
		},
		cliActor,
	);
}

type Row = {
	key: string;
	committed: string;
	delivered: string | null;
	counts: Record<string, number>;
};

describeEachDialect(
	"a collective pledge is not billed to each maker",
	(ctx) => {
		const ids = new Map<string, string>();
		before(async () => {
			for (const [slug, country] of [
				["donor-uk", "GB"],
				["donor-fr", "FR"],
			] as const) {
				const id = await ctx().services.stakeholders.create(
					{
						slug,
						name: slug === "donor-uk" ? "Donor UK" : "Donor FR",
						kind: "member_state",
						country,
					},
					cliActor,
				);
				ids.set(slug, String(id));
			}
			const joint = await pledge(ctx(), "Joint pledge", ["donor-uk", "donor-fr"], "10000000");
			const ukPart = await pledge(ctx(), "UK part of the joint pledge", ["donor-uk"], "3000000");
			await pledge(ctx(), "UK pledge of its own", ["donor-uk"], "1000000");
			await ctx().services.commitments.relate(ukPart, { to: joint, kind: "part_of" }, cliActor);
			await reported(ctx(), ukPart, "donor-uk", "1200000");
			await reported(ctx(), joint, "donor-fr", "500000");
		});

		const byMaker = async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder&basis=current");
			assert.equal(res.status, 200);
			return res.body as { total: Row; groups: Row[]; notes: string[] };
		};

		it("credits each maker with its own pledges only, and counts the joint one once", async () => {
			const a = await byMaker();
			// The joint pledge carries 10m once (the UK part is inside it), plus the UK's own 1m.
			assert.deepEqual([a.total.committed, a.total.delivered], ["11000000.00", "1700000.00"]);
			const uk = a.groups.find((g) => g.key === ids.get("donor-uk"));
			const fr = a.groups.find((g) => g.key === ids.get("donor-fr"));
			assert.deepEqual([uk?.committed, uk?.delivered], ["4000000.00", "1200000.00"]);
			assert.deepEqual([uk?.counts.counted, uk?.counts.collective, uk?.counts.part], [2, 1, 0]);
			// France made nothing alone: no money of its own, one collective pledge.
			assert.deepEqual([fr?.committed, fr?.delivered], ["0.00", null]);
			assert.deepEqual([fr?.counts.counted, fr?.counts.collective], [0, 1]);
			assert.ok(a.notes.some((n) => n.includes("collective, not split")));
		});

		it("gives a stakeholder filter the maker's own figures, from facts and rollups alike", async () => {
			const q = parseInput(deliveryQuery, {
				group_by: "year",
				stakeholder: "donor-uk",
				basis: "current",
			});
			const rolled = await ctx().services.analytics.delivery(q);
			const summed = await ctx().services.analytics.delivery(q, { fromFacts: true });
			assert.deepEqual(rolled, summed);
			assert.equal(rolled.total.committed, "4000000.00");
			assert.equal(rolled.total.counts.collective, 1);
			// With a second filter the facts are read: still the maker's own pledges.
			const both = await ctx().get(
				"/api/v1/analytics/delivery?group_by=goal&stakeholder=donor-uk&goal=mdg:8&basis=current",
			);
			assert.equal(both.body.total.committed, "4000000.00");
			// The commitment list still finds every pledge the maker made, the joint one too.
			const list = await ctx().get("/api/v1/commitments?stakeholder=donor-uk");
			assert.equal(list.body.total, 3);
		});

		it("says on the maker's page what is its own and how many pledges it shares", async () => {
			const page = textOf(await htmlPage(ctx(), "/en/stakeholders/donor-fr"));
			assert.match(page, /Donor FR's own pledges/);
			assert.match(page, /Collective pledges Donor FR made together with others: 1\./);
			const fr = textOf(await htmlPage(ctx(), "/fr/stakeholders/donor-fr"));
			assert.match(fr, /Promesses collectives faites par Donor FR avec d'autres : 1\./);
			const uk = await ctx().get(`/api/v1/stakeholders/donor-uk`);
			assert.equal(uk.body.delivery.counts.collective, 1);
		});
	},
	{ demo: false },
);
