import assert from "node:assert/strict";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { IatiActivity, IatiOrganisation } from "./activity.model.ts";
import { encodingOf, IatiReadError, type IatiRecord, readIatiFile } from "./reader.ts";
import { decimalToMinor, isoDate } from "./values.ts";

const dir = mkdtempSync(join(tmpdir(), "iif-reader-"));
let n = 0;
function file(text: string | Buffer): string {
	const path = join(dir, `f${++n}.xml`);
	writeFileSync(path, text);
	return path;
}

async function read(path: string, options = {}): Promise<IatiRecord[]> {
	const out: IatiRecord[] = [];
	for await (const r of readIatiFile(path, options)) out.push(r);
	return out;
}

const activities = (rs: IatiRecord[]): IatiActivity[] =>
	rs.flatMap((r) => (r.kind === "activity" ? [r.activity] : []));
const rejected = (rs: IatiRecord[]) =>
	rs.flatMap((r) => (r.kind === "rejected" ? [[r.identifier, r.reason]] : []));

const doc = (body: string, version = "2.03") =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="${version}">\n${body}\n</iati-activities>\n`;

const minimal = (id: string, transactions = "", attrs = 'default-currency="USD"') => `
<iati-activity ${attrs}>
 <iati-identifier>${id}</iati-identifier>
 <reporting-org ref="XM-TEST" type="10"><narrative>Tester</narrative></reporting-org>
 <title><narrative>Activity ${id}</narrative></title>
 ${transactions}
</iati-activity>`;

const tx = (value: string, extra = "", type = "3", date = "2020-05-01") =>
	`<transaction><transaction-type code="${type}"/><transaction-date iso-date="${date}"/><value${extra}>${value}</value></transaction>`;

describe("decimal amounts", () => {
	it("converts exactly when the currency has room for the decimals", () => {
		assert.deepEqual(decimalToMinor("1500000.50", "USD"), { minor: 150000050 });
		assert.deepEqual(decimalToMinor("+7", "USD"), { minor: 700 });
		assert.deepEqual(decimalToMinor(".5", "USD"), { minor: 50 });
		assert.deepEqual(decimalToMinor("5.", "USD"), { minor: 500 });
		assert.deepEqual(decimalToMinor("-250", "JPY"), { minor: -250 });
		assert.deepEqual(decimalToMinor("1.000", "KWD"), { minor: 1000 });
		assert.deepEqual(decimalToMinor("12.30000", "EUR"), { minor: 1230 });
	});

	it("rounds extra decimals half away from zero, never rejects for them", () => {
		assert.deepEqual(decimalToMinor("100.125", "USD"), { minor: 10013 });
		assert.deepEqual(decimalToMinor("-100.125", "USD"), { minor: -10013 });
		assert.deepEqual(decimalToMinor("100.124999", "USD"), { minor: 10012 });
		assert.deepEqual(decimalToMinor("1000000.999999", "USD"), { minor: 100000100 });
		assert.deepEqual(decimalToMinor("12.5", "JPY"), { minor: 13 });
		assert.deepEqual(decimalToMinor("-0.004", "USD"), { minor: 0 });
	});

	it("counts in hundredths when no currency is known", () => {
		assert.deepEqual(decimalToMinor("10", null), { minor: 1000 });
	});

	it("gives a reason for what is no number or too large", () => {
		assert.ok("error" in decimalToMinor("abc", "USD"));
		assert.ok("error" in decimalToMinor("1e5", "USD"));
		assert.ok("error" in decimalToMinor("1,000", "USD"));
		assert.ok("error" in decimalToMinor(".", "USD"));
		assert.ok("error" in decimalToMinor("99999999999999999999", "USD"));
	});
});

describe("dates", () => {
	it("takes xsd:date with or without a time zone, and a date-time's date", () => {
		assert.equal(isoDate("2012-04-15"), "2012-04-15");
		assert.equal(isoDate(" 2012-04-15Z "), "2012-04-15");
		assert.equal(isoDate("2012-04-15+02:00"), "2012-04-15");
		assert.equal(isoDate("2012-04-15T10:00:00"), "2012-04-15");
		assert.equal(isoDate("2012-02-29"), "2012-02-29");
	});

	it("refuses what is no calendar date", () => {
		for (const bad of ["2013-02-29", "2012-13-01", "2012-04-31", "15/04/2012", "2012", ""])
			assert.equal(isoDate(bad), null, bad);
	});
});

describe("reading IATI activity files", () => {
	it("reads the annotated 2.03 example whole", async () => {
		const path = new URL(
			"../../../../shared/data/iati/samples/activity-standard-example-annotated-203.xml",
			import.meta.url,
		).pathname;
		const [a] = activities(await read(path));
		assert.ok(a);
		assert.equal(a.iati_identifier, "AA-AAA-123456789-ABC123");
		assert.equal(a.version, "2.03");
		assert.equal(a.default_lang, "en");
		assert.equal(a.humanitarian, true);
		assert.deepEqual(a.title[1], { lang: "fr", text: "Titre de l'activité" });
		assert.equal(a.transactions.length, 1);
		assert.equal(a.transactions[0]?.value_minor, 100000);
	});

	it("reads 1.0x files: text in the element, letter codes mapped to 2.0x", async () => {
		const codes = ["C", "D", "E", "IF", "IR", "LR", "R", "QP", "QS", "CG"];
		const path = file(
			doc(
				`<iati-activity default-currency="GBP" xml:lang="en">
 <iati-identifier>GB-1-1</iati-identifier>
 <reporting-org ref="GB-1" type="10">Department for International Development</reporting-org>
 <title>Primary schools</title>
 <title xml:lang="fr">Écoles primaires</title>
 <description>Builds schools.</description>
 <participating-org role="Funding" ref="GB-1" type="10">DFID</participating-org>
 <participating-org role="Implementing">UNICEF</participating-org>
 <activity-date type="start-planned" iso-date="2010-01-01">January 2010</activity-date>
 <activity-date type="end-actual" iso-date="2012-12-31"/>
 <activity-status code="2">Implementation</activity-status>
 <sector vocabulary="DAC" code="11220" percentage="60"/>
 <sector vocabulary="DAC-3" code="112" percentage="40"/>
 <policy-marker vocabulary="DAC" code="1" significance="2"/>
 ${codes
		.map(
			(c, i) =>
				`<transaction><transaction-type code="${c}">x</transaction-type><transaction-date iso-date="2011-0${(i % 9) + 1}-01"/><value value-date="2011-01-01">${i + 1}</value><provider-org ref="GB-1">DFID</provider-org><description>Payment ${i}</description></transaction>`,
		)
		.join("\n ")}
