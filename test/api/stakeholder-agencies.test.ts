/**
 * A state reports to IATI through its aid agencies, each under its own organisation
 * identifier: the API, the CSV and the pages show them, an identifier belongs to one
 * stakeholder at most, an activity an agency reported is proposed for the state's
 * commitments, and migration 0018 moves existing states' identifiers to agencies without
 * losing one. On SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Kysely, Migrator } from "kysely";
import { migrations } from "../../src/db/migrations/index.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { AppError } from "../../src/lib/errors.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { stakeholderDetail } from "../../src/modules/stakeholders/stakeholders.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import {
	createTestDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";
import { htmlPage } from "../helpers/pages.ts";
import { call, type Person, person } from "../helpers/users.ts";

const dfid = {
	iati_org_id: "GB-1",
	name: "Department for International Development",
	source: "reporting-org of ../shared/data/delivery/iati-dfid/CD.xml",
};
const fcdo = { iati_org_id: "GB-GOV-1", name: "Foreign, Commonwealth and Development Office" };

const activity = (o: { id: string; reporter: string; funder?: string }) => `
 <iati-activity default-currency="USD" last-updated-datetime="2020-01-01T00:00:00Z">
  <iati-identifier>${o.id}</iati-identifier>
  <reporting-org ref="${o.reporter}" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>Activity ${o.id}</narrative></title>
  ${o.funder ? `<participating-org ref="${o.funder}" role="1" type="10"><narrative>Funder</narrative></participating-org>` : ""}
  <activity-status code="2"/>
  <activity-date iso-date="2012-01-01" type="2"/>
  <activity-date iso-date="2014-12-31" type="3"/>
  <recipient-country code="CD" percentage="100"/>
  <tag vocabulary="3" code="3.b"><narrative>SDG target</narrative></tag>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2013-06-01"/><value value-date="2013-06-01">1000</value></transaction>
 </iati-activity>`;

/** The AppError a promise is refused with. */
async function refusal(p: Promise<unknown>): Promise<AppError> {
	try {
		await p;
	} catch (e) {
		assert.ok(e instanceof AppError, String(e));
		return e;
	}
	assert.fail("expected a refusal");
}

