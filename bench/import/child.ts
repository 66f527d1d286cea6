/**
 * One measured run of the import benchmark, in a process of its own so that its peak
 * memory is its own: `raw <file>` parses the file with saxes alone; `import <file> <db>`
 * imports it with the real import (worker thread and all) into a migrated database.
 * Prints one line of JSON.
 */
import { createReadStream } from "node:fs";
import { SaxesParser } from "saxes";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";

const [mode, file, url] = process.argv.slice(2);
if (!file || (mode !== "raw" && mode !== "import")) {
	console.error("usage: child.ts raw <file> | import <file> <database-url>");
	process.exit(2);
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * The baseline: saxes reading the same file in the same chunks, with position tracking
 * (which the import needs for its error messages) and a handler that counts activities:
 * the tokenizer's own speed, with no work done on what it finds.
 */
async function raw(path: string) {
	const parser = new SaxesParser({ xmlns: false, position: true });
	let activities = 0;
	parser.on("opentag", (tag) => {
		if (tag.name === "iati-activity") activities++;
	});
	const decoder = new TextDecoder("utf-8", { fatal: true });
	const start = performance.now();
	for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }))
		parser.write(decoder.decode(chunk as Buffer, { stream: true }));
	parser.close();
	return { seconds: (performance.now() - start) / 1000, activities, transactions: null };
}

async function importInto(path: string, databaseUrl: string) {
	const database = openDatabase(databaseUrl);
	try {
		await migrateToLatest(database.db);
		const start = performance.now();
		const r = await new ImportService(database).importFiles([path], cliActor);
		const seconds = (performance.now() - start) / 1000;
		if (r.failed.length) throw new Error(r.failed.map((f) => f.message).join("; "));
		return { seconds, activities: r.activities, transactions: r.transactions };
	} finally {
		await database.close();
	}
}

const cpuBefore = process.cpuUsage();
const result = mode === "raw" ? await raw(file) : await importInto(file, url ?? "");
// The process's CPU time over all its threads (the import's worker and main thread):
// what the run costs, whatever the cores it was spread over. PostgreSQL's own is apart.
const cpu = process.cpuUsage(cpuBefore);
console.log(
	JSON.stringify({
		...result,
		cpu_seconds: (cpu.user + cpu.system) / 1e6,
		peak_rss_mb: peakRssMb(),
	}),
);
