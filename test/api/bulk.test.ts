/**
 * format=csv|json on the list routes: the whole selection, streamed, with the filters and
 * order of the paged answers; CSV for spreadsheets (BOM, CRLF, RFC 4180 quoting, codes
 * and English names side by side), JSON equal to the pages put together.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { cliActor } from "../../src/lib/actor.ts";
import { exportBatchSize } from "../../src/lib/batches.ts";
import { nowIso } from "../../src/lib/dates.ts";
import { commentsTable } from "../../src/modules/comments/comments.csv.ts";
import { commitmentsTable } from "../../src/modules/commitments/commitments.csv.ts";
import { reportsTable } from "../../src/modules/reports/reports.csv.ts";
import { transactionsTable } from "../../src/modules/transactions/transactions.csv.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { csvRecords } from "../helpers/csv.ts";
import { anonymous, call, type Person, person } from "../helpers/users.ts";

const trickyTitle = 'Pledge, with "quotes" and a comma';
const trickyText = 'First line, with a comma.\nSecond line with "quotes".\r\nThird line.';

async function text(ctx: TestContext, url: string) {
	const res = await ctx.app.inject({ method: "GET", url });
	return { status: res.statusCode, body: res.body, headers: res.headers };
}

/** Every page of a paged list, put together. */
async function allPages(ctx: TestContext, url: string, limit: number) {
	const items: unknown[] = [];
	let total = 0;
	for (let page = 1; ; page++) {
		const sep = url.includes("?") ? "&" : "?";
		const res = await ctx.get(`${url}${sep}page=${page}&limit=${limit}`);
		assert.equal(res.status, 200, JSON.stringify(res.body));
		items.push(...res.body.items);
		total = res.body.total;
		if (page * limit >= total) break;
	}
	return { items, total };
}