describeEachDialect(
	"stakeholders report to IATI through agencies",
	(ctx) => {
		let focal: Person;
		let slug: string;
		before(async () => {
			const s = ctx().services;
			await s.stakeholders.create(
				{
					slug: "uk",
					name: "United Kingdom",
					kind: "member_state",
					country: "GB",
					agencies: [{ ...dfid, reported_from: 2010, reported_to: 2020 }, fcdo],
				},
				cliActor,
			);
			await s.stakeholders.create(
				{ slug: "gates", name: "Gates Foundation", kind: "foundation", iati_org_id: "DAC-1601" },
				cliActor,
			);
			focal = await person(ctx(), { memberships: [{ stakeholder: "uk", role: "focal_point" }] });
			slug = (
				await s.commitments.create(
					{
						title: "UK support for vaccines in the DRC",
						text: "The UK will provide USD 1 million for vaccines in the DRC, 2012-2015.",
						kind: "financial",
						makers: ["uk"],
						goals: ["sdg:3"],
						targets: ["sdg:3.b"],
						recipients: [{ kind: "country", code: "CD" }],
						financial: {
							amount: "1000000",
							currency: "USD",
							frequency: "total",
							price_basis: "current",
							period_start: "2012-01-01",
							period_end: "2015-12-31",
						},
						status: "published",
					},
					cliActor,
				)
			).slug;
			const file = join(mkdtempSync(join(tmpdir(), "iif-agencies-")), "activities.xml");
			writeFileSync(
				file,
				`<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">${[
					activity({ id: "GB-1-VAX", reporter: "GB-1" }),
					activity({ id: "XM-DAC-41122-VAX", reporter: "XM-DAC-41122", funder: "GB-GOV-1" }),
					activity({ id: "XX-UNRELATED-9-VAX", reporter: "XX-UNRELATED-9" }),
				].join("")}
</iati-activities>`,
			);
			const r = await new ImportService(ctx().db.database).importFiles([file], cliActor);
			assert.equal(r.activities, 3);
		});

		it("shows a state's agencies in the detail, the list and the CSV", async () => {
			const res = await ctx().get("/api/v1/stakeholders/uk");
			assert.equal(res.status, 200);
			stakeholderDetail.parse(res.body);
			assert.equal(res.body.iati_org_id, null);
			assert.deepEqual(res.body.agencies, [
				{ ...dfid, reported_from: 2010, reported_to: 2020 },
				{ ...fcdo, reported_from: null, reported_to: null, source: null },
			]);
			const gates = await ctx().get("/api/v1/stakeholders/gates");
			assert.equal(gates.body.iati_org_id, "DAC-1601");
			assert.deepEqual(gates.body.agencies, []);
			const list = await ctx().get("/api/v1/stakeholders?q=united");
			assert.deepEqual(
				list.body.items.map((i: any) => [i.slug, i.agencies.map((a: any) => a.iati_org_id)]),
				[["uk", ["GB-1", "GB-GOV-1"]]],
			);
			const csv = await ctx().app.inject({ method: "GET", url: "/api/v1/stakeholders?format=csv" });
			assert.equal(csv.statusCode, 200);
			const [header = "", ...rows] = csv.body.trim().split(/\r?\n/);
			assert.match(header, /agency_iati_org_ids,agency_names/);
			const uk = rows.find((r) => r.includes("United Kingdom")) ?? "";
			assert.match(
				uk,
				/GB-1; GB-GOV-1,"Department for International Development; Foreign, Commonwealth and Development Office"/,
			);
		});

		it("documents agencies in OpenAPI", async () => {
			const doc = JSON.stringify((await ctx().get("/api/openapi.json")).body);
			assert.match(doc, /"agencies"/);
			assert.match(doc, /"reports_for"/);
		});

		it("refuses an identifier another stakeholder holds, naming it and its holder", async () => {
			/** A state with these agencies, as the secretariat would create it; refused. */
			const refusedState = (slug: string, agencies: object[]) =>
				refusal(
					ctx().services.stakeholders.create(
						{ slug, name: slug, kind: "member_state", country: "FR", agencies },
						cliActor,
					),
				);
			const taken = await refusedState("uk-again", [
				{ iati_org_id: "GB-9" },
				{ iati_org_id: "GB-1" },
			]);
			assert.equal(taken.code, "conflict");
			assert.match(taken.message, /'GB-1' belongs to stakeholder 'uk' already/);
			assert.deepEqual(
				taken.fields.map((f) => f.name),
				["agencies.1.iati_org_id"],
			);
			// An agency's identifier is not free as an organisation's own either, nor the reverse.
			const own = await refusal(
				ctx().services.stakeholders.create(
					{ slug: "x-org", name: "X Org", kind: "ngo", iati_org_id: "GB-GOV-1" },
					cliActor,
				),
			);
			assert.match(own.message, /'GB-GOV-1' belongs to stakeholder 'uk' already/);
			const reverse = await refusedState("x-state", [{ iati_org_id: "DAC-1601" }]);
			assert.match(reverse.message, /'DAC-1601' belongs to stakeholder 'gates' already/);
			const twice = await refusedState("x-twice", [
				{ iati_org_id: "FR-9" },
				{ iati_org_id: "FR-9" },
			]);
			assert.equal(twice.code, "invalid_input");
			assert.match(twice.message, /'FR-9' is given twice/);
			const years = await refusedState("x-years", [
				{ iati_org_id: "FR-8", reported_from: 2015, reported_to: 2010 },
			]);
			assert.equal(years.code, "invalid_input");
			assert.match(JSON.stringify(years.fields), /reported_to/);
			// Nothing half-written: none of the refused stakeholders exists.
			for (const refused of ["uk-again", "x-org", "x-state", "x-twice", "x-years"])
				assert.equal((await ctx().get(`/api/v1/stakeholders/${refused}`)).status, 404);
		});

		it("completes a stakeholder's agencies without overwriting or removing one", async () => {
			const s = ctx().services.stakeholders;
			await s.create(
				{
					slug: "migrated-state",
					name: "Migrated State",
					kind: "member_state",
					country: "NO",
					agencies: [{ iati_org_id: "NO-TEST-AGENCY-1" }],
				},
				cliActor,
			);
			const named = { name: "Test Agency One", source: "a test source" };
			const n = await s.completeAgencies(
				"migrated-state",
				[
					{ iati_org_id: "NO-TEST-AGENCY-1", ...named },
					{ iati_org_id: "NO-TEST-AGENCY-2", name: "Test Agency Two", reported_from: 2015 },
				],
				cliActor,
			);
			assert.equal(n, 2);
			const again = await s.completeAgencies(
				"migrated-state",
				[{ iati_org_id: "NO-TEST-AGENCY-1", name: "Another Name", source: "other" }],
				cliActor,
			);
			assert.equal(again, 0, "a recorded name is not overwritten");
			assert.deepEqual((await ctx().get("/api/v1/stakeholders/migrated-state")).body.agencies, [
				{ iati_org_id: "NO-TEST-AGENCY-1", ...named, reported_from: null, reported_to: null },
				{
					iati_org_id: "NO-TEST-AGENCY-2",
					name: "Test Agency Two",
					reported_from: 2015,
					reported_to: null,
					source: null,
				},
			]);
			const taken = await refusal(
				s.completeAgencies("migrated-state", [{ iati_org_id: "GB-1" }], cliActor),
			);
			assert.equal(taken.code, "conflict");
			assert.match(taken.message, /'GB-1' belongs to stakeholder 'uk' already/);
			const citizen = await refusal(
				s.completeAgencies("migrated-state", [{ iati_org_id: "NO-TEST-AGENCY-3" }], {
					userId: 1,
					email: "someone@example.org",
					displayName: "Someone",
					role: null,
					via: "session",
					memberships: [],
				}),
			);
			assert.equal(citizen.code, "forbidden");
			assert.equal(
				(await ctx().get("/api/v1/stakeholders/migrated-state")).body.agencies.length,
				2,
				"nothing half-written",
			);
		});

		it("proposes an activity an agency reported or funded for the state's commitment, not an unrelated one", async () => {
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links/propose`, {});
			assert.equal(res.status, 200, JSON.stringify(res.body));
			const list = await call(ctx(), focal, "GET", `/api/v1/commitments/${slug}/links`);
			const proposed = list.body.items.map((l: any) => l.activity.iati_identifier).sort();
			assert.deepEqual(proposed, ["GB-1-VAX", "XM-DAC-41122-VAX"]);
			const gb1 = list.body.items.find((l: any) => l.activity.iati_identifier === "GB-1-VAX");
			assert.match(
				gb1.reasons.join("; "),
				/reported to IATI by a maker of the commitment or one of its agencies \(GB-1\)/,
			);
		});

		it("shows the agencies on the stakeholder page and the state on an agency's activity", async () => {
			const page = await htmlPage(ctx(), "/en/stakeholders/uk");
			assert.match(page, /Reports to IATI through/);
			assert.match(
				page,
				/Department for International Development<\/span> \(<code dir="ltr">GB-1<\/code>\)/,
			);
			assert.match(page, /2010–2020/);
			assert.match(page, /<code dir="ltr">GB-GOV-1<\/code>/);
			const detail = await ctx().get("/api/v1/activities/GB-1-VAX");
			assert.deepEqual(detail.body.reports_for, {
				slug: "uk",
				name: "United Kingdom",
				agency_name: dfid.name,
				via_agency: true,
			});
			const act = await htmlPage(ctx(), "/en/activities/GB-1-VAX");
			assert.match(act, /Aid agency of/);
			assert.match(
				act,
				/<dd id="reports-for"><a href="\/en\/stakeholders\/uk"[^>]*>United Kingdom<\/a>/,
			);
			// A transaction an agency reported carries the state's name, as the registry knows it.
			const tx = await ctx().get("/api/v1/transactions?activity=GB-1-VAX");
			assert.deepEqual(
				tx.body.items.map((t: any) => t.reporting_org),
				[{ ref: "GB-1", name: "United Kingdom" }],
			);
			const unrelated = await ctx().get("/api/v1/activities/XX-UNRELATED-9-VAX");
			assert.equal(unrelated.body.reports_for, null);
			assert.doesNotMatch(
				await htmlPage(ctx(), "/en/activities/XX-UNRELATED-9-VAX"),
				/Aid agency of/,
			);
		});
	},
	{ demo: false },
);

describeEachDialect("the demo's states report through sourced agencies", (ctx) => {
	it("records the UK's DFID (GB-1) and FCDO (GB-GOV-1), each with its source, and no state's own identifier", async () => {
		const uk = (await ctx().get("/api/v1/stakeholders/united-kingdom")).body;
		assert.equal(uk.iati_org_id, null);
		assert.deepEqual(
			uk.agencies.map((a: any) => [a.iati_org_id, a.name]),
			[
				["GB-1", "Department for International Development"],
				["GB-GOV-1", "Foreign, Commonwealth and Development Office"],
			],
		);
		assert.match(uk.agencies[0].source, /iati-dfid\/CD\.xml/);
		const all = await ctx().get("/api/v1/stakeholders?kind=member_state&limit=200");
		for (const s of all.body.items) {
			assert.equal(s.iati_org_id, null, `${s.slug} reports through agencies`);
			for (const a of s.agencies)
				assert.ok(
					a.name === null || a.source,
					`${s.slug}: ${a.iati_org_id} named without a source`,
				);
		}
		const gates = (await ctx().get("/api/v1/stakeholders/bill-melinda-gates-foundation")).body;
		assert.equal(gates.iati_org_id, "DAC-1601");
	});

	it("completes, on a second load, the agencies of a state recorded before them", async () => {
		// As migration 0018 leaves it: the UK's identifier moved to an agency with no name.
		const db = ctx().db.database.db;
		const uk = await db
			.selectFrom("stakeholder")
			.select("id")
			.where("slug", "=", "united-kingdom")
			.executeTakeFirstOrThrow();
		await db.deleteFrom("stakeholder_agency").where("stakeholder_id", "=", uk.id).execute();
		await db
			.insertInto("stakeholder_agency")
			.values({ stakeholder_id: uk.id, iati_org_id: "GB-GOV-1", position: 0 })
			.execute();
		await ctx().services.demo.load();
		const agencies = (await ctx().get("/api/v1/stakeholders/united-kingdom")).body.agencies;
		assert.deepEqual(
			agencies.map((a: any) => [a.iati_org_id, a.name]),
			[
				["GB-GOV-1", "Foreign, Commonwealth and Development Office"],
				["GB-1", "Department for International Development"],
			],
		);
	});
});

/** Migration 0018 over rows written before it: states' identifiers move, none is lost. */
for (const dialect of dialects) {
	describe(`migration 0018_stakeholder_agencies [${dialect}]`, {
		skip: skipReason(dialect),
	}, () => {
		let t: TestDatabase;
		let db: Kysely<any>;
		const migrator = () =>
			new Migrator({ db, provider: { getMigrations: async () => migrations } });
		before(async () => {
			t = await createTestDatabase(dialect);
			db = t.database.db as unknown as Kysely<any>;
			const r = await migrator().migrateTo("0017_partial_relations");
			assert.equal(r.error, undefined, String(r.error));
		});
		after(async () => {
			await t?.drop();
		});

		it("moves each state's own identifier to an agency, and leaves organisations' and shared ones", async () => {
			const now = "2020-01-01T00:00:00Z";
			const row = (slug: string, kind: string, iati: string | null) => ({
				slug,
				name: slug,
				kind,
				country_code: kind === "member_state" ? "GB" : null,
				iati_org_id: iati,
				created_at: now,
				updated_at: now,
			});
			await db
				.insertInto("stakeholder")
				.values([
					row("state-a", "member_state", "GB-GOV-1"),
					row("state-b", "member_state", null),
					row("gates", "foundation", "DAC-1601"),
					row("state-shared", "member_state", "XX-SHARED"),
					row("org-shared", "multilateral", "XX-SHARED"),
				])
				.execute();
			const r = await migrator().migrateTo("0018_stakeholder_agencies");
			assert.equal(r.error, undefined, String(r.error));
			const own = await db
				.selectFrom("stakeholder")
				.select(["slug", "iati_org_id"])
				.orderBy("slug")
				.execute();
			assert.deepEqual(own, [
				{ slug: "gates", iati_org_id: "DAC-1601" },
				{ slug: "org-shared", iati_org_id: "XX-SHARED" },
				{ slug: "state-a", iati_org_id: null },
				{ slug: "state-b", iati_org_id: null },
				{ slug: "state-shared", iati_org_id: "XX-SHARED" },
			]);
			const agencies = await db
				.selectFrom("stakeholder_agency as a")
				.innerJoin("stakeholder as s", "s.id", "a.stakeholder_id")
				.select(["s.slug", "a.iati_org_id", "a.name", "a.reported_from", "a.source"])
				.execute();
			// The name is not known to the migration: it stays missing, not invented.
			assert.deepEqual(agencies, [
				{ slug: "state-a", iati_org_id: "GB-GOV-1", name: null, reported_from: null, source: null },
			]);
		});

		it("refuses a second stakeholder's agency with the same identifier", async () => {
			const s = await db
				.selectFrom("stakeholder")
				.select("id")
				.where("slug", "=", "gates")
				.executeTakeFirstOrThrow();
			await assert.rejects(
				db
					.insertInto("stakeholder_agency")
					.values({ stakeholder_id: s.id, iati_org_id: "GB-GOV-1", position: 0 })
					.execute(),
			);
		});

		it("gives the identifier back when undone", async () => {
			const r = await migrator().migrateTo("0017_partial_relations");
			assert.equal(r.error, undefined, String(r.error));
			const a = await db
				.selectFrom("stakeholder")
				.select("iati_org_id")
				.where("slug", "=", "state-a")
				.executeTakeFirstOrThrow();
			assert.equal(a.iati_org_id, "GB-GOV-1");
		});
	});
}
