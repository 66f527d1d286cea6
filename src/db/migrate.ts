/** Applies the migrations and reports where the schema stands. */
import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import { AppError } from "../lib/errors.ts";
import { migrations } from "./migrations/index.ts";
import type { Tables } from "./tables.ts";

function migrator(db: Kysely<Tables>): Migrator {
	return new Migrator({
		db: db as Kysely<unknown>,
		provider: { getMigrations: async () => migrations },
	});
}

export async function migrateToLatest(db: Kysely<Tables>): Promise<string[]> {
	const result: MigrationResultSet = await migrator(db).migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
		throw new AppError("internal", `migration ${failed} failed: ${String(result.error)}`, {
			cause: result.error,
		});
	}
	return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export interface MigrationState {
	applied: number;
	pending: number;
	latest: string | null;
}

export async function migrationState(db: Kysely<Tables>): Promise<MigrationState> {
	const all = await migrator(db).getMigrations();
	const applied = all.filter((m) => m.executedAt !== undefined);
	return {
		applied: applied.length,
		pending: all.length - applied.length,
		latest: applied.at(-1)?.name ?? null,
	};
}
