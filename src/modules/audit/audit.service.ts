/** Verifies the audit chain, and reads an object's public history from it. */
import type { Database } from "../../db/database.ts";
import { eventHash, genesisHash } from "./audit.hash.ts";
import { AuditRepository } from "./audit.repository.ts";

export type AuditVerdict =
	| { intact: true; events: number }
	| { intact: false; events: number; brokenAt: number; reason: string };

export class AuditService {
	constructor(private readonly database: Database) {}

	/** Walks the whole log in order and reports the first event whose link does not hold. */
	async verify(): Promise<AuditVerdict> {
		const repo = new AuditRepository(this.database.db, this.database.dialect);
		let prev = genesisHash;
		let expectedId = 1;
		let count = 0;
		for (let after = 0; ; ) {
			const batch = await repo.batchAfter(after, 1000);
			if (batch.length === 0) return { intact: true, events: count };
			for (const e of batch) {
				if (e.id !== expectedId)
					return {
						intact: false,
						events: count,
						brokenAt: expectedId,
						reason: `event ${expectedId} is missing (next is ${e.id})`,
					};
				if (e.prev_hash !== prev)
					return {
						intact: false,
						events: count,
						brokenAt: e.id,
						reason: `event ${e.id} does not link to the event before it`,
					};
				if (eventHash(e) !== e.hash)
					return {
						intact: false,
						events: count,
						brokenAt: e.id,
						reason: `event ${e.id} was changed after it was written`,
					};
				prev = e.hash;
				expectedId++;
				count++;
				after = e.id;
			}
		}
	}

	async count(): Promise<number> {
		return new AuditRepository(this.database.db, this.database.dialect).count();
	}
}