</iati-activity>`,
				"1.03",
			),
		);
		const [a] = activities(await read(path));
		assert.ok(a);
		assert.equal(a.version, "1.03");
		assert.deepEqual(a.reporting_org.narratives, [
			{ lang: null, text: "Department for International Development" },
		]);
		assert.deepEqual(a.title, [{ lang: null, text: "Primary schools" }]);
		assert.deepEqual(a.descriptions, [
			{ type: "1", narratives: [{ lang: null, text: "Builds schools." }] },
		]);
		assert.deepEqual(
			a.participating_orgs.map((p) => [p.role, p.narratives[0]?.text]),
			[
				["1", "DFID"],
				["4", "UNICEF"],
			],
		);
		assert.deepEqual(a.activity_dates, [
			{ type: "1", iso_date: "2010-01-01" },
			{ type: "4", iso_date: "2012-12-31" },
		]);
		assert.deepEqual(
			a.sectors.map((s) => [s.vocabulary, s.code, s.percentage]),
			[
				["1", "11220", 60],
				["2", "112", 40],
			],
		);
		assert.deepEqual(a.policy_markers, [{ vocabulary: "1", code: "1", significance: "2" }]);
		assert.deepEqual(
			a.transactions.map((t) => t.transaction_type),
			["2", "3", "4", "1", "5", "6", "7", "8", "9", "11"],
		);
		assert.deepEqual(a.transactions[0]?.provider_org?.narratives, [{ lang: null, text: "DFID" }]);
		assert.deepEqual(a.transactions[0]?.description, [{ lang: null, text: "Payment 0" }]);
		assert.equal(a.transactions[0]?.value_minor, 100);
	});

	it("keeps reversals negative, falls back to the default currency, defaults the value date", async () => {
		const path = file(
			doc(
				minimal(
					"XM-TEST-1",
					[
						tx("-1500.50"),
						tx("200", ' currency="EUR" value-date="2020-04-30"'),
						tx("7", ' currency="jpy"'),
					].join(""),
				),
			),
		);
		const [a] = activities(await read(path));
		assert.deepEqual(
			a?.transactions.map((t) => [t.value_minor, t.currency, t.value_date]),
			[
				[-150050, null, "2020-05-01"],
				[20000, "EUR", "2020-04-30"],
				[7, "JPY", "2020-05-01"],
			],
		);
	});

	it("rejects an invalid activity with its reason and reads its neighbours", async () => {
		const path = file(
			doc(
				[
					minimal("OK-1", tx("10")),
					minimal(""),
					minimal(
						"NO-TYPE",
						'<transaction><transaction-date iso-date="2020-01-01"/><value>1</value></transaction>',
					),
					minimal(
						"NO-DATE",
						'<transaction><transaction-type code="3"/><value>1</value></transaction>',
					),
					minimal(
						"NO-VALUE",
						'<transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/></transaction>',
					),
					minimal("NAN", tx("ten")),
					minimal("CURRENCY", tx("10", ' currency="XYZ"')),
					minimal("DEFAULT-CURRENCY", tx("10"), 'default-currency="ABC"'),
					minimal("BAD-DATE", tx("10", "", "3", "2019-02-29")),
					minimal("BAD-VALUE-DATE", tx("10", ' value-date="tomorrow"')),
					minimal("BAD-ACTIVITY-DATE", '<activity-date type="1" iso-date="2020-31-01"/>'),
					`<iati-activity><iati-identifier>NO-REF</iati-identifier><reporting-org type="10"/><title/></iati-activity>`,
					minimal("OK-2", tx("20")),
				].join("\n"),
			),
		);
		const rs = await read(path);
		assert.deepEqual(
			activities(rs).map((a) => a.iati_identifier),
			["OK-1", "OK-2"],
		);
		const reasons = rejected(rs);
		assert.deepEqual(
			reasons.map(([id]) => id),
			[
				null,
				"NO-TYPE",
				"NO-DATE",
				"NO-VALUE",
				"NAN",
				"CURRENCY",
				"DEFAULT-CURRENCY",
				"BAD-DATE",
				"BAD-VALUE-DATE",
				"BAD-ACTIVITY-DATE",
				"NO-REF",
			],
		);
		const expected = [
			/missing iati-identifier/,
			/transaction 1 has no transaction-type/,
			/transaction 1 has no transaction-date/,
			/transaction 1 has no value/,
			/value 'ten' is not a number/,
			/unknown currency 'XYZ'/,
			/unknown default-currency 'ABC'/,
			/transaction-date '2019-02-29' is not a date/,
			/value-date 'tomorrow' is not a date/,
			/activity-date type 1: '2020-31-01' is not a date/,
			/reporting-org has no ref/,
		];
		for (const [i, re] of expected.entries()) assert.match(String(reasons[i]?.[1]), re);
		const lines = rs.flatMap((r) => (r.kind === "rejected" ? [r.line] : []));
		assert.ok(lines.every((l) => l > 1));
	});

	it("takes the writer's stand-ins for absent values as absent", async () => {
		const path = file(
			doc(`<iati-activity>
 <iati-identifier>XM-EMPTY</iati-identifier>
 <reporting-org ref="XM" type=""><narrative/></reporting-org>
 <title><narrative/></title>
 <description><narrative/></description>
 <participating-org role=""/>
 <activity-status code=""/>
 <activity-date type="" iso-date="2020-01-01"/>
 <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">1</value><provider-org/></transaction>
