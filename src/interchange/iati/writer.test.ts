import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import {
	activitiesXsd,
	organisationsXsd,
	validateXml,
	xmllintSkipReason,
} from "../../../test/helpers/xmllint.ts";
import type { IatiActivity, IatiOrganisation, Transaction } from "./activity.model.ts";
import { type IatiRecord, readIatiFile } from "./reader.ts";
import {
	activityXml,
	decimal,
	escapeAttribute,
	escapeText,
	iatiActivitiesXml,
	iatiOrganisationsXml,
	writeIatiActivities,
} from "./writer.ts";

const full: IatiActivity = {
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
		{ lang: null, text: "Water & sanitation <phase 2>" },
		{ lang: "fr", text: 'Eau "et" assainissement' },
	],
	descriptions: [
		{ type: "1", narratives: [{ lang: null, text: "Line one\r\nline two ]]> end" }] },
		{ type: "2", narratives: [{ lang: "es", text: "Objetivos" }] },
	],
	participating_orgs: [
		{
			ref: "BB-BBB-123456789",
			type: "40",
			role: "1",
			activity_id: "BB-BBB-123456789-1234",
			narratives: [{ lang: null, text: "Agency B" }],
		},
		{ ref: null, type: null, role: "4", activity_id: null, narratives: [] },
	],
	activity_status: "2",
	activity_dates: [
		{ type: "1", iso_date: "2012-04-15" },
		{ type: "3", iso_date: "2015-12-31" },
	],
	recipient_countries: [
		{ code: "AF", vocabulary: null, percentage: 25 },
		{ code: "AG", vocabulary: null, percentage: 25.5 },
	],
	recipient_regions: [
		{ code: "489", vocabulary: "1", percentage: 49.5 },
		{ code: "A1", vocabulary: null, percentage: null },
	],
	sectors: [
		{ vocabulary: "1", code: "11110", percentage: 50 },
		{ vocabulary: "2", code: "111", percentage: 0.0000001 },
	],
	tags: [{ vocabulary: "3", code: "1.1" }],
	policy_markers: [{ vocabulary: "1", code: "2", significance: "3" }],
	collaboration_type: "1",
	default_flow_type: "10",
	default_finance_type: "110",
	default_aid_type: [
		{ vocabulary: "1", code: "A01" },
		{ vocabulary: "2", code: "1" },
	],
	default_tied_status: "3",
	transactions: [
		{
			ref: "1234",
			transaction_type: "3",
			transaction_date: "2012-01-01",
			value_minor: 100050,
			currency: "EUR",
			value_date: "2012-01-02",
			description: [{ lang: null, text: "Tab\there" }],
			provider_org: {
				ref: "BB-BBB-123456789",
				type: "10",
				provider_activity_id: "BB-BBB-123456789-1234AA",
				narratives: [{ lang: null, text: "Agency B" }],
			},
			receiver_org: {
				ref: "AA-AAA-123456789",
				type: "23",
				receiver_activity_id: null,
				narratives: [],
			},
			recipient_country: "AF",
			recipient_region: null,
			sectors: [{ vocabulary: "1", code: "11110" }],
		},
		{
			ref: null,
			transaction_type: "2",
			transaction_date: "2011-06-30",
			value_minor: -1000,
			currency: "JPY",
			value_date: null,
			description: [],
			provider_org: null,
			receiver_org: null,
			recipient_country: null,
			recipient_region: { code: "298", vocabulary: "1" },
			sectors: [],
		},
	],
};

/** The emptiest activity the model admits: what a sparse 1.0x file gives. */
const sparse: IatiActivity = {
	iati_identifier: "XM-1-sparse",
	version: "1.05",
	default_currency: null,
	default_lang: null,
	last_updated_datetime: null,
	hierarchy: null,
	humanitarian: null,
	reporting_org: { ref: "XM-1", type: null, narratives: [] },
	title: [],
	descriptions: [],
	participating_orgs: [],
	activity_status: null,
	activity_dates: [],
	recipient_countries: [],
	recipient_regions: [],
	sectors: [],
	tags: [],
	policy_markers: [],
	collaboration_type: null,
	default_flow_type: null,
	default_finance_type: null,
	default_aid_type: [],
	default_tied_status: null,
	transactions: [
		{
			ref: null,
			transaction_type: "3",
			transaction_date: "2010-03-31",
			value_minor: 12345,
			currency: null,
			value_date: null,
			description: [],
			provider_org: null,
			receiver_org: null,
			recipient_country: null,
			recipient_region: null,
			sectors: [],
		},
	],
};

