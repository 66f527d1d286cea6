/**
 * What /healthz reports: the database answers, takes writes, which dialect it is, and
 * where the schema stands. A database that answers reads but refuses writes (full disk,
 * read-only) is not healthy: a load balancer should know before users do. It also
 * publishes the audit log's anchor, so that anyone may keep it and later hold the
 * registry to it (`iif audit verify --expect`).
 */
import type { Database } from "../../db/database.ts";
import { unavailableError } from "../../db/errors.ts";
import { type MigrationState, migrationState } from "../../db/migrate.ts";
import { type AuditService, formatAnchor } from "../audit/audit.service.ts";
import { HealthRepository } from "./health.repository.ts";

export interface Health {
	status: "ok" | "migrations_pending" | "not_writable";
	database: {
		dialect: Database["dialect"];
		writable: boolean;
		/** Why it is not writable, for the operator. */
		problem?: string;
		migrations: MigrationState;
	};
	/** The audit log's tail: events, the newest hash, and both as `HASH:COUNT`. */
	audit: { events: number; head: string; anchor: string };
}

export class HealthService {
	constructor(
		private readonly database: Database,
		private readonly audit: AuditService,
	) {}

	/** Whether the database answers at all: what /readyz needs, one round trip. */
	async answers(): Promise<boolean> {
		return new HealthRepository(this.database.db).ping().then(
			() => true,
			() => false,
		);
	}

	async check(): Promise<Health> {
		const repository = new HealthRepository(this.database.db);
		await repository.ping();
		const migrations = await migrationState(this.database.db);
		const refusal = await repository.writeRefusal(this.database.dialect, this.database.location);
		const database: Health["database"] = {
			dialect: this.database.dialect,
			writable: refusal === null,
			...(refusal ? { problem: unavailableError(refusal).message } : {}),
			migrations,
		};
		const status = refusal
			? "not_writable"
			: migrations.pending === 0
				? "ok"
				: "migrations_pending";
		const anchor = await this.audit.anchor();
		return { status, database, audit: { ...anchor, anchor: formatAnchor(anchor) } };
	}
}
