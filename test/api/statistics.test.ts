/**
 * Official statistics and the share-of-income targets they measure, through the API and
 * the CLI, on SQLite and PostgreSQL: the demo's 0.7% and LDC targets have achieved shares
 * by year, the aggregates say where delivered money comes from, a bad file is refused
 * whole with file, line and column, and a re-import replaces values, never duplicates.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { AppError } from "../../src/lib/errors.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { runIif } from "../helpers/cli.ts";

const header = "provider,year,measure,value,unit,basis,source,source_url,published_on";
const dir = mkdtempSync(join(tmpdir(), "iif-stats-"));
const file = (name: string, lines: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, `${[header, ...lines].join("\n")}\n`);
	return path;
};
const cents = (usd: string) => Math.round(Number(usd) * 100);

describeEachDialect("official statistics and share-of-income targets", (ctx) => {
	it("measures the UK's 0.7% from 2013: achieved share by year, target, status and gap in money", async () => {
		const { status, body } = await ctx().get(
			"/api/v1/commitments/uk-2010-oda-0-7-from-2013/delivery",
		);
		assert.equal(status, 200);
		assert.notEqual(body.status, "no_data");
		assert.equal(body.conversion.status, "measured");
		const share = body.share;
		assert.equal(share.measure, "oda");
		assert.deepEqual(share.provider, { code: "GB", name: "United Kingdom", collective: false });
		assert.equal(share.first_due_year, 2013);
		const y = (year: number) => share.years.find((x: { year: number }) => x.year === year);
		// The OECD's figures: 0.70% in 2013-2015 (0.72% was quoted before GNI was revised).
		for (const year of [2013, 2014, 2015])
			assert.ok(y(year).share >= 0.695 && y(year).share <= 0.725, `${year}: ${y(year).share}`);
		assert.equal(y(2013).target, 0.7);
		assert.equal(y(2012).target, null, "not due before 2013");
		assert.equal(y(2013).basis, "net_flows");
		assert.equal(y(2020).basis, "grant_equivalent");
		assert.ok(
			y(2013).sources.some((s: { source_url: string }) =>
				s.source_url.includes("total_oda_flow.csv"),
			),
		);
		// The gap in money is GNI x 0.7% - ODA, year by year, and sums to the total.
		const gni = Number(y(2024).gni);
		const oda = Number(y(2024).oda);
		assert.ok(Math.abs(Number(y(2024).gap) - (gni * 0.007 - oda)) < 1);
		const sum = share.years.reduce(
			(a: number, x: { gap: string | null }) => a + (x.gap === null ? 0 : cents(x.gap)),
			0,
		);
		assert.ok(Math.abs(sum - cents(share.gap)) <= share.years.length);
		// Below 0.7% since 2021: an open-ended target judged on the latest year.
		assert.equal(share.status, "off_track");
		assert.match(share.explanation, /Reached in \d+ of \d+ years measured since 2013/);
	});

	it("gives Monterrey, the EU's 0.56% and 0.7%, the World Summit, the MDG Summit and Istanbul achieved shares by year", async () => {
		for (const slug of [
			"monterrey-2002-oda-0-7-target",
			"monterrey-2002-oda-ldc-target",
			"eu-council-2005-oda-0-56-by-2010",
			"eu-council-2005-oda-0-7-by-2015",
			"world-summit-2005-oda-timetables",
			"mdg-summit-2010-oda-commitments",
			"istanbul-2011-oda-to-ldcs",
		]) {
			const { body } = await ctx().get(`/api/v1/commitments/${slug}/delivery`);
			const measured = body.share.years.filter((y: { share: number | null }) => y.share !== null);
			assert.ok(measured.length >= 4, `${slug}: ${measured.length} years measured`);
			assert.notEqual(body.share.status, "no_data", slug);
			assert.equal(body.share.provider.collective, true, slug);
		}
		const eu = (await ctx().get("/api/v1/commitments/eu-council-2005-oda-0-56-by-2010/delivery"))
			.body;
		assert.equal(eu.share.provider.code, "EU");
		assert.equal(eu.share.deadline_year, 2010);
		assert.equal(eu.status, "not_met");
		// Each member's own figure beside the collective's.
		assert.ok(eu.share.members.some((m: { code: string }) => m.code === "GB"));
		assert.ok(!eu.share.members.some((m: { code: string }) => m.code === "US"));
		const istanbul = (await ctx().get("/api/v1/commitments/istanbul-2011-oda-to-ldcs/delivery"))
			.body;
		assert.equal(istanbul.share.measure, "oda_ldc");
		// Years no source publishes stay missing: listed, never zero.
		assert.ok(istanbul.share.missing_years.includes(2011));
		const y2011 = istanbul.share.years.find((y: { year: number }) => y.year === 2011);
		assert.equal(y2011.share, null);
		assert.equal(y2011.gap, null);
	});

	it("shows delivered money for MDG 8, and says how much comes from reports, IATI and statistics", async () => {
		const { body } = await ctx().get("/api/v1/analytics/delivery?group_by=goal");
		const mdg8 = body.groups.find((g: { key: string }) => g.key === "mdg:8");
		assert.ok(Number(mdg8.delivered) > 0);
		assert.ok(Number(mdg8.delivered_by_source.statistics) > 0);
		assert.ok(Number(body.total.delivered_by_source.report) > 0);
		for (const g of [body.total, ...body.groups]) {
			const parts = Object.values(g.delivered_by_source as Record<string, string>).reduce(
				(a, v) => a + cents(v),
				0,
			);
			assert.equal(parts, cents(g.delivered), g.key ?? "total");
		}
		// Filtered, the same holds.
		const filtered = (await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder&goal=mdg:8"))
			.body;
		for (const g of [filtered.total, ...filtered.groups]) {
			const parts = Object.values(g.delivered_by_source as Record<string, string>).reduce(
				(a, v) => a + cents(v),
				0,
			);
			assert.equal(parts, cents(g.delivered));
		}
	});

	it("counts a reaffirming target's statistics once: in the commitment it reaffirms", async () => {
		const uk = (await ctx().get("/api/v1/commitments/uk-2010-oda-0-7-from-2013/delivery")).body;
		assert.equal(uk.counted_as.reason, "reaffirmation");
		const root = (await ctx().get("/api/v1/commitments/monterrey-2002-oda-0-7-target/delivery"))
			.body;
		assert.equal(root.counted_as.reason, "counted");
		// The root's delivery is its own measure (the DAC's ODA), not the DAC's plus the UK's.
		assert.equal(root.delivered.current, root.delivered_own.current);
	});

	it("lists the statistics with their sources, the providers and a provider's series", async () => {
		const list = await ctx().get(
			"/api/v1/statistics?provider=GB&measure=oda&year_from=2013&year_to=2014",
		);
		assert.equal(list.status, 200);
		assert.equal(list.body.total, 2);
		assert.ok(
			list.body.items.every(
				(i: { source: string; published_on: string }) => i.source && i.published_on,
			),
		);
		const providers = await ctx().get("/api/v1/statistics/providers");
		assert.ok(
			providers.body.items.some(
				(p: { code: string; kind: string }) => p.code === "DAC" && p.kind === "collective",
			),
		);
		const dac = await ctx().get("/api/v1/statistics/providers/DAC");
		assert.equal(dac.status, 200);
		const y2013 = dac.body.years.find((y: { year: number }) => y.year === 2013);
		// The OECD: DAC ODA of USD 134.8 bn and 0.30% of GNI in 2013 (preliminary, since revised).
		assert.ok(Math.abs(Number(y2013.oda) / 1e9 - 134.9) < 1, y2013.oda);
		assert.equal(y2013.share.toFixed(2), "0.30");
		assert.equal((await ctx().get("/api/v1/statistics/providers/XX")).status, 404);
		assert.equal((await ctx().get("/api/v1/statistics?measure=gdp")).status, 400);
	});

	it("refuses a stakeholder whose statistics provider does not exist", async () => {
		await assert.rejects(
			ctx().services.stakeholders.create(
				{
					slug: "statistics-test-donor",
					name: "Statistics test donor",
					kind: "other",
					statistics_provider: "ZZ",
				},
				cliActor,
			),
			(e: unknown) =>
				e instanceof AppError &&
				e.fields.some((f) => f.name === "statistics_provider") &&
				/unknown statistics provider 'ZZ'/.test(e.message),
		);
		const dac = await ctx().services.stakeholders.create(
			{
				slug: "statistics-test-group",
				name: "Statistics test group",
				kind: "other",
				statistics_provider: "DAC",
			},
			cliActor,
		);
		assert.equal((await ctx().get(`/api/v1/stakeholders/${dac}`)).body.statistics_provider, "DAC");
	});

	it("refuses a bad file whole, naming file, line and column, and writes nothing", async () => {
		const svc = ctx().services;
		const before = (await ctx().get("/api/v1/statistics?provider=GB&measure=oda")).body.items;
		const audits = await svc.audit.count();
		const path = file("bad.csv", [
			"GB,2013,oda,1,usd_millions,net_flows,Test source,,",
			"GB,2014,oda,abc,usd_millions,net_flows,Test source,,",
		]);
		await assert.rejects(svc.statistics.importFile(path, cliActor), (e: unknown) => {
			assert.ok(e instanceof AppError);
			assert.match(e.message, /bad\.csv:3:13: value: 'abc' is not a decimal number/);
			return true;
		});
		const after = (await ctx().get("/api/v1/statistics?provider=GB&measure=oda")).body.items;
		assert.deepEqual(after, before, "the good line 2 was not loaded either");
		assert.equal(await svc.audit.count(), audits);
	});

	it("replaces a provider-year on re-import, never duplicates it, and measures the targets again", async () => {
		const svc = ctx().services;
		const rowsBefore = (await ctx().get("/api/v1/statistics")).body.total;
		const gni2024 = (
			await ctx().get("/api/v1/statistics?provider=GB&measure=gni&year_from=2024&year_to=2024")
		).body.items[0].value;
		const path = file("uk.csv", [
			`GB,2024,oda,${Number(gni2024) * 0.007},usd_millions,grant_equivalent,Test revision,https://example.org/uk,2026-01-01`,
		]);
		const r = await svc.statistics.importFile(path, cliActor);
		assert.deepEqual(
			{ values: r.values, created: r.created, replaced: r.replaced },
			{ values: 1, created: 0, replaced: 1 },
		);
		assert.ok(r.commitments_measured >= 8);
		assert.equal((await ctx().get("/api/v1/statistics")).body.total, rowsBefore);
		const uk = (await ctx().get("/api/v1/commitments/uk-2010-oda-0-7-from-2013/delivery")).body;
		const y = uk.share.years.find((x: { year: number }) => x.year === 2024);
		assert.equal(y.share.toFixed(2), "0.70");
		assert.deepEqual(y.sources[0], {
			source: "Test revision",
			source_url: "https://example.org/uk",
			published_on: "2026-01-01",
		});
		assert.equal(uk.share.status, "met");
		// The rollups still equal a recomputation after the re-measurement.
		const check = await svc.analytics.rollupCheck();
		assert.deepEqual(check.maintained, check.recomputed);
		assert.equal((await svc.audit.verify()).intact, true);
	});

	it("imports through the CLI: exit 0 with a summary; exit 2 naming the place of each problem", async () => {
		const env = { IIF_DATABASE_URL: ctx().db.url, IIF_DEMO: "off" };
		const good = await runIif(
			[
				"import",
				"statistics",
				file("cli-good.csv", ["DE,2024,oda_ldc,0.08,percent_of_gni,test,Test,,"]),
			],
			env,
		);
		assert.equal(good.code, 0, good.stderr);
		assert.match(good.stdout, /imported 1 values from cli-good\.csv \(0 new, 1 replaced\)/);
		const bad = await runIif(
			[
				"import",
				"statistics",
				file("cli-bad.csv", ["DE,2024,oda_ldc,0.08,percent_of_gni,test,,,"]),
			],
			env,
		);
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /cli-bad\.csv:2:\d+: source: every value needs its source/);
		const missing = await runIif(["import", "statistics", join(dir, "nope.csv")], env);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /no such file/);
	});
});
