/**
 * iif audit verify [--expect HASH:COUNT]: walks the hash chain; exit 0 when intact, 1 at
 * the first broken link. It prints the tail's anchor (HASH:COUNT); given one kept from
 * before, it also fails when that event is gone or changed: events cut off the end leave
 * a chain that still links up, which only an anchor kept elsewhere can show.
 */
import { parseArgs } from "node:util";
import { formatAnchor, parseAnchor } from "../modules/audit/audit.service.ts";
import { openMigrated } from "./context.ts";

export async function auditCommand(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	const { values } = parseArgs({
		args: rest,
		options: { expect: { type: "string" } },
		strict: true,
	});
	if (sub !== "verify") {
		console.error("usage: iif audit verify [--expect HASH:COUNT]");
		return 2;
	}
	// Checked before the database is opened: a typo is named, not taken for a failed check.
	const expected = values.expect === undefined ? null : parseAnchor(values.expect);
	const { database, services } = await openMigrated();
	try {
		const verdict = await services.audit.verify();
		if (!verdict.intact) {
			console.error(
				`audit log BROKEN at event ${verdict.brokenAt}: ${verdict.reason} (${verdict.events} events before it verified)`,
			);
			return 1;
		}
		console.log(`audit log intact: ${verdict.events} events, every link holds`);
		console.log(`anchor: ${formatAnchor(verdict)}`);
		if (!expected) return 0;
		const anchored = await services.audit.holds(verdict, expected);
		if (!anchored.holds) {
			console.error(
				`audit log does NOT hold the anchor ${formatAnchor(expected)}: ${anchored.reason}`,
			);
			return 1;
		}
		console.log(
			`anchor ${formatAnchor(expected)} holds: event ${expected.events} is unchanged, ${anchored.since} events written since`,
		);
		return 0;
	} finally {
		await database.close();
	}
}
