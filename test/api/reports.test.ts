import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { reportDetail, reportList } from "../../src/modules/reports/reports.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { anonymous, call, type Person, person, withToken } from "../helpers/users.ts";

const makerReport = {
	kind: "maker",
	stakeholder: "united-kingdom",
	period_start: "2011-01-01",
	period_end: "2015-12-31",
	disbursed: {
		amount: "814000000",
		currency: "GBP",
		recipients: [{ kind: "group", code: "LDC" }],
		by_year: [
			{ year: 2011, amount: "200000000" },
			{ year: 2012, amount: "614000000" },
		],
	},
	policy_status: "achieved",
	narrative: "Paid in full to Gavi over the replenishment period.",
	evidence: [{ title: "Annual report", url: "https://example.org/report" }],
};

describeEachDialect("progress reports", (ctx) => {
	let ukFocal: Person;
	let ukEditor: Person;
	let canadaFocal: Person;
	let kenyaFocal: Person;
	let citizen: Person;
	let kenyaCommitment: string;

	before(async () => {
		ukFocal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		ukEditor = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "editor" }],
		});
		canadaFocal = await person(ctx(), {
			memberships: [{ stakeholder: "canada", role: "focal_point" }],
		});
		citizen = await person(ctx());
		await ctx().services.stakeholders.create(
			{ slug: "kenya", name: "Kenya", kind: "member_state", country: "KE" },
			cliActor,
		);
		kenyaFocal = await person(ctx(), {
			memberships: [{ stakeholder: "kenya", role: "focal_point" }],
		});
		const c = await ctx().services.commitments.create(
			{
				title: "UK support to Kenya's education sector plan",
				text: "The UK will provide GBP 50 million for Kenya's national education sector plan 2013-2018.",
				kind: "financial",
				forum: "g8-gleneagles-2005",
				makers: ["united-kingdom"],
				goals: ["mdg:2"],
				recipients: [{ kind: "country", code: "KE" }],
				financial: {
					amount: "50000000",
					currency: "GBP",
					frequency: "total",
					period_start: "2013-01-01",
					period_end: "2018-12-31",
				},
				status: "published",
			},
			cliActor,
		);
		kenyaCommitment = c.slug;
	});

	it("lets a maker's focal point report money by year and policy status, publicly", async () => {
		const res = await call(
			ctx(),
			ukFocal,
			"POST",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
			makerReport,
		);
		assert.equal(res.status, 201, JSON.stringify(res.body));
		assert.equal(res.body.version, 1);
		const list = await call(
			ctx(),
			anonymous,
			"GET",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
		);
		assert.deepEqual(reportList.parse(list.body), list.body);
		const report = list.body.items.find((r: any) => r.id === res.body.id);
		assert.equal(report.disbursed.amount, "814000000.00");
		assert.equal(report.disbursed.amount_minor, 81_400_000_000);
		assert.deepEqual(
			report.disbursed.by_year.map((y: any) => [y.year, y.amount]),
			[
				[2011, "200000000.00"],
				[2012, "614000000.00"],
			],
		);
		assert.equal(report.policy_status, "achieved");
		assert.equal(report.stakeholder.slug, "united-kingdom");
	});

	it("lets a recipient government report its national strategy, and nobody else", async () => {
		const strategy = {
			kind: "recipient",
			stakeholder: "kenya",
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			narrative: "Budgeted in the sector plan.",
			national_strategy: {
				document: "National Education Sector Plan 2013-2018",
				section: "4.2 Financing",
				url: "https://example.org/nesp",
			},
		};
		const ok = await call(
			ctx(),
			kenyaFocal,
			"POST",
			`/api/v1/commitments/${kenyaCommitment}/reports`,
			strategy,
		);
		assert.equal(ok.status, 201, JSON.stringify(ok.body));
		const got = await call(ctx(), anonymous, "GET", `/api/v1/reports/${ok.body.id}`);
		assert.deepEqual(reportDetail.parse(got.body), got.body);
		assert.equal(got.body.national_strategy.section, "4.2 Financing");
		assert.equal(got.body.kind, "recipient");
		// Kenya is no recipient of the Gavi pledge; Canada is no recipient at all.
		const notRecipient = await call(
			ctx(),
			kenyaFocal,
			"POST",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
			strategy,
		);
		assert.equal(notRecipient.status, 400);
		assert.equal(notRecipient.body.errors[0].name, "stakeholder");
		const wrongKind = await call(
			ctx(),
			kenyaFocal,
			"POST",
			`/api/v1/commitments/${kenyaCommitment}/reports`,
			{ ...strategy, disbursed: makerReport.disbursed },
		);
		assert.equal(wrongKind.status, 400);
		assert.ok(wrongKind.body.errors.some((e: any) => e.name === "disbursed"));
	});

	it("refuses reports from people who do not speak for the stakeholder", async () => {
		const url = "/api/v1/commitments/united-kingdom-gavi-2011/reports";
		assert.equal((await call(ctx(), anonymous, "POST", url, makerReport)).status, 401);
		assert.equal((await call(ctx(), citizen, "POST", url, makerReport)).status, 403);
		assert.equal((await call(ctx(), canadaFocal, "POST", url, makerReport)).status, 403);
		assert.equal(
			(await call(ctx(), canadaFocal, "POST", url, { ...makerReport, stakeholder: "canada" }))
				.status,
			400,
			"Canada is not a maker",
		);
		assert.equal(
			(await call(ctx(), ukEditor, "POST", url, makerReport)).status,
			201,
			"an editor reports too",
		);
	});

	it("updates a report as a new version, refusing a stale one", async () => {
		const created = await call(
			ctx(),
			ukFocal,
			"POST",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
			{ ...makerReport, disbursed: null, policy_status: "in_progress" },
		);
		const url = `/api/v1/reports/${created.body.id}`;
		const v2 = await call(
			ctx(),
			ukEditor,
			"PATCH",
			url,
			{ reason: "year closed", changes: { policy_status: "achieved" } },
			{ "if-match": '"1"' },
		);
		assert.equal(v2.status, 200, JSON.stringify(v2.body));
		assert.equal(v2.body.version, 2);
		const stale = await call(ctx(), ukFocal, "PATCH", url, {
			version: 1,
			changes: { narrative: "Lost update" },
		});
		assert.equal(stale.status, 409);
		assert.equal(stale.body.current_version, 2);
		const got = await call(ctx(), anonymous, "GET", url);
		assert.equal(got.body.policy_status, "achieved");
		assert.equal(got.body.narrative, makerReport.narrative);
		assert.deepEqual(
			got.body.versions.map((v: any) => [v.version, v.reason, v.changed]),
			[
				[1, null, []],
				[2, "year closed", ["policy_status"]],
			],
		);
		assert.deepEqual(got.body.versions[1].differences, [
			{ field: "policy_status", before: "in_progress", after: "achieved" },
		]);
		assert.equal(got.raw.headers.etag, '"2"');
		assert.equal(
			(await call(ctx(), canadaFocal, "PATCH", url, { version: 2, changes: { narrative: "x" } }))
				.status,
			403,
		);
		assert.equal(
			(await call(ctx(), ukFocal, "PATCH", url, { changes: { narrative: "x" } })).status,
			400,
			"no version",
		);
		assert.equal(
			(await call(ctx(), ukFocal, "PATCH", url, { version: 2, changes: { kind: "recipient" } }))
				.status,
			400,
		);
	});

	it("answers bad input with the field named, and writes nothing", async () => {
		const url = "/api/v1/commitments/united-kingdom-gavi-2011/reports";
		const cases: [Record<string, unknown>, string][] = [
			[{ period_end: "2010-01-01" }, "period_end"],
			[{ period_start: "2011-02-30" }, "period_start"],
			[{ disbursed: { ...makerReport.disbursed, currency: "XYZ" } }, "disbursed.currency"],
			[{ disbursed: { ...makerReport.disbursed, amount: "lots" } }, "disbursed.amount"],
			[
				{ disbursed: { ...makerReport.disbursed, by_year: [{ year: 2011, amount: "1" }] } },
				"disbursed.by_year",
			],
			[
				{ disbursed: { ...makerReport.disbursed, recipients: [{ kind: "country", code: "XX" }] } },
				"disbursed.recipients",
			],
			[{ disbursed: null, policy_status: null }, "disbursed"],
			[{ policy_status: "done" }, "policy_status"],
			[{ narrative: "" }, "narrative"],
			[{ evidence: [{ title: "x", url: "ftp://x" }] }, "evidence.0.url"],
			[{ stakeholder: "nobody-here" }, "stakeholder"],
			[{ extra: 1 }, "extra"],
		];
		const auditBefore = await ctx().services.audit.count();
		const listBefore = (await call(ctx(), anonymous, "GET", url)).body.total;
		for (const [change, field] of cases) {
			const res = await call(ctx(), ukFocal, "POST", url, { ...makerReport, ...change });
			assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
			assert.ok(
				res.body.errors.some((e: any) => e.name === field),
				`${field}: ${JSON.stringify(res.body.errors)}`,
			);
		}
		assert.equal(await ctx().services.audit.count(), auditBefore);
		assert.equal((await call(ctx(), anonymous, "GET", url)).body.total, listBefore);
	});

	it("keeps reports to published commitments, takes API tokens, and needs CSRF with cookies", async () => {
		const draft = await ctx().services.commitments.create(
			{
				title: "A UK draft pledge",
				text: "Draft.",
				kind: "policy",
				makers: ["united-kingdom"],
				policy: { target: "Something" },
			},
			cliActor,
		);
		assert.equal(
			(await call(ctx(), ukFocal, "POST", `/api/v1/commitments/${draft.slug}/reports`, makerReport))
				.status,
			409,
		);
		assert.equal(
			(await call(ctx(), citizen, "POST", `/api/v1/commitments/${draft.slug}/reports`, makerReport))
				.status,
			404,
		);
		assert.equal(
			(await call(ctx(), anonymous, "GET", `/api/v1/commitments/${draft.slug}/reports`)).status,
			404,
		);
		const noCsrf = await call(
			ctx(),
			{ ...ukFocal, headers: { cookie: ukFocal.headers.cookie as string } },
			"POST",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
			makerReport,
		);
		assert.equal(noCsrf.status, 403);
		const token = await withToken(ctx(), ukFocal);
		assert.equal(
			(
				await call(
					ctx(),
					token,
					"POST",
					"/api/v1/commitments/united-kingdom-gavi-2011/reports",
					makerReport,
				)
			).status,
			201,
		);
		assert.equal((await call(ctx(), anonymous, "GET", "/api/v1/reports/abc")).status, 400);
		assert.equal((await call(ctx(), anonymous, "GET", "/api/v1/reports/999999")).status, 404);
	});
});
