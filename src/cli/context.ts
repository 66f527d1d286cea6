/** What every command starts from: the database of IIF_DATABASE_URL, migrated, and its services. */
import { type Database, openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { createServices, type Services } from "../server/services.ts";

export async function openMigrated(): Promise<{
	database: Database;
	services: Services;
	applied: string[];
}> {
	const database = openDatabase();
	try {
		const applied = await migrateToLatest(database.db);
		return { database, services: createServices(database), applied };
	} catch (e) {
		await database.close();
		throw e;
	}
}
