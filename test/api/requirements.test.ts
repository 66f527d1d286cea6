import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { Converter } from "../../src/modules/analytics/conversion.ts";
import { convertRequirements } from "../../src/modules/requirements/requirements.conversion.ts";
import { RequirementRepository } from "../../src/modules/requirements/requirements.repository.ts";
import {
	requirementList,
	requirementView,
} from "../../src/modules/requirements/requirements.schemas.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { anonymous, call, type Person, person } from "../helpers/users.ts";

/**
 * The TOTAL DAC deflators (2020 = 100), read straight from the shipped CSV: the oracle for
 * constant prices, independent of the converter under test.
 */
const dacDeflator: Map<number, number> = (() => {
	const lines = readFileSync(
		new URL("../../data/deflators/dac_deflators_2020base.csv", import.meta.url),
		"utf8",
	).split(/\r?\n/);
	const years = (lines[0] ?? "").split(",");
	const row = lines.find((l) => l.startsWith("TOTAL DAC"));
	assert.ok(row, "the deflator file has a TOTAL DAC row");
	const out = new Map<number, number>();
	row.split(",").forEach((v, i) => {
		const year = Number(years[i]);
		if (/^\d{4}$/.test(years[i] ?? "") && v !== "") out.set(year, Number(v));
	});
	return out;
})();

/** US cents of `year` at constant 2020 prices: cents x D(2020) / D(year). */
function constant2020(cents: number, year: number): number {
	const d2020 = dacDeflator.get(2020);
	const dYear = dacDeflator.get(year);
	assert.ok(d2020 && dYear, `deflators for 2020 and ${year}`);
	return Math.round((cents * d2020) / dYear);
}

/** "1234.56" -> 123456 */
const cents = (s: string | null): number => {
	assert.ok(s !== null, "a converted figure");
	const [whole = "", frac = ""] = s.replace("-", "").split(".");
	const n = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
	return s.startsWith("-") ? -n : n;
};

const base = (extra: Record<string, unknown> = {}) => ({
	title: "Test requirement for safe water",
	goal: "sdg:6",
	scope: "global",
	amount: "1000000000",
	currency: "USD",
	frequency: "total",
	period_start: "2013-01-01",
	period_end: "2013-12-31",
	source_title: "A documented needs estimate",
	source_url: "https://example.org/estimate",
	...extra,
});

function assertProblem(res: { status: number; body: any }, status: number, field?: string): void {
	assert.equal(res.status, status, JSON.stringify(res.body));
	assert.equal(res.body.status, status);
	if (field)
		assert.ok(
			res.body.errors?.some((e: { name: string }) => e.name === field),
			`names ${field}: ${JSON.stringify(res.body.errors)}`,
		);
}

async function post(ctx: TestContext, who: Person, body: unknown) {
	return call(ctx, who, "POST", "/api/v1/requirements", body);
}

