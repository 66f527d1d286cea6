/**
 * The maintained rollups stay equal to a full recomputation whatever happens: random
 * sequences of commitments created, updated, published, completed and withdrawn,
 * related, reported on, of activities recorded, linked, unlinked and trimmed, and of
 * share-of-income targets measured on official statistics that are loaded anew
 * (fast-check), on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, it } from "node:test";
import fc from "fast-check";
import { cliActor } from "../../src/lib/actor.ts";
import { AppError } from "../../src/lib/errors.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";

const makers = ["donor-a", "donor-b", "donor-c", "collective"];
const goals = ["sdg:1", "sdg:3", "sdg:4", "mdg:8"];
const currencies = ["USD", "EUR", "GBP", "JPY", "KPW"];

const index = fc.nat({ max: 50 });
const op = fc.oneof(
	fc.record({
		type: fc.constant("create" as const),
		maker: fc.constantFrom(...makers),
		// A second maker makes it a collective pledge, credited to neither maker alone.
		partner: fc.option(fc.constantFrom(...makers), { nil: null }),
		goals: fc.subarray(goals, { minLength: 1, maxLength: 2 }),
		amount: fc.integer({ min: 1, max: 1_000_000_000 }),
		currency: fc.constantFrom(...currencies),
		start: fc.integer({ min: 2003, max: 2028 }),
		years: fc.integer({ min: 0, max: 5 }),
		annual: fc.boolean(),
		publish: fc.boolean(),
		recipient: fc.constantFrom("KE", "GH", "global"),
		// Money that is not aid carries it under its kind of money only: mostly aid.
		flow: fc.constantFrom("oda", "oda", "oof", "guarantee"),
	}),
	fc.record({
		type: fc.constant("update" as const),
		at: index,
		amount: fc.integer({ min: 1, max: 1_000_000_000 }),
		goal: fc.constantFrom(...goals),
		maker: fc.constantFrom(...makers),
		partner: fc.option(fc.constantFrom(...makers), { nil: null }),
	}),
	fc.record({
		type: fc.constant("step" as const),
		at: index,
		step: fc.constantFrom("publish", "complete", "withdraw"),
	}),
	fc.record({
		type: fc.constant("relate" as const),
		from: index,
		to: index,
		kind: fc.constantFrom("reaffirms", "part_of", "overlaps", "supersedes"),
		// A part_of or overlaps for part of the money (refused for the other kinds: fine).
		share: fc.option(fc.constantFrom(0.25, 0.5, 0.8), { nil: null }),
	}),
	fc.record({
		type: fc.constant("report" as const),
		at: index,
		year: fc.integer({ min: 2003, max: 2026 }),
		amount: fc.integer({ min: 0, max: 500_000_000 }),
		currency: fc.constantFrom(...currencies),
	}),
	fc.record({
		type: fc.constant("activity" as const),
		at: fc.nat({ max: 5 }),
		transactions: fc.array(
			fc.record({
				type: fc.constantFrom("2", "3", "4"),
				year: fc.integer({ min: 2003, max: 2026 }),
				value: fc.integer({ min: -50_000_000, max: 300_000_000 }),
				currency: fc.constantFrom(...currencies),
			}),
			{ maxLength: 6 },
		),
	}),
	fc.record({
		type: fc.constant("link" as const),
		at: index,
		activity: fc.nat({ max: 5 }),
		share: fc.integer({ min: 1, max: 100 }),
		expenditure: fc.boolean(),
	}),
	fc.record({ type: fc.constant("unlink" as const), at: index, activity: fc.nat({ max: 5 }) }),
	fc.record({ type: fc.constant("trim" as const), activity: fc.nat({ max: 5 }) }),
	// A share-of-income target, measured on the official statistics.
	fc.record({
		type: fc.constant("share" as const),
		maker: fc.constantFrom(...makers),
		start: fc.integer({ min: 2003, max: 2020 }),
		open: fc.boolean(),
		ldc: fc.boolean(),
		publish: fc.boolean(),
	}),
	// New official statistics: every share target is measured again.
	fc.record({
		type: fc.constant("statistics" as const),
		provider: fc.constantFrom("US", "GB", "JP", "DAC"),
		year: fc.integer({ min: 2003, max: 2024 }),
		measure: fc.constantFrom("oda", "oda_ldc"),
		value: fc.integer({ min: 1, max: 40_000 }),
	}),
);
const statsDir = mkdtempSync(join(tmpdir(), "iif-prop-stats-"));
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** One maker, or two for a collective pledge. */
const makersOf = (o: { maker: string; partner: string | null }) => [
	...new Set([o.maker, o.partner ?? o.maker]),
];

