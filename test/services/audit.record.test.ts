/**
 * recordAudit, the one way a write records itself: it must store exactly what the
 * hand-built appends it replaced stored, keep the chain whole under concurrent writers,
 * and refuse (in tsc) a payload that does not fit its action.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import type { AuditEvent } from "../../src/modules/audit/audit.events.ts";
import { recordAudit } from "../../src/modules/audit/audit.record.ts";
import { AuditRepository } from "../../src/modules/audit/audit.repository.ts";
import { AuditService } from "../../src/modules/audit/audit.service.ts";
import {
	createMigratedDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";

const signedIn = { userId: 7, via: "session" } as const;

// Not run: tsc checks each payload against its action's shape.
export const refused: AuditEvent[] = [
	// @ts-expect-error a role change records the role before
	{ action: "user.role", objectId: 1, after: { role: null } },
	// @ts-expect-error a workflow step records statuses, not a reason alone
	{ action: "commitment.publish", objectId: 1, before: { status: "submitted" }, after: {} },
	// @ts-expect-error an import is named by its file, not a number
	{ action: "activity.import", objectId: 3, after: { file: "a.xml" } },
];

for (const dialect of dialects) {
	describe(`recordAudit [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let t: TestDatabase;
		before(async () => {
			t = await createMigratedDatabase(dialect);
		});
		after(async () => {
			await t?.drop();
		});

		const rows = async () =>
			(await new AuditRepository(t.database.db, t.database.dialect).batchAfter(0, 1000)).map(
				({ id, occurred_at, prev_hash, hash, ...stored }) => stored,
			);

		it("stores what the hand-built append stored: object type, actor, before and after", async () => {
			const db = t.database.db;
			await db.transaction().execute(async (trx) => {
				const repo = new AuditRepository(trx, t.database.dialect);
				await repo.append({
					action: "comment.edit",
					objectType: "comment",
					objectId: 5,
					actorUserId: 7,
					actorVia: "session",
					before: { body: "a", edited_at: null },
					after: { body: "b", edited_at: "2024-01-01T00:00:00.000Z" },
				});
				await recordAudit(trx, signedIn, {
					action: "comment.edit",
					objectId: 5,
					before: { body: "a", edited_at: null },
					after: { body: "b", edited_at: "2024-01-01T00:00:00.000Z" },
				});
				await repo.append({
					action: "link.reject",
					objectType: "activity",
					objectId: 9,
					actorUserId: null,
					actorVia: "cli",
					after: { commitment_id: 2, was: "proposed", reason: null },
				});
				await recordAudit(trx, cliActor, {
					action: "link.reject",
					objectId: 9,
					after: { commitment_id: 2, was: "proposed", reason: null },
				});
				await repo.append({
					action: "user.login_failed",
					objectType: "user",
					objectId: "unknown",
					actorUserId: null,
					actorVia: null,
					after: { email: "x@example.org", ip: "127.0.0.1" },
				});
				await recordAudit(trx, null, {
					action: "user.login_failed",
					objectId: "unknown",
					after: { email: "x@example.org", ip: "127.0.0.1" },
				});
				// A step without a reason stores no reason key, as before.
				await repo.append({
					action: "commitment.submit",
					objectType: "commitment",
					objectId: 4,
					actorUserId: 7,
					actorVia: "session",
					before: { status: "draft" },
					after: { status: "submitted" },
				});
				await recordAudit(trx, signedIn, {
					action: "commitment.submit",
					objectId: 4,
					before: { status: "draft" },
					after: { status: "submitted", reason: undefined },
				});
			});
			const stored = await rows();
			assert.equal(stored.length, 8);
			for (let i = 0; i < stored.length; i += 2) assert.deepEqual(stored[i + 1], stored[i]);
			assert.deepEqual(stored[7], {
				actor_user_id: 7,
				actor_via: "session",
				action: "commitment.submit",
				object_type: "commitment",
				object_id: "4",
				before: '{"status":"draft"}',
				after: '{"status":"submitted"}',
			});
			const audit = new AuditService(t.database);
			assert.deepEqual(await audit.verify(), {
				intact: true,
				events: 8,
				head: (await audit.anchor()).head,
			});
		});

		it("keeps the chain whole when writers record at the same time", async () => {
			const before = await new AuditService(t.database).count();
			await Promise.all(
				Array.from({ length: 12 }, (_, i) =>
					t.database.db.transaction().execute((trx) =>
						recordAudit(trx, signedIn, {
							action: "token.revoke",
							objectId: i + 1,
						}),
					),
				),
			);
			const audit = new AuditService(t.database);
			assert.deepEqual(await audit.verify(), {
				intact: true,
				events: before + 12,
				head: (await audit.anchor()).head,
			});
		});
	});
}
