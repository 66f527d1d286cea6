/**
 * The commitment list shows each commitment's delivery (status, delivered, gap), can be
 * filtered by status and sorted by gap, and says exactly what the commitment's own
 * delivery answer says, on any day: the stored statuses are read for the day (status.terms.ts).
 * On SQLite and PostgreSQL, on two days.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";

type Item = {
	slug: string;
	status: string;
	delivery: {
		status: string;
		committed_usd: string | null;
		delivered_usd: string | null;
		gap_usd: string | null;
	} | null;
};

async function all(ctx: TestContext, query = ""): Promise<Item[]> {
	const out: Item[] = [];
	for (let page = 1; ; page++) {
		const res = await ctx.get(`/api/v1/commitments?limit=200&page=${page}${query}`);
		assert.equal(res.status, 200, JSON.stringify(res.body));
		out.push(...res.body.items);
		if (out.length >= res.body.total) return out;
	}
}

const cents = (usd: string) => Math.round(Number(usd) * 100);

for (const today of ["2026-12-07", "2008-06-30"])
	describeEachDialect(
		`the commitment list's delivery, on ${today}`,
		(ctx) => {
			it("says for every commitment what its own delivery answer says", async () => {
				const items = await all(ctx());
				assert.ok(items.length >= 40, `${items.length} commitments`);
				const seen = new Set<string>();
				for (const item of items) {
					assert.ok(item.delivery, `${item.slug} has its delivery`);
					const res = await ctx().get(`/api/v1/commitments/${item.slug}/delivery`);
					assert.equal(res.status, 200);
					const dl = res.body;
					assert.equal(item.delivery.status, dl.status, item.slug);
					seen.add(dl.status);
					assert.equal(item.delivery.committed_usd, dl.committed?.constant ?? null, item.slug);
					if (item.delivery.delivered_usd !== null) {
						assert.equal(item.delivery.delivered_usd, dl.delivered.constant, item.slug);
						if (dl.share === null)
							assert.equal(
								cents(item.delivery.gap_usd ?? "NaN"),
								cents(dl.committed.constant) - cents(dl.delivered.constant),
								item.slug,
							);
					} else {
						// Nothing says what was delivered: no gap either, and no verdict on money.
						assert.equal(item.delivery.gap_usd, null, item.slug);
						assert.equal(Number(dl.delivered.constant), 0, item.slug);
					}
					if (dl.share !== null) assert.equal(item.delivery.gap_usd, dl.share.gap, item.slug);
				}
				// The demo has statuses of several kinds on either day: the comparison means something.
				assert.ok(seen.size >= 3, [...seen].join(", "));
			});

			it("filters by delivery status, the facet counting what the filter gives", async () => {
				const items = await all(ctx());
				const facets = (await ctx().get("/api/v1/commitments/facets")).body.facets.delivery as {
					value: string;
					count: number;
				}[];
				assert.ok(facets.length >= 3);
				for (const bucket of facets) {
					const chosen = await all(ctx(), `&delivery=${bucket.value}`);
					assert.equal(chosen.length, bucket.count, bucket.value);
					assert.equal(
						chosen.length,
						items.filter((i) => i.delivery?.status === bucket.value).length,
						bucket.value,
					);
					assert.ok(chosen.every((i) => i.delivery?.status === bucket.value));
				}
				const two = facets.slice(0, 2).map((b) => b.value);
				const both = await all(ctx(), `&delivery=${two.join(",")}`);
				assert.equal(
					both.length,
					facets.slice(0, 2).reduce((a, b) => a + b.count, 0),
				);
			});

			it("sorts by gap, largest or smallest first, those without delivery data last", async () => {
				for (const [sort, sign] of [
					["-gap_usd", -1],
					["gap_usd", 1],
				] as const) {
					const items = await all(ctx(), `&sort=${sort}`);
					const gaps = items.map((i) => i.delivery?.gap_usd ?? null);
					const known = gaps.filter((g): g is string => g !== null).map(cents);
					assert.ok(known.length >= 5, "some gaps are known");
					assert.deepEqual(
						gaps.slice(0, known.length).map((g) => g !== null),
						known.map(() => true),
						"the unknown gaps come last",
					);
					for (let i = 1; i < known.length; i++)
						assert.ok(
							sign * ((known[i] as number) - (known[i - 1] as number)) >= 0,
							`${sort}: ${known[i - 1]} then ${known[i]}`,
						);
				}
			});

			it("refuses an unknown status, naming the parameter", async () => {
				const res = await ctx().get("/api/v1/commitments?delivery=late");
				assert.equal(res.status, 400);
				assert.match(JSON.stringify(res.body), /delivery/);
			});

			it("follows a write at once: a report filed moves a promise out of no data", async () => {
				const c = await ctx().services.commitments.create(
					{
						title: `A list test pledge of ${today}`,
						text: "A pledge for the list test, as announced.",
						kind: "financial",
						makers: ["united-kingdom"],
						goals: ["mdg:8"],
						recipients: [{ kind: "global" }],
						financial: {
							amount: "1000000",
							currency: "USD",
							frequency: "total",
							price_basis: "current",
							period_start: "2005-01-01",
							period_end: "2030-12-31",
						},
						status: "published",
					},
					cliActor,
				);
				const before = (await all(ctx(), "&q=list%20test%20pledge")).find((i) => i.slug === c.slug);
				assert.equal(before?.delivery?.status, "no_data");
				assert.equal(before?.delivery?.delivered_usd, null);
				await ctx().services.reports.create(
					c.slug,
					{
						kind: "maker",
						stakeholder: "united-kingdom",
						period_start: "2005-01-01",
						period_end: "2005-12-31",
						disbursed: {
							amount: "1000000",
							currency: "USD",
							by_year: [{ year: 2005, amount: "1000000" }],
						},
						narrative: "Disbursed in full, as the accounts show.",
					},
					cliActor,
				);
				const after = (await all(ctx(), "&q=list%20test%20pledge")).find((i) => i.slug === c.slug);
				const detail = (await ctx().get(`/api/v1/commitments/${c.slug}/delivery`)).body;
				assert.notEqual(after?.delivery?.status, "no_data");
				assert.equal(after?.delivery?.status, detail.status);
				assert.equal(after?.delivery?.delivered_usd, detail.delivered.constant);
			});
		},
		{ today },
	);