describeEachDialect("bulk answers: format=csv|json", (ctx) => {
	let ukFocal: Person;
	let secretariat: Person;
	let citizen: Person;
	let slug: string;

	before(async () => {
		ukFocal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		secretariat = await person(ctx(), { role: "secretariat" });
		citizen = await person(ctx());
		const c = await ctx().services.commitments.create(
			{
				title: trickyTitle,
				text: trickyText,
				kind: "financial",
				forum: "g8-gleneagles-2005",
				announced_on: "2005-07-08",
				makers: ["united-kingdom"],
				goals: ["mdg:8", "sdg:3"],
				recipients: [
					{ kind: "country", code: "KE" },
					{ kind: "group", code: "LDC" },
				],
				financial: {
					amount: "1500000.50",
					currency: "GBP",
					frequency: "total",
					period_start: "2006-01-01",
					period_end: "2010-12-31",
				},
				status: "published",
			},
			cliActor,
		);
		slug = c.slug;
		const report = await call(ctx(), ukFocal, "POST", `/api/v1/commitments/${slug}/reports`, {
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2006-01-01",
			period_end: "2006-12-31",
			disbursed: {
				amount: "250000",
				currency: "GBP",
				recipients: [{ kind: "country", code: "KE" }],
			},
			policy_status: "in_progress",
			narrative: "=Paid, on time.",
		});
		assert.equal(report.status, 201, JSON.stringify(report.body));
		const shown = await call(ctx(), citizen, "POST", `/api/v1/commitments/${slug}/comments`, {
			body: 'Good, but "late",\nand partial.',
		});
		assert.equal(shown.status, 201, JSON.stringify(shown.body));
		const hidden = await call(ctx(), citizen, "POST", `/api/v1/commitments/${slug}/comments`, {
			body: "Something abusive",
		});
		const hide = await call(ctx(), secretariat, "POST", `/api/v1/comments/${hidden.body.id}/hide`, {
			reason: "abusive language",
		});
		assert.equal(hide.status, 200, JSON.stringify(hide.body));
		await ctx().services.activities.record(
			{
				iati_identifier: "GB-GOV-1-TEST-1",
				reporting_org_ref: "GB-GOV-1",
				title: "Test activity, with a comma",
				default_currency: "GBP",
				transactions: [
					{ transaction_type: "2", transaction_date: "2015-03-01", value_minor: 100_000_00 },
					{ transaction_type: "3", transaction_date: "2015-06-01", value_minor: 40_000_00 },
					{ transaction_type: "3", transaction_date: "2016-06-01", value_minor: 60_000_00 },
					{
						transaction_type: "4",
						transaction_date: "2016-09-01",
						value_minor: 10_000_00,
						currency: "USD",
					},
				],
			},
			cliActor,
		);
		await ctx().services.activities.record(
			{
				iati_identifier: "XM-DAC-TEST-2",
				reporting_org_ref: "XM-DAC-1",
				default_currency: "USD",
				transactions: [
					{ transaction_type: "3", transaction_date: "2016-01-15", value_minor: 5_00 },
				],
			},
			cliActor,
		);
	});

	it("answers commitments as CSV: BOM, header, one row per commitment, codes beside names", async () => {
		const res = await text(ctx(), "/api/v1/commitments?format=csv");
		assert.equal(res.status, 200);
		assert.equal(res.headers["content-type"], "text/csv; charset=utf-8");
		assert.match(
			String(res.headers["content-disposition"]),
			/^attachment; filename="commitments-\d{4}-\d{2}-\d{2}\.csv"$/,
		);
		assert.ok(res.body.startsWith("\uFEFF"), "a byte-order mark first");
		assert.ok(res.body.includes("\r\n") && !/[^\r]\n(?=[^"]*$)/.test(res.body.slice(-200)));
		const { header, rows } = csvRecords(res.body);
		assert.deepEqual(
			header,
			commitmentsTable.columns.map((c) => c.name),
		);
		const paged = await ctx().get("/api/v1/commitments?limit=1");
		assert.equal(rows.length, paged.body.total, "one row per public commitment");
		const row = rows.find((r) => r.slug === slug);
		assert.ok(row);
		assert.equal(row.title, trickyTitle, "commas and quotes survive");
		assert.equal(row.text, trickyText, "line breaks survive");
		assert.equal(row.goal_codes, "mdg:8; sdg:3");
		const titles = (row.goal_titles ?? "").split("; ");
		assert.equal(titles.length, 2);
		assert.match(titles[0] as string, /global partnership for development/i);
		assert.equal(row.recipient_codes, "KE; LDC");
		assert.equal((row.recipient_names ?? "").split("; ")[0], "Kenya");
		assert.equal(row.maker_names, "United Kingdom");
		assert.equal(row.forum_slug, "g8-gleneagles-2005");
		assert.equal(row.amount, "1500000.50");
		assert.equal(row.amount_minor, "150000050");
		assert.equal(row.currency, "GBP");
		assert.equal(row.period_end, "2010-12-31");
		assert.match(row.usd_committed_current as string, /^\d+\.\d{2}$/, "normalised in US dollars");
	});

	it("answers the whole selection as JSON, equal to the pages put together, filters and order kept", async () => {
		for (const query of ["goal=mdg:8", "sort=title", "stakeholder=united-kingdom&sort=-id", ""]) {
			const pages = await allPages(ctx(), `/api/v1/commitments?${query}`, 7);
			const res = await ctx().get(`/api/v1/commitments?${query}&format=json`);
			assert.equal(res.status, 200);
			assert.equal(res.headers["content-type"], "application/json; charset=utf-8");
			assert.deepEqual(res.body.items, pages.items, query);
			assert.equal(res.body.total, pages.total);
			const csv = csvRecords((await text(ctx(), `/api/v1/commitments?${query}&format=csv`)).body);
			assert.deepEqual(
				csv.rows.map((r) => Number(r.id)),
				pages.items.map((i: any) => i.id),
				"the CSV holds the same records in the same order",
			);
		}
		const filtered = csvRecords(
			(await text(ctx(), "/api/v1/commitments?goal=mdg:8&kind=financial&format=csv")).body,
		);
		assert.ok(filtered.rows.length > 0);
		for (const r of filtered.rows) {
			assert.ok(r.goal_codes?.split("; ").includes("mdg:8"));
			assert.equal(r.kind, "financial");
		}
	});

	it("refuses page and limit with a format, and checks filters before streaming", async () => {
		for (const url of [
			"/api/v1/commitments?format=csv&page=2",
			"/api/v1/stakeholders?format=json&limit=10",
		]) {
			const res = await ctx().get(url);
			assert.equal(res.status, 400, url);
			assert.match(res.body.errors[0].name, /^(page|limit)$/);
		}
		const bad = await ctx().get("/api/v1/commitments?format=csv&goal=mdg:99");
		assert.equal(bad.status, 400);
		assert.equal(bad.body.errors[0].name, "goal");
		const unknown = await ctx().get("/api/v1/forums?format=xlsx");
		assert.equal(unknown.status, 400);
		assert.equal(unknown.body.errors[0].name, "format");
	});

	it("answers stakeholders, forums, countries and requirements whole, with names beside codes", async () => {
		for (const [url, limit] of [
			["/api/v1/stakeholders", 10],
			["/api/v1/forums?kind=g8_summit,g20_summit", 3],
			["/api/v1/countries?q=an", 20],
			["/api/v1/requirements", 2],
		] as const) {
			const pages = await allPages(ctx(), url, limit);
			const sep = url.includes("?") ? "&" : "?";
			const json = await ctx().get(`${url}${sep}format=json`);
			assert.deepEqual(json.body.items, pages.items, url);
			const csv = csvRecords((await text(ctx(), `${url}${sep}format=csv`)).body);
			assert.equal(csv.rows.length, pages.total, url);
		}
		const stakeholders = csvRecords((await text(ctx(), "/api/v1/stakeholders?format=csv")).body);
		const uk = stakeholders.rows.find((r) => r.slug === "united-kingdom");
		assert.equal(uk?.country_code, "GB");
		assert.match(uk?.country_name ?? "", /^United Kingdom/);
		const groups = (uk?.group_codes ?? "").split("; ");
		assert.ok(groups.includes("G8"));
		assert.equal((uk?.group_names ?? "").split("; ")[groups.indexOf("G8")], "Group of Eight");
		const countries = csvRecords((await text(ctx(), "/api/v1/countries?format=csv")).body);
		assert.ok(countries.rows.length > 200, "every country, beyond one page of 200");
		assert.equal(countries.rows.find((r) => r.code === "KE")?.name, "Kenya");
	});

	it("answers a commitment's reports, assessments and public comments, one row each", async () => {
		const reports = await text(ctx(), `/api/v1/commitments/${slug}/reports?format=csv`);
		assert.equal(reports.status, 200);
		const r = csvRecords(reports.body);
		assert.deepEqual(
			r.header,
			reportsTable.columns.map((c) => c.name),
		);
		assert.equal(r.rows.length, 1);
		assert.equal(r.rows[0]?.disbursed_amount, "250000.00");
		assert.equal(r.rows[0]?.disbursed_currency, "GBP");
		assert.equal(r.rows[0]?.recipient_codes, "KE");
		assert.equal(r.rows[0]?.recipient_names, "Kenya");
		assert.equal(r.rows[0]?.narrative, "'=Paid, on time.", "a formula is defused in the CSV");
		assert.match(r.rows[0]?.usd_current as string, /^\d+\.\d{2}$/);
		const plain = await ctx().get(`/api/v1/commitments/${slug}/reports`);
		const json = await ctx().get(`/api/v1/commitments/${slug}/reports?format=json`);
		assert.deepEqual(json.body, { items: plain.body.items, total: plain.body.total });
		assert.equal(json.body.items[0].narrative, "=Paid, on time.", "JSON keeps text as written");

		const comments = csvRecords(
			(await text(ctx(), `/api/v1/commitments/${slug}/comments?format=csv`)).body,
		);
		assert.deepEqual(
			comments.header,
			commentsTable.columns.map((c) => c.name),
		);
		assert.equal(comments.rows.length, 1, "the hidden comment is left out");
		assert.equal(comments.rows[0]?.body, 'Good, but "late",\nand partial.');
		const asSecretariat = await call(
			ctx(),
			secretariat,
			"GET",
			`/api/v1/commitments/${slug}/comments?format=json`,
		);
		assert.equal(asSecretariat.body.total, 1, "exports are public: the same for everyone");
		const assessor = await person(ctx(), { role: "assessor" });
		const scored = await call(ctx(), assessor, "POST", `/api/v1/commitments/${slug}/assessments`, {
			scheme: "compliance",
			maker_scores: [{ stakeholder: "united-kingdom", score: 1 }],
			rationale: "Disbursed as promised, according to the annual report.",
		});
		assert.equal(scored.status, 201, JSON.stringify(scored.body));
		const assessments = csvRecords(
			(await text(ctx(), `/api/v1/commitments/${slug}/assessments?format=csv`)).body,
		);
		assert.equal(assessments.rows.length, 1);
		assert.equal(assessments.rows[0]?.maker_names, "United Kingdom");
		assert.equal(assessments.rows[0]?.maker_scores, "1");
		const assessedJson = await ctx().get(`/api/v1/commitments/${slug}/assessments?format=json`);
		const assessedPlain = await ctx().get(`/api/v1/commitments/${slug}/assessments`);
		assert.deepEqual(assessedJson.body.items, assessedPlain.body.items);
		const missing = await call(
			ctx(),
			anonymous,
			"GET",
			"/api/v1/commitments/no-such/reports?format=csv",
		);
		assert.equal(missing.status, 404);
	});

	it("answers transactions with type names, and activities, filtered, whole", async () => {
		// The demo holds DFID's real DR Congo file (reporting organisation GB-1): counted apart.
		const demoTotal = async (path: string, query: string) =>
			(await ctx().get(`${path}?${query ? `${query}&` : ""}reporting_org=GB-1&limit=1`)).body
				.total as number;
		const res = await text(ctx(), "/api/v1/transactions?format=csv");
		assert.equal(res.status, 200);
		const { header, rows } = csvRecords(res.body);
		assert.deepEqual(
			header,
			transactionsTable.columns.map((c) => c.name),
		);
		assert.equal(rows.length, 5 + (await demoTotal("/api/v1/transactions", "")));
		const disbursement = rows.find((r) => r.date === "2015-06-01");
		assert.equal(disbursement?.type_code, "3");
		assert.equal(disbursement?.type_name, "Disbursement");
		assert.equal(disbursement?.value, "40000.00");
		assert.equal(disbursement?.currency, "GBP");
		assert.equal(disbursement?.activity_title, "Test activity, with a comma");
		assert.match(disbursement?.usd_current as string, /^\d+\.\d{2}$/);
		for (const [query, expected] of [
			["type=3", 3],
			["type=3&year=2016", 2],
			["activity=GB-GOV-1-TEST-1&year=2015,2016", 4],
			["reporting_org=XM-DAC-1", 1],
		] as const) {
			const all =
				expected +
				(query.includes("reporting_org=") ? 0 : await demoTotal("/api/v1/transactions", query));
			const pages = await allPages(ctx(), `/api/v1/transactions?${query}`, 50);
			assert.equal(pages.total, all, query);
			const json = await ctx().get(`/api/v1/transactions?${query}&format=json`);
			assert.deepEqual(json.body.items, pages.items, query);
			const csv = csvRecords((await text(ctx(), `/api/v1/transactions?${query}&format=csv`)).body);
			assert.equal(csv.rows.length, all, query);
		}
		const activities = await allPages(ctx(), "/api/v1/activities", 20);
		assert.equal(activities.total, 2 + (await demoTotal("/api/v1/activities", "")));
		const activitiesJson = await ctx().get("/api/v1/activities?format=json");
		assert.deepEqual(activitiesJson.body.items, activities.items);
		const activitiesCsv = csvRecords((await text(ctx(), "/api/v1/activities?format=csv")).body);
		assert.deepEqual(
			activitiesCsv.rows.map((r) => r.iati_identifier),
			activities.items.map((a: any) => a.iati_identifier),
		);
		assert.equal(
			activitiesCsv.rows.find((r) => r.iati_identifier === "GB-GOV-1-TEST-1")?.transaction_count,
			"4",
		);
		const unknown = await ctx().get("/api/v1/transactions?activity=NOPE");
		assert.equal(unknown.status, 400);
		assert.equal(unknown.body.errors[0].name, "activity");
	});

	it("keeps the OpenAPI document valid, with text/csv on the lists", async () => {
		const doc = (await ctx().get("/api/openapi.json")).body;
		const result = await new Validator().validate(doc);
		assert.equal(result.valid, true, JSON.stringify(result.errors));
		for (const path of [
			"/api/v1/commitments",
			"/api/v1/stakeholders",
			"/api/v1/forums",
			"/api/v1/countries",
			"/api/v1/transactions",
			"/api/v1/activities",
			"/api/v1/requirements",
			"/api/v1/commitments/{id}/reports",
			"/api/v1/commitments/{id}/assessments",
			"/api/v1/commitments/{id}/comments",
		]) {
			const op = doc.paths[path].get;
			assert.ok(op.responses["200"].content["text/csv"], path);
			assert.ok(
				op.parameters.some((p: any) => p.name === "format"),
				`${path} documents format`,
			);
		}
	});

	it("reads a large selection a batch at a time", async () => {
		// Many commitments, written straight to the table: this is about reading them.
		const now = nowIso();
		const many = 2 * exportBatchSize + 37;
		const db = ctx().services.database.db;
		for (let start = 0; start < many; start += 200) {
			const rows = [];
			for (let i = start; i < Math.min(many, start + 200); i++)
				rows.push({
					slug: `bulk-${i}`,
					title: `Bulk commitment ${i}`,
					title_key: `bulk commitment ${i}`,
					text: `Text ${i}`,
					kind: "policy",
					status: "published",
					version: 1,
					origin: "import",
					policy_target: "A target",
					search_text: `bulk commitment ${i} text ${i}`,
					created_at: now,
					updated_at: now,
					published_at: now,
				});
			await db.insertInto("commitment").values(rows).execute();
		}
		const total = (await ctx().get("/api/v1/commitments?limit=1")).body.total;
		assert.ok(total > many);
		const sizes: number[] = [];
		for await (const batch of await ctx().services.commitments.exportBatches({ sort: "id" }))
			sizes.push(batch.length);
		assert.equal(
			sizes.reduce((a, b) => a + b, 0),
			total,
		);
		assert.ok(sizes.length >= 3, "several reads");
		assert.ok(
			sizes.every((s) => s <= exportBatchSize),
			`no read holds more than ${exportBatchSize}: ${sizes}`,
		);
		const csv = csvRecords((await text(ctx(), "/api/v1/commitments?format=csv&sort=id")).body);
		assert.equal(csv.rows.length, total, "the whole selection, far beyond one page");
		assert.equal(new Set(csv.rows.map((r) => r.id)).size, total, "no record twice");
	});
});
