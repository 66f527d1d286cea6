/** iif audit verify: walks the hash chain; exit 0 when intact, 1 at the first broken link. */
import { parseArgs } from "node:util";
import { openMigrated } from "./context.ts";

export async function auditCommand(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	parseArgs({ args: rest, options: {}, strict: true });
	if (sub !== "verify") {
		console.error("usage: iif audit verify");
		return 2;
	}
	const { database, services } = await openMigrated();
	try {
		const verdict = await services.audit.verify();
		if (verdict.intact) {
			console.log(`audit log intact: ${verdict.events} events, every link holds`);
			return 0;
		}
		console.error(
			`audit log BROKEN at event ${verdict.brokenAt}: ${verdict.reason} (${verdict.events} events before it verified)`,
		);
		return 1;
	} finally {
		await database.close();
	}
}
