/** Counters in the database, so every instance behind the load balancer sees the same ones. */
import type { Kysely } from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { toInt } from "../../lib/numbers.ts";

export class ThrottleRepository {
	constructor(
		private readonly db: Kysely<Tables>,
		private readonly dialect: DialectName = "sqlite",
	) {}

	/** Adds one to the counter of `key` in this window and returns the new count. */
	async hit(key: string, windowStart: string): Promise<number> {
		const r = await this.db
			.insertInto("rate_counter")
			.values({ key, window_start: windowStart, count: 1 })
			.onConflict((oc) =>
				oc
					.columns(["key", "window_start"])
					.doUpdateSet((eb) => ({ count: eb("rate_counter.count", "+", 1) })),
			)
			.returning("count")
			.executeTakeFirstOrThrow();
		return toInt(r.count);
	}

	async pruneBefore(windowStart: string): Promise<number> {
		const r = await this.db
			.deleteFrom("rate_counter")
			.where("window_start", "<", windowStart)
			.executeTakeFirst();
		return Number(r.numDeletedRows);
	}

	async loginFailure(key: string) {
		const r = await this.db
			.selectFrom("login_failure")
			.selectAll()
			.where("key", "=", key)
			.executeTakeFirst();
		return r ? { ...r, failures: toInt(r.failures) } : null;
	}

	async recordLoginFailure(
		key: string,
		failures: number,
		now: string,
		blockedUntil: string,
	): Promise<void> {
		await this.db
			.insertInto("login_failure")
			.values({ key, failures, last_failure_at: now, blocked_until: blockedUntil })
			.onConflict((oc) =>
				oc
					.column("key")
					.doUpdateSet({ failures, last_failure_at: now, blocked_until: blockedUntil }),
			)
			.execute();
	}

	/**
	 * The failure count of `key`, locked until the transaction ends (PostgreSQL: the row
	 * is created if missing, then selected FOR UPDATE; SQLite runs one writer at a time).
	 */
	async lockLoginFailure(
		key: string,
		now: string,
	): Promise<{ failures: number; blocked_until: string }> {
		await this.db
			.insertInto("login_failure")
			.values({ key, failures: 0, last_failure_at: now, blocked_until: now })
			.onConflict((oc) => oc.column("key").doNothing())
			.execute();
		let q = this.db
			.selectFrom("login_failure")
			.select(["failures", "blocked_until"])
			.where("key", "=", key);
		if (this.dialect === "postgres") q = q.forUpdate();
		const r = await q.executeTakeFirstOrThrow();
		return { failures: toInt(r.failures), blocked_until: r.blocked_until };
	}

	/** Takes one counted attempt back (a success from a shared address). */
	async forgiveLoginFailure(key: string): Promise<void> {
		await this.db
			.updateTable("login_failure")
			.set((eb) => ({ failures: eb("failures", "-", 1) }))
			.where("key", "=", key)
			.where("failures", ">", 0)
			.execute();
	}

	async clearLoginFailures(key: string): Promise<void> {
		await this.db.deleteFrom("login_failure").where("key", "=", key).execute();
	}
}
