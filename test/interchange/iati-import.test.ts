/**
 * `iif import iati`: IATI activity and organisation files into the registry, on SQLite
 * and PostgreSQL. Every should-pass schema test document imports; the annotated 2.03
 * example is stored field for field; a broken file changes nothing; importing again
 * replaces; the activities API filters and shows what was stored.
 */
import assert from "node:assert/strict";
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import type { IatiActivity } from "../../src/interchange/iati/activity.model.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { activityDetail, activityList } from "../../src/modules/activities/activities.schemas.ts";
import { IatiOrganisationRepository } from "../../src/modules/activities/iati.organisations.repository.ts";
import { IatiRepository } from "../../src/modules/activities/iati.repository.ts";
import { ReadingWorker } from "../../src/modules/activities/import.reader.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import {
	Converter,
	donorSeriesName,
	transactionUsd,
} from "../../src/modules/analytics/conversion.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { runIif } from "../helpers/cli.ts";

const iatiData = new URL("../../../shared/data/iati/", import.meta.url).pathname;
const schemaTests = join(iatiData, "schema-tests");
const annotated = join(iatiData, "samples", "activity-standard-example-annotated-203.xml");

function xmlFilesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true })
		.flatMap((e) => {
			const path = join(folder, e.name);
			return e.isDirectory() ? xmlFilesUnder(path) : e.name.endsWith(".xml") ? [path] : [];
		})
		.sort();
}

/** The activity documents among the should-pass schema tests. */
const shouldPassActivities = [
	...xmlFilesUnder(join(schemaTests, "activity-tests", "should-pass")),
	...xmlFilesUnder(join(schemaTests, "should-pass", "iati-activities")),
];
const shouldPassOrganisations = [
	...xmlFilesUnder(join(schemaTests, "organisation-tests", "should-pass")),
	...xmlFilesUnder(join(schemaTests, "should-pass", "iati-organisations")),
];
const shouldFail = [
	...xmlFilesUnder(join(schemaTests, "activity-tests", "should-fail")),
	...xmlFilesUnder(join(schemaTests, "organisation-tests", "should-fail")),
	...xmlFilesUnder(join(schemaTests, "should-fail")),
];
const activityCount = (path: string) =>
	(readFileSync(path, "utf8").match(/<iati-activity[\s>]/g) ?? []).length;

const work = mkdtempSync(join(tmpdir(), "iif-import-"));
let fileNo = 0;
function xmlFile(text: string, name = `f${++fileNo}.xml`): string {
	const path = join(work, name);
	writeFileSync(path, text);
	return path;
}

const activityXml = (o: {
	id: string;
	reporter?: string;
	title?: string;
	extra?: string;
	transactions: string[];
	currency?: string;
}) => `
 <iati-activity default-currency="${o.currency ?? "USD"}" last-updated-datetime="2021-01-01T00:00:00Z" xml:lang="en">
  <iati-identifier>${o.id}</iati-identifier>
  <reporting-org ref="${o.reporter ?? "GB-GOV-1"}" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>${o.title ?? `Activity ${o.id}`}</narrative></title>
  ${o.extra ?? ""}
  ${o.transactions.join("\n  ")}
 </iati-activity>`;

const disbursement = (date: string, value: string, more = "") =>
	`<transaction><transaction-type code="3"/><transaction-date iso-date="${date}"/><value value-date="${date}"${more}>${value}</value></transaction>`;

const activitiesFile = (...activities: string[]) =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">${activities.join("")}\n</iati-activities>\n`;

/** Everything stored of the activities: what a failed import must leave as it was. */
async function snapshot(ctx: TestContext) {
	const repo = new IatiRepository(ctx.db.database.db);
	const all: IatiActivity[] = [];
	for await (const a of repo.all()) all.push(a);
	const db = ctx.db.database.db;
	const count = async (t: "activity_transaction" | "activity_sector" | "audit_event") =>
		Number(
			(
				await db
					.selectFrom(t)
					.select((eb) => eb.fn.countAll().as("n"))
					.executeTakeFirstOrThrow()
			).n,
		);
	return {
		all,
		transactions: await count("activity_transaction"),
		sectors: await count("activity_sector"),
		audit: await count("audit_event"),
	};
}