</iati-activity>`),
		);
		const [a] = activities(await read(path));
		assert.ok(a);
		assert.deepEqual(a.reporting_org, { ref: "XM", type: null, narratives: [] });
		assert.deepEqual(a.title, []);
		assert.deepEqual(a.descriptions, []);
		assert.deepEqual(a.participating_orgs, []);
		assert.equal(a.activity_status, null);
		assert.deepEqual(a.activity_dates, []);
		assert.equal(a.transactions[0]?.provider_org, null);
	});

	it("reads SDG tags and sectors, and recipients and sectors at transaction level", async () => {
		const path = file(
			doc(`<iati-activity default-currency="USD">
 <iati-identifier>XM-SDG</iati-identifier>
 <reporting-org ref="XM"/>
 <title><narrative>SDG</narrative></title>
 <recipient-region code="298" percentage="100"/>
 <sector vocabulary="7" code="3"/>
 <sector vocabulary="8" code="3.b"/>
 <sector vocabulary="9" code="3.b.1"/>
 <tag vocabulary="2" code="4"/>
 <tag vocabulary="3" code="4.1"/>
 <transaction ref="T1"><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value>1</value>
  <sector vocabulary="1" code="12220"/><sector code="12240"/>
  <recipient-country code="ke"/><recipient-region code="289"/>
 </transaction>
