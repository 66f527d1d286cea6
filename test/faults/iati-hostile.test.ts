/**
 * Issue 13, part 3: IATI files that attack the parser. External entities (XXE), entity
 * expansion ("billion laughs"), 10,000-deep nesting, a 100 MB attribute or text, a record
 * in another namespace: each fails with a clear error naming file, line and column, in a
 * worker whose heap is far smaller than the file (memory stays flat), and nothing of the
 * file is written, not even the good activity before the attack. A byte-order mark, and a
 * file mixing IATI 1.0x and 2.0x forms, are read as what they are.
 */
import assert from "node:assert/strict";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { readLimits } from "../../src/interchange/iati/reader.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { IatiRepository } from "../../src/modules/activities/iati.repository.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { runIif } from "../helpers/cli.ts";
import { recordTables, rowCounts } from "../helpers/rows.ts";

const work = mkdtempSync(join(tmpdir(), "iif-iati-hostile-"));
after(() => rmSync(work, { recursive: true, force: true }));

const good = (id: string, title = "Clean water") => `
 <iati-activity default-currency="USD" last-updated-datetime="2021-01-01T00:00:00Z">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-HOSTILE" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>${title}</narrative></title>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-01"/><value value-date="2020-05-01">1000</value></transaction>
 </iati-activity>`;
const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
const root = (body: string, attrs = 'version="2.03"') =>
	`<iati-activities ${attrs}>${good("XM-HOSTILE-FIRST")}\n${body}\n</iati-activities>\n`;

/** Each attack: the file's text, and what the error must say. Every file starts with a good activity. */
const attacks: Record<string, { xml: string; reason: RegExp }> = {
	"external entity (XXE)": {
		xml: `${head}<!DOCTYPE iati-activities [\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n${root(
			good("XM-HOSTILE-XXE", "&xxe;"),
		)}`,
		reason: /the DOCTYPE declares entities: entity declarations are not read/,
	},
	"external parameter entity": {
		xml: `${head}<!DOCTYPE iati-activities [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>\n${root("")}`,
		reason: /the DOCTYPE declares entities/,
	},
	"entity from an external DTD": {
		xml: `${head}<!DOCTYPE iati-activities SYSTEM "file:///etc/passwd">\n${root(good("XM-HOSTILE-DTD", "&passwd;"))}`,
		reason: /an undefined entity: only &amp; &lt; &gt; &quot; &apos; and character references/,
	},
	"entity expansion (billion laughs)": {
		xml: `${head}<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from(
			{ length: 9 },
			(_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
		).join("\n")}\n]>\n${root(good("XM-HOSTILE-LOL", "&lol9;"))}`,
		reason: /the DOCTYPE declares entities/,
	},
	"10,000-deep nesting": {
		xml: `${head}${root(
			`<iati-activity><iati-identifier>XM-HOSTILE-DEEP</iati-identifier>${"<result>".repeat(10_000)}${"</result>".repeat(10_000)}</iati-activity>`,
		)}`,
		reason: new RegExp(`nested more than ${readLimits.depth} levels deep`),
	},
	"a record in another namespace": {
		xml: `${head}${root(
			`<iati-activity xmlns="urn:example:other"><iati-identifier>XM-HOSTILE-NS</iati-identifier><reporting-org ref="XM-HOSTILE"/></iati-activity>`,
		)}`,
		reason: /the element <iati-activity> is in the namespace 'urn:example:other'/,
	},
	"a root in the IATI schema's namespace": {
		xml: `${head}<iati-activities version="2.03" xmlns="http://iatistandard.org/2.03">${good("XM-HOSTILE-FIRST")}</iati-activities>`,
		reason: /the root element <iati-activities> is in the namespace/,
	},
};

/** A file of about 100 MB, written a megabyte at a time: head, then `blocks` x `block`, then tail. */
async function bigFile(name: string, start: string, block: string, end: string): Promise<string> {
	const path = join(work, name);
	const out = createWriteStream(path);
	out.write(start);
	for (let i = 0; i < 100; i++)
		if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
	out.end(end);
	await new Promise<void>((r) => out.on("finish", () => r()));
	return path;
}

