/**
 * The IATI export, through HTTP and the CLI, on both databases: what is imported comes
 * out as IATI 2.03 XML valid against IATI's XSD, and importing that XML into a fresh
 * database gives back every activity exactly as it was loaded before (import, export,
 * import). Sources: IATI's annotated 2.03 example, a generated file of many activities
 * (odd text, three currency exponents, sparse records) and a 1.05 file.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import type { IatiActivity } from "../../src/interchange/iati/activity.model.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { IatiRepository } from "../../src/modules/activities/iati.repository.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { createServices } from "../../src/server/services.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { runIif } from "../helpers/cli.ts";
import { createMigratedDatabase } from "../helpers/databases.ts";
import { activitiesXsd, validateXml, xmllintSkipReason } from "../helpers/xmllint.ts";

const annotated = new URL(
	"../../../shared/data/iati/samples/activity-standard-example-annotated-203.xml",
	import.meta.url,
).pathname;

// ------------------------------------------------------------ a generated file

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const esc = (s: string) =>
	s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Text that tests escaping: markup characters, quotes, scripts, emoji, a line break, a CR. */
const texts = [
	"Water & sanitation <phase 2>",
	'Routes "rurales" d\'accès',
	"Santé maternelle — 母婴健康 — صحة الأم",
	"Multi-line\nnarrative with ]]> inside",
	"Emoji 🌍 and tab\tinside",
];