const expectedAnnotated: IatiActivity = {
	iati_identifier: "AA-AAA-123456789-ABC123",
	version: "2.03",
	default_currency: "USD",
	default_lang: "en",
	last_updated_datetime: "2014-09-10T07:15:37Z",
	hierarchy: 1,
	humanitarian: true,
	reporting_org: {
		ref: "AA-AAA-123456789",
		type: "40",
		narratives: [
			{ lang: null, text: "Organisation name" },
			{ lang: "fr", text: "Nom de l'organisme" },
		],
	},
	title: [
		{ lang: null, text: "Activity title" },
		{ lang: "fr", text: "Titre de l'activité" },
		{ lang: "es", text: "Título de la actividad" },
	],
	descriptions: [
		{
			type: "1",
			narratives: [
				{
					lang: null,
					text: "General activity description text.  Long description of the activity with no particular structure.",
				},
				{
					lang: "fr",
					text: "Activité générale du texte de description. Longue description de l'activité sans structure particulière.",
				},
			],
		},
		{
			type: "2",
			narratives: [
				{ lang: null, text: "Objectives for the activity, for example from a logical framework." },
				{ lang: "fr", text: "Objectifs de l'activité, par exemple à partir d'un cadre logique." },
			],
		},
		{
			type: "3",
			narratives: [
				{ lang: null, text: "Statement of groups targeted to benefit from the activity." },
				{ lang: "fr", text: "Déclaration de groupes ciblés pour bénéficier de l'activité." },
			],
		},
	],
	participating_orgs: [
		{
			role: "1",
			ref: "BB-BBB-123456789",
			type: "40",
			activity_id: "BB-BBB-123456789-1234",
			narratives: [{ lang: null, text: "Name of Agency B" }],
		},
		{
			role: "2",
			ref: "CC-CCC-123456789",
			type: "10",
			activity_id: "CC-CCC-123456789-1234",
			narratives: [{ lang: null, text: "Name of Agency C" }],
		},
		{
			role: "3",
			ref: "AA-AAA-123456789",
			type: "21",
			activity_id: "AA-AAA-123456789-1234",
			narratives: [
				{ lang: null, text: "Name of Agency A" },
				{ lang: "fr", text: "Nom de l'agence A" },
			],
		},
	],
	activity_status: "2",
	activity_dates: [
		{ type: "1", iso_date: "2012-04-15" },
		{ type: "2", iso_date: "2012-04-28" },
		{ type: "3", iso_date: "2015-12-31" },
	],
	recipient_countries: [
		{ code: "AF", vocabulary: null, percentage: 25 },
		{ code: "AG", vocabulary: null, percentage: 25 },
	],
	recipient_regions: [
		{ code: "489", vocabulary: "1", percentage: 25 },
		{ code: "A1", vocabulary: "99", percentage: 25 },
	],
	sectors: [
		{ vocabulary: "1", code: "11110", percentage: 50 },
		{ vocabulary: "1", code: "11120", percentage: 50 },
		{ vocabulary: "98", code: "A1", percentage: 100 },
	],
	tags: [
		{ vocabulary: "1", code: "1" },
		{ vocabulary: "99", code: "T1" },
	],
	policy_markers: [
		{ vocabulary: "1", code: "2", significance: "3" },
		{ vocabulary: "1", code: "9", significance: "4" },
		{ vocabulary: "99", code: "A1", significance: "3" },
	],
	collaboration_type: "1",
	default_flow_type: "10",
	default_finance_type: "110",
	default_aid_type: [
		{ vocabulary: "1", code: "A01" },
		{ vocabulary: "2", code: "1" },
		{ vocabulary: "4", code: "1" },
	],
	default_tied_status: "3",
	transactions: [
		{
			ref: "1234",
			transaction_type: "1",
			transaction_date: "1995-01-01",
			value_minor: 100000,
			currency: "AUD",
			value_date: "1995-01-01",
			description: [{ lang: null, text: "Transaction description text" }],
			provider_org: {
				ref: "BB-BBB-123456789",
				type: "10",
				narratives: [{ lang: null, text: "Agency B" }],
				provider_activity_id: "BB-BBB-123456789-1234AA",
			},
			receiver_org: {
				ref: "AA-AAA-123456789",
				type: "23",
				narratives: [{ lang: null, text: "Agency A" }],
				receiver_activity_id: "AA-AAA-123456789-1234",
			},
			recipient_country: "TM",
			recipient_region: { code: "88", vocabulary: "1" },
			sectors: [],
		},
	],
};

