/**
 * The one way a write records itself: the service hands over its transaction, who acts
 * and a typed event, and the event joins the chain inside that same transaction.
 */
import type { Kysely } from "kysely";
import { isPostgres } from "../../db/dialect.ts";
import type { Tables } from "../../db/tables.ts";
import { type AuditActor, auditActorId } from "../../lib/actor.ts";
import { type AuditEvent, auditObjectTypes } from "./audit.events.ts";
import { AuditRepository } from "./audit.repository.ts";

/** Appends `event`, done by `actor` (null: nobody, e.g. a failed sign-in), to the log. */
export async function recordAudit(
	trx: Kysely<Tables>,
	actor: AuditActor | null,
	event: AuditEvent,
): Promise<void> {
	await new AuditRepository(trx, isPostgres(trx) ? "postgres" : "sqlite").append({
		...event,
		objectType: auditObjectTypes[event.action],
		actorUserId: actor && auditActorId(actor),
		actorVia: actor?.via ?? null,
	});
}
