/** Verifies the audit chain, holds it to a published anchor, and reads its tail. */
import type { Database } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { eventHash, genesisHash } from "./audit.hash.ts";
import { AuditRepository } from "./audit.repository.ts";

/**
 * The log's tail: how many events it holds and the newest one's hash. The chain alone
 * cannot show events cut off its end (what remains still links up), so the anchor is
 * published (/healthz, `iif audit verify`, `iif backup`) and an outsider who kept one
 * can later check that the log still holds that event with that hash.
 */
export interface AuditAnchor {
	events: number;
	head: string;
}

export type AuditVerdict =
	| ({ intact: true } & AuditAnchor)
	| { intact: false; events: number; brokenAt: number; reason: string };

/** Whether the log still holds an anchor taken earlier, and if not, why. */
export type AnchorVerdict = { holds: true; since: number } | { holds: false; reason: string };

/** `HASH:COUNT`, as printed and published. */
export function formatAnchor(a: AuditAnchor): string {
	return `${a.head}:${a.events}`;
}

export function parseAnchor(text: string): AuditAnchor {
	const m = /^([0-9a-f]{64}):(\d{1,15})$/.exec(text.trim());
	if (!m)
		throw AppError.invalid(
			"expect",
			`--expect must be HASH:COUNT (64 hexadecimal digits, a colon, a number of events), as 'iif audit verify' prints it; got '${text}'`,
		);
	return { head: m[1] as string, events: Number(m[2]) };
}

export class AuditService {
	constructor(private readonly database: Database) {}

	private repository(): AuditRepository {
		return new AuditRepository(this.database.db, this.database.dialect);
	}

	/** Walks the whole log in order and reports the first event whose link does not hold. */
	async verify(): Promise<AuditVerdict> {
		const repo = this.repository();
		let prev = genesisHash;
		let expectedId = 1;
		let count = 0;
		for (let after = 0; ; ) {
			const batch = await repo.batchAfter(after, 1000);
			if (batch.length === 0) return { intact: true, events: count, head: prev };
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

	/**
	 * Holds an intact log to an anchor taken earlier: the anchor's event must still be
	 * there with the anchor's hash. The chain being intact, that event's hash covers every
	 * event before it, so nothing up to the anchor was changed, and nothing cut.
	 */
	async holds(verdict: AuditAnchor, expected: AuditAnchor): Promise<AnchorVerdict> {
		if (verdict.events < expected.events)
			return {
				holds: false,
				reason: `the log holds ${verdict.events} events, the anchor ${expected.events}: ${expected.events - verdict.events} events were cut off the end`,
			};
		const hash =
			expected.events === 0 ? genesisHash : await this.repository().hashOf(expected.events);
		if (hash !== expected.head)
			return {
				holds: false,
				reason: `event ${expected.events} has hash ${hash}, not the anchor's ${expected.head}: the log was rewritten`,
			};
		return { holds: true, since: verdict.events - expected.events };
	}

	/** The tail as it stands, without walking the chain: cheap enough for /healthz. */
	async anchor(): Promise<AuditAnchor> {
		const last = await this.repository().last();
		return last ? { events: last.id, head: last.hash } : { events: 0, head: genesisHash };
	}

	async count(): Promise<number> {
		return this.repository().count();
	}
}