const megabyte = "A".repeat(1024 * 1024);
let big: { path: string; reason: RegExp; name: string }[] = [];
before(async () => {
	big = [
		{
			name: "a 100 MB attribute",
			path: await bigFile(
				"attribute.xml",
				`${head}<iati-activities version="2.03">${good("XM-HOSTILE-FIRST")}\n <iati-activity default-currency="USD" last-updated-datetime="`,
				megabyte,
				`"><iati-identifier>XM-HOSTILE-BIG</iati-identifier></iati-activity></iati-activities>\n`,
			),
			reason: /an attribute value, a text, a comment or a name runs past 4 MB/,
		},
		{
			// Cut by comments, saxes hands the text over a megabyte at a time: the reader's own join is bounded too.
			name: "a 100 MB narrative in pieces",
			path: await bigFile(
				"narrative.xml",
				`${head}<iati-activities version="2.03">${good("XM-HOSTILE-FIRST")}\n <iati-activity><iati-identifier>XM-HOSTILE-BIG</iati-identifier><title><narrative>`,
				`${megabyte}<!-- -->`,
				"</narrative></title></iati-activity></iati-activities>\n",
			),
			reason: /the text of <narrative> runs past 4 MB/,
		},
	];
});

/** Every table's row count: a failed file leaves them all as they were. */
async function state(ctx: TestContext) {
	return rowCounts(ctx, await recordTables(ctx));
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describeEachDialect(
	"IATI files that attack the parser",
	(ctx) => {
		it("fails each attack with file, line and column, writing nothing of the file", async () => {
			const repo = new IatiRepository(ctx().db.database.db);
			const before = await state(ctx());
			for (const [name, { xml, reason }] of Object.entries(attacks)) {
				const path = join(work, `${ctx().dialect}-${name.replace(/\W+/g, "-")}.xml`);
				writeFileSync(path, xml);
				const r = await new ImportService(ctx().db.database, { worker: false }).importFiles(
					[path],
					cliActor,
				);
				assert.equal(r.failed.length, 1, `${name}: ${JSON.stringify(r)}`);
				const message = r.failed[0]?.message ?? "";
				assert.match(message, new RegExp(`^${escaped(path)}, line \\d+, column \\d+: `), name);
				assert.match(message, reason, name);
				assert.doesNotMatch(message, /root:|lollol/, `${name}: nothing of the entity's target`);
				assert.equal(r.activities, 0, name);
			}
			assert.equal(
				await repo.load("XM-HOSTILE-FIRST"),
				null,
				"the good activity before each attack",
			);
			assert.deepEqual(await state(ctx()), before);
		});

		it("fails a 100 MB attribute or text clearly in a worker of 48 MB: memory stays flat", async () => {
			const before = await state(ctx());
			for (const { name, path, reason } of big) {
				const started = Date.now();
				const r = await new ImportService(ctx().db.database, {
					worker: true,
					workerMemoryMb: 48,
				}).importFiles([path], cliActor);
				assert.equal(r.failed.length, 1, `${name}: ${JSON.stringify(r)}`);
				const message = r.failed[0]?.message ?? "";
				// Not "more memory than the import worker has": the reader stopped at the limit.
				assert.match(message, new RegExp(`^${escaped(path)}, line 9, column \\d+: `), message);
				assert.match(message, reason, name);
				// It stops at the limit instead of reading on: far less time than reading 100 MB.
				assert.ok(Date.now() - started < 20_000, `${name}: ${Date.now() - started} ms`);
			}
			assert.deepEqual(await state(ctx()), before);
		});

		it("says the same through `iif import iati`, exit 1", async () => {
			const path = join(work, `${ctx().dialect}-cli-xxe.xml`);
			writeFileSync(path, attacks["external entity (XXE)"]?.xml ?? "");
			const before = await state(ctx());
			const r = await runIif(["import", "iati", path], { IIF_DATABASE_URL: ctx().db.url });
			assert.equal(r.code, 1, r.stderr);
			assert.match(
				r.stderr,
				new RegExp(`${escaped(path)}, line 4, column \\d+: the DOCTYPE declares entities`),
			);
			assert.deepEqual(await state(ctx()), before);
		});

		it("rejects an identifier too long to be looked up, and every activity it imports can be fetched by its identifier", async () => {
			// A 253-character identifier was imported, and then answered 400 at its own address
			// (the router takes path parts up to 200 characters): stored, but out of reach.
			const ids = [
				`XM-${"A".repeat(197)}`,
				"XM-A/B/../C?d=1#e",
				"XM-é-😀 <x>",
				`XM-${"B".repeat(250)}`,
				`XM-${"C".repeat(5000)}`,
			];
			const path = join(work, `${ctx().dialect}-identifiers.xml`);
			const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
			writeFileSync(
				path,
				`${head}<iati-activities version="2.03">${ids.map((id) => good(esc(id))).join("")}</iati-activities>\n`,
			);
			const r = await new ImportService(ctx().db.database).importFiles([path], cliActor);
			assert.deepEqual(r.failed, []);
			assert.equal(r.activities, 3, JSON.stringify(r.rejected).slice(0, 500));
			assert.deepEqual(
				r.rejected.map((x) => x.reason.replace(/ \(.*, line \d+\)$/, "")),
				[
					"iati-identifier is 253 characters long: at most 200 can be stored and looked up",
					"iati-identifier is 5003 characters long: at most 200 can be stored and looked up",
				],
			);
			assert.ok(
				r.rejected.every((x) => (x.identifier?.length ?? 0) <= 201),
				"named, cut short",
			);
			for (const id of ids.slice(0, 3)) {
				const api = await ctx().get(`/api/v1/activities/${encodeURIComponent(id)}`);
				assert.equal(
					api.status,
					200,
					`${id.slice(0, 30)}: ${JSON.stringify(api.body).slice(0, 200)}`,
				);
				assert.equal(api.body.iati_identifier, id);
				const page = await ctx().app.inject({
					method: "GET",
					url: `/en/activities/${encodeURIComponent(id)}`,
					headers: { accept: "text/html" },
				});
				assert.equal(page.statusCode, 200, id.slice(0, 30));
			}
		});

		it("reads files with a byte-order mark (UTF-8, UTF-16 either way) as their text", async () => {
			const title = "Éducation – 教育 – تعليم";
			const text = (id: string, encoding: string) =>
				`<?xml version="1.0" encoding="${encoding}"?>\n<iati-activities version="2.03">${good(id, title)}</iati-activities>\n`;
			const utf16be = (s: string) => {
				const b = Buffer.from(s, "utf16le");
				for (let i = 0; i < b.length; i += 2)
					[b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
				return b;
			};
			const files: [string, Buffer][] = [
				[
					"XM-BOM-UTF8",
					Buffer.concat([
						Buffer.from([0xef, 0xbb, 0xbf]),
						Buffer.from(text("XM-BOM-UTF8", "UTF-8")),
					]),
				],
				[
					"XM-BOM-UTF16LE",
					Buffer.concat([
						Buffer.from([0xff, 0xfe]),
						Buffer.from(text("XM-BOM-UTF16LE", "UTF-16"), "utf16le"),
					]),
				],
				[
					"XM-BOM-UTF16BE",
					Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text("XM-BOM-UTF16BE", "UTF-16"))]),
				],
			];
			const repo = new IatiRepository(ctx().db.database.db);
			for (const [id, bytes] of files) {
				const path = join(work, `${ctx().dialect}-${id}.xml`);
				writeFileSync(path, bytes);
				const r = await new ImportService(ctx().db.database).importFiles([path], cliActor);
				assert.deepEqual(r.failed, [], id);
				assert.equal(r.activities, 1, id);
				const stored = await repo.load(id);
				assert.equal(stored?.title[0]?.text, title, id);
			}
		});

		it("reads a file mixing IATI 1.0x and 2.0x forms as the activity it describes", async () => {
			// A 2.03 file with 1.0x forms (text in the element, letter codes), and a 1.05 file
			// with 2.0x forms (narratives, number codes): both read as the same activity.
			const activity = (id: string, old: boolean) => `
 <iati-activity default-currency="USD">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-MIXED" type="10">${old ? "Mixed reporter" : "<narrative>Mixed reporter</narrative>"}</reporting-org>
  <title>${old ? "Mixed title" : "<narrative>Mixed title</narrative>"}</title>
  <participating-org ref="XM-MIXED" role="${old ? "Funding" : "1"}"/>
  <transaction><transaction-type code="${old ? "D" : "3"}"/><transaction-date iso-date="2020-05-01"/><value>250</value></transaction>
 </iati-activity>`;
			const repo = new IatiRepository(ctx().db.database.db);
			for (const [id, version, old] of [
				["XM-MIXED-1", "2.03", true],
				["XM-MIXED-2", "1.05", false],
			] as const) {
				const path = join(work, `${ctx().dialect}-${id}.xml`);
				writeFileSync(
					path,
					`${head}<iati-activities version="${version}">${activity(id, old)}</iati-activities>\n`,
				);
				const r = await new ImportService(ctx().db.database).importFiles([path], cliActor);
				assert.deepEqual(r.failed, [], id);
				assert.equal(r.activities, 1, `${id}: ${JSON.stringify(r.rejected)}`);
				const a = await repo.load(id);
				assert.equal(a?.title[0]?.text, "Mixed title", id);
				assert.equal(a?.reporting_org.narratives[0]?.text, "Mixed reporter", id);
				assert.equal(a?.participating_orgs[0]?.role, "1", id);
				assert.deepEqual(
					a?.transactions.map((t) => [t.transaction_type, t.value_minor]),
					[["3", 25000]],
					id,
				);
			}
		});
	},
	{ demo: false },
);