describeEachDialect(
	"IATI import",
	(ctx) => {
		const importer = () => new ImportService(ctx().db.database);
		const repo = () => new IatiRepository(ctx().db.database.db);

		it("imports every should-pass activity document of the schema tests", async () => {
			assert.ok(shouldPassActivities.length > 200);
			// As written, their iati-identifier is empty: each file imports (no file fails) and each
			// activity is reported rejected for that reason alone.
			const asIs = await importer().importFiles(shouldPassActivities, cliActor);
			assert.deepEqual(asIs.failed, []);
			assert.equal(asIs.files, shouldPassActivities.length);
			const total = shouldPassActivities.reduce((n, f) => n + activityCount(f), 0);
			assert.equal(asIs.rejected.length, total);
			for (const r of asIs.rejected) assert.match(r.reason, /^missing iati-identifier \(/);

			// Given an identifier, every one of them is stored, and loads back as it was read.
			const folder = join(work, `schema-${ctx().dialect}`);
			mkdirSync(folder);
			const ids: string[] = [];
			for (const [i, f] of shouldPassActivities.entries()) {
				let k = 0;
				const text = readFileSync(f, "utf8").replace(
					/<iati-identifier><\/iati-identifier>/g,
					() => {
						const id = `XM-SCHEMA-${i}-${++k}`;
						ids.push(id);
						return `<iati-identifier>${id}</iati-identifier>`;
					},
				);
				writeFileSync(join(folder, `${String(i).padStart(3, "0")}.xml`), text);
			}
			const filled = await importer().importFiles([folder], cliActor);
			assert.deepEqual(filled.failed, []);
			assert.deepEqual(filled.rejected, []);
			assert.equal(filled.files, shouldPassActivities.length);
			assert.equal(filled.activities, total);
			assert.equal(filled.created, total);
			for (const id of ids) assert.ok(await repo().load(id), id);
		});

		it("imports the should-pass organisation documents", async () => {
			const r = await importer().importFiles(shouldPassOrganisations, cliActor);
			assert.deepEqual(r.failed, []);
			assert.ok(r.organisations >= shouldPassOrganisations.length);
			// Most of them are organisation 12345: the last one imported is what it holds.
			const budgets = join(schemaTests, "organisation-tests", "should-pass", "09-total-budget.xml");
			const again = await importer().importFiles([budgets], cliActor);
			assert.deepEqual([again.created, again.updated], [0, 1]);
			const orgs = new IatiOrganisationRepository(ctx().db.database.db);
			const org = await orgs.load("12345");
			assert.ok(org);
			assert.ok(org.budgets.length >= 2);
			assert.ok(org.budgets.every((b) => b.kind === "total_budget"));
			assert.deepEqual(org.budgets[0], {
				kind: "total_budget",
				status: null,
				period_start: "2014-01-31",
				period_end: "2014-03-31",
				value_minor: 1000011,
				currency: null,
				value_date: "2011-01-01",
				recipient: null,
			});
			const usd = await orgs.budgetUsd("12345");
			assert.equal(usd.length, org.budgets.length);

			// A rebuild at another base year converts the budgets anew, like every amount.
			const before = await orgs.budgetsForConversion();
			const converted = before.find((b) => b.usd_constant !== null);
			assert.ok(converted, "some should-pass budget has a currency with a rate");
			try {
				const rebuilt = await ctx().services.analytics.rebuild({ baseYear: 2010 });
				assert.ok(rebuilt.budgets_converted > 0);
				const after = (await orgs.budgetsForConversion()).find(
					(b) =>
						b.organisation_id === converted.organisation_id && b.position === converted.position,
				);
				const expected = transactionUsd(
					new Converter(2010),
					{ ...converted, transaction_date: converted.period_start },
					donorSeriesName(converted.reporter_country),
				);
				assert.equal(after?.usd_constant, expected.constant);
				assert.notEqual(after?.usd_constant, converted.usd_constant);
			} finally {
				await ctx().services.analytics.rebuild({ baseYear: 2020 });
			}
			assert.deepEqual(await orgs.budgetsForConversion(), before);
		});

		it("stores the annotated 2.03 example field for field, with its US dollar values", async () => {
			const r = await importer().importFiles([annotated], cliActor);
			assert.deepEqual(
				{ ...r, rejected: r.rejected.length },
				{
					files: 1,
					activities: 1,
					transactions: 1,
					created: 1,
					updated: 0,
					organisations: 0,
					rejected: 0,
					failed: [],
				},
			);
			assert.deepEqual(await repo().load(expectedAnnotated.iati_identifier), expectedAnnotated);

			// Normalised at write time: AUD in 1995 at the value date's rates, DAC total deflator.
			const stored = await repo().loadStored(expectedAnnotated.iati_identifier);
			const t = stored?.transactions[0];
			const usd = transactionUsd(
				new Converter(2020),
				{
					value_minor: 100000,
					currency: "AUD",
					transaction_date: "1995-01-01",
					value_date: "1995-01-01",
				},
				donorSeriesName(null),
			);
			assert.equal(t?.effective_currency, "AUD");
			assert.equal(t?.usd_current, usd.current);
			assert.equal(t?.usd_constant, usd.constant);
			assert.equal(t?.conversion, usd.status);

			const res = await ctx().get(
				`/api/v1/activities/${encodeURIComponent(expectedAnnotated.iati_identifier)}`,
			);
			assert.equal(res.status, 200);
			activityDetail.parse(res.body);
			assert.deepEqual(res.body.title, expectedAnnotated.title);
			assert.equal(res.body.transactions[0].value, "1000.00");
			assert.equal(res.body.transactions[0].currency, "AUD");
			assert.equal(
				res.body.transactions[0].usd_current,
				usd.current === null ? null : (usd.current / 100).toFixed(2),
			);
		});

		it("keeps reversals, uses the default currency, and stores SDG tags and sectors", async () => {
			const path = xmlFile(
				activitiesFile(
					activityXml({
						id: "XM-TEST/SDG/1",
						title: "Vaccines for children",
						currency: "EUR",
						extra: `<recipient-country code="KE" percentage="70"/><recipient-region code="298" vocabulary="1" percentage="30"/>
  <sector vocabulary="1" code="12250" percentage="100"/><sector vocabulary="8" code="3.b"/>
  <tag vocabulary="2" code="4"/><policy-marker vocabulary="1" code="1" significance="1"/>`,
						transactions: [
							disbursement("2019-03-01", "1000"),
							disbursement("2019-06-01", "-250.50"),
							`<transaction><transaction-type code="4"/><transaction-date iso-date="2019-07-01"/><value currency="USD">300</value>
   <provider-org ref="GB-GOV-1" provider-activity-id="GB-1-1"><narrative>UK</narrative></provider-org>
   <receiver-org ref="XM-DAC-41122"><narrative>UNICEF</narrative></receiver-org>
   <sector vocabulary="1" code="12240"/><recipient-country code="UG"/></transaction>`,
						],
					}),
				),
			);
			const r = await importer().importFiles([path], cliActor);
			assert.deepEqual(r.rejected, []);
			const a = await repo().loadStored("XM-TEST/SDG/1");
			assert.ok(a);
			assert.deepEqual(
				a.transactions.map((t) => [t.value_minor, t.currency, t.effective_currency]),
				[
					[100000, null, "EUR"],
					[-25050, null, "EUR"],
					[30000, "USD", "USD"],
				],
			);
			assert.ok(
				(a.transactions[1]?.usd_current ?? 0) < 0,
				"a reversal converts to a negative amount",
			);
			assert.deepEqual(a.transactions[2]?.sectors, [{ vocabulary: "1", code: "12240" }]);
			assert.equal(a.transactions[2]?.recipient_country, "UG");
			assert.deepEqual(a.tags, [{ vocabulary: "2", code: "4" }]);

			// The API shows it by identifier (URL-encoded: it has slashes) and finds it by each filter.
			const detail = await ctx().get(`/api/v1/activities/${encodeURIComponent("XM-TEST/SDG/1")}`);
			assert.equal(detail.status, 200);
			assert.deepEqual(
				detail.body.transactions.map((t: any) => [t.value, t.currency, t.currency_stated]),
				[
					["1000.00", "EUR", false],
					["-250.50", "EUR", false],
					["300.00", "USD", true],
				],
			);
			const found = async (query: string) => {
				const res = await ctx().get(`/api/v1/activities?${query}`);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				activityList.parse(res.body);
				return res.body.items.map((i: any) => i.iati_identifier);
			};
			assert.deepEqual(await found("sdg=3"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("sdg=3.b"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("sdg=4"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("sdg=3.a"), []);
			assert.deepEqual(await found("sdg=5"), []);
			assert.deepEqual(await found("recipient=ke&reporting_org=GB-GOV-1"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("recipient=UG"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("recipient=298"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("sector=12240,99999"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("q=VACCINES children"), ["XM-TEST/SDG/1"]);
			assert.deepEqual(await found("q=vaccines&recipient=TZ"), []);
			assert.deepEqual(await found("reporting_org=US-GOV-1&q=vaccines"), []);
			const list = await ctx().get("/api/v1/activities?sdg=3&limit=1");
			assert.deepEqual(list.body.items[0], {
				iati_identifier: "XM-TEST/SDG/1",
				title: "Vaccines for children",
				reporting_org: { ref: "GB-GOV-1", name: "Reporter" },
				activity_status: null,
				default_currency: "EUR",
				recipient_countries: ["KE"],
				recipient_regions: ["298"],
				transaction_count: 3,
				updated_at: list.body.items[0].updated_at,
			});
			assert.equal((await ctx().get("/api/v1/activities/XM-NOT-THERE")).status, 404);
			assert.equal((await ctx().get("/api/v1/activities?sdg=18")).status, 400);
		});

		it("imports the valid activities of a file and reports each rejected one", async () => {
			const path = xmlFile(
				activitiesFile(
					activityXml({ id: "XM-MIXED-1", transactions: [disbursement("2020-01-01", "1")] }),
					activityXml({ id: "XM-MIXED-2", transactions: [disbursement("2020-01-01", "one")] }),
					activityXml({
						id: "XM-MIXED-3",
						transactions: [disbursement("2020-01-01", "1", ' currency="EURO"')],
					}),
					activityXml({ id: "XM-MIXED-4", transactions: [disbursement("2020-01-01", "4")] }),
				),
			);
			const r = await importer().importFiles([path], cliActor);
			assert.equal(r.activities, 2);
			assert.deepEqual(
				r.rejected.map((x) => x.identifier),
				["XM-MIXED-2", "XM-MIXED-3"],
			);
			assert.match(
				r.rejected[0]?.reason ?? "",
				/transaction 1: value 'one' is not a number \(.*f\d+\.xml, line \d+\)/,
			);
			assert.match(r.rejected[1]?.reason ?? "", /unknown currency 'EURO'/);
			assert.ok(await repo().load("XM-MIXED-4"));
			assert.equal(await repo().load("XM-MIXED-2"), null);
		});

		it("replaces an activity's transactions when a changed file is imported again", async () => {
			const v1 = activitiesFile(
				activityXml({
					id: "XM-RE-A",
					transactions: [
						disbursement("2018-01-01", "100"),
						disbursement("2018-02-01", "200"),
						disbursement("2018-03-01", "300"),
					],
				}),
				activityXml({ id: "XM-RE-B", transactions: [disbursement("2018-01-01", "5")] }),
			);
			const first = await importer().importFiles([xmlFile(v1, "re.xml")], cliActor);
			assert.equal(first.created, 2);
			const again = await importer().importFiles([xmlFile(v1, "re.xml")], cliActor);
			assert.deepEqual([again.created, again.updated], [0, 2]);
			const a1 = await repo().loadStored("XM-RE-A");
			assert.equal(a1?.transactions.length, 3, "no duplicates after the same file twice");

			const v2 = activitiesFile(
				activityXml({
					id: "XM-RE-A",
					title: "Renamed",
					transactions: [disbursement("2018-01-01", "100"), disbursement("2018-04-01", "450")],
				}),
				activityXml({ id: "XM-RE-B", transactions: [disbursement("2018-01-01", "5")] }),
				activityXml({ id: "XM-RE-C", transactions: [disbursement("2019-01-01", "9")] }),
			);
			const second = await importer().importFiles([xmlFile(v2, "re.xml")], cliActor);
			assert.deepEqual([second.created, second.updated, second.transactions], [1, 2, 4]);
			const a2 = await repo().loadStored("XM-RE-A");
			assert.equal(a2?.id, a1?.id, "the activity keeps its id (and its links)");
			assert.deepEqual(a2?.title, [{ lang: null, text: "Renamed" }]);
			assert.deepEqual(
				a2?.transactions.map((t) => [t.transaction_date, t.value_minor]),
				[
					["2018-01-01", 10000],
					["2018-04-01", 45000],
				],
			);
			const db = ctx().db.database.db;
			const rows = await db
				.selectFrom("activity_transaction as t")
				.innerJoin("activity as a", "a.id", "t.activity_id")
				.select("a.iati_identifier")
				.where("a.iati_identifier", "like", "XM-RE-%")
				.execute();
			assert.equal(rows.length, 4);
		});

		it("refreshes the delivery of commitments linked to a re-imported activity", async () => {
			const s = ctx().services;
			await s.stakeholders.create(
				{
					slug: "import-test-donor",
					name: "Import Test Donor",
					kind: "member_state",
					country: "NO",
					iati_org_id: "NO-TEST-1",
				},
				cliActor,
			);
			const c = await s.commitments.create(
				{
					title: "Import test pledge",
					text: "USD 1 million for the import test, 2018-2020.",
					kind: "financial",
					makers: ["import-test-donor"],
					goals: ["sdg:3"],
					financial: {
						amount: "1000000",
						currency: "USD",
						frequency: "total",
						period_start: "2018-01-01",
						period_end: "2020-12-31",
					},
					status: "published",
				},
				cliActor,
			);
			const file = (value: string) =>
				activitiesFile(
					activityXml({
						id: "XM-LINKED",
						reporter: "NO-TEST-1",
						transactions: [disbursement("2019-05-01", value)],
					}),
				);
			await importer().importFiles([xmlFile(file("1000"), "linked.xml")], cliActor);
			await s.links.link(c.slug, { activity: "XM-LINKED", share: 100 }, cliActor);
			const delivered = async () =>
				(await ctx().get(`/api/v1/commitments/${c.slug}/delivery`)).body.delivered.current;
			assert.equal(await delivered(), "1000.00");
			await importer().importFiles([xmlFile(file("2500"), "linked.xml")], cliActor);
			assert.equal(await delivered(), "2500.00");
			const detail = await ctx().get("/api/v1/activities/XM-LINKED");
			assert.deepEqual(
				detail.body.commitments.map((x: any) => [x.slug, x.share]),
				[[c.slug, 100]],
			);
			const byCommitment = await ctx().get(`/api/v1/activities?commitment=${c.slug}`);
			assert.deepEqual(
				byCommitment.body.items.map((i: any) => i.iati_identifier),
				["XM-LINKED"],
			);
		});

		it("changes nothing when a file is truncated or breaks half way", async () => {
			const good = activitiesFile(
				...Array.from({ length: 6 }, (_, i) =>
					activityXml({
						id: `XM-BREAK-${i}`,
						transactions: [disbursement("2020-01-01", String(i + 1))],
					}),
				),
			);
			await importer().importFiles([xmlFile(good, "break.xml")], cliActor);
			const before = await snapshot(ctx());

			// A newer version, changed throughout, that breaks after several activities were written
			// (batches of one, so writes happened before the error), and one cut short.
			const changed = good.replace(
				/<value value-date="2020-01-01">/g,
				'<value value-date="2020-01-01">9',
			);
			const broken = changed.replace(
				"<title><narrative>Activity XM-BREAK-4</narrative></title>",
				"<title><narrative>Activity XM-BREAK-4</title>",
			);
			const truncated = changed.slice(0, Math.floor(changed.length * 0.8));
			for (const [text, name] of [
				[broken, "broken.xml"],
				[truncated, "truncated.xml"],
			] as const) {
				const path = xmlFile(text, name);
				for (const worker of [true, false]) {
					const r = await new ImportService(ctx().db.database, {
						batchSize: 1,
						worker,
					}).importFiles([path], cliActor);
					assert.equal(r.files, 0);
					assert.equal(r.failed.length, 1);
					assert.match(r.failed[0]?.message ?? "", new RegExp(`${name}, line \\d+, column \\d+: `));
					assert.deepEqual(await snapshot(ctx()), before, `${name} changed nothing`);
				}
			}
		});

		it("rejects the should-fail documents that are not well-formed, naming file, line and column", async () => {
			// The schema tests' should-fail documents are all well-formed XML (xmllint agrees): they
			// break the schema, not XML. Each imports or rejects activities, never fails as a file;
			// cut in half, each is no longer well-formed and fails with its position.
			assert.ok(shouldFail.length > 400);
			const before = await snapshot(ctx());
			const whole = await importer().importFiles(shouldFail, cliActor);
			// A few are a bare <iati-organisation>, without its container: well-formed, but no
			// IATI file, which the message says (with its position too).
			for (const f of whole.failed)
				assert.match(f.message, /line \d+, column \d+: the root element is <iati-organisation>/);
			assert.ok(whole.failed.length < 10);
			const halves = shouldFail.slice(0, 40).map((f, i) => {
				const text = readFileSync(f, "utf8");
				const cut = text.slice(
					0,
					text.indexOf("</iati-") > 0 ? text.lastIndexOf("<") : text.length / 2,
				);
				return xmlFile(cut, `half-${ctx().dialect}-${i}.xml`);
			});
			const r = await importer().importFiles(halves, cliActor);
			assert.equal(r.failed.length, halves.length);
			for (const [i, f] of r.failed.entries()) {
				assert.equal(f.file, halves[i]);
				assert.match(f.message, /^.+half-\w+-\d+\.xml, line \d+, column \d+: .+/);
			}
			const after = await snapshot(ctx());
			assert.deepEqual(after.transactions, before.transactions + whole.transactions);
		});

		it("imports through the CLI: a summary in JSON, exit 1 when a file failed, 2 for bad usage", async () => {
			const env = { IIF_DATABASE_URL: ctx().db.url };
			const good = xmlFile(
				activitiesFile(
					activityXml({
						id: "XM-CLI-1",
						transactions: [disbursement("2020-01-01", "1"), disbursement("2020-02-01", "2")],
					}),
					activityXml({ id: "XM-CLI-2", transactions: [disbursement("2020-01-01", "x")] }),
				),
			);
			const ok = await runIif(["import", "iati", good, "--json"], env);
			assert.equal(ok.code, 0, ok.stderr);
			const summary = JSON.parse(ok.stdout);
			assert.deepEqual(Object.keys(summary), [
				"files",
				"activities",
				"transactions",
				"created",
				"updated",
				"rejected",
			]);
			assert.deepEqual(
				{ ...summary, rejected: summary.rejected.map((r: any) => Object.keys(r)) },
				{
					files: 1,
					activities: 1,
					transactions: 2,
					created: 1,
					updated: 0,
					rejected: [["identifier", "reason"]],
				},
			);
			assert.equal(summary.rejected[0].identifier, "XM-CLI-2");

			const broken = xmlFile(
				"<iati-activities><iati-activity>\n<iati-identifier>XM-CLI-3</iati-identifier>\n",
			);
			const folder = join(work, `cli-${ctx().dialect}`);
			mkdirSync(folder);
			copyFileSync(good, join(folder, "b.xml"));
			copyFileSync(broken, join(folder, "a.xml"));
			const mixed = await runIif(["import", "iati", folder], env);
			assert.equal(mixed.code, 1);
			assert.match(mixed.stderr, /a\.xml, line \d+, column \d+: /);
			assert.match(mixed.stdout, /imported 1 file: 1 activities, 2 transactions/);
			assert.match(mixed.stdout, /XM-CLI-2: transaction 1: value 'x' is not a number/);

			for (const args of [
				["import"],
				["import", "iati"],
				["import", "csv", good],
				["import", "iati", join(work, "nope.xml")],
				["import", "iati", good, "--fast"],
			]) {
				const r = await runIif(args, env);
				assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
			}
		});

		it("records one audit event per file imported", async () => {
			const path = xmlFile(
				activitiesFile(activityXml({ id: "XM-AUDIT", transactions: [] })),
				"audited.xml",
			);
			await importer().importFiles([path], cliActor);
			const events = await ctx()
				.db.database.db.selectFrom("audit_event")
				.select(["action", "object_id", "after", "actor_via"])
				.where("action", "=", "activity.import")
				.where("object_id", "=", path)
				.execute();
			assert.equal(events.length, 1);
			assert.deepEqual(JSON.parse(events[0]?.after ?? "{}"), {
				file: path,
				activities: 1,
				transactions: 0,
				organisations: 0,
				rejected: 0,
			});
			assert.equal(events[0]?.actor_via, "cli");
			const verdict = await ctx().services.audit.verify();
			assert.equal(verdict.intact, true);
		});

		it("reads a job's files with one worker thread, and a file that fails leaves the next one read", async () => {
			const good = (n: number) =>
				xmlFile(
					activitiesFile(
						activityXml({
							id: `XM-READER-${n}-A`,
							transactions: [disbursement("2020-01-01", "1")],
						}),
						activityXml({ id: `XM-READER-${n}-B`, transactions: [] }),
					),
				);
			const broken = xmlFile(
				activitiesFile(activityXml({ id: "XM-READER-BROKEN", transactions: [] })).slice(0, 200),
			);
			const options = { baseYear: 2020, reporterCountries: [], now: "2026-01-01T00:00:00Z" };
			const reader = new ReadingWorker(96);
			const activitiesOf = async (file: string) => {
				let n = 0;
				for await (const batch of reader.read(file, options)) n += batch.activities;
				return n;
			};
			try {
				assert.equal(await activitiesOf(good(1)), 2);
				assert.equal(await activitiesOf(good(2)), 2);
				assert.equal(reader.threadsStarted, 1);
				await assert.rejects(activitiesOf(broken), (e: Error) => e.message.includes(broken));
				assert.equal(await activitiesOf(good(3)), 2);
				assert.equal(reader.threadsStarted, 2);
			} finally {
				await reader.stop();
			}
		});

		it("imports several files at once on PostgreSQL, with the answer of one at a time", async () => {
			const files = [1, 2, 3, 4, 5].map((n) =>
				xmlFile(
					activitiesFile(
						activityXml({
							id: `XM-JOBS-${n}-A`,
							transactions: [disbursement("2020-01-01", String(n))],
						}),
						activityXml({ id: `XM-JOBS-${n}-B`, transactions: [disbursement("2020-01-01", "x")] }),
					),
					`jobs-${ctx().dialect}-${n}.xml`,
				),
			);
			const broken = xmlFile(
				`${activitiesFile(activityXml({ id: "XM-JOBS-BROKEN", transactions: [] }))}`.slice(0, 200),
				`jobs-${ctx().dialect}-broken.xml`,
			);
			const list = [files[0], broken, ...files.slice(1)] as string[];
			const before = await snapshot(ctx());
			const together = await new ImportService(ctx().db.database, { jobs: 3 }).importFiles(
				list,
				cliActor,
			);
			assert.equal(together.files, 5);
			assert.equal(together.activities, 5);
			assert.equal(together.created, 5);
			assert.deepEqual(
				together.failed.map((f) => f.file),
				[broken],
			);
			// Rejections are listed in the order of the files, whichever finished first.
			assert.deepEqual(
				together.rejected.map((r) => r.identifier),
				[1, 2, 3, 4, 5].map((n) => `XM-JOBS-${n}-B`),
			);
			const after = await snapshot(ctx());
			assert.equal(after.transactions, before.transactions + 5);
			const oneByOne = await new ImportService(ctx().db.database, { jobs: 1 }).importFiles(
				list,
				cliActor,
			);
			assert.deepEqual(oneByOne.rejected, together.rejected);
			assert.deepEqual(oneByOne.failed, together.failed);
			assert.deepEqual([oneByOne.created, oneByOne.updated], [0, 5]);
			// Each file's audit event joined the one chain, whatever the order they committed in.
			assert.equal((await ctx().services.audit.verify()).intact, true);
			const bad = await runIif(["import", "iati", files[0] as string, "--jobs", "0"], {
				IIF_DATABASE_URL: ctx().db.url,
			});
			assert.equal(bad.code, 2);
			assert.match(
				bad.stderr,
				/--jobs \(or IIF_IMPORT_JOBS\) must be a whole number from 1 to 8, got '0'/,
			);
		});

		it("keeps each row with its activity when a batch's table takes more than one statement", async () => {
			// 3 activities of 2,500 transactions: 7,500 rows, more than PostgreSQL's 5,000 a statement.
			const ids = ["XM-WIDE-1", "XM-WIDE-2", "XM-WIDE-3"];
			const path = xmlFile(
				activitiesFile(
					...ids.map((id, a) =>
						activityXml({
							id,
							transactions: Array.from({ length: 2500 }, (_, i) =>
								disbursement("2020-01-01", String((a + 1) * 10_000 + i)),
							),
						}),
					),
				),
			);
			const result = await new ImportService(ctx().db.database, { batchSize: 100 }).importFiles(
				[path],
				cliActor,
			);
			assert.equal(result.transactions, 7500);
			for (const [a, id] of ids.entries()) {
				const values = (await repo().load(id))?.transactions.map((t) => t.value_minor);
				assert.deepEqual(
					values,
					Array.from({ length: 2500 }, (_, i) => ((a + 1) * 10_000 + i) * 100),
				);
			}
		});

		it("reads the same whether the file is read in a worker thread or not", async () => {
			const path = xmlFile(
				activitiesFile(
					activityXml({ id: "XM-THREAD-1", transactions: [disbursement("2020-01-01", "1")] }),
					activityXml({ id: "XM-THREAD-1", transactions: [disbursement("2020-01-01", "2")] }),
				),
			);
			const inWorker = await new ImportService(ctx().db.database, { batchSize: 1 }).importFiles(
				[path],
				cliActor,
			);
			const a = await repo().load("XM-THREAD-1");
			const inline = await new ImportService(ctx().db.database, { worker: false }).importFiles(
				[path],
				cliActor,
			);
			assert.deepEqual(await repo().load("XM-THREAD-1"), a);
			// The same identifier twice in a file: the later one stands.
			assert.equal(a?.transactions[0]?.value_minor, 200);
			assert.deepEqual([inWorker.created, inWorker.updated], [1, 1]);
			assert.deepEqual([inline.created, inline.updated], [0, 2]);
		});
	},
	{ demo: false },
);
