/**
 * Linking IATI activities to commitments: rules propose with a score and reasons, a
 * maker's focal point accepts or rejects, accepted disbursements count as delivery
 * once, and nobody else decides. On SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { linkList } from "../../src/modules/links/links.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { anonymous, call, type Person, person } from "../helpers/users.ts";

const activity = (o: {
	id: string;
	reporter: string;
	funder?: string;
	tag?: string;
	sector?: string;
	country: string;
	start: string;
	end: string;
	disbursements: [string, string][];
}) => `
 <iati-activity default-currency="USD" last-updated-datetime="2020-01-01T00:00:00Z">
  <iati-identifier>${o.id}</iati-identifier>
  <reporting-org ref="${o.reporter}" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>Activity ${o.id}</narrative></title>
  <description type="1"><narrative>What it does.</narrative></description>
  ${o.funder ? `<participating-org ref="${o.funder}" role="1" type="10"><narrative>Funder</narrative></participating-org>` : ""}
  <participating-org ref="${o.reporter}" role="4" type="10"><narrative>Implementer</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="${o.start}" type="2"/>
  <activity-date iso-date="${o.end}" type="3"/>
  <recipient-country code="${o.country}" percentage="100"/>
  ${o.sector ? `<sector vocabulary="1" code="${o.sector}" percentage="100"/>` : ""}
  ${o.tag ? `<tag vocabulary="3" code="${o.tag}"><narrative>SDG target</narrative></tag>` : ""}
  ${o.disbursements
		.map(
			([date, value]) =>
				`<transaction><transaction-type code="3"/><transaction-date iso-date="${date}"/><value value-date="${date}">${value}</value></transaction>`,
		)
		.join("\n  ")}
 </iati-activity>`;

describeEachDialect(
	"links between commitments and IATI activities",
	(ctx) => {
		let focal: Person;
		let citizen: Person;
		let slug: string;
		before(async () => {
			const s = ctx().services;
			await s.stakeholders.create(
				{
					slug: "uk",
					name: "United Kingdom",
					kind: "member_state",
					country: "GB",
					iati_org_id: "GB-GOV-1",
				},
				cliActor,
			);
			focal = await person(ctx(), { memberships: [{ stakeholder: "uk", role: "focal_point" }] });
			citizen = await person(ctx());
			slug = (
				await s.commitments.create(
					{
						title: "UK support for vaccines in Kenya",
						text: "The UK will provide USD 10 million for vaccines in Kenya, 2016-2020.",
						kind: "financial",
						makers: ["uk"],
						goals: ["sdg:3"],
						targets: ["sdg:3.b"],
						recipients: [{ kind: "country", code: "KE" }],
						financial: {
							amount: "10000000",
							currency: "USD",
							frequency: "total",
							price_basis: "current",
							period_start: "2016-01-01",
							period_end: "2020-12-31",
						},
						status: "published",
					},
					cliActor,
				)
			).slug;
			const dir = mkdtempSync(join(tmpdir(), "iif-links-"));
			const file = join(dir, "activities.xml");
			writeFileSync(
				file,
				`<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">${[
					activity({
						id: "GB-GOV-1-VAX",
						reporter: "GB-GOV-1",
						tag: "3.b",
						country: "KE",
						start: "2017-01-01",
						end: "2019-12-31",
						disbursements: [
							["2017-06-01", "1000000"],
							["2018-06-01", "2000000"],
						],
					}),
					activity({
						id: "XM-DAC-41122-HEALTH",
						reporter: "XM-DAC-41122",
						funder: "GB-GOV-1",
						sector: "12220",
						country: "KE",
						start: "2018-01-01",
						end: "2018-12-31",
						disbursements: [["2018-03-01", "500000"]],
					}),
					activity({
						id: "US-GOV-1-OTHER",
						reporter: "US-GOV-1",
						tag: "3.b",
						country: "KE",
						start: "2017-01-01",
						end: "2019-12-31",
						disbursements: [["2018-01-01", "7000000"]],
					}),
					activity({
						id: "GB-GOV-1-SCHOOLS",
						reporter: "GB-GOV-1",
						sector: "11220",
						country: "GH",
						start: "2001-01-01",
						end: "2002-12-31",
						disbursements: [["2001-06-01", "300000"]],
					}),
				].join("")}
</iati-activities>`,
			);
			const r = await new ImportService(ctx().db.database).importFiles([file], cliActor);
			assert.equal(r.activities, 4);
		});

		it("proposes the makers' matching activities with a score and reasons", async () => {
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links/propose`, {});
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(res.body, { proposed: 2, scored: 3 });
			const list = await call(ctx(), focal, "GET", `/api/v1/commitments/${slug}/links`);
			linkList.parse(list.body);
			assert.equal(list.body.can_decide, true);
			assert.deepEqual(
				list.body.items.map((l: any) => [l.activity.iati_identifier, l.status, l.score]),
				[
					["GB-GOV-1-VAX", "proposed", 1],
					["XM-DAC-41122-HEALTH", "proposed", 0.75],
				],
			);
			assert.match(list.body.items[0].reasons.join("; "), /SDG target 3\.b/);
			assert.match(list.body.items[1].reasons.join("; "), /funded or extended by a maker/);
			// The public sees accepted links only.
			const open = await call(ctx(), anonymous, "GET", `/api/v1/commitments/${slug}/links`);
			assert.deepEqual(open.body, { items: [], can_decide: false });
		});

		it("counts an accepted activity's disbursements as delivery", async () => {
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links`, {
				activity: "GB-GOV-1-VAX",
			});
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.equal(res.body.status, "accepted");
			assert.equal(res.body.share, 100);
			const d = await ctx().get(`/api/v1/commitments/${slug}/delivery`);
			assert.equal(d.body.delivered.current, "3000000.00");
			assert.deepEqual(
				d.body.series
					.filter((y: any) => y.source === "iati")
					.map((y: any) => [y.year, y.delivered.current]),
				[
					[2017, "1000000.00"],
					[2018, "2000000.00"],
				],
			);
		});

		it("keeps a rejected proposal rejected", async () => {
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links/reject`, {
				activity: "XM-DAC-41122-HEALTH",
				reason: "Core funding to WHO, not this pledge.",
			});
			assert.equal(res.status, 200, JSON.stringify(res.body));
			const again = await call(
				ctx(),
				focal,
				"POST",
				`/api/v1/commitments/${slug}/links/propose`,
				{},
			);
			assert.equal(again.body.proposed, 0);
			const list = await call(ctx(), focal, "GET", `/api/v1/commitments/${slug}/links`);
			assert.deepEqual(
				list.body.items.map((l: any) => [l.activity.iati_identifier, l.status]),
				[
					["GB-GOV-1-VAX", "accepted"],
					["XM-DAC-41122-HEALTH", "rejected"],
				],
			);
		});

		it("lets only the secretariat and the makers' focal points decide", async () => {
			const url = `/api/v1/commitments/${slug}/links`;
			const body = { activity: "US-GOV-1-OTHER", share: 10 };
			assert.equal((await call(ctx(), anonymous, "POST", url, body)).status, 401);
			assert.equal((await call(ctx(), citizen, "POST", url, body)).status, 403);
			const bad = await call(ctx(), focal, "POST", url, { activity: "US-GOV-1-OTHER", share: 0 });
			assert.equal(bad.status, 400);
			assert.match(JSON.stringify(bad.body), /share/);
			const missing = await call(ctx(), focal, "POST", url, { activity: "NOPE-1" });
			assert.equal(missing.status, 404);
		});

		it("never counts an activity more than once across commitments", async () => {
			const other = await ctx().services.commitments.create(
				{
					title: "UK vaccines, second pledge",
					text: "Another pledge.",
					kind: "financial",
					makers: ["uk"],
					goals: ["sdg:3"],
					recipients: [{ kind: "country", code: "KE" }],
					financial: {
						amount: "1000000",
						currency: "USD",
						frequency: "total",
						price_basis: "current",
						period_start: "2016-01-01",
						period_end: "2020-12-31",
					},
					status: "published",
				},
				cliActor,
			);
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${other.slug}/links`, {
				activity: "GB-GOV-1-VAX",
				share: 50,
			});
			assert.equal(res.status, 409);
			assert.match(JSON.stringify(res.body), /already 100% linked/);
		});

		it("removes a link, and the delivery with it", async () => {
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links/remove`, {
				activity: "GB-GOV-1-VAX",
			});
			assert.equal(res.status, 200);
			const d = await ctx().get(`/api/v1/commitments/${slug}/delivery`);
			assert.equal(d.body.delivered.current, "0.00");
			const check = await ctx().services.analytics.rollupCheck();
			assert.deepEqual(check.maintained, check.recomputed);
		});

		it("counts no money spent before the period began, and covers the promise only as far as the published data goes", async () => {
			// An activity that began before the pledge's period (2016-2020), whose publisher's
			// data stops on 1 June 2016.
			const dir = mkdtempSync(join(tmpdir(), "iif-links-"));
			const file = join(dir, "early.xml");
			writeFileSync(
				file,
				`<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">${activity({
					id: "GB-GOV-1-EARLY",
					reporter: "GB-GOV-1",
					country: "TZ",
					start: "2015-01-01",
					end: "2017-12-31",
					disbursements: [
						["2015-06-01", "500000"],
						["2016-06-01", "250000"],
					],
				})}
</iati-activities>`,
			);
			await new ImportService(ctx().db.database).importFiles([file], cliActor);
			const blank = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links`, {
				activity: "GB-GOV-1-EARLY",
				reason: " ",
			});
			assert.equal(blank.status, 400, "a blank reason is refused");
			assert.match(JSON.stringify(blank.body), /reason/);
			const reason = "The UK's own programme in the pledge's country, all of it.";
			const res = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/links`, {
				activity: "GB-GOV-1-EARLY",
				reason,
			});
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(res.body.reasons, [reason], "the reason is kept with the link");
			const event = await ctx()
				.db.database.db.selectFrom("audit_event")
				.select("after")
				.where("action", "=", "activity.link")
				.orderBy("id", "desc")
				.executeTakeFirstOrThrow();
			assert.equal(JSON.parse(event.after ?? "{}").reason, reason, "and in the audit log");
			const d = await ctx().get(`/api/v1/commitments/${slug}/delivery`);
			assert.equal(d.body.delivered.current, "250000.00", "the 2015 disbursement is not counted");
			// US$10m over the 1,827 days of 2016-2020: the data covers 153 of them (1 January to
			// 1 June 2016), so US$837,438.42 of the promise has data, not all of 2016's 2,003,284.07.
			const a = await ctx().get(
				"/api/v1/analytics/delivery?group_by=goal&basis=current&goal=sdg:3",
			);
			assert.equal(a.status, 200, JSON.stringify(a.body));
			const covered = Number(a.body.total.committed_with_data);
			assert.ok(Math.abs(covered - 837_438.42) <= 0.02, `committed with data: ${covered}`);
			assert.equal(a.body.total.delivered, "250000.00");
			const check = await ctx().services.analytics.rollupCheck();
			assert.deepEqual(check.maintained, check.recomputed);
		});
	},
	{ demo: false },
);
