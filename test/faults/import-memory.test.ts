/**
 * Issue 17, item 5: a file that exhausts the import worker's memory fails alone. It is
 * reported failed, named, with the reason; the files after it are still imported and the
 * summary counts them. The worker's heap is made small here (the option behind
 * IIF_IMPORT_WORKER_MEMORY_MB) and the file holds one activity too large for it.
 */
import assert from "node:assert/strict";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { IatiRepository } from "../../src/modules/activities/iati.repository.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { describeEachDialect } from "../helpers/app.ts";

const work = mkdtempSync(join(tmpdir(), "iif-memory-"));
after(() => rmSync(work, { recursive: true, force: true }));

const head = `<?xml version="1.0"?>\n<iati-activities version="2.03">`;
const activity = (id: string, transactions: string) => `
 <iati-activity default-currency="USD" last-updated-datetime="2021-01-01T00:00:00Z">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="GB-GOV-1" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>Activity ${id}</narrative></title>
  ${transactions}
 </iati-activity>`;
const transaction = (i: number) =>
	`<transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-01"/><value value-date="2020-05-01">${1000 + i}</value><description><narrative>Disbursement number ${i} of a very long list</narrative></description></transaction>\n`;

function small(name: string, id: string): string {
	const path = join(work, name);
	writeFileSync(path, `${head}${activity(id, transaction(1))}\n</iati-activities>\n`);
	return path;
}

/** One activity with so many transactions that the reader cannot hold it in a small heap. */
async function huge(name: string): Promise<string> {
	const path = join(work, name);
	const out = createWriteStream(path);
	out.write(
		`${head}\n <iati-activity default-currency="USD">\n  <iati-identifier>XM-HUGE</iati-identifier>\n  <reporting-org ref="GB-GOV-1" type="10"><narrative>Reporter</narrative></reporting-org>\n`,
	);
	for (let i = 0; i < 100_000; i++)
		if (!out.write(transaction(i))) await new Promise<void>((r) => out.once("drain", () => r()));
	out.end(" </iati-activity>\n</iati-activities>\n");
	await new Promise<void>((r) => out.on("finish", () => r()));
	return path;
}

describeEachDialect(
	"an import file too large for the worker's memory",
	(ctx) => {
		it("is reported failed, named, and the next files are imported", async () => {
			const files = [small("a.xml", "XM-BEFORE"), await huge("b.xml"), small("c.xml", "XM-AFTER")];
			const r = await new ImportService(ctx().db.database, {
				worker: true,
				workerMemoryMb: 32,
			}).importFiles(files, cliActor);
			assert.equal(r.files, 2);
			assert.equal(r.activities, 2);
			assert.equal(r.failed.length, 1);
			assert.equal(r.failed[0]?.file, files[1]);
			assert.ok(r.failed[0]?.message.startsWith(`${files[1]}: `), r.failed[0]?.message);
			assert.match(r.failed[0]?.message ?? "", /more memory than the import worker has \(32 MB\)/);
			const repo = new IatiRepository(ctx().db.database.db);
			assert.ok(await repo.load("XM-BEFORE"));
			assert.ok(await repo.load("XM-AFTER"));
			assert.equal(await repo.load("XM-HUGE"), null, "the failed file changed nothing");
		});
	},
	{ demo: false },
);
