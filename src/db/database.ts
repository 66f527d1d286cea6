/**
 * Opens the database named by IIF_DATABASE_URL: postgres://... selects PostgreSQL,
 * anything else (or nothing) is a SQLite file, ./data/iif.db by default.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import { ImmediateSqliteDialect } from "./sqlite.driver.ts";
import type { Tables } from "./tables.ts";

export type DialectName = "sqlite" | "postgres";

export interface Database {
	db: Kysely<Tables>;
	dialect: DialectName;
	/** Where it lives, with any password removed: for logs and /healthz. */
	location: string;
	close(): Promise<void>;
}

export const defaultSqlitePath = "./data/iif.db";

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

export interface OpenOptions {
	/**
	 * SQLite: how long a write waits for another connection's lock (an import, another
	 * process) before it fails, and the request is answered 503. Short, so that a client
	 * hears "try again" quickly rather than hanging; IIF_SQLITE_BUSY_WAIT_MS, 2 s by default.
	 */
	busyWaitMs?: number;
	/**
	 * SQLite: open an existing file only to read it (a backup being checked): nothing is
	 * created and nothing written, not even the switch to WAL.
	 */
	readOnly?: boolean;
}

export function openDatabase(
	url: string = process.env.IIF_DATABASE_URL ?? defaultSqlitePath,
	options: OpenOptions = {},
): Database {
	return isPostgresUrl(url) ? openPostgres(url) : openSqlite(sqlitePathOf(url), options);
}

/** The file a SQLite URL names: `sqlite:`, `sqlite://` or a plain path. */
export function sqlitePathOf(url: string): string {
	return url.replace(/^sqlite:(\/\/)?/, "");
}

function openSqlite(path: string, options: OpenOptions): Database {
	if (options.readOnly) {
		const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
		const db = new Kysely<Tables>({
			dialect: new ImmediateSqliteDialect(sqlite, { busyWaitMs: 0 }),
		});
		return { db, dialect: "sqlite", location: path, close: () => db.destroy() };
	}
	if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma("journal_mode = WAL");
	sqlite.pragma("foreign_keys = ON");
	// better-sqlite3 waits synchronously, stalling every request: SQLite itself waits only
	// a few milliseconds, the driver waits on asynchronously (sqlite.driver.ts).
	sqlite.pragma("busy_timeout = 10");
	sqlite.pragma("synchronous = NORMAL");
	// The default page cache is 2 MB: at 100k commitments the indexes a request reads are
	// larger, and each request would copy them from the OS again (the filtered list: 19 ms
	// with the default, 5 ms with 64 MB; mapping the file instead measured slower, 6.5 ms).
	// An upper bound, not an allocation.
	sqlite.pragma("cache_size = -65536");
	const busyWaitMs = options.busyWaitMs ?? Number(process.env.IIF_SQLITE_BUSY_WAIT_MS ?? 2000);
	const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(sqlite, { busyWaitMs }) });
	return { db, dialect: "sqlite", location: path, close: () => db.destroy() };
}

/**
 * The PostgreSQL driver, loaded only when a postgres:// URL is opened: loading it costs
 * some 35-75 ms (it builds a fetch Response to detect Cloudflare, which loads Node's
 * HTTP client), a tenth of `iif serve`'s start on SQLite, which never uses it.
 */
function loadPg(): typeof import("pg") {
	return createRequire(import.meta.url)("pg");
}

function openPostgres(url: string): Database {
	const pg = loadPg();
	const pool = new pg.Pool({
		connectionString: url,
		max: Number(process.env.IIF_PG_POOL_SIZE ?? 10),
		// Requests are short and many run at once: starting parallel workers for one query
		// costs more than it saves (the filtered list at 100k: 29 ms with a worker, 6 ms
		// without), and takes cores from the other requests.
		options: "-c max_parallel_workers_per_gather=0",
	});
	// The server may end a connection while it sits idle in the pool (a restart, an
	// administrator, a database dropped): pg then discards it, opens a new one for the next
	// query (where any failure is that query's error), and emits 'error' on the pool, which
	// unheard would end the process.
	pool.on("error", () => {});
	// The same can happen to a connection in use, between two queries of a transaction: pg
	// then emits 'error' on that client, and unheard it ends the process, every request in
	// it with it (and, under `iif serve`, every worker at once: a crash loop while the
	// database restarts). Heard, the request's next query fails instead (a 503, errors.ts),
	// and the pool discards the client when it is released.
	pool.on("connect", (client) => client.on("error", () => {}));
	const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
	const location = url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
	return { db, dialect: "postgres", location, close: () => db.destroy() };
}