/** What the IATI reader makes of `xml`. */
async function readBack(xml: string): Promise<IatiRecord[]> {
	const dir = mkdtempSync(join(tmpdir(), "iif-writer-"));
	try {
		const file = join(dir, "activities.xml");
		writeFileSync(file, xml);
		const out: IatiRecord[] = [];
		for await (const r of readIatiFile(file)) out.push(r);
		return out;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
	let s = "";
	for await (const c of chunks) s += c;
	return s;
}

/** Budgets out of the XSD's order, and without value dates, on purpose. */
const org: IatiOrganisation = {
	organisation_identifier: "AA-AAA-123456789",
	version: "2.03",
	default_currency: "EUR",
	last_updated_datetime: "2014-09-10T07:15:37Z",
	name: [{ lang: null, text: "Organisation & co" }],
	reporting_org: { ref: "AA-AAA-123456789", type: "40", narratives: [] },
	budgets: [
		{
			kind: "total_expenditure",
			status: null,
			period_start: "2013-01-01",
			period_end: "2013-12-31",
			value_minor: 100,
			currency: null,
			value_date: null,
			recipient: null,
		},
		{
			kind: "recipient_country_budget",
			status: "2",
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			value_minor: 5000000,
			currency: "USD",
			value_date: "2014-01-01",
			recipient: "AF",
		},
		{
			kind: "total_budget",
			status: "1",
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			value_minor: 9000000,
			currency: null,
			value_date: "2014-01-01",
			recipient: null,
		},
		{
			kind: "recipient_region_budget",
			status: null,
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			value_minor: 1,
			currency: null,
			value_date: null,
			recipient: "298",
		},
	],
};

/** The element names of iati-activity's xsd:sequence, in order, read from the XSD itself. */
function activitySequence(): string[] {
	const xsd = readFileSync(activitiesXsd, "utf8");
	const start = xsd.indexOf('<xsd:element name="iati-activity">');
	// The sequence ends where the element's attributes begin.
	const end = xsd.indexOf('<xsd:attribute name="last-updated-datetime"', start);
	const names: string[] = [];
	// Only the sequence's own children, at their 8-space indent: nested types sit deeper.
	for (const m of xsd.slice(start, end).matchAll(/\n {8}<xsd:element (?:ref|name)="([^"]+)"/g))
		names.push(m[1] as string);
	return names;
}

/** The names of the direct children of the root element of `xml` (text never holds a `<`). */
function childNames(xml: string): string[] {
	const names: string[] = [];
	let depth = 0;
	for (const [, close, name, selfClosing] of xml.matchAll(/<(\/?)([\w:-]+)[^>]*?(\/?)>/g)) {
		if (close) depth--;
		else {
			if (depth === 1) names.push(name as string);
			if (!selfClosing) depth++;
		}
	}
	return names;
}

describe("IATI activity writer", () => {
	test("children come in the order of the XSD's sequence", () => {
		const sequence = activitySequence();
		assert.ok(sequence.length > 30, `read ${sequence.length} elements from the XSD`);
		for (const a of [full, sparse]) {
			const names = childNames(activityXml(a));
			const positions = names.map((n) => sequence.indexOf(n));
			assert.ok(!positions.includes(-1), `unknown element among ${names.join(", ")}`);
			assert.deepEqual(
				positions,
				[...positions].sort((x, y) => x - y),
			);
		}
		const tx = /<transaction ref="1234">.*?<\/transaction>/s.exec(activityXml(full))?.[0] ?? "";
		assert.deepEqual(childNames(tx), [
			"transaction-type",
			"transaction-date",
			"value",
			"description",
			"provider-org",
			"receiver-org",
			"sector",
			"recipient-country",
		]);
	});

	test("escapes text and attributes, keeping what parsers would normalise", () => {
		assert.equal(escapeText("a & b < c > d"), "a &amp; b &lt; c &gt; d");
		assert.equal(escapeText("x\r\ny"), "x&#13;\ny");
		assert.equal(escapeText("ok\u0000\u0007\u000B\uFFFE\uD800 ✓ 😀"), "ok ✓ 😀");
		assert.equal(
			escapeAttribute(`"quoted" 'single' & <tag>\t\n\r`),
			"&quot;quoted&quot; &apos;single&apos; &amp; &lt;tag&gt;&#9;&#10;&#13;",
		);
		const xml = activityXml(full);
		assert.match(xml, /<narrative>Water &amp; sanitation &lt;phase 2&gt;<\/narrative>/);
		assert.match(xml, /<narrative>Line one&#13;\nline two \]\]&gt; end<\/narrative>/);
		assert.match(xml, /<narrative xml:lang="fr">Eau "et" assainissement<\/narrative>/);
	});

	test("numbers are xsd:decimal, amounts decimal strings in the value's currency", () => {
		assert.equal(decimal(25), "25");
		assert.equal(decimal(33.5), "33.5");
		assert.equal(decimal(0.0000001), "0.0000001");
		assert.equal(decimal(-1.5e-9), "-0.0000000015");
		assert.equal(decimal(1e21), "1000000000000000000000");
		assert.equal(decimal(1.25e22), "12500000000000000000000");
		const xml = activityXml(full);
		assert.match(xml, /<value currency="EUR" value-date="2012-01-02">1000.50<\/value>/);
		assert.match(xml, /<value currency="JPY" value-date="2011-06-30">-1000<\/value>/);
		assert.match(xml, /<sector vocabulary="2" code="111" percentage="0.0000001"\/>/);
		// Default currency when the value states none; hundredths when neither is known.
		assert.match(
			activityXml({
				...full,
				transactions: [{ ...(sparse.transactions[0] as Transaction), currency: null }],
			}),
			/<value value-date="2010-03-31">123.45<\/value>/,
		);
		assert.match(activityXml(sparse), /<value value-date="2010-03-31">123.45<\/value>/);
	});

	test("writes the activity's attributes and the required ones", () => {
		const xml = activityXml(full);
		assert.match(
			xml,
			/^<iati-activity last-updated-datetime="2014-09-10T07:15:37Z" xml:lang="en" default-currency="USD" humanitarian="1" hierarchy="1">/,
		);
		assert.match(xml, /<reporting-org ref="AA-AAA-123456789" type="40">/);
		assert.match(xml, /<participating-org role="4"\/>/);
		assert.match(xml, /<activity-date type="1" iso-date="2012-04-15"\/>/);
		assert.match(xml, /<recipient-region code="A1"\/>/);
		assert.match(xml, /<tag code="1.1" vocabulary="3"\/>/);
		assert.match(xml, /<description type="2"><narrative xml:lang="es">Objetivos<\/narrative>/);
		assert.match(activityXml({ ...full, humanitarian: false }), / humanitarian="0"/);
	});

	test("what the XSD requires and the registry lacks is written empty, never invented", () => {
		const xml = activityXml(sparse, { today: "2024-05-01" });
		assert.match(xml, /^<iati-activity>/);
		assert.match(xml, /<reporting-org ref="XM-1" type=""><narrative\/><\/reporting-org>/);
		assert.match(xml, /<title><narrative\/><\/title>/);
		assert.match(xml, /<description><narrative\/><\/description>/);
		assert.match(xml, /<participating-org role=""\/>/);
		assert.match(xml, /<activity-status code=""\/>/);
		assert.match(xml, /<activity-date type="" iso-date="2024-05-01"\/>/);
		assert.match(
			activityXml({ ...sparse, last_updated_datetime: "2019-02-03T04:05:06Z" }),
			/<activity-date type="" iso-date="2019-02-03"\/>/,
		);
	});

	test("the document streams one activity at a time, under a 2.03 root", async () => {
		async function* two() {
			yield full;
			yield sparse;
		}
		const xml = await collect(
			iatiActivitiesXml(two(), { generatedDatetime: "2024-01-02T03:04:05Z" }),
		);
		assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
		assert.match(xml, /<iati-activities version="2.03" generated-datetime="2024-01-02T03:04:05Z">/);
		assert.equal(xml.match(/<iati-activity[ >]/g)?.length, 2);
		assert.ok(xml.endsWith("</iati-activities>\n"));

		const out = new PassThrough({ highWaterMark: 16 });
		let written = "";
		out.on("data", (d) => (written += d));
		await writeIatiActivities([full, sparse], out, { generatedDatetime: "2024-01-02T03:04:05Z" });
		assert.equal(written, xml);
	});

	test("the reader gives back what was written", async () => {
		const [a, b] = (await readBack(await collect(iatiActivitiesXml([full, sparse])))).map((r) =>
			r.kind === "activity" ? r.activity : assert.fail(JSON.stringify(r)),
		);
		// Exactly, but where the reader fills in what IATI assumes: region vocabulary 1,
		// the transaction date as value date, and version 2.03 for what was written as such.
		const regions = full.recipient_regions.map((r) => ({ ...r, vocabulary: r.vocabulary ?? "1" }));
		const txs = full.transactions.map((t) => ({
			...t,
			value_date: t.value_date ?? t.transaction_date,
		}));
		assert.deepEqual(a, { ...full, recipient_regions: regions, transactions: txs });
		assert.deepEqual(b, {
			...sparse,
			version: "2.03",
			transactions: sparse.transactions.map((t) => ({ ...t, value_date: t.transaction_date })),
		});
		// What the reader gives comes back exactly.
		const again = await readBack(
			await collect(iatiActivitiesXml([a as IatiActivity, b as IatiActivity])),
		);
		assert.deepEqual(
			again.map((r) => (r.kind === "activity" ? r.activity : null)),
			[a, b],
		);
	});

	test("an organisation comes back from the reader, its budgets in the XSD's order", async () => {
		const [read] = await readBack(await collect(iatiOrganisationsXml([org])));
		const order = [
			"total_budget",
			"recipient_region_budget",
			"recipient_country_budget",
			"total_expenditure",
		];
		assert.deepEqual(read, {
			kind: "organisation",
			organisation: {
				...org,
				budgets: order.map((kind) => {
					const b = org.budgets.find((x) => x.kind === kind) as (typeof org.budgets)[number];
					// A budget without a value date is converted at its start: written so, read so.
					return { ...b, value_date: b.value_date ?? b.period_start };
				}),
			},
		});
	});

	describe("against the IATI 2.03 XSD", { skip: xmllintSkipReason() }, () => {
		test("a full and a sparse activity are valid", async () => {
			const xml = await collect(iatiActivitiesXml([full, sparse]));
			const verdict = validateXml(xml, activitiesXsd);
			assert.ok(verdict.ok, verdict.messages);
		});

		test("an organisation file is valid", async () => {
			const xml = await collect(iatiOrganisationsXml([org]));
			const kinds = [...xml.matchAll(/\n<(total-budget|recipient-[\w-]+|total-expenditure)/g)].map(
				(m) => m[1],
			);
			assert.deepEqual(kinds, [
				"total-budget",
				"recipient-region-budget",
				"recipient-country-budget",
				"total-expenditure",
			]);
			const verdict = validateXml(xml, organisationsXsd);
			assert.ok(verdict.ok, verdict.messages);
		});

		test("an activity with every forbidden character still gives well-formed, valid XML", async () => {
			const nasty = {
				...full,
				title: [{ lang: null, text: "\u0001\u0002 <&> \"' \t\n\r \uDC00 end" }],
			};
			const verdict = validateXml(await collect(iatiActivitiesXml([nasty])), activitiesXsd);
			assert.ok(verdict.ok, verdict.messages);
		});
	});
});
