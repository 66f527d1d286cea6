/** What /healthz reports: the database answers, which dialect it is, and where the schema stands. */
import type { Database } from "../../db/database.ts";
import { type MigrationState, migrationState } from "../../db/migrate.ts";
import { HealthRepository } from "./health.repository.ts";

export interface Health {
	status: "ok" | "migrations_pending";
	database: { dialect: Database["dialect"]; migrations: MigrationState };
}

export class HealthService {
	constructor(private readonly database: Database) {}

	async check(): Promise<Health> {
		await new HealthRepository(this.database.db).ping();
		const migrations = await migrationState(this.database.db);
		return {
			status: migrations.pending === 0 ? "ok" : "migrations_pending",
			database: { dialect: this.database.dialect, migrations },
		};
	}
}