async function apply(ctx: TestContext, o: Op, slugs: string[], activities: Set<string>) {
	const s = ctx.services;
	const pick = (i: number) => slugs[i % Math.max(slugs.length, 1)];
	const activityId = (i: number) => `XM-PROP-${i}`;
	switch (o.type) {
		case "create": {
			const c = await s.commitments.create(
				{
					title: `Pledge ${slugs.length + 1} for ${o.goals.join(" and ")}`,
					text: "Randomly generated for the rollup property test.",
					kind: "financial",
					makers: makersOf(o),
					goals: o.goals,
					recipients: [
						o.recipient === "global" ? { kind: "global" } : { kind: "country", code: o.recipient },
					],
					financial: {
						amount: String(o.amount),
						currency: o.currency,
						frequency: o.annual ? "annual" : "total",
						price_basis: "current",
						period_start: `${o.start}-01-01`,
						period_end: `${o.start + o.years}-06-30`,
						flow_type: o.flow,
					},
					status: o.publish ? "published" : "draft",
				},
				cliActor,
			);
			slugs.push(c.slug);
			return;
		}
		case "update": {
			const slug = pick(o.at);
			if (!slug) return;
			const current = await s.commitments.get(slug, cliActor);
			await s.commitments.update(
				slug,
				{
					version: current.version,
					changes: {
						goals: [o.goal],
						makers: makersOf(o),
						financial: { ...current.financial, amount: String(o.amount), amount_minor: undefined },
					},
				},
				cliActor,
			);
			return;
		}
		case "step": {
			const slug = pick(o.at);
			if (!slug) return;
			if (o.step === "publish") {
				await s.commitments.transition(slug, "submit", {}, cliActor);
				await s.commitments.transition(slug, "publish", {}, cliActor);
			} else await s.commitments.transition(slug, o.step, { reason: "Property test." }, cliActor);
			return;
		}
		case "relate": {
			const [from, to] = [pick(o.from), pick(o.to)];
			if (!from || !to) return;
			await s.commitments.relate(
				from,
				{ to, kind: o.kind, ...(o.share === null ? {} : { share: o.share }) },
				cliActor,
			);
			return;
		}
		case "report": {
			const slug = pick(o.at);
			if (!slug) return;
			const detail = await s.commitments.get(slug, cliActor);
			await s.reports.create(
				slug,
				{
					kind: "maker",
					stakeholder: detail.makers[0]?.slug ?? "donor-a",
					period_start: `${o.year}-01-01`,
					period_end: `${o.year}-12-31`,
					disbursed: {
						amount: String(o.amount),
						currency: o.currency,
						by_year: [{ year: o.year, amount: String(o.amount) }],
					},
					narrative: "Property test report.",
				},
				cliActor,
			);
			return;
		}
		case "activity":
			await s.activities.record(
				{
					iati_identifier: activityId(o.at),
					reporting_org_ref: null,
					default_currency: "USD",
					transactions: o.transactions.map((t) => ({
						transaction_type: t.type,
						transaction_date: `${t.year}-03-01`,
						value_minor: t.value,
						currency: t.currency,
					})),
				},
				cliActor,
			);
			activities.add(activityId(o.at));
			return;
		case "link": {
			const slug = pick(o.at);
			if (!slug || !activities.has(activityId(o.activity))) return;
			await s.links.link(
				slug,
				{ activity: activityId(o.activity), share: o.share, include_expenditure: o.expenditure },
				cliActor,
			);
			return;
		}
		case "unlink": {
			const slug = pick(o.at);
			if (!slug || !activities.has(activityId(o.activity))) return;
			await s.links.unlink(slug, { activity: activityId(o.activity) }, cliActor);
			return;
		}
		case "share": {
			const c = await s.commitments.create(
				{
					title: `Share target ${slugs.length + 1}`,
					text: "Randomly generated share-of-income target for the rollup property test.",
					kind: "financial",
					makers: [o.maker],
					goals: ["mdg:8"],
					recipients: [o.ldc ? { kind: "group", code: "LDC" } : { kind: "global" }],
					announced_on: `${o.start - 1}-06-01`,
					financial: {
						amount: null,
						currency: null,
						gni_share_min: o.ldc ? 0.15 : 0.7,
						gni_share_max: o.ldc ? 0.2 : 0.7,
						...(o.open ? { period_start: `${o.start}-01-01` } : { period_end: `${o.start}-12-31` }),
					},
					status: o.publish ? "published" : "draft",
				},
				cliActor,
			);
			slugs.push(c.slug);
			return;
		}
		case "statistics": {
			const path = join(statsDir, `s${slugs.length}-${o.provider}-${o.year}.csv`);
			const value =
				o.measure === "oda"
					? `${o.value},usd_millions,net_flows`
					: `${(o.value / 100_000).toFixed(4)},percent_of_gni,test`;
			writeFileSync(
				path,
				`provider,year,measure,value,unit,basis,source,source_url,published_on\n${o.provider},${o.year},${o.measure},${value},Property test,,\n`,
			);
			await s.statistics.importFile(path, cliActor);
			return;
		}
		case "trim": {
			if (!activities.has(activityId(o.activity))) return;
			const ids = await s.activities.transactionIds(activityId(o.activity));
			await s.activities.removeTransactions(activityId(o.activity), ids.slice(0, 1), cliActor);
			return;
		}
	}
}

