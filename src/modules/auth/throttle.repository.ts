/** Counters in the database, so every instance behind the load balancer sees the same ones. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toInt } from "../../lib/numbers.ts";

export class ThrottleRepository {
	constructor(private readonly db: Kysely<Tables>) {}

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

	async clearLoginFailures(key: string): Promise<void> {
		await this.db.deleteFrom("login_failure").where("key", "=", key).execute();
	}
}
