/** iif migrate: applies pending migrations and says which. */
import { parseArgs } from "node:util";
import { openMigrated } from "./context.ts";

export async function migrateCommand(args: string[]): Promise<number> {
	parseArgs({ args, options: {}, strict: true });
	const { database, applied } = await openMigrated();
	await database.close();
	console.log(
		applied.length
			? `applied ${applied.join(", ")} on ${database.dialect} (${database.location})`
			: `nothing to apply: ${database.dialect} (${database.location}) is current`,
	);
	return 0;
}