function generatedFile(count: number, seed: number): string {
	const r = random(seed);
	const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)] as T;
	const currencies = ["USD", "EUR", "JPY", "KWD", "GBP"];
	const activities: string[] = [];
	for (let i = 1; i <= count; i++) {
		const id = `XM-GEN-${seed}-${i}`;
		const org = pick(["XM-DAC-41114", "XM-GEN-ORG", "GB-GOV-1"]);
		if (i % 7 === 0) {
			// Sparse, as 1.0x-era publishers write: no type, description, participants,
			// status, dates, value date, currency anywhere (amounts in hundredths then).
			activities.push(`<iati-activity>
<iati-identifier>${id}</iati-identifier>
<reporting-org ref="${org}"/>
<title><narrative>${esc(pick(texts))}</narrative></title>
<transaction><transaction-type code="3"/><transaction-date iso-date="2016-0${1 + (i % 9)}-15"/><value>${Math.floor(r() * 1e6)}.${String(Math.floor(r() * 100)).padStart(2, "0")}</value></transaction>
</iati-activity>`);
			continue;
		}
		const currency = pick(currencies);
		/** A decimal amount in the exponent of its currency (0, 2, 3), now and then negative. */
		const amount = (of: string) => {
			const exponent = of === "JPY" ? 0 : of === "KWD" ? 3 : 2;
			const minor = Math.floor(r() * 10 ** (5 + exponent)) * (r() < 0.1 ? -1 : 1);
			const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
			const text = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
			return minor < 0 ? `-${text}` : text;
		};
		const transactions = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, t) => {
			const stated = r() < 0.5 ? pick(currencies) : null;
			const value = amount(stated ?? currency);
			const valueDate = r() < 0.7 ? ` value-date="2017-0${1 + t}-01"` : "";
			return `<transaction${r() < 0.5 ? ` ref="${id}-t${t}"` : ""}>
<transaction-type code="${pick(["1", "2", "3", "4"])}"/>
<transaction-date iso-date="2017-0${1 + t}-1${t}"/>
<value${stated ? ` currency="${stated}"` : ""}${valueDate}>${value}</value>
${r() < 0.5 ? `<description><narrative>${esc(pick(texts))}</narrative><narrative xml:lang="fr">Décaissement n° ${t}</narrative></description>` : ""}
${r() < 0.6 ? `<provider-org ref="${org}" type="10" provider-activity-id="${id}"><narrative>${esc(pick(texts))}</narrative></provider-org>` : ""}
${r() < 0.6 ? `<receiver-org ref="XM-RCV-${t}"${r() < 0.5 ? ' type="21"' : ""}/>` : ""}
${r() < 0.4 ? `<sector vocabulary="1" code="1${Math.floor(r() * 9000) + 1000}"/><sector vocabulary="2" code="151"/>` : ""}
${r() < 0.3 ? `<recipient-country code="${pick(["KE", "NP", "BF"])}"/>` : r() < 0.3 ? `<recipient-region code="298" vocabulary="1"/>` : ""}
</transaction>`;
		});
		const pct = (n: number) => String(Math.round(n * 1000) / 1000);
		const share = r() * 100;
		activities.push(`<iati-activity xml:lang="${pick(["en", "fr"])}" default-currency="${currency}" last-updated-datetime="2018-0${1 + (i % 9)}-02T10:00:00Z"${r() < 0.5 ? ` humanitarian="${r() < 0.5 ? "1" : "0"}"` : ""}${r() < 0.5 ? ` hierarchy="${1 + Math.floor(r() * 3)}"` : ""}>
<iati-identifier>${id}</iati-identifier>
<reporting-org ref="${org}" type="10"><narrative>${esc(pick(texts))}</narrative><narrative xml:lang="es">Organización ${i}</narrative></reporting-org>
<title><narrative>${esc(pick(texts))} #${i}</narrative><narrative xml:lang="ar">نشاط ${i}</narrative></title>
<description type="1"><narrative>${esc(pick(texts))}&#13;and a carriage return</narrative></description>
${r() < 0.5 ? `<description type="2"><narrative xml:lang="fr">${esc(pick(texts))}</narrative></description>` : ""}
<participating-org ref="${org}" role="1" type="10"><narrative>Funder</narrative></participating-org>
<participating-org role="4"${r() < 0.5 ? ` activity-id="${id}-impl"` : ""}><narrative>${esc(pick(texts))}</narrative></participating-org>
<activity-status code="${1 + Math.floor(r() * 5)}"/>
<activity-date type="1" iso-date="2016-01-0${1 + (i % 9)}"/>
${r() < 0.5 ? `<activity-date type="3" iso-date="2020-12-31"/>` : ""}
<recipient-country code="KE" percentage="${pct(share)}"/>
<recipient-region code="289" vocabulary="1" percentage="${pct(100 - share)}"/>
<sector vocabulary="1" code="12220" percentage="66.667"/>
<sector vocabulary="1" code="14030" percentage="33.333"/>
${r() < 0.5 ? `<tag vocabulary="3" code="6.1"/>` : ""}
${r() < 0.5 ? `<policy-marker vocabulary="1" code="1" significance="${Math.floor(r() * 3)}"/>` : ""}
<collaboration-type code="1"/>
<default-flow-type code="10"/>
<default-finance-type code="110"/>
<default-aid-type code="C01" vocabulary="1"/>
<default-tied-status code="5"/>
${transactions.join("\n")}
</iati-activity>`);
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2019-01-01T00:00:00Z">
${activities.join("\n")}
</iati-activities>
`;
}

/** A 1.05 file: codes the reader maps to 2.0x (letters, names), elements without narratives. */
const legacyFile = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="1.05">
<iati-activity default-currency="EUR" xml:lang="en">
<iati-identifier>XM-OLD-1</iati-identifier>
<reporting-org ref="XM-OLD" type="10">Old Ministry</reporting-org>
<title>Old &amp; venerable project</title>
<participating-org role="Funding" ref="XM-OLD">Old Ministry</participating-org>
<activity-date type="start-actual" iso-date="2009-02-01"/>
<sector vocabulary="DAC" code="11220" percentage="100"/>
<transaction><transaction-type code="D"/><value value-date="2010-01-01">1500.5</value><transaction-date iso-date="2010-01-05"/></transaction>
</iati-activity>
</iati-activities>
`;

// ------------------------------------------------------------ helpers

async function loadAll(repo: IatiRepository): Promise<Map<string, IatiActivity>> {
	const out = new Map<string, IatiActivity>();
	for await (const a of repo.all()) out.set(a.iati_identifier, a);
	return out;
}