describeEachDialect(
	"rollups under random writes (property)",
	(ctx) => {
		before(async () => {
			for (const [slug, country] of [
				["donor-a", "US"],
				["donor-b", "GB"],
				["donor-c", "JP"],
				["collective", null],
			] as const)
				await ctx().services.stakeholders.create(
					{
						slug,
						name: slug,
						kind: country ? "member_state" : "other",
						country,
						// The collective is measured on the DAC's statistics, as the demo's UN members are.
						statistics_provider: country ? null : "DAC",
					},
					cliActor,
				);
		});

		it("stay equal to a full recomputation after any sequence of writes", async () => {
			const slugs: string[] = [];
			const activities = new Set<string>();
			let refused = 0;
			let applied = 0;
			await fc.assert(
				fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
					for (const o of ops) {
						try {
							await apply(ctx(), o, slugs, activities);
							applied++;
						} catch (e) {
							// The rules refuse some random steps (a cycle, a closed commitment, 100% linked): fine.
							if (!(e instanceof AppError)) throw e;
							refused++;
						}
					}
					const check = await ctx().services.analytics.rollupCheck();
					assert.deepEqual(check.maintained, check.recomputed);
					// And the stored figures are what a rebuild from the records gives.
					await ctx().services.analytics.rebuild({ reconvert: false });
					const rebuilt = await ctx().services.analytics.rollupCheck();
					assert.deepEqual(rebuilt.maintained, check.maintained);
				}),
				{ numRuns: 8, seed: 20261128 },
			);
			assert.ok(applied > 50, `only ${applied} writes applied (${refused} refused)`);
		});
	},
	{ demo: false },
);
