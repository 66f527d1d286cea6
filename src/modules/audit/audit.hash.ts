/**
 * The chain: each event's hash covers its own fields and the previous event's hash, so
 * changing, removing or reordering any stored event breaks every link after it.
 */
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { AuditEventTable } from "../../db/tables.ts";

export const genesisHash = "0".repeat(64);

/** Every stored field of an event but its own hash. */
export type HashedFields = Omit<Selectable<AuditEventTable>, "hash">;

export function eventHash(e: HashedFields): string {
	// A fixed field order: the JSON text is the same wherever it is computed.
	const canonical = JSON.stringify([
		e.id,
		e.occurred_at,
		e.actor_user_id,
		e.actor_via,
		e.action,
		e.object_type,
		e.object_id,
		e.before,
		e.after,
		e.prev_hash,
	]);
	return createHash("sha256").update(canonical).digest("hex");
}
