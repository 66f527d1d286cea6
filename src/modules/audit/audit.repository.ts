/** Appends to and reads the audit log. Nothing here updates or deletes an event. */
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { nowIso } from "../../lib/dates.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";
import type { AuditEventInput } from "./audit.events.ts";
import { eventHash, genesisHash, type HashedFields } from "./audit.hash.ts";

/** Any fixed number: the lock that makes appends to the chain take turns on PostgreSQL. */
const chainLock = 7_311_001;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export class AuditRepository {
	constructor(
		private readonly db: Kysely<Tables>,
		private readonly dialect: DialectName,
	) {}

	/** Must run inside the transaction of the write it records. */
	async append(e: AuditEventInput): Promise<void> {
		// SQLite runs one write transaction at a time; PostgreSQL needs the lock, or two
		// concurrent writers would both extend the same last event and fork the chain.
		if (this.dialect === "postgres")
			await sql`select pg_advisory_xact_lock(${chainLock})`.execute(this.db);
		const last = await this.last();
		const fields: HashedFields = {
			id: last ? last.id + 1 : 1,
			occurred_at: nowIso(),
			actor_user_id: e.actorUserId,
			actor_via: e.actorVia,
			action: e.action,
			object_type: e.objectType,
			object_id: String(e.objectId),
			before: json(e.before),
			after: json(e.after),
			prev_hash: last?.hash ?? genesisHash,
		};
		await this.db
			.insertInto("audit_event")
			.values({ ...fields, hash: eventHash(fields) })
			.execute();
	}

	/** Events in order, a batch at a time, for verification without holding the log in memory. */
	async batchAfter(afterId: number, limit: number) {
		const rows = await this.db
			.selectFrom("audit_event")
			.selectAll()
			.where("id", ">", afterId)
			.orderBy("id")
			.limit(limit)
			.execute();
		return rows.map((r) => ({
			...r,
			id: toInt(r.id),
			actor_user_id: toIntOrNull(r.actor_user_id),
		}));
	}

	async forObject(objectType: string, objectId: string) {
		const rows = await this.db
			.selectFrom("audit_event")
			.leftJoin("app_user", "app_user.id", "audit_event.actor_user_id")
			.select([
				"audit_event.id",
				"audit_event.occurred_at",
				"audit_event.action",
				"audit_event.actor_via",
				"audit_event.before",
				"audit_event.after",
				"app_user.display_name",
			])
			.where("audit_event.object_type", "=", objectType)
			.where("audit_event.object_id", "=", objectId)
			.orderBy("audit_event.id")
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id) }));
	}

	/** The hash of event `id`, or null when the log holds no such event. */
	async hashOf(id: number): Promise<string | null> {
		const row = await this.db
			.selectFrom("audit_event")
			.select("hash")
			.where("id", "=", id)
			.executeTakeFirst();
		return row?.hash ?? null;
	}

	/** The newest event's id and hash: ids run 1, 2, 3 ..., so the id is the count. */
	async last(): Promise<{ id: number; hash: string } | null> {
		const row = await this.db
			.selectFrom("audit_event")
			.select(["id", "hash"])
			.orderBy("id", "desc")
			.limit(1)
			.executeTakeFirst();
		return row ? { id: toInt(row.id), hash: row.hash } : null;
	}

	async count(): Promise<number> {
		const row = await this.db
			.selectFrom("audit_event")
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}
}