</iati-activity>`),
		);
		const [a] = activities(await read(path));
		assert.ok(a);
		assert.deepEqual(a.recipient_regions, [{ code: "298", vocabulary: "1", percentage: 100 }]);
		assert.deepEqual(
			a.sectors.map((s) => [s.vocabulary, s.code]),
			[
				["7", "3"],
				["8", "3.b"],
				["9", "3.b.1"],
			],
		);
		assert.deepEqual(a.tags, [
			{ vocabulary: "2", code: "4" },
			{ vocabulary: "3", code: "4.1" },
		]);
		const t = a.transactions[0];
		assert.equal(t?.ref, "T1");
		assert.deepEqual(t?.sectors, [
			{ vocabulary: "1", code: "12220" },
			{ vocabulary: "1", code: "12240" },
		]);
		assert.equal(t?.recipient_country, "KE");
		assert.deepEqual(t?.recipient_region, { code: "289", vocabulary: "1" });
	});

	it("reads organisation files, 2.03 and 1.0x", async () => {
		const org2 = file(`<iati-organisations version="2.03">
 <iati-organisation default-currency="EUR" last-updated-datetime="2020-01-01T00:00:00Z">
  <organisation-identifier>XM-ORG</organisation-identifier>
  <name><narrative>Org</narrative><narrative xml:lang="fr">Org fr</narrative></name>
  <reporting-org ref="XM-ORG" type="40"><narrative>Org</narrative></reporting-org>
  <total-budget status="2"><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value value-date="2020-01-01">1000.5</value><budget-line ref="1"><value>1</value></budget-line></total-budget>
  <recipient-org-budget><recipient-org ref="X"/><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value>5</value></recipient-org-budget>
  <recipient-country-budget><recipient-country code="KE"/><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value currency="USD">200</value></recipient-country-budget>
  <recipient-region-budget><recipient-region code="298" vocabulary="1"/><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value>300</value></recipient-region-budget>
  <total-expenditure><period-start iso-date="2019-01-01"/><period-end iso-date="2019-12-31"/><value value-date="2019-06-30">-40</value></total-expenditure>
 </iati-organisation>
