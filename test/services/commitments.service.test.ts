import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor as cli } from "../../src/lib/actor.ts";
import { AppError } from "../../src/lib/errors.ts";
import type { CommitmentInput } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";

const base: CommitmentInput = {
	title: "Test pledge for primary education",
	text: "We will provide USD 10 million over 2016-2018 for primary education in Kenya.",
	kind: "financial",
	forum: "g8-gleneagles-2005",
	announced_on: "2015-06-01",
	makers: ["united-kingdom"],
	goals: ["mdg:2"],
	targets: ["sdg:4.1"],
	recipients: [{ kind: "country", code: "ke" }],
	sectors: ["11220"],
	financial: {
		amount: "10000000",
		currency: "USD",
		frequency: "total",
		period_start: "2016-01-01",
		period_end: "2018-12-31",
	},
	sources: [{ title: "Press release", url: "https://example.org/pledge" }],
	status: "published",
};

/** The AppError a call throws, so its code and fields can be checked. */
async function failure(p: Promise<unknown>): Promise<AppError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AppError) return e;
		throw e;
	}
	assert.fail("expected an AppError");
}

describeEachDialect("commitment writes through the service", (ctx) => {
	it("creates a commitment, resolving slugs and codes, implying goals of targets", async () => {
		const s = ctx().services;
		const created = await s.commitments.create(base, cli);
		assert.equal(created.version, 1);
		assert.equal(created.slug, "test-pledge-for-primary-education");
		const again = await s.commitments.create(base, cli);
		assert.equal(again.slug, "test-pledge-for-primary-education-2");
		const got = await s.commitments.get(created.slug);
		assert.deepEqual(got.goals, ["mdg:2", "sdg:4"]);
		assert.deepEqual(got.targets, ["sdg:4.1"]);
		assert.deepEqual(got.recipients, [{ kind: "country", code: "KE", name: "Kenya" }]);
		assert.equal(got.amount, "10000000.00");
		assert.equal(got.amount_minor, 1_000_000_000);
		assert.equal(got.sectors[0]?.name, "Primary education");
		assert.equal(got.origin, "user");
		const listed = await ctx().get("/api/v1/commitments?recipient=KE&goal=sdg:4");
		assert.ok(listed.body.items.some((i: { id: number }) => i.id === created.id));
	});

	it("keeps amounts up to 2^53 minor units exact on both databases", async () => {
		const big = await ctx().services.commitments.create(
			{
				...base,
				title: "A very large pledge",
				financial: {
					...base.financial,
					amount: "90071992547409.91",
				},
			},
			cli,
		);
		const got = await ctx().services.commitments.get(String(big.id));
		assert.equal(got.amount_minor, 9_007_199_254_740_991);
		assert.equal(got.amount, "90071992547409.91");
		// What it converts to (an estimate, beyond 2^53 cents at constant prices) still reads.
		assert.equal(got.delivery?.status, "no_data");
		assert.ok(Number(got.delivery?.committed_usd) > 9e13, got.delivery?.committed_usd ?? "null");
		const delivery = await ctx().get(`/api/v1/commitments/${big.slug}/delivery`);
		assert.equal(delivery.status, 200, JSON.stringify(delivery.body));
	});

	it("refuses bad input with every problem named, and writes nothing", async () => {
		const s = ctx().services;
		const before = (await ctx().get("/api/v1/commitments?limit=1")).body.total;
		const cases: [Partial<CommitmentInput>, string][] = [
			[{ kind: "financial", financial: null }, "financial"],
			[{ kind: "policy" }, "policy"],
			[{ makers: [] }, "makers"],
			[{ makers: ["nobody-at-all"] }, "makers"],
			[{ forum: "no-such-forum" }, "forum"],
			[{ goals: ["mdg:9"] }, "goals"],
			[{ targets: ["mdg:8.Z"] }, "targets"],
			[{ recipients: [{ kind: "country", code: "XX" }] }, "recipients"],
			[{ recipients: [{ kind: "region" }] }, "recipients.0.code"],
			[{ sectors: ["99999"] }, "sectors"],
			[{ announced_on: "2015-02-30" }, "announced_on"],
			[{ title: "" }, "title"],
			[{ financial: { amount: "10", currency: null, frequency: "total" } }, "financial.currency"],
			[{ financial: { amount: "10", currency: "XYZ", frequency: "total" } }, "financial.currency"],
			[{ financial: { amount: "10.5", currency: "JPY", frequency: "total" } }, "financial.amount"],
			[{ financial: { amount: "ten", currency: "USD", frequency: "total" } }, "financial.amount"],
			[
				{
					financial: { amount: "10", currency: "USD", frequency: "total", price_basis: "constant" },
				},
				"financial.price_base_year",
			],
			[
				{
					financial: {
						amount: "10",
						currency: "USD",
						frequency: "total",
						period_start: "2018-01-01",
						period_end: "2016-01-01",
					},
				},
				"financial.period_end",
			],
			[{ sources: [{ title: "x", url: "javascript:alert(1)" }] }, "sources.0.url"],
			[{ slug: "Bad Slug" }, "slug"],
			[{ slug: "gleneagles-2005-oda-increase" }, "slug"],
			[{ unknown_field: 1 } as Partial<CommitmentInput>, "unknown_field"],
		];
		for (const [change, field] of cases) {
			const e = await failure(s.commitments.create({ ...base, ...change }, cli));
			assert.ok(["invalid_input", "conflict"].includes(e.code), `${field}: ${e.code}`);
			assert.ok(
				e.fields.some((f) => f.name === field),
				`${field}: ${JSON.stringify(e.fields)}`,
			);
		}
		const several = await failure(
			s.commitments.create(
				{
					...base,
					makers: ["nobody-at-all"],
					forum: "no-such-forum",
					sectors: ["99999"],
				},
				cli,
			),
		);
		assert.deepEqual(several.fields.map((f) => f.name).sort(), ["forum", "makers", "sectors"]);
		assert.equal((await ctx().get("/api/v1/commitments?limit=1")).body.total, before);
	});

	it("updates with a version check: a stale version gets a conflict and changes nothing", async () => {
		const s = ctx().services;
		const { id } = await s.commitments.create({ ...base, title: "Versioned pledge" }, cli);
		const v2 = await s.commitments.update(
			String(id),
			{
				version: 1,
				reason: "amount corrected",
				changes: { financial: { ...base.financial, amount: "12000000" } },
			},
			cli,
		);
		assert.equal(v2.version, 2);
		const stale = await failure(
			s.commitments.update(String(id), { version: 1, changes: { title: "Lost update" } }, cli),
		);
		assert.equal(stale.code, "conflict");
		assert.equal(stale.extra.current_version, 2);
		const bad = await failure(
			s.commitments.update(String(id), { version: 2, changes: { makers: ["nobody-at-all"] } }, cli),
		);
		assert.equal(bad.code, "invalid_input");
		const got = await s.commitments.get(String(id));
		assert.equal(got.version, 2);
		assert.equal(got.title, "Versioned pledge");
		assert.equal(got.amount, "12000000.00");
		assert.deepEqual(
			got.versions.map((v) => [v.version, v.reason, v.changed]),
			[
				[1, null, []],
				[2, "amount corrected", ["financial"]],
			],
		);
		const v3 = await s.commitments.update(
			got.slug,
			{
				version: 2,
				changes: { makers: ["united-kingdom", "canada"], title: "Versioned joint pledge" },
			},
			cli,
		);
		assert.equal(v3.version, 3);
		const latest = await s.commitments.get(String(id));
		assert.deepEqual(latest.versions.at(-1)?.changed, ["makers", "title"]);
		assert.deepEqual(
			latest.makers.map((m) => m.slug),
			["united-kingdom", "canada"],
		);
	});

	it("lets exactly one of two concurrent updates of the same version win", async () => {
		const s = ctx().services;
		const { id } = await s.commitments.create({ ...base, title: "Contested pledge" }, cli);
		const results = await Promise.allSettled([
			s.commitments.update(String(id), { version: 1, changes: { title: "First writer" } }, cli),
			s.commitments.update(String(id), { version: 1, changes: { title: "Second writer" } }, cli),
		]);
		assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
		const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
		assert.equal((rejected.reason as AppError).code, "conflict");
		const got = await s.commitments.get(String(id));
		assert.equal(got.version, 2);
		assert.equal(got.versions.length, 2);
	});

	it("relates commitments, refusing cycles and self-relations, and ignoring repeats", async () => {
		const s = ctx().services;
		const a = await s.commitments.create({ ...base, title: "Whole pledge" }, cli);
		const b = await s.commitments.create({ ...base, title: "Part pledge" }, cli);
		const c = await s.commitments.create({ ...base, title: "Sub-part pledge" }, cli);
		assert.deepEqual(await s.commitments.relate(b.slug, { to: a.slug, kind: "part_of" }, cli), {
			created: true,
		});
		assert.deepEqual(await s.commitments.relate(b.slug, { to: a.slug, kind: "part_of" }, cli), {
			created: false,
		});
		assert.deepEqual(await s.commitments.relate(c.slug, { to: b.slug, kind: "part_of" }, cli), {
			created: true,
		});
		const cycle = await failure(s.commitments.relate(a.slug, { to: c.slug, kind: "part_of" }, cli));
		assert.equal(cycle.code, "invalid_input");
		assert.match(cycle.message, /cycle/);
		assert.equal(
			(await failure(s.commitments.relate(a.slug, { to: a.slug, kind: "overlaps" }, cli))).code,
			"invalid_input",
		);
		assert.equal(
			(await failure(s.commitments.relate(a.slug, { to: "no-such-one", kind: "overlaps" }, cli)))
				.code,
			"not_found",
		);
		assert.equal(
			(await failure(s.commitments.relate(a.slug, { to: b.slug, kind: "contradicts" }, cli))).code,
			"invalid_input",
		);
		assert.deepEqual(await s.commitments.relate(a.slug, { to: c.slug, kind: "overlaps" }, cli), {
			created: true,
		});
		const whole = await s.commitments.get(a.slug);
		assert.deepEqual(
			whole.relations.incoming.map((r) => [r.kind, r.commitment.slug]),
			[["part_of", b.slug]],
		);
		assert.deepEqual(
			whole.relations.outgoing.map((r) => [r.kind, r.commitment.slug]),
			[["overlaps", c.slug]],
		);
	});

	it("keeps drafts out of the public API", async () => {
		const s = ctx().services;
		const draft = await s.commitments.create(
			{
				...base,
				title: "Secret draft pledge",
				status: "draft",
			},
			cli,
		);
		assert.equal((await ctx().get(`/api/v1/commitments/${draft.slug}`)).status, 404);
		assert.equal((await ctx().get("/api/v1/commitments?q=secret%20draft")).body.total, 0);
	});
});
