/**
 * iif export all --out DIR: writes DIR/iif-dump-YYYY-MM-DD/, a complete dump of the public
 * registry (CSV and JSON per kind of record, and a README of every column), for
 * researchers and mirrors. `extras` are further files other exports contribute (the IATI
 * activities as XML).
 */
import { parseArgs } from "node:util";
import { type DumpExtra, writeDump } from "../modules/export/export.dump.ts";
import type { Services } from "../server/services.ts";
import { openMigrated } from "./context.ts";

export const exportAllUsage = "usage: iif export all --out DIR";

export async function exportAllCommand(
	args: string[],
	extras: (services: Services) => DumpExtra[] = () => [],
): Promise<number> {
	const { values } = parseArgs({ args, options: { out: { type: "string" } }, strict: true });
	if (!values.out) {
		console.error(exportAllUsage);
		return 2;
	}
	const { database, services } = await openMigrated();
	try {
		const r = await writeDump(services, values.out, { extras: extras(services) });
		const counted = r.files.filter((f) => f.rows !== null && f.name.endsWith(".csv"));
		console.log(
			`dump written to ${r.dir}: ${counted.map((f) => `${f.rows} ${f.name.replace(/\.csv$/, "")}`).join(", ")}`,
		);
		return 0;
	} finally {
		await database.close();
	}
}