</iati-organisations>`);
		const [r] = await read(org2);
		assert.equal(r?.kind, "organisation");
		const o = (r as { organisation: IatiOrganisation }).organisation;
		assert.equal(o.organisation_identifier, "XM-ORG");
		assert.equal(o.name.length, 2);
		assert.deepEqual(
			o.budgets.map((b) => [
				b.kind,
				b.status,
				b.value_minor,
				b.currency,
				b.value_date,
				b.recipient,
			]),
			[
				["total_budget", "2", 100050, null, "2020-01-01", null],
				["recipient_country_budget", null, 20000, "USD", "2020-01-01", "KE"],
				["recipient_region_budget", null, 30000, null, "2020-01-01", "298"],
				["total_expenditure", null, -4000, null, "2019-06-30", null],
			],
		);
		const org1 = file(`<iati-organisations version="1.03"><iati-organisation default-currency="GBP">
  <iati-identifier>GB-1</iati-identifier><name>DFID</name><reporting-org ref="GB-1">DFID</reporting-org>
 </iati-organisation></iati-organisations>`);
		const [r1] = await read(org1);
		assert.equal(r1?.kind, "organisation");
		const o1 = (r1 as { organisation: IatiOrganisation }).organisation;
		assert.equal(o1.organisation_identifier, "GB-1");
		assert.deepEqual(o1.name, [{ lang: null, text: "DFID" }]);
	});

	it("decodes the encoding the declaration names", async () => {
		const latin1 = Buffer.from(
			doc(minimal("XM-LATIN", "").replace("Activity XM-LATIN", "Activité")).replace(
				'encoding="UTF-8"',
				'encoding="ISO-8859-1"',
			),
			"latin1",
		);
		assert.equal(encodingOf(latin1), "iso-8859-1");
		const [a] = activities(await read(file(latin1)));
		assert.equal(a?.title[0]?.text, "Activité");
	});

	it("hands each activity over as the file streams, before reading it all", async () => {
		const body = Array.from({ length: 400 }, (_, i) => minimal(`XM-S-${i}`, tx("1"))).join("\n");
		const path = file(doc(body));
		const size = statSync(path).size;
		let bytes = 0;
		let first = -1;
		for await (const r of readIatiFile(path, { chunkSize: 4096, onBytes: (b) => (bytes = b) })) {
			if (first < 0 && r.kind === "activity") first = bytes;
		}
		assert.ok(first > 0 && first < size / 10, `first activity after ${first} of ${size} bytes`);
	});
});

describe("files that are not well-formed", () => {
	async function failure(text: string): Promise<IatiReadError> {
		const path = file(text);
		try {
			await read(path);
		} catch (e) {
			assert.ok(e instanceof IatiReadError, String(e));
			assert.equal(e.file, path);
			assert.ok(e.message.startsWith(`${path}, line ${e.line}, column ${e.column}: `), e.message);
			return e;
		}
		assert.fail("no error");
	}

	it("names file, line and column of a mismatched tag", async () => {
		const e = await failure(
			`<iati-activities version="2.03">\n <iati-activity>\n  <title></titel>\n`,
		);
		assert.equal(e.line, 3);
		assert.equal(e.column, 17);
		assert.match(e.reason, /unexpected close tag/);
	});

	it("names where a truncated file ends", async () => {
		const e = await failure(doc(minimal("XM-T", tx("1"))).slice(0, 150));
		assert.ok((e.line ?? 0) >= 3);
		assert.match(e.reason, /unclosed tag/);
	});

	it("refuses an empty file, another kind of XML, and a file that is not there", async () => {
		assert.match((await failure("")).reason, /root element/);
		assert.match((await failure("<html><body/></html>")).reason, /the root element is <html>/);
		await assert.rejects(read(join(dir, "missing.xml")), (e: unknown) => {
			assert.ok(e instanceof IatiReadError);
			assert.match(e.message, /missing\.xml: cannot read the file \(ENOENT\)/);
			return true;
		});
	});

	it("refuses a root element in a namespace, naming file, line and column", async () => {
		const foreign = await failure(
			`<?xml version="1.0"?>\n<iati-activities xmlns="urn:other" version="2.03">\n <iati-activity><iati-identifier>XM-NS</iati-identifier></iati-activity>\n</iati-activities>\n`,
		);
		assert.equal(foreign.line, 2);
		assert.equal(foreign.column, 50);
		assert.match(foreign.reason, /<iati-activities> is in the namespace 'urn:other'/);
		const prefixed = await failure(
			`<x:iati-activities xmlns:x="urn:other" version="2.03"><x:iati-activity/></x:iati-activities>`,
		);
		assert.equal(prefixed.line, 1);
		assert.match(prefixed.reason, /<x:iati-activities>, in the namespace of the prefix 'x'/);
		// Declaring extension namespaces on the root, as publishers do, is no reason to refuse.
		const path = file(
			doc(minimal("XM-NS-OK", tx("1"))).replace(
				"<iati-activities ",
				'<iati-activities xmlns:akvo="http://akvo.org/iati-activities" ',
			),
		);
		assert.equal((await read(path)).length, 1);
	});

	it("refuses bytes that are not of the declared encoding", async () => {
		const bad = Buffer.concat([
			Buffer.from(doc(minimal("XM-B", "")).slice(0, 60)),
			Buffer.from([0xff, 0xfe, 0x41]),
		]);
		await failure(bad as unknown as string);
	});
});
