import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { commitmentFlags, flagList } from "../../src/modules/flags/flags.schemas.ts";
import { FlagService } from "../../src/modules/flags/flags.service.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { anonymous, call, person } from "../helpers/users.ts";

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Financial terms: USD 1,000,000 over 2010 at current prices, unless told otherwise. */
const money = (over: Record<string, unknown> = {}) => ({
	amount: "1000000",
	currency: "USD",
	frequency: "total",
	price_basis: "current",
	period_start: "2010-01-01",
	period_end: "2010-12-31",
	...over,
});

describeEachDialect(
	"inconsistency flags",
	(ctx) => {
		let counter = 0;

		/** A stakeholder of its own for each scenario, so scenarios never flag each other. */
		async function maker(): Promise<{ slug: string; name: string; id: number }> {
			counter++;
			const slug = `flag-maker-${counter}`;
			const name = `Flag Maker ${counter}`;
			const id = await ctx().services.stakeholders.create({ slug, name, kind: "ngo" }, cliActor);
			return { slug, name, id };
		}

		async function commit(o: {
			maker: string;
			title?: string;
			announced_on?: string | null;
			goals?: string[];
			kind?: "financial" | "policy" | "both";
			financial?: Record<string, unknown> | null;
			policy?: Record<string, unknown> | null;
			status?: "draft" | "published" | "withdrawn";
		}): Promise<{ id: number; slug: string; title: string }> {
			counter++;
			const title = o.title ?? `Flag test pledge ${counter}`;
			const created = await ctx().services.commitments.create(
				{
					title,
					text: "A commitment written for the flag tests.",
					kind: o.kind ?? "financial",
					makers: [o.maker],
					goals: o.goals ?? ["mdg:8"],
					announced_on: o.announced_on === undefined ? "2010-01-15" : o.announced_on,
					financial: o.financial === undefined ? money() : o.financial,
					policy: o.policy ?? null,
					status: o.status ?? "published",
				},
				cliActor,
			);
			return { id: created.id, slug: created.slug, title };
		}

		const relate = (from: string, to: string, kind: string) =>
			ctx().services.commitments.relate(from, { to, kind }, cliActor);

		async function report(slug: string, stakeholder: string, amount: string, currency = "USD") {
			await ctx().services.reports.create(
				slug,
				{
					kind: "maker",
					stakeholder,
					period_start: "2010-01-01",
					period_end: "2010-12-31",
					disbursed: { amount, currency, by_year: [{ year: 2010, amount }] },
					narrative: "Disbursed.",
				},
				cliActor,
			);
		}

		async function flagsOf(c: TestContext, slug: string, kind?: string): Promise<any[]> {
			const res = await c.get(`/api/v1/commitments/${slug}/flags`);
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(commitmentFlags.parse(res.body), res.body);
			assert.equal(res.body.total, res.body.items.length);
			return kind ? res.body.items.filter((f: any) => f.kind === kind) : res.body.items;
		}

		const ref = (c: { id: number; slug: string; title: string }) => ({
			id: c.id,
			slug: c.slug,
			title: c.title,
		});

		// ---- overlap_without_relation ----

		it("flags a later pledge overlapping an earlier one by the same maker for the same goal", async () => {
			const m = await maker();
			const earlier = await commit({
				maker: m.slug,
				title: "Earlier pledge",
				announced_on: "2004-03-01",
				financial: money({ period_start: "2004-01-01", period_end: "2008-12-31" }),
			});
			const later = await commit({
				maker: m.slug,
				title: "Later pledge",
				announced_on: "2005-07-08",
				financial: money({ period_start: "2005-01-01", period_end: "2010-12-31" }),
			});
			const [flag, ...more] = await flagsOf(ctx(), later.slug, "overlap_without_relation");
			assert.equal(more.length, 0);
			assert.deepEqual(flag.commitment, ref(later));
			assert.deepEqual(flag.related, [ref(earlier)]);
			assert.equal(
				flag.explanation,
				`Announces money for MDG 8 (Global partnership for development) over 2005-2010, which overlaps 'Earlier pledge' (2004) by the same maker, ${m.name}, with no relation saying whether it is new money, a reaffirmation or part of it: the two may count the same money twice.`,
			);
			assert.deepEqual(await flagsOf(ctx(), earlier.slug, "overlap_without_relation"), []);
		});

		it("does not flag overlapping pledges once related, in either direction", async () => {
			for (const [kind, fromLater] of [
				["reaffirms", true],
				["part_of", false],
			] as const) {
				const m = await maker();
				const earlier = await commit({
					maker: m.slug,
					announced_on: "2004-03-01",
					financial: money({ period_start: "2004-01-01", period_end: "2008-12-31" }),
				});
				const later = await commit({
					maker: m.slug,
					announced_on: "2005-07-08",
					financial: money({ period_start: "2005-01-01", period_end: "2010-12-31" }),
				});
				assert.equal((await flagsOf(ctx(), later.slug, "overlap_without_relation")).length, 1);
				if (fromLater) await relate(later.slug, earlier.slug, kind);
				else await relate(earlier.slug, later.slug, kind);
				assert.deepEqual(await flagsOf(ctx(), later.slug, "overlap_without_relation"), [], kind);
			}
		});

		it("does not flag two parts of one whole: they are counted in one tree", async () => {
			const m = await maker();
			const whole = await commit({ maker: m.slug, announced_on: "2010-01-01" });
			const a = await commit({ maker: m.slug, announced_on: "2010-02-01" });
			const b = await commit({ maker: m.slug, announced_on: "2010-03-01" });
			await relate(a.slug, whole.slug, "part_of");
			await relate(b.slug, whole.slug, "part_of");
			for (const c of [whole, a, b])
				assert.deepEqual(await flagsOf(ctx(), c.slug, "overlap_without_relation"), [], c.slug);
		});

		it("places an increase over a baseline year in its target year alone, as the totals do", async () => {
			// Gleneagles' "+US$50bn a year by 2010 over 2004" promises its money in 2010 only:
			// a pledge of 2002-2006 by the same maker counts nothing twice with it.
			const m = await maker();
			const early = await commit({
				maker: m.slug,
				announced_on: "2002-03-22",
				financial: money({ period_start: "2002-01-01", period_end: "2006-12-31" }),
			});
			const increase = await commit({
				maker: m.slug,
				title: "An increase by 2010 over 2004",
				announced_on: "2005-07-08",
				financial: money({
					period_start: "2005-01-01",
					period_end: "2010-12-31",
					increase_over_year: 2004,
				}),
			});
			assert.deepEqual(await flagsOf(ctx(), increase.slug, "overlap_without_relation"), []);
			// One whose money falls in 2010 overlaps it.
			const later = await commit({
				maker: m.slug,
				announced_on: "2009-07-10",
				financial: money({ period_start: "2009-01-01", period_end: "2011-12-31" }),
			});
			const [flag] = await flagsOf(ctx(), later.slug, "overlap_without_relation");
			assert.deepEqual(flag?.related, [ref(increase)]);
			assert.deepEqual(await flagsOf(ctx(), early.slug, "overlap_without_relation"), []);
			const said = await flagsOf(ctx(), increase.slug, "overlap_without_relation");
			assert.deepEqual(said, [], "flagged on the later one only");
		});

		it("does not take a guarantee for the same money as aid; a mix holding aid may be", async () => {
			const m = await maker();
			await commit({
				maker: m.slug,
				announced_on: "2008-03-01",
				financial: money({ period_start: "2008-01-01", period_end: "2012-12-31" }),
			});
			const guarantee = await commit({
				maker: m.slug,
				announced_on: "2009-04-02",
				financial: money({
					period_start: "2009-01-01",
					period_end: "2010-12-31",
					flow_type: "guarantee",
				}),
			});
			assert.deepEqual(await flagsOf(ctx(), guarantee.slug, "overlap_without_relation"), []);
			const mixed = await commit({
				maker: m.slug,
				announced_on: "2009-12-18",
				financial: money({
					period_start: "2010-01-01",
					period_end: "2012-12-31",
					flow_type: "mixed",
				}),
			});
			const flagged = await flagsOf(ctx(), mixed.slug, "overlap_without_relation");
			assert.equal(flagged.length, 1, "the mix overlaps the aid pledge, not the guarantee");
			assert.equal(flagged[0].related.length, 1);
		});

		it("does not flag touching periods, other goals or withdrawn pledges; dates an undated period", async () => {
			const m = await maker();
			await commit({
				maker: m.slug,
				announced_on: "2004-03-01",
				financial: money({ period_start: "2004-01-01", period_end: "2008-12-31" }),
			});
			const touching = await commit({
				maker: m.slug,
				announced_on: "2008-06-01",
				financial: money({ period_start: "2009-01-01", period_end: "2012-12-31" }),
			});
			assert.deepEqual(await flagsOf(ctx(), touching.slug, "overlap_without_relation"), []);
			// No period: from the announcement to the end of that year, 2009-05-01..2009-12-31.
			const undated = await commit({
				maker: m.slug,
				announced_on: "2009-05-01",
				financial: money({ period_start: null, period_end: null }),
			});
			const flagged = await flagsOf(ctx(), undated.slug, "overlap_without_relation");
			assert.deepEqual(
				flagged.map((f) => f.related),
				[[ref(touching)]],
			);
			assert.match(flagged[0].explanation, / in 2009, which overlaps /);
			// 2013-01-10..2013-12-31 starts after everything else ends.
			const after = await commit({
				maker: m.slug,
				announced_on: "2013-01-10",
				financial: money({ period_start: null, period_end: null }),
			});
			assert.deepEqual(await flagsOf(ctx(), after.slug, "overlap_without_relation"), []);
			const otherGoal = await commit({
				maker: m.slug,
				goals: ["mdg:1"],
				announced_on: "2010-06-01",
				financial: money({ period_start: "2009-01-01", period_end: "2012-12-31" }),
			});
			assert.deepEqual(await flagsOf(ctx(), otherGoal.slug, "overlap_without_relation"), []);

			const n = await maker();
			await commit({
				maker: n.slug,
				announced_on: "2004-03-01",
				status: "withdrawn",
				financial: money({ period_start: "2004-01-01", period_end: "2008-12-31" }),
			});
			const afterWithdrawn = await commit({
				maker: n.slug,
				announced_on: "2005-07-08",
				financial: money({ period_start: "2005-01-01", period_end: "2010-12-31" }),
			});
			assert.deepEqual(await flagsOf(ctx(), afterWithdrawn.slug, "overlap_without_relation"), []);
		});

		// ---- parts_exceed_whole ----

		it("flags a whole its parts add up to more than, not one they add up to exactly", async () => {
			const m = await maker();
			const whole = await commit({ maker: m.slug });
			for (const amount of ["600000", "400000"]) {
				const part = await commit({ maker: m.slug, financial: money({ amount }) });
				await relate(part.slug, whole.slug, "part_of");
			}
			assert.deepEqual(await flagsOf(ctx(), whole.slug, "parts_exceed_whole"), []);

			const over = await commit({ maker: m.slug });
			const parts = [];
			for (const amount of ["600000", "400010"]) {
				const part = await commit({ maker: m.slug, financial: money({ amount }) });
				await relate(part.slug, over.slug, "part_of");
				parts.push(part);
			}
			const [flag, ...more] = await flagsOf(ctx(), over.slug, "parts_exceed_whole");
			assert.equal(more.length, 0);
			assert.deepEqual(flag.related, parts.map(ref));
			assert.match(
				flag.explanation,
				/^The 2 commitments that are part of it add up to USD [\d,]+, more than its own USD [\d,]+ \(US dollars at constant 2020 prices\)/,
			);
			for (const part of parts)
				assert.deepEqual(await flagsOf(ctx(), part.slug, "parts_exceed_whole"), []);
		});

		// ---- delivered_above_commitment ----

		it("flags disbursements above the commitment, not equal to it", async () => {
			const m = await maker();
			const exact = await commit({ maker: m.slug });
			await report(exact.slug, m.slug, "1000000");
			assert.deepEqual(await flagsOf(ctx(), exact.slug, "delivered_above_commitment"), []);
			const above = await commit({ maker: m.slug });
			await report(above.slug, m.slug, "1000010");
			const [flag] = await flagsOf(ctx(), above.slug, "delivered_above_commitment");
			assert.match(
				flag.explanation,
				/^Disbursements of USD [\d,]+ have been reported or linked, more than the USD [\d,]+ committed \(US dollars at constant 2020 prices\)/,
			);
			assert.deepEqual(flag.related, []);
		});

		it("judges a counted commitment on its whole tree's delivery", async () => {
			const m = await maker();
			const root = await commit({ maker: m.slug });
			const reaffirmation = await commit({
				maker: m.slug,
				financial: money({ amount: "5000000" }),
			});
			await relate(reaffirmation.slug, root.slug, "reaffirms");
			await report(reaffirmation.slug, m.slug, "1500000");
			const [flag] = await flagsOf(ctx(), root.slug, "delivered_above_commitment");
			assert.match(flag.explanation, /for it and for the commitments counted in it/);
			assert.match(flag.explanation, /, 150% of the USD /);
			assert.deepEqual(await flagsOf(ctx(), reaffirmation.slug, "delivered_above_commitment"), []);
		});

		// ---- deadline_passed_no_report ----

		it("flags a passed deadline from the day after, until a report comes", async () => {
			const m = await maker();
			const policy = await commit({
				maker: m.slug,
				kind: "policy",
				financial: null,
				policy: {
					target: "Untie all aid to the least developed countries",
					deadline: "2015-06-30",
				},
			});
			const on = (today: string) =>
				new FlagService(ctx().services.database, { today: () => today }).forCommitment(
					policy.slug,
					null,
				);
			const kindOf = (r: { items: { kind: string }[] }) =>
				r.items.filter((f) => f.kind === "deadline_passed_no_report");
			assert.deepEqual(kindOf(await on("2015-06-30")), []);
			const [flag] = kindOf(await on("2015-07-01")) as any[];
			assert.equal(
				flag.explanation,
				"Its policy deadline was 2015-06-30, yet no progress report has been filed: nobody has said what became of it.",
			);
			assert.equal(flag.detected_on, "2015-07-01");
			await ctx().services.reports.create(
				policy.slug,
				{
					kind: "maker",
					stakeholder: m.slug,
					period_start: "2015-01-01",
					period_end: "2015-06-30",
					policy_status: "in_progress",
					narrative: "Half of it done.",
				},
				cliActor,
			);
			assert.deepEqual(kindOf(await on("2015-07-01")), []);
		});

		it("measures a period end against today through the API", async () => {
			const m = await maker();
			const today = dayOf(Date.now());
			const yesterday = dayOf(Date.parse(`${today}T00:00:00Z`) - 86_400_000);
			const endsToday = await commit({
				maker: m.slug,
				financial: money({ period_start: "2020-01-01", period_end: today }),
			});
			const endedYesterday = await commit({
				maker: m.slug,
				financial: money({ period_start: "2020-01-01", period_end: yesterday }),
			});
			assert.deepEqual(await flagsOf(ctx(), endsToday.slug, "deadline_passed_no_report"), []);
			const [flag] = await flagsOf(ctx(), endedYesterday.slug, "deadline_passed_no_report");
			assert.match(flag.explanation, new RegExp(`^Its period ended on ${yesterday}, yet`));
			assert.equal(flag.detected_on, today);
		});

		// ---- amount_incomplete ----

		it("flags an amount with no price basis, not one with a basis or a share of GNI", async () => {
			const m = await maker();
			const noBasis = await commit({ maker: m.slug, financial: money({ price_basis: null }) });
			const [flag] = await flagsOf(ctx(), noBasis.slug, "amount_incomplete");
			assert.equal(
				flag.explanation,
				"States an amount (USD 1,000,000) without saying whether it is in current or constant prices: it is read as current prices of each year, which may misstate its value over time.",
			);
			const constant = await commit({
				maker: m.slug,
				financial: money({ price_basis: "constant", price_base_year: 2010 }),
			});
			assert.deepEqual(await flagsOf(ctx(), constant.slug, "amount_incomplete"), []);
			const gni = await commit({
				maker: m.slug,
				financial: {
					amount: null,
					currency: null,
					gni_share_min: 0.7,
					gni_share_max: 0.7,
					period_end: "2030-12-31",
				},
			});
			// A share of GNI is no incomplete amount; a maker without official statistics
			// leaves it unmeasured, which is said as such.
			assert.deepEqual(
				(await flagsOf(ctx(), gni.slug)).map((f) => `${f.kind}: ${f.explanation}`),
				[
					"not_converted: 1 amount could not be converted to US dollars (no official statistics of ODA and GNI measure its share-of-income target): it is left out of the sums, not counted as zero.",
				],
			);
			// The input refuses an amount without a currency: only a missing price basis gets through.
			await assert.rejects(
				commit({ maker: m.slug, financial: money({ currency: null }) }),
				/currency/,
			);
		});

		// ---- not_converted ----

		it("flags amounts that could not be converted, saying what was missing", async () => {
			const m = await maker();
			const tail = "it is left out of the sums, not counted as zero.";
			const noRate = await commit({ maker: m.slug, financial: money({ currency: "HTG" }) });
			assert.deepEqual(
				(await flagsOf(ctx(), noRate.slug, "not_converted")).map((f) => f.explanation),
				[
					`1 amount could not be converted to US dollars (no exchange rate for HTG in 2010): ${tail}`,
				],
			);
			const undated = await commit({
				maker: m.slug,
				announced_on: null,
				financial: money({ period_start: null, period_end: null }),
			});
			assert.deepEqual(
				(await flagsOf(ctx(), undated.slug, "not_converted")).map((f) => f.explanation),
				[
					`1 amount could not be converted to US dollars (no period or announcement date places the amount in time): ${tail}`,
				],
			);
			const pounds = await commit({ maker: m.slug, financial: money({ currency: "GBP" }) });
			assert.deepEqual(await flagsOf(ctx(), pounds.slug, "not_converted"), []);
			const reported = await commit({ maker: m.slug });
			await report(reported.slug, m.slug, "5000", "HTG");
			assert.deepEqual(
				(await flagsOf(ctx(), reported.slug, "not_converted")).map((f) => f.explanation),
				[
					`1 amount could not be converted to US dollars (no exchange rate for HTG in 2010): ${tail}`,
				],
			);
		});

		// ---- the list, and who sees what ----

		it("lists flags newest commitments first, filtered by kind, maker and goal, paged", async () => {
			const m = await maker();
			const older = await commit({
				maker: m.slug,
				announced_on: "2006-01-01",
				financial: money({ price_basis: null }),
			});
			const newer = await commit({
				maker: m.slug,
				goals: ["mdg:1"],
				announced_on: "2007-01-01",
				financial: money({ price_basis: null }),
			});
			const list = async (query: string) => {
				const res = await ctx().get(`/api/v1/analytics/flags?${query}`);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.deepEqual(flagList.parse(res.body), res.body);
				return res.body;
			};
			const line = (f: any) => `${f.commitment.slug} ${f.kind}`;
			const all = await list(`stakeholder=${m.slug}`);
			assert.deepEqual(all.items.map(line), [
				`${newer.slug} deadline_passed_no_report`,
				`${newer.slug} amount_incomplete`,
				`${older.slug} deadline_passed_no_report`,
				`${older.slug} amount_incomplete`,
			]);
			assert.equal(all.total, 4);
			assert.deepEqual((await list(`stakeholder=${m.id}&kind=amount_incomplete`)).items.map(line), [
				`${newer.slug} amount_incomplete`,
				`${older.slug} amount_incomplete`,
			]);
			assert.deepEqual(
				(await list(`stakeholder=${m.slug}&goal=mdg:1`)).items.map(line),
				all.items.slice(0, 2).map(line),
			);
			const page = await list(`stakeholder=${m.slug}&limit=1&page=2`);
			assert.deepEqual(page.items.map(line), [line(all.items[1])]);
			assert.deepEqual([page.total, page.page, page.limit], [4, 2, 1]);

			const everything = await list("limit=200");
			assert.ok(everything.total > 4);
			const on = everything.items.map((f: any) => f.commitment.id);
			assert.ok(on.includes(newer.id) && on.includes(older.id));
		});

		it("names the unknown filter value in a 400", async () => {
			for (const [query, name] of [
				["stakeholder=nobody-at-all", "stakeholder"],
				["stakeholder=99999999999", "stakeholder"],
				["goal=mdg:99", "goal"],
				["kind=bogus", "kind"],
				["limit=0", "limit"],
				["colour=red", "colour"],
			]) {
				const res = await ctx().get(`/api/v1/analytics/flags?${query}`);
				assert.equal(res.status, 400, query);
				assert.equal(res.body.errors[0].name, name, query);
			}
		});

		it("checks only public commitments, and shows a draft only to who may see it", async () => {
			const m = await maker();
			const draft = await commit({
				maker: m.slug,
				status: "draft",
				financial: money({ price_basis: null }),
			});
			const withdrawn = await commit({
				maker: m.slug,
				status: "withdrawn",
				financial: money({ price_basis: null }),
			});
			const url = `/api/v1/commitments/${draft.slug}/flags`;
			assert.equal((await call(ctx(), anonymous, "GET", url)).status, 404);
			const editor = await person(ctx(), {
				memberships: [{ stakeholder: m.slug, role: "editor" }],
			});
			const seen = await call(ctx(), editor, "GET", url);
			assert.equal(seen.status, 200);
			assert.deepEqual(seen.body, { items: [], total: 0, checked: false });
			const closed = await ctx().get(`/api/v1/commitments/${withdrawn.slug}/flags`);
			assert.deepEqual(closed.body, { items: [], total: 0, checked: false });
			const listed = await ctx().get(`/api/v1/analytics/flags?stakeholder=${m.slug}`);
			assert.equal(listed.body.total, 0);
			assert.equal((await ctx().get("/api/v1/commitments/no-such-pledge/flags")).status, 404);
			assert.equal((await ctx().get("/api/v1/commitments/99999999999/flags")).status, 404);
			assert.equal((await ctx().get("/api/v1/commitments/Not%20an%20id/flags")).status, 400);
		});
	},
	{ demo: false },
);
