/**
 * Relations for part of a commitment's money: stated as a share or as an amount in the
 * commitment's currency; refused where they would count money twice (parts adding up to
 * more than all of it, an amount of all or more of it, a kind that cannot be partial); shown on both commitments; and the totals count the rest
 * of the pledge on its own, the part once, under the other.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { AppError } from "../../src/lib/errors.ts";
import { parseInput } from "../../src/lib/validation.ts";
import { deliveryQuery } from "../../src/modules/analytics/analytics.schemas.ts";
import type { CommitmentInput } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";

let n = 0;
const pledge = (amount: string, currency = "CAD"): CommitmentInput => ({
	title: `Partial relation test ${++n}`,
	text: "A pledge for the partial relation test.",
	kind: "financial",
	makers: ["canada"],
	goals: ["mdg:6"],
	financial: {
		amount,
		currency,
		frequency: "total",
		period_start: "2011-01-01",
		period_end: "2013-12-31",
	},
	status: "published",
});

const refused = async (p: Promise<unknown>, field: string, message: RegExp) =>
	assert.rejects(p, (e: unknown) => {
		assert.ok(e instanceof AppError, String(e));
		assert.ok(
			e.fields.some((f) => f.name === field),
			`names ${field}: ${JSON.stringify(e.fields)}`,
		);
		assert.match(e.message, message);
		return true;
	});

describeEachDialect("relations for part of the money", (ctx) => {
	it("relates an amount of a pledge to another, shows it, and counts the rest on its own", async () => {
		const { commitments, analytics } = ctx().services;
		const whole = await commitments.create(pledge("1100000000"), cliActor);
		const part = await commitments.create(pledge("540000000"), cliActor);
		const goal = async () =>
			(
				await analytics.delivery(
					parseInput(deliveryQuery, {
						group_by: "goal",
						q: "Partial relation test",
						basis: "current",
					}),
				)
			).total;
		const before = await goal();
		await commitments.relate(
			part.slug,
			{
				to: whole.slug,
				kind: "overlaps",
				amount: "41400000",
				note: "C$41.4m of it came from Muskoka",
			},
			cliActor,
		);
		const detail = await commitments.get(part.slug, cliActor);
		const out = detail.relations.outgoing[0];
		assert.equal(out?.amount, "41400000.00");
		assert.equal(out?.currency, "CAD");
		assert.ok(Math.abs((out?.share ?? 0) - 41_400_000 / 540_000_000) < 1e-12);
		const incoming = (await commitments.get(whole.slug, cliActor)).relations.incoming[0];
		assert.equal(incoming?.amount, "41400000.00");
		// The totals: both pledges less the shared C$41.4m, once.
		const after = await goal();
		const cents = (usd: string) => Math.round(Number(usd) * 100);
		const dropped = cents(before.committed) - cents(after.committed);
		const expected = cents(before.committed) * (41_400_000 / 1_640_000_000);
		assert.ok(Math.abs(dropped - expected) <= 2, `${dropped} ~ ${expected}`);
		assert.equal(after.counts.counted, before.counts.counted, "both still counted");
		const check = await analytics.rollupCheck();
		assert.deepEqual(check.maintained, check.recomputed);
		const page = await ctx().app.inject({ method: "GET", url: `/en/commitments/${part.slug}` });
		assert.match(page.body, /for CA\$41,400,000(\.00)? of the money/);
	});

	it("refuses a part that would count money twice, naming the field", async () => {
		const { commitments } = ctx().services;
		const [a, b, c] = [
			await commitments.create(pledge("100000000"), cliActor),
			await commitments.create(pledge("500000000"), cliActor),
			await commitments.create(pledge("500000000"), cliActor),
		];
		await refused(
			commitments.relate(a.slug, { to: b.slug, kind: "reaffirms", share: 0.5 }, cliActor),
			"kind",
			/only part_of and overlaps/,
		);
		await refused(
			commitments.relate(a.slug, { to: b.slug, kind: "part_of", amount: "100000000" }, cliActor),
			"amount",
			/less than the commitment's own/,
		);
		await refused(
			commitments.relate(a.slug, { to: b.slug, kind: "part_of", share: 1 }, cliActor),
			"share",
			/less than 1/,
		);
		await commitments.relate(a.slug, { to: b.slug, kind: "part_of", share: 0.6 }, cliActor);
		await refused(
			commitments.relate(a.slug, { to: c.slug, kind: "overlaps", share: 0.5 }, cliActor),
			"share",
			/add up to 110%/,
		);
		// A pledge wholly part of a collective one may share part of its money with another:
		// Canada's Global Fund pledge is part of the replenishment, C$41.4m of it from Muskoka.
		const d = await commitments.create(pledge("100000000"), cliActor);
		await commitments.relate(d.slug, { to: c.slug, kind: "part_of" }, cliActor);
		await commitments.relate(d.slug, { to: b.slug, kind: "overlaps", share: 0.2 }, cliActor);
		// Not a part of a part: c holds d wholly, and d relates a part already.
		await refused(
			commitments.relate(c.slug, { to: b.slug, kind: "overlaps", share: 0.1 }, cliActor),
			"share",
			/already relates a part of its money/,
		);
		const check = await ctx().services.analytics.rollupCheck();
		assert.deepEqual(check.maintained, check.recomputed);
	});

	it("records the demo's cases: Canada's C$41.4m from Muskoka, Japan's US$800m to the Global Fund", async () => {
		const canada = await ctx().services.commitments.get("canada-global-fund-2010", cliActor);
		const toMuskoka = canada.relations.outgoing.find(
			(r) => r.commitment.slug === "canada-muskoka-2010-mnch",
		);
		assert.deepEqual(
			[toMuskoka?.kind, toMuskoka?.amount, toMuskoka?.currency],
			["overlaps", "41400000.00", "CAD"],
		);
		assert.ok(
			canada.relations.outgoing.some((r) => r.kind === "part_of" && r.share === null),
			"still wholly part of the replenishment",
		);
		const japan = await ctx().services.commitments.get(
			"japan-kan-commitment-2010-health",
			cliActor,
		);
		assert.equal(japan.relations.outgoing[0]?.amount, "800000000.00");
	});
});
