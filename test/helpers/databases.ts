/**
 * A fresh, real database per test file, for each dialect: a SQLite file in a temporary
 * folder, and a new PostgreSQL database on the server of IIF_TEST_PG_URL. Without that
 * variable the PostgreSQL suites skip, unless IIF_TEST_REQUIRE_ALL=1 (CI), where they fail.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, type DialectName, openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";

export const pgAdminUrl = process.env.IIF_TEST_PG_URL;
export const requireAll = process.env.IIF_TEST_REQUIRE_ALL === "1";

export const dialects: DialectName[] = ["sqlite", "postgres"];

/** Why a dialect's suite cannot run here, or null when it can. Under IIF_TEST_REQUIRE_ALL nothing may skip. */
export function skipReason(dialect: DialectName): string | false {
	if (dialect === "postgres" && !pgAdminUrl) {
		if (requireAll)
			throw new Error(
				"IIF_TEST_REQUIRE_ALL=1 but IIF_TEST_PG_URL is not set: the PostgreSQL suites cannot run",
			);
		return "IIF_TEST_PG_URL is not set";
	}
	return false;
}

export interface TestDatabase {
	database: Database;
	/** The URL the application would be given (IIF_DATABASE_URL) for this database. */
	url: string;
	drop(): Promise<void>;
}

/**
 * A SQLite file in a new temporary folder, removed with the folder on drop. `from` is a
 * database file to start from (a copy of it), otherwise the file starts empty.
 */
export function sqliteTestDatabase(from?: string): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), "iif-test-"));
	const url = join(dir, "iif.db");
	if (from) copyFileSync(from, url);
	const database = openDatabase(url);
	return {
		database,
		url,
		drop: async () => {
			await database.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
	if (dialect === "sqlite") return sqliteTestDatabase();
	if (!pgAdminUrl) throw new Error("IIF_TEST_PG_URL is not set");
	const name = `iif_test_${process.pid}_${randomBytes(4).toString("hex")}`;
	const admin = new pg.Client({ connectionString: pgAdminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(pgAdminUrl);
	url.pathname = `/${name}`;
	const database = openDatabase(url.toString());
	return {
		database,
		url: url.toString(),
		drop: async () => {
			await withTimeout(database.close(), 10_000, "closing the test pool");
			// A leftover test database is harmless (its name is unique); a failed or stuck drop
			// must neither fail nor hang the suite, so it is reported and let go.
			const c = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 10_000 });
			try {
				await c.connect();
				await withTimeout(
					c
						.query(`drop database if exists ${name} with (force)`)
						.catch(() => c.query(`drop database if exists ${name}`)),
					20_000,
					`dropping ${name}`,
				);
			} catch (e) {
				console.warn(`test database ${name} left behind: ${(e as Error).message}`);
			} finally {
				await c.end().catch(() => {});
			}
		},
	};
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
	});
	return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function createMigratedDatabase(dialect: DialectName): Promise<TestDatabase> {
	const t = await createTestDatabase(dialect);
	await migrateToLatest(t.database.db);
	return t;
}