/** Imports `xml` into a new, empty database of the dialect and loads every activity back. */
async function reimport(
	ctx: TestContext,
	dir: string,
	xml: string,
): Promise<Map<string, IatiActivity>> {
	const file = join(dir, `export-${Date.now()}-${Math.random()}.xml`);
	writeFileSync(file, xml);
	const fresh = await createMigratedDatabase(ctx.dialect);
	try {
		await createServices(fresh.database).reference.ensureLoaded();
		const r = await new ImportService(fresh.database).importFiles([file], cliActor);
		assert.deepEqual(r.failed, []);
		assert.deepEqual(r.rejected, [], "the exported file imports without a rejection");
		return await loadAll(new IatiRepository(fresh.database.db));
	} finally {
		await fresh.drop();
	}
}

const withoutVersion = ({ version: _, ...rest }: IatiActivity) => rest;

// ------------------------------------------------------------ the suites

describeEachDialect(
	"IATI export: import, export, import gives the same activities",
	(ctx) => {
		let dir: string;
		let before_: Map<string, IatiActivity>;
		let exported: string;

		before(async () => {
			dir = mkdtempSync(join(tmpdir(), "iif-iati-export-"));
			const generated = join(dir, "generated.xml");
			writeFileSync(generated, generatedFile(60, 20240601));
			const legacy = join(dir, "legacy.xml");
			writeFileSync(legacy, legacyFile);
			const r = await new ImportService(ctx().services.database).importFiles(
				[annotated, generated, legacy],
				cliActor,
			);
			assert.deepEqual(r.failed, []);
			assert.deepEqual(r.rejected, []);
			assert.equal(r.activities, 1 + 60 + 1);
			before_ = await loadAll(new IatiRepository(ctx().services.database.db));
			const res = await ctx().app.inject({ method: "GET", url: "/api/v1/export/iati.xml" });
			assert.equal(res.statusCode, 200, res.body);
			assert.equal(res.headers["content-type"], "application/xml; charset=utf-8");
			exported = res.body;
		});
		after(() => rmSync(dir, { recursive: true, force: true }));

		test("the export holds every activity, as IATI 2.03", () => {
			assert.match(
				exported,
				/^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03" generated-datetime="[^"]+Z">/,
			);
			assert.equal(exported.match(/<iati-activity[ >]/g)?.length, before_.size);
			assert.ok(before_.size >= 62);
			// The sparse records lack what the XSD requires: the writer's stand-ins are exercised.
			const sparse = before_.get("XM-GEN-20240601-7") as IatiActivity;
			assert.equal(sparse.activity_status, null);
			assert.equal(sparse.reporting_org.type, null);
			assert.deepEqual(
				[sparse.descriptions, sparse.participating_orgs, sparse.activity_dates],
				[[], [], []],
			);
			assert.match(exported, /<activity-status code=""\/>/);
		});

		test("the export is valid against IATI's activity XSD", { skip: xmllintSkipReason() }, () => {
			const verdict = validateXml(exported, activitiesXsd);
			assert.ok(verdict.ok, verdict.messages.slice(0, 4000));
		});

		test("importing the export into a fresh database gives the same activities", async () => {
			const again = await reimport(ctx(), dir, exported);
			assert.deepEqual([...again.keys()].sort(), [...before_.keys()].sort());
			for (const [id, a] of before_) {
				const b = again.get(id) as IatiActivity;
				// A 1.0x activity is written (and so read back) as 2.03: the one field that changes.
				if (a.version !== "2.03") {
					assert.equal(b.version, "2.03", id);
					assert.deepEqual(withoutVersion(b), withoutVersion(a), id);
				} else assert.deepEqual(b, a, id);
			}
			// The annotated example, field by field where it is richest.
			const example = again.get("AA-AAA-123456789-ABC123") as IatiActivity;
			assert.equal(example.title.length, 3);
			assert.equal(example.humanitarian, true);
			assert.deepEqual(
				example.transactions.map((t) => [t.currency, t.value_minor, t.value_date]),
				[["AUD", 100000, "1995-01-01"]],
			);
		});

		test("a second round gives the same bytes but for the generated date", async () => {
			const again = await ctx().app.inject({ method: "GET", url: "/api/v1/export/iati.xml" });
			const strip = (s: string) => s.replace(/generated-datetime="[^"]+"/, "");
			assert.equal(strip(again.body), strip(exported));
			// Compressed for those who ask, as every answer worth it is.
			const gz = await ctx().app.inject({
				method: "GET",
				url: "/api/v1/export/iati.xml",
				headers: { "accept-encoding": "gzip" },
			});
			assert.equal(gz.headers["content-encoding"], "gzip");
			assert.equal(strip(gunzipSync(gz.rawPayload).toString("utf8")), strip(exported));
		});

		test("reporting_org filters; commitment filters by accepted links", async () => {
			const one = await ctx().get("/api/v1/export/iati.xml?reporting_org=XM-OLD");
			assert.equal(one.status, 200);
			assert.equal(String(one.body).match(/<iati-activity[ >]/g)?.length, 1);
			assert.match(String(one.body), /<iati-identifier>XM-OLD-1<\/iati-identifier>/);
			const two = await ctx().get("/api/v1/export/iati.xml?reporting_org=XM-OLD,AA-AAA-123456789");
			assert.equal(String(two.body).match(/<iati-activity[ >]/g)?.length, 2);

			const slug = "millennium-declaration-2000-poverty-hunger-water";
			const none = await ctx().get(`/api/v1/export/iati.xml?commitment=${slug}`);
			assert.equal(none.status, 200);
			assert.equal(String(none.body).match(/<iati-activity[ >]/g), null);
			await ctx().services.links.link(slug, { activity: "XM-OLD-1", share: 50 }, cliActor);
			const linked = await ctx().get(`/api/v1/export/iati.xml?commitment=${slug}`);
			assert.equal(String(linked.body).match(/<iati-activity[ >]/g)?.length, 1);
			assert.match(String(linked.body), /XM-OLD-1/);
			const filteredOut = await ctx().get(
				`/api/v1/export/iati.xml?commitment=${slug}&reporting_org=GB-GOV-1`,
			);
			assert.equal(String(filteredOut.body).match(/<iati-activity[ >]/g), null);
		});

		test("bad filters are refused before any XML is sent", async () => {
			const missing = await ctx().get("/api/v1/export/iati.xml?commitment=no-such-commitment");
			assert.equal(missing.status, 404);
			assert.equal(missing.headers["content-type"], "application/problem+json; charset=utf-8");
			const bad = await ctx().get("/api/v1/export/iati.xml?commitment=Not%20A%20Slug");
			assert.equal(bad.status, 400);
			const unknown = await ctx().get("/api/v1/export/iati.xml?format=json");
			assert.equal(unknown.status, 400);
		});

		test("iif export iati --out writes the same document", async () => {
			const file = join(dir, "cli.xml");
			const env = { IIF_DATABASE_URL: ctx().db.url, IIF_DEMO: "off" };
			const r = await runIif(["export", "iati", "--out", file], env);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, new RegExp(`${before_.size} activities written to`));
			const strip = (s: string) => s.replace(/generated-datetime="[^"]+"/, "");
			assert.equal(strip(readFileSync(file, "utf8")), strip(exported));
			const toStdout = await runIif(["export", "iati", "--reporting-org", "XM-OLD"], env);
			assert.equal(toStdout.code, 0, toStdout.stderr);
			assert.match(toStdout.stdout, /^<\?xml/);
			assert.equal(toStdout.stdout.match(/<iati-activity[ >]/g)?.length, 1);
			const usage = await runIif(["export", "nonsense"], env);
			assert.equal(usage.code, 2);
			assert.match(usage.stderr, /iif export iati/);
			const nowhere = await runIif(
				["export", "iati", "--out", join(dir, "no/such/dir/x.xml")],
				env,
			);
			assert.equal(nowhere.code, 2);
			assert.match(nowhere.stderr, /cannot write/);
		});
	},
	{ demo: true },
);
