/**
 * Kysely's SQLite driver, changed in two ways for a database shared between the server
 * and `iif import` (issue 17):
 * - Write transactions start with BEGIN IMMEDIATE, not BEGIN: a deferred transaction
 *   that reads and then writes can fail with SQLITE_BUSY half way (its snapshot went
 *   stale while another connection wrote), which no busy timeout cures. IMMEDIATE takes
 *   the write lock up front, or waits for it before anything is done. Transactions
 *   declared read only (`.setAccessMode("read only")`) stay deferred.
 * - Waiting for the lock does not block the event loop. better-sqlite3 is synchronous,
 *   so SQLite's own busy timeout (kept to a few milliseconds) stalls every request while
 *   it waits; here the wait goes on asynchronously, in short pauses, with the connection
 *   let go in between so that reads keep being served. After `busyWaitMs` the SQLITE_BUSY
 *   error is thrown, which the HTTP layer answers 503 with Retry-After (db/errors.ts).
 * Only a statement outside a transaction, or the BEGIN itself, waits like this: inside a
 * transaction the lock is already held (or, read only, never needed).
 */
import type SQLite from "better-sqlite3";
import {
	CompiledQuery,
	type DatabaseConnection,
	type Driver,
	type QueryResult,
	SelectQueryNode,
	SqliteDialect,
	type TransactionSettings,
} from "kysely";
import { unavailableReason } from "./errors.ts";

export interface SqliteWaitOptions {
	/** How long a write waits, in all, for another connection's lock before giving up. */
	busyWaitMs: number;
}

export class ImmediateSqliteDialect extends SqliteDialect {
	constructor(
		private readonly sqlite: SQLite.Database,
		private readonly wait: SqliteWaitOptions,
	) {
		super({ database: sqlite });
	}

	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.sqlite, this.wait);
	}
}

class ImmediateSqliteDriver implements Driver {
	readonly #mutex = new Mutex();
	readonly #connection: SqliteConnection;

	constructor(
		private readonly sqlite: SQLite.Database,
		wait: SqliteWaitOptions,
	) {
		this.#connection = new SqliteConnection(sqlite, (run) => waitForLock(run, this.#mutex, wait));
	}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		// SQLite has one connection here: callers take turns.
		await this.#mutex.lock();
		return this.#connection;
	}

	async beginTransaction(_c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const begin = settings.accessMode === "read only" ? "begin deferred" : "begin immediate";
		await this.#connection.waitable(() => this.sqlite.exec(begin));
	}

	async commitTransaction(): Promise<void> {
		this.sqlite.exec("commit");
	}

	async rollbackTransaction(): Promise<void> {
		// SQLite may have rolled back already (on SQLITE_FULL, for one): nothing left to undo.
		if (this.sqlite.inTransaction) this.sqlite.exec("rollback");
	}

	async savepoint(c: DatabaseConnection, name: string): Promise<void> {
		await savepointCommand(c, "savepoint", name);
	}

	async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
		await savepointCommand(c, "rollback to", name);
	}

	async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
		await savepointCommand(c, "release", name);
	}

	async releaseConnection(): Promise<void> {
		this.#mutex.unlock();
	}

	async destroy(): Promise<void> {
		this.sqlite.close();
	}
}

async function savepointCommand(
	c: DatabaseConnection,
	command: "savepoint" | "rollback to" | "release",
	name: string,
): Promise<void> {
	// Kysely generates the names (sp_1 ...); quoting keeps any name an identifier.
	await c.executeQuery(CompiledQuery.raw(`${command} "${name.replace(/"/g, '""')}"`));
}

/**
 * Runs `run` until it does not fail for another connection's lock, pausing a little
 * longer each time with the connection released (the caller holds `mutex`, and gets it
 * back before the next try). Gives up with the last SQLITE_BUSY after `busyWaitMs`.
 */
async function waitForLock<T>(run: () => T, mutex: Mutex, wait: SqliteWaitOptions): Promise<T> {
	const deadline = Date.now() + wait.busyWaitMs;
	let pause = 5;
	for (;;) {
		try {
			return run();
		} catch (e) {
			if (unavailableReason(e) !== "busy" || Date.now() + pause > deadline) throw e;
		}
		mutex.unlock();
		await new Promise((resolve) => setTimeout(resolve, pause));
		await mutex.lock();
		pause = Math.min(pause * 2, 100);
	}
}

class SqliteConnection implements DatabaseConnection {
	constructor(
		private readonly sqlite: SQLite.Database,
		private readonly wait: <T>(run: () => T) => Promise<T>,
	) {}

	/** Inside a transaction the lock is held already: a busy error there is final. */
	waitable<T>(run: () => T): Promise<T> {
		return this.sqlite.inTransaction ? Promise.resolve(run()) : this.wait(run);
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const { sql, parameters } = query;
		return this.waitable(() => {
			const stmt = this.sqlite.prepare(sql);
			if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
			const { changes, lastInsertRowid } = stmt.run(parameters);
			return {
				numAffectedRows: BigInt(changes),
				insertId: BigInt(lastInsertRowid),
				rows: [],
			};
		});
	}

	async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		if (!SelectQueryNode.is(query.query))
			throw new Error("the SQLite driver streams select queries only");
		const stmt = this.sqlite.prepare(query.sql);
		for (const row of stmt.iterate(query.parameters)) yield { rows: [row as R] };
	}
}

/** One holder at a time, in turn. */
class Mutex {
	#held: Promise<void> | null = null;
	#release: (() => void) | null = null;

	async lock(): Promise<void> {
		while (this.#held) await this.#held;
		this.#held = new Promise((resolve) => (this.#release = resolve));
	}

	unlock(): void {
		const release = this.#release;
		this.#held = null;
		this.#release = null;
		release?.();
	}
}
