/**
 * Delivery analytics through the API: totals that follow the relations (no money
 * counted twice), delivery from reports and linked IATI transactions, a missing rate
 * flagged, the aggregate by group and as CSV, and one commitment's delivery.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import {
	commitmentDelivery,
	deliveryAggregate,
} from "../../src/modules/analytics/analytics.schemas.ts";
import { components } from "../../src/web/i18n/components.messages.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { escapeHtml, htmlPage, textOf } from "../helpers/pages.ts";

const today = "2026-06-15";

async function stakeholder(ctx: TestContext, slug: string, country: string | null) {
	await ctx.services.stakeholders.create(
		{ slug, name: slug.replace(/-/g, " "), kind: country ? "member_state" : "other", country },
		cliActor,
	);
}

async function commitment(
	ctx: TestContext,
	o: {
		title: string;
		maker: string;
		goal: string;
		amount: string;
		currency?: string;
		start: string;
		end: string;
		recipient?: string;
	},
): Promise<string> {
	const c = await ctx.services.commitments.create(
		{
			title: o.title,
			text: `${o.title}: the full text as announced.`,
			kind: "financial",
			makers: [o.maker],
			goals: [o.goal],
			recipients: [o.recipient ? { kind: "country", code: o.recipient } : { kind: "global" }],
			financial: {
				amount: o.amount,
				currency: o.currency ?? "USD",
				frequency: "total",
				price_basis: "current",
				period_start: o.start,
				period_end: o.end,
			},
			status: "published",
		},
		cliActor,
	);
	return c.slug;
}

async function relate(ctx: TestContext, from: string, kind: string, to: string) {
	await ctx.services.commitments.relate(from, { to, kind }, cliActor);
}

async function report(
	ctx: TestContext,
	on: string,
	by: string,
	years: Record<number, string>,
	currency = "USD",
) {
	const byYear = Object.entries(years).map(([year, amount]) => ({ year: Number(year), amount }));
	const total = byYear.reduce((a, y) => a + Number(y.amount), 0);
	await ctx.services.reports.create(
		on,
		{
			kind: "maker",
			stakeholder: by,
			period_start: `${byYear[0]?.year}-01-01`,
			period_end: `${byYear.at(-1)?.year}-12-31`,
			disbursed: { amount: String(total), currency, by_year: byYear },
			narrative: "Disbursed as reported in the annual accounts.",
		},
		cliActor,
	);
}

const groupOf = (body: { groups: { key: string }[] }, key: string) =>
	body.groups.find((g) => g.key === key) as Record<string, any>;

/** A commitment's own committed money (current prices, cents) in the years given. */
async function committedIn(ctx: TestContext, slug: string, years: number[]): Promise<number> {
	const res = await ctx.get(`/api/v1/commitments/${slug}/delivery`);
	return res.body.series
		.filter((y: { year: number }) => years.includes(y.year))
		.reduce(
			(a: number, y: { committed: { current: string } }) =>
				a + Math.round(Number(y.committed.current) * 100),
			0,
		);
}

const dollars = (cents: number) => (cents / 100).toFixed(2);