describeEachDialect("requirements", (ctx) => {
	let secretariat: Person;
	let admin: Person;
	let assessor: Person;
	let citizen: Person;

	before(async () => {
		secretariat = await person(ctx(), { role: "secretariat" });
		admin = await person(ctx(), { role: "admin" });
		assessor = await person(ctx(), { role: "assessor" });
		citizen = await person(ctx());
	});

	it("lets the secretariat record a requirement, audited, and nobody else", async () => {
		const auditBefore = await ctx().services.audit.count();
		const res = await post(ctx(), secretariat, base());
		assert.equal(res.status, 201, JSON.stringify(res.body));
		assert.deepEqual(requirementView.parse(res.body), res.body);
		assert.equal(res.body.slug, "test-requirement-for-safe-water");
		assert.equal(res.body.amount, "1000000000.00");
		assert.equal(res.body.goal, "sdg:6");
		assert.equal(res.body.scope_code, null);
		assert.equal(res.raw.headers["cache-control"], "no-store");
		assert.equal(await ctx().services.audit.count(), auditBefore + 1);

		// The same title again gets a free slug; a slug given twice is a conflict.
		const again = await post(ctx(), secretariat, base());
		assert.equal(again.status, 201, JSON.stringify(again.body));
		assert.equal(again.body.slug, "test-requirement-for-safe-water-2");
		assertProblem(
			await post(ctx(), secretariat, base({ slug: "test-requirement-for-safe-water" })),
			409,
			"slug",
		);

		assertProblem(await post(ctx(), citizen, base()), 403);
		assertProblem(await post(ctx(), anonymous, base()), 401);
		assertProblem(await post(ctx(), assessor, base()), 403);
		assert.equal((await post(ctx(), admin, base({ title: "Admin's estimate" }))).status, 201);
		assert.equal(await ctx().services.audit.count(), auditBefore + 3);
	});

	it("names the offending field of bad input", async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ goal: "mdg:9" }, "goal"],
			[{ goal: "mdg:8", target: "mdg:6.A" }, "target"],
			[{ goal: "mdg:8", target: "mdg:8.Z" }, "target"],
			[{ goal: "goal eight" }, "goal"],
			[{ scope: "country", scope_code: "XX" }, "scope_code"],
			[{ scope: "region", scope_code: "12345" }, "scope_code"],
			[{ scope: "country" }, "scope_code"],
			[{ scope: "global", scope_code: "KE" }, "scope_code"],
			[{ scope: "continent" }, "scope"],
			[{ period_start: "2014-01-01", period_end: "2013-12-31" }, "period_end"],
			[{ period_start: "2013-02-30" }, "period_start"],
			[{ price_basis: "constant" }, "price_base_year"],
			[{ price_base_year: 2010 }, "price_base_year"],
			[{ amount: "0" }, "amount"],
			[{ amount: "12,5" }, "amount"],
			[{ amount: "10.001" }, "amount"],
			[{ provided: "1.234", currency: "USD" }, "provided"],
			[{ currency: "usd" }, "currency"],
			[{ currency: "ZZZ" }, "currency"],
			[{ frequency: "monthly" }, "frequency"],
			[{ source_title: "" }, "source_title"],
			[{ source_url: "ftp://example.org/x" }, "source_url"],
			[{ colour: "blue" }, "colour"],
		];
		for (const [extra, field] of cases)
			assertProblem(await post(ctx(), secretariat, base(extra)), 400, field);
	});

	it("converts a USD requirement to current and constant cents with the DAC deflators", async () => {
		const res = await post(
			ctx(),
			secretariat,
			base({ title: "USD conversion check", provided: "250000000.50" }),
		);
		assert.equal(res.status, 201, JSON.stringify(res.body));
		const r = res.body;
		assert.equal(r.conversion, "ok");
		assert.equal(r.conversion_note, null);
		assert.equal(r.usd.base_year, 2020);
		assert.equal(r.usd.required.current, "1000000000.00");
		assert.equal(cents(r.usd.required.constant), constant2020(100_000_000_000, 2013));
		assert.equal(r.usd.provided.current, "250000000.50");
		assert.equal(cents(r.usd.provided.constant), constant2020(25_000_000_050, 2013));
		// The gap is taken on constant prices, from the source's own figure.
		assert.equal(r.gap.basis, "constant");
		assert.equal(r.gap.base_year, 2020);
		assert.equal(r.gap.provided_source, "source");
		assert.equal(r.gap.required, r.usd.required.constant);
		assert.equal(r.gap.provided, r.usd.provided.constant);
		assert.equal(
			cents(r.gap.gap),
			constant2020(100_000_000_000, 2013) - constant2020(25_000_000_050, 2013),
		);
		assert.equal(r.gap.registry_delivered, "0.00");

		// An annual amount is needed in each year of the period: each year at its own prices.
		const annual = await post(
			ctx(),
			secretariat,
			base({
				title: "Annual conversion check",
				amount: "1000000",
				frequency: "annual",
				period_start: "2011-01-01",
				period_end: "2012-12-31",
			}),
		);
		assert.equal(annual.status, 201, JSON.stringify(annual.body));
		assert.equal(annual.body.usd.required.current, "2000000.00");
		assert.equal(
			cents(annual.body.usd.required.constant),
			constant2020(100_000_000, 2011) + constant2020(100_000_000, 2012),
		);
		assert.equal(annual.body.usd.provided, null);
	});

	it("leaves an amount in a currency without rates unconverted: null, never zero", async () => {
		const res = await post(
			ctx(),
			secretariat,
			base({ title: "Falklands estimate", currency: "FKP", amount: "1000", provided: "10" }),
		);
		assert.equal(res.status, 201, JSON.stringify(res.body));
		const r = res.body;
		assert.equal(r.amount, "1000.00");
		assert.equal(r.provided, "10.00");
		assert.equal(r.conversion, "no_rate");
		assert.match(r.conversion_note, /not converted/);
		assert.match(r.conversion_note, /FKP/);
		assert.deepEqual(r.usd.required, { current: null, constant: null });
		assert.deepEqual(r.usd.provided, { current: null, constant: null });
		assert.equal(r.gap.required, null);
		assert.equal(r.gap.provided, null);
		assert.equal(r.gap.gap, null);
	});

	it("takes what was provided from the registry's deliveries for the goal and scope", async () => {
		await ctx().services.stakeholders.create(
			{ slug: "water-test-foundation", name: "Water Test Foundation", kind: "foundation" },
			cliActor,
		);
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "water-test-foundation", role: "focal_point" }],
		});
		const commitment = await ctx().services.commitments.create(
			{
				title: "Safe water for Kenyan schools",
				text: "The foundation will provide USD 10 million for safe water in Kenyan schools over 2016-2018.",
				kind: "financial",
				makers: ["water-test-foundation"],
				goals: ["sdg:6"],
				targets: ["sdg:6.1"],
				recipients: [{ kind: "country", code: "KE" }],
				financial: {
					amount: "10000000",
					currency: "USD",
					frequency: "total",
					period_start: "2016-01-01",
					period_end: "2018-12-31",
				},
				status: "published",
			},
			cliActor,
		);
		const report = await call(
			ctx(),
			focal,
			"POST",
			`/api/v1/commitments/${commitment.slug}/reports`,
			{
				kind: "maker",
				stakeholder: "water-test-foundation",
				period_start: "2016-01-01",
				period_end: "2017-12-31",
				disbursed: {
					amount: "3000000",
					currency: "USD",
					recipients: [{ kind: "country", code: "KE" }],
					by_year: [
						{ year: 2016, amount: "1000000" },
						{ year: 2017, amount: "2000000" },
					],
				},
				narrative: "Two years of disbursements to the school water programme.",
			},
		);
		assert.equal(report.status, 201, JSON.stringify(report.body));
		const in2016 = constant2020(100_000_000, 2016);
		const in2017 = constant2020(200_000_000, 2017);

		const kenya = await post(
			ctx(),
			secretariat,
			base({
				title: "Safe drinking water in Kenya, 2016",
				goal: "SDG:6",
				target: "sdg:6.1",
				scope: "country",
				scope_code: "ke",
				amount: "50000000",
				period_start: "2016-01-01",
				period_end: "2016-12-31",
			}),
		);
		assert.equal(kenya.status, 201, JSON.stringify(kenya.body));
		assert.equal(kenya.body.scope_code, "KE");
		assert.equal(kenya.body.scope_name, "Kenya");
		assert.equal(kenya.body.target, "sdg:6.1");
		const g = kenya.body.gap;
		assert.equal(g.provided_source, "registry");
		// Only 2016, the period's one year, counts.
		assert.equal(cents(g.registry_delivered), in2016);
		assert.equal(cents(g.provided), in2016);
		assert.equal(cents(g.gap), constant2020(5_000_000_000, 2016) - in2016);

		// The whole goal, worldwide, over both years.
		const world = await post(
			ctx(),
			secretariat,
			base({
				title: "Safe water worldwide, 2016-2017",
				scope: "global",
				amount: "90000000",
				period_start: "2016-01-01",
				period_end: "2017-12-31",
			}),
		);
		assert.equal(cents(world.body.gap.registry_delivered), in2016 + in2017);

		// Another country, or a source's own figure, leaves the registry figure aside.
		const tanzania = await post(
			ctx(),
			secretariat,
			base({
				title: "Safe water in Tanzania, 2016",
				scope: "country",
				scope_code: "TZ",
				period_start: "2016-01-01",
				period_end: "2016-12-31",
			}),
		);
		assert.equal(tanzania.body.gap.registry_delivered, "0.00");
		assert.equal(tanzania.body.gap.gap, tanzania.body.gap.required);
		const sourced = await post(
			ctx(),
			secretariat,
			base({
				title: "Safe water in Kenya by its own source",
				target: "sdg:6.1",
				scope: "country",
				scope_code: "KE",
				provided: "0",
				period_start: "2016-01-01",
				period_end: "2017-12-31",
			}),
		);
		assert.equal(sourced.body.gap.provided_source, "source");
		assert.equal(sourced.body.gap.provided, "0.00");
		assert.equal(cents(sourced.body.gap.registry_delivered), in2016 + in2017);

		// Read back, by id and by slug, the same figures.
		const byId = await call(ctx(), anonymous, "GET", `/api/v1/requirements/${kenya.body.id}`);
		assert.equal(byId.status, 200);
		assert.deepEqual(byId.body, kenya.body);
		const bySlug = await call(ctx(), anonymous, "GET", `/api/v1/requirements/${kenya.body.slug}`);
		assert.deepEqual(bySlug.body, kenya.body);
		const listed = await call(ctx(), anonymous, "GET", "/api/v1/requirements?recipient=KE");
		assert.deepEqual(requirementList.parse(listed.body), listed.body);
		assert.deepEqual(listed.body.items.map((r: any) => r.slug).sort(), [
			kenya.body.slug,
			sourced.body.slug,
		]);
	});

	it("answers 404 for an unknown requirement and 400 for a malformed reference", async () => {
		assertProblem(await call(ctx(), anonymous, "GET", "/api/v1/requirements/no-such-thing"), 404);
		assertProblem(await call(ctx(), anonymous, "GET", "/api/v1/requirements/99999999999"), 404);
		assertProblem(await call(ctx(), anonymous, "GET", "/api/v1/requirements/Bad%20Ref"), 400, "id");
		assertProblem(
			await call(ctx(), anonymous, "GET", "/api/v1/requirements?scope=continent"),
			400,
			"scope",
		);
	});

	it("loads the demo requirements once, with documented sources, and lists them", async () => {
		const demo = JSON.parse(
			readFileSync(new URL("../../data/demo/requirements.json", import.meta.url), "utf8"),
		) as { requirements: { slug: string; source_url: string; source_title: string }[] };
		assert.ok(demo.requirements.length >= 3 && demo.requirements.length <= 5);
		for (const r of demo.requirements) {
			assert.match(r.source_url, /^https?:\/\//, r.slug);
			assert.ok(r.source_title.length > 10, r.slug);
		}
		const again = await ctx().services.demo.load();
		assert.equal(again.created.requirements, 0);
		assert.equal(again.present.requirements, demo.requirements.length);
		assert.equal(again.created.links, 0, "the demo's IATI links are made once");

		const all = await call(ctx(), anonymous, "GET", "/api/v1/requirements?limit=200");
		assert.equal(all.status, 200);
		assert.deepEqual(requirementList.parse(all.body), all.body);
		for (const r of demo.requirements)
			assert.ok(
				all.body.items.some((i: any) => i.slug === r.slug),
				`${r.slug} is listed`,
			);

		const gtf = await call(ctx(), anonymous, "GET", "/api/v1/requirements?goal=mdg:8");
		assert.equal(gtf.body.total, 1);
		const oda = gtf.body.items[0];
		assert.equal(oda.slug, "mdg-gap-task-force-2013-oda-0-7-gni");
		assert.equal(oda.target, "mdg:8.A", "filed where the ODA-volume pledges are");
		assert.equal(oda.usd.required.current, "314600000000.00");
		assert.equal(oda.usd.provided.current, "134800000000.00");
		assert.equal(oda.gap.provided_source, "source");
		assert.equal(
			cents(oda.gap.gap),
			constant2020(31_460_000_000_000, 2013) - constant2020(13_480_000_000_000, 2013),
		);

		// Pledges above the target: a negative gap.
		const gavi = await call(ctx(), anonymous, "GET", "/api/v1/requirements?target=mdg:4.a");
		assert.equal(gavi.body.total, 1);
		assert.ok(cents(gavi.body.items[0].gap.gap) < 0);

		// Constant 2007 prices: each year's 16bn moved to 2020 prices, 8 years.
		const efa = await call(
			ctx(),
			anonymous,
			"GET",
			"/api/v1/requirements/efa-gmr-2010-basic-education-financing-gap",
		);
		assert.equal(efa.status, 200);
		assert.equal(efa.body.price_base_year, 2007);
		assert.equal(efa.body.gap.provided_source, "registry");
		const expected = 8 * constant2020(1_600_000_000_000, 2007);
		assert.ok(
			Math.abs(cents(efa.body.usd.required.constant) - expected) <= 8,
			`${efa.body.usd.required.constant} ~ ${expected}`,
		);

		const regional = await call(
			ctx(),
			anonymous,
			"GET",
			"/api/v1/requirements?scope=region&recipient=998",
		);
		assert.ok(regional.body.items.every((r: any) => r.scope_code === "998"));
		assert.ok(regional.body.total >= 3);
		const paged = await call(ctx(), anonymous, "GET", "/api/v1/requirements?limit=1&page=2");
		assert.equal(paged.body.items.length, 1);
		assert.equal(paged.body.page, 2);
		assert.equal(paged.body.total, all.body.total);
	});

	it("converts every stored requirement again for another base year (the rebuild's step)", async () => {
		const db = ctx().db.database.db;
		const repo = new RequirementRepository(db);
		const total = (await call(ctx(), anonymous, "GET", "/api/v1/requirements")).body.total;
		assert.equal(await convertRequirements(db, new Converter(2015)), total);
		const oda = await repo.find({ slug: "mdg-gap-task-force-2013-oda-0-7-gni" });
		const d2015 = dacDeflator.get(2015) as number;
		const d2013 = dacDeflator.get(2013) as number;
		assert.equal(oda?.required_current, 31_460_000_000_000);
		assert.equal(oda?.required_constant, Math.round((31_460_000_000_000 * d2015) / d2013));
		const falklands = (
			await call(ctx(), anonymous, "GET", "/api/v1/requirements?limit=200")
		).body.items.find((r: any) => r.currency === "FKP");
		assert.equal((await repo.find({ id: falklands.id }))?.conversion, "no_rate");
		// Back to the stored base year, so the figures match what the API says.
		assert.equal(await convertRequirements(db, new Converter(2020)), total);
		assert.equal(
			(await repo.find({ slug: "mdg-gap-task-force-2013-oda-0-7-gni" }))?.required_constant,
			constant2020(31_460_000_000_000, 2013),
		);
	});
});