describeEachDialect(
	"delivery analytics",
	(ctx) => {
		let whole: string;
		let partA: string;
		before(async () => {
			await stakeholder(ctx(), "donor-a", "US");
			await stakeholder(ctx(), "donor-b", "GB");
			await stakeholder(ctx(), "collective", null);

			// A reaffirmation chain on sdg:3: one pledge announced three times.
			const first = await commitment(ctx(), {
				title: "Health pledge",
				maker: "donor-a",
				goal: "sdg:3",
				amount: "1000000",
				start: "2020-01-01",
				end: "2023-12-31",
				recipient: "KE",
			});
			const again = await commitment(ctx(), {
				title: "Health pledge reaffirmed",
				maker: "donor-a",
				goal: "sdg:3",
				amount: "1000000",
				start: "2020-01-01",
				end: "2023-12-31",
				recipient: "KE",
			});
			const third = await commitment(ctx(), {
				title: "Health pledge reaffirmed again",
				maker: "donor-a",
				goal: "sdg:3",
				amount: "1000000",
				start: "2020-01-01",
				end: "2023-12-31",
				recipient: "KE",
			});
			await relate(ctx(), again, "reaffirms", first);
			await relate(ctx(), third, "reaffirms", again);
			await report(ctx(), again, "donor-a", { 2021: "300000" });
			await report(ctx(), third, "donor-a", { 2022: "200000" });

			// A collective pledge on sdg:4 and its two parts.
			whole = await commitment(ctx(), {
				title: "Collective education pledge",
				maker: "collective",
				goal: "sdg:4",
				amount: "10000000",
				start: "2020-01-01",
				end: "2021-12-31",
			});
			partA = await commitment(ctx(), {
				title: "Donor A share of the education pledge",
				maker: "donor-a",
				goal: "sdg:4",
				amount: "4000000",
				start: "2020-01-01",
				end: "2021-12-31",
			});
			const partB = await commitment(ctx(), {
				title: "Donor B share of the education pledge",
				maker: "donor-b",
				goal: "sdg:4",
				amount: "6000000",
				start: "2020-01-01",
				end: "2021-12-31",
			});
			await relate(ctx(), partA, "part_of", whole);
			await relate(ctx(), partB, "part_of", whole);
			await report(ctx(), partA, "donor-a", { 2020: "1000000" });
			await report(ctx(), partB, "donor-b", { 2021: "2000000" });

			// sdg:6: a superseded pledge, and one withdrawn.
			const old = await commitment(ctx(), {
				title: "Water pledge",
				maker: "donor-b",
				goal: "sdg:6",
				amount: "5000000",
				start: "2020-01-01",
				end: "2020-12-31",
			});
			const replacement = await commitment(ctx(), {
				title: "Bigger water pledge",
				maker: "donor-b",
				goal: "sdg:6",
				amount: "8000000",
				start: "2020-01-01",
				end: "2020-12-31",
			});
			await relate(ctx(), replacement, "supersedes", old);
			await report(ctx(), old, "donor-b", { 2020: "500000" });
			const gone = await commitment(ctx(), {
				title: "Withdrawn water pledge",
				maker: "donor-b",
				goal: "sdg:6",
				amount: "9000000",
				start: "2020-01-01",
				end: "2020-12-31",
			});
			await ctx().services.commitments.transition(
				gone,
				"withdraw",
				{ reason: "Not approved by parliament." },
				cliActor,
			);

			// sdg:2: a currency without any exchange rate.
			await commitment(ctx(), {
				title: "Nutrition pledge in won",
				maker: "donor-a",
				goal: "sdg:2",
				amount: "1000000",
				currency: "KPW",
				start: "2020-01-01",
				end: "2020-12-31",
			});
		});

		it("counts a reaffirmation chain once, with all its delivery", async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			assert.equal(res.status, 200);
			deliveryAggregate.parse(res.body);
			const health = groupOf(res.body, "sdg:3");
			assert.equal(health.committed, "1000000.00");
			assert.equal(health.delivered, "500000.00");
			// The latest report covers 2022: the gap and the ratio are over the promise up to
			// 2022, and 2023's is without data, not unpaid.
			const covered = await committedIn(ctx(), "health-pledge", [2020, 2021, 2022]);
			assert.equal(health.committed_with_data, dollars(covered));
			assert.equal(health.committed_without_data, dollars(100_000_000 - covered));
			assert.equal(health.gap, dollars(covered - 50_000_000));
			assert.equal(health.ratio, Math.round((50_000_000 / covered) * 10_000) / 10_000);
			assert.equal(health.ratio_to_expected, null);
			assert.equal(health.counts.counted, 1);
			assert.equal(health.counts.reaffirmation, 2);
		});

		it("counts a collective pledge once, with its parts' delivery", async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			const education = groupOf(res.body, "sdg:4");
			assert.equal(education.committed, "10000000.00");
			assert.equal(education.delivered, "3000000.00");
			// Each donor's report covers its own part of the pledge up to its year, not the
			// whole: A's 2020, all of B's (spread over the pledge's years, to the cent).
			const covered =
				(await committedIn(ctx(), partA, [2020])) +
				(await committedIn(ctx(), "donor-b-share-of-the-education-pledge", [2020, 2021]));
			const withData = Math.round(Number(education.committed_with_data) * 100);
			assert.ok(Math.abs(withData - covered) <= 1, `${withData} ~ ${covered}`);
			assert.equal(education.gap, dollars(withData - 300_000_000));
			assert.equal(education.counts.counted, 1);
			assert.equal(education.counts.part, 2);
			// The period is over: all of it was expected by now.
			assert.equal(education.expected, "10000000.00");
		});

		it("replaces superseded money and leaves withdrawn money out", async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			const water = groupOf(res.body, "sdg:6");
			assert.equal(water.committed, "8000000.00");
			assert.equal(water.delivered, "500000.00");
			// The superseded pledge's report is about the same promise: it covers all of it.
			assert.equal(water.committed_with_data, "8000000.00");
			assert.equal(water.gap, "7500000.00");
			assert.equal(water.ratio_to_expected, 0.0625);
			assert.deepEqual(
				[water.counts.counted, water.counts.superseded, water.counts.withdrawn],
				[1, 1, 1],
			);
		});

		it("flags an amount with no rate and never counts it as zero", async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			const nutrition = groupOf(res.body, "sdg:2");
			assert.equal(nutrition.committed, "0.00");
			assert.deepEqual([nutrition.delivered, nutrition.gap, nutrition.ratio], [null, null, null]);
			assert.equal(nutrition.counts.unconverted, 1);
			assert.equal(res.body.total.counts.unconverted, 1);
			const one = await ctx().get("/api/v1/commitments/nutrition-pledge-in-won/delivery");
			assert.equal(one.body.conversion.status, "no_rate");
			assert.equal(one.body.committed, null);
			assert.equal(one.body.status, "no_data");
		});

		it("totals every goal once: 1m + 10m + 8m", async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			assert.equal(res.body.total.committed, "19000000.00");
			assert.equal(res.body.total.delivered, "4000000.00");
			assert.deepEqual(res.body.total.counts, {
				counted: 4,
				reaffirmation: 2,
				part: 2,
				overlap: 0,
				superseded: 1,
				withdrawn: 1,
				not_aid: 0,
				unconverted: 1,
				collective: 0,
			});
		});

		it("gives the same figures through filters as from the rollups", async () => {
			const plain = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder");
			const filtered = await ctx().get(
				"/api/v1/analytics/delivery?group_by=stakeholder&status=published,completed,withdrawn",
			);
			assert.equal(filtered.body.filtered, true);
			assert.deepEqual(filtered.body.groups, plain.body.groups);
			assert.deepEqual(filtered.body.total, plain.body.total);
		});

		it("narrows the aggregate with the commitment list's filters", async () => {
			const res = await ctx().get(
				"/api/v1/analytics/delivery?group_by=recipient&basis=current&recipient=KE",
			);
			assert.equal(res.status, 200);
			assert.equal(res.body.total.committed, "1000000.00");
			assert.deepEqual(
				res.body.groups.map((g: { key: string; name: string }) => [g.key, g.name]),
				[["country:KE", "Kenya"]],
			);
			const bad = await ctx().get("/api/v1/analytics/delivery?group_by=colour");
			assert.equal(bad.status, 400);
			assert.match(JSON.stringify(bad.body), /group_by/);
			const unknown = await ctx().get("/api/v1/analytics/delivery?goal=sdg:99");
			assert.equal(unknown.status, 400);
		});

		it("gives a country's profile what it received, from the same rollups", async () => {
			const country = await ctx().get("/api/v1/countries/KE");
			assert.equal(country.status, 200);
			const byRecipient = await ctx().get("/api/v1/analytics/delivery?group_by=recipient");
			const kenya = groupOf(byRecipient.body, "country:KE");
			const received = country.body.delivery.received;
			assert.deepEqual(
				[received.committed, received.delivered, received.expected],
				[kenya.committed, kenya.delivered, kenya.expected],
			);
			assert.equal(received.counts.counted, 1);
			assert.equal(received.counts.reaffirmation, 2);
			assert.equal(country.body.delivery.made, null);
		});

		it("gives makers and forums their delivery record", async () => {
			const maker = await ctx().get("/api/v1/stakeholders/collective");
			const byMaker = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder");
			const row = groupOf(byMaker.body, String(maker.body.id));
			assert.equal(maker.body.delivery.committed, row.committed);
			assert.equal(maker.body.delivery.delivered, row.delivered);
			assert.equal(maker.body.delivery.counts.counted, 1);
			// Donor A's share of the collective pledge is donor A's own pledge: it carries donor
			// A's money (beside its health pledge), while the whole counts once everywhere else.
			const donorA = await ctx().get("/api/v1/stakeholders/donor-a");
			assert.deepEqual(
				[donorA.body.delivery.counts.counted, donorA.body.delivery.counts.part],
				[3, 0],
			);
			const current = await ctx().get(
				"/api/v1/analytics/delivery?group_by=stakeholder&basis=current",
			);
			const a = groupOf(current.body, String(donorA.body.id));
			assert.deepEqual([a.committed, a.delivered], ["5000000.00", "1500000.00"]);
		});

		it("answers 100 groups by default and pages through the rest", async () => {
			const all = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder");
			assert.equal(all.body.limit, 100);
			assert.equal(all.body.page, 1);
			const n = all.body.total_groups;
			assert.ok(n >= 3, `${n} stakeholder groups`);
			const keys = all.body.groups.map((g: { key: string }) => g.key);
			const second = await ctx().get(
				"/api/v1/analytics/delivery?group_by=stakeholder&limit=1&page=2",
			);
			assert.equal(second.status, 200);
			assert.equal(second.body.total_groups, n);
			assert.deepEqual(
				second.body.groups.map((g: { key: string }) => g.key),
				keys.slice(1, 2),
			);
			const past = await ctx().get(`/api/v1/analytics/delivery?group_by=stakeholder&page=${n + 1}`);
			assert.deepEqual([past.status, past.body.groups.length], [200, 0]);
			const bad = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder&page=0");
			assert.equal(bad.status, 400);
		});

		it("uses constant prices of the base year by default", async () => {
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=year&goal=sdg:6");
			assert.deepEqual(res.body.price_basis, {
				basis: "constant",
				base_year: 2020,
				currency: "USD",
			});
			// 2020 is the base year: constant equals current.
			assert.deepEqual(
				res.body.groups.map((g: { key: string; committed: string }) => [g.key, g.committed]),
				[["2020", "8000000.00"]],
			);
		});

		it("answers CSV for spreadsheets", async () => {
			const res = await ctx().app.inject({
				method: "GET",
				url: "/api/v1/analytics/delivery?group_by=goal&basis=current&format=csv",
			});
			assert.equal(res.statusCode, 200);
			assert.match(String(res.headers["content-type"]), /^text\/csv/);
			const lines = res.body.split("\r\n");
			assert.ok(lines[0]?.startsWith("\uFEFFgroup_by,key,name,committed_usd"));
			assert.ok(lines[1]?.startsWith("goal,,TOTAL,19000000.00,4000000.00"));
			// Where delivered money comes from, beside it: reports, IATI, statistics.
			assert.match(
				lines[0] ?? "",
				/gap_usd,delivered_report_usd,delivered_iati_usd,delivered_statistics_usd,ratio/,
			);
			assert.ok(lines.some((l) => l.startsWith("goal,sdg:4,")));
		});

		it("shows one commitment's delivery, status and yearly series", async () => {
			const res = await ctx().get(`/api/v1/commitments/${whole}/delivery`);
			assert.equal(res.status, 200);
			commitmentDelivery.parse(res.body);
			assert.equal(res.body.committed.current, "10000000.00");
			assert.equal(res.body.delivered.current, "3000000.00");
			assert.equal(res.body.delivered_own.current, "0.00");
			assert.equal(res.body.status, "not_met");
			assert.equal(res.body.counted_as.reason, "counted");
			// Spread by days: 2020 has 366 of the period's 731.
			assert.deepEqual(
				res.body.series.map((y: any) => [y.year, y.committed.current, y.delivered.current]),
				[
					[2020, "5006839.95", "1000000.00"],
					[2021, "4993160.05", "2000000.00"],
				],
			);
			const part = await ctx().get(`/api/v1/commitments/${partA}/delivery`);
			assert.equal(part.body.counted_as.reason, "part");
			assert.equal(part.body.counted_as.root.slug, whole);
			assert.equal(part.body.delivered.current, "1000000.00");
			// The ratio is on constant prices: 2021 money deflated by the US deflator (103.99).
			const constantCommitted =
				4_000_000 * (366 / 731) + 4_000_000 * (365 / 731) * (100 / 103.991133);
			assert.equal(part.body.ratio, Math.round((1_000_000 / constantCommitted) * 10_000) / 10_000);
			assert.equal(part.body.reporting.light, "green");
		});

		it("takes IATI disbursements over the maker's figures for the same year", async () => {
			await ctx().services.activities.record(
				{
					iati_identifier: "XM-TEST-1",
					reporting_org_ref: null,
					default_currency: "USD",
					transactions: [
						{ transaction_type: "3", transaction_date: "2020-05-01", value_minor: 80_000_000 },
						{ transaction_type: "3", transaction_date: "2020-09-01", value_minor: -10_000_000 },
						{ transaction_type: "4", transaction_date: "2020-09-01", value_minor: 99_000_000 },
						{ transaction_type: "2", transaction_date: "2020-01-01", value_minor: 99_000_000 },
					],
				},
				cliActor,
			);
			await ctx().services.links.link(partA, { activity: "XM-TEST-1", share: 50 }, cliActor);
			const part = await ctx().get(`/api/v1/commitments/${partA}/delivery?`);
			// 2020: IATI (800,000 - 100,000) x 50% replaces the reported 1,000,000.
			assert.equal(part.body.delivered.current, "350000.00");
			assert.equal(part.body.series[0].source, "iati");
			const goal = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			assert.equal(groupOf(goal.body, "sdg:4").delivered, "2350000.00");
			await ctx().services.links.unlink(partA, { activity: "XM-TEST-1" }, cliActor);
			const back = await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current");
			assert.equal(groupOf(back.body, "sdg:4").delivered, "3000000.00");
		});

		it("refuses a link that would count an activity more than once", async () => {
			await ctx().services.links.link(whole, { activity: "XM-TEST-1", share: 60 }, cliActor);
			await assert.rejects(
				ctx().services.links.link(partA, { activity: "XM-TEST-1", share: 50 }, cliActor),
				/already 60% linked/,
			);
			await ctx().services.links.unlink(whole, { activity: "XM-TEST-1" }, cliActor);
		});

		it("keeps the maintained rollups equal to a full recomputation", async () => {
			const snap = await ctx().services.analytics.rollupCheck();
			assert.ok(snap.maintained.length > 10);
			assert.deepEqual(snap.maintained, snap.recomputed);
			const before = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder");
			await ctx().services.analytics.rebuild({ baseYear: 2020 });
			const after = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder");
			assert.deepEqual(after.body, before.body);
		});

		it("rebuilds at another base year, and refuses one outside the deflators", async () => {
			await ctx().services.analytics.rebuild({ baseYear: 2010 });
			const res = await ctx().get("/api/v1/analytics/delivery?group_by=year&goal=sdg:6");
			assert.equal(res.body.price_basis.base_year, 2010);
			// The sole maker is donor-b (GB): the UK deflator, 2010 = 97.31, 2020 = 100.
			const gb2010 = 97.31074699999999;
			assert.equal(res.body.groups[0].committed, (Math.round(8_000_000 * gb2010) / 100).toFixed(2));
			await assert.rejects(ctx().services.analytics.rebuild({ baseYear: 1900 }), /base year/);
			await ctx().services.analytics.rebuild({ baseYear: 2020 });
		});

		it("says no data, not zero, until something reports on a promise; a reported zero is data", async () => {
			await stakeholder(ctx(), "donor-c", "FR");
			const energy = await commitment(ctx(), {
				title: "Energy pledge nobody reported on",
				maker: "donor-c",
				goal: "sdg:7",
				amount: "2000000",
				start: "2020-01-01",
				end: "2021-12-31",
			});
			const goals = async () =>
				groupOf(
					(await ctx().get("/api/v1/analytics/delivery?group_by=goal&basis=current")).body,
					"sdg:7",
				);
			const none = await goals();
			assert.equal(none.committed, "2000000.00");
			assert.deepEqual(
				[none.delivered, none.gap, none.ratio, none.ratio_to_expected],
				[null, null, null, null],
			);
			assert.deepEqual(
				[none.committed_with_data, none.committed_without_data],
				["0.00", "2000000.00"],
			);
			const maker = await ctx().get("/api/v1/stakeholders/donor-c");
			assert.equal(maker.body.delivery.delivered, null);
			const csv = await ctx().app.inject({
				method: "GET",
				url: "/api/v1/analytics/delivery?group_by=goal&basis=current&format=csv",
			});
			// committed, delivered (empty), expected, with data, without data, gap (empty).
			assert.match(csv.body, /\r\ngoal,sdg:7,[^,]+,2000000\.00,,2000000\.00,0\.00,2000000\.00,,/);
			for (const lang of ["en", "fr"] as const) {
				const page = await htmlPage(ctx(), `/${lang}/stakeholders/donor-c`);
				const cards = page.slice(page.indexOf('class="delivery-figures"'));
				assert.ok(
					cards.includes(escapeHtml(components.not_available[lang])),
					`${lang}: the stakeholder page says information is not available`,
				);
				assert.doesNotMatch(cards.slice(0, cards.indexOf("</section>")), /\$0|0\s?\$/);
			}

			// A report of nothing disbursed in 2020 is data: 2020's promise is unpaid.
			await report(ctx(), energy, "donor-c", { 2020: "0" });
			const zero = await goals();
			const covered = await committedIn(ctx(), energy, [2020]);
			assert.equal(zero.delivered, "0.00");
			assert.equal(zero.committed_with_data, dollars(covered));
			assert.equal(zero.gap, dollars(covered));
			assert.equal(zero.ratio, 0);
			const page = await htmlPage(ctx(), "/en/stakeholders/donor-c");
			assert.match(
				textOf(page),
				/Delivery data covers \$1M of the \$2M promised; for \$[\d.]+K there is none/,
			);
			const snap = await ctx().services.analytics.rollupCheck();
			assert.deepEqual(snap.maintained, snap.recomputed);
		});
	},
	{ demo: false, today },
);
