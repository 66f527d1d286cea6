/** Sessions and API tokens, stored by the hash of their secret. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { isRecordId } from "../../lib/ids.ts";
import { toInt } from "../../lib/numbers.ts";

export class SessionRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async insert(s: {
		id_hash: string;
		user_id: number;
		csrf_token: string;
		created_at: string;
		expires_at: string;
	}): Promise<void> {
		await this.db
			.insertInto("session")
			.values({ ...s, last_seen_at: s.created_at })
			.execute();
	}

	async find(idHash: string) {
		const r = await this.db
			.selectFrom("session")
			.selectAll()
			.where("id_hash", "=", idHash)
			.executeTakeFirst();
		return r ? { ...r, user_id: toInt(r.user_id) } : null;
	}

	async touch(idHash: string, now: string): Promise<void> {
		await this.db
			.updateTable("session")
			.set({ last_seen_at: now })
			.where("id_hash", "=", idHash)
			.execute();
	}

	async delete(idHash: string): Promise<void> {
		await this.db.deleteFrom("session").where("id_hash", "=", idHash).execute();
	}

	/** Sessions past their absolute end or idle too long. */
	async deleteExpired(now: string, idleSince: string): Promise<number> {
		const r = await this.db
			.deleteFrom("session")
			.where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleSince)]))
			.executeTakeFirst();
		return Number(r.numDeletedRows);
	}

	async deleteForUser(userId: number): Promise<void> {
		await this.db.deleteFrom("session").where("user_id", "=", userId).execute();
	}

	async insertToken(t: {
		user_id: number;
		name: string;
		token_hash: string;
		prefix: string;
		created_at: string;
	}): Promise<number> {
		const r = await this.db
			.insertInto("api_token")
			.values(t)
			.returning("id")
			.executeTakeFirstOrThrow();
		return toInt(r.id);
	}

	async findToken(tokenHash: string) {
		const r = await this.db
			.selectFrom("api_token")
			.selectAll()
			.where("token_hash", "=", tokenHash)
			.executeTakeFirst();
		return r ? { ...r, id: toInt(r.id), user_id: toInt(r.user_id) } : null;
	}

	async touchToken(id: number, now: string): Promise<void> {
		await this.db
			.updateTable("api_token")
			.set({ last_used_at: now })
			.where("id", "=", id)
			.execute();
	}

	async listTokens(userId: number) {
		const rows = await this.db
			.selectFrom("api_token")
			.select(["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"])
			.where("user_id", "=", userId)
			.orderBy("id")
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id) }));
	}

	async revokeAllTokens(userId: number, now: string): Promise<number> {
		const r = await this.db
			.updateTable("api_token")
			.set({ revoked_at: now })
			.where("user_id", "=", userId)
			.where("revoked_at", "is", null)
			.executeTakeFirst();
		return Number(r.numUpdatedRows);
	}

	async revokeToken(id: number, userId: number, now: string): Promise<boolean> {
		if (!isRecordId(id)) return false;
		const r = await this.db
			.updateTable("api_token")
			.set({ revoked_at: now })
			.where("id", "=", id)
			.where("user_id", "=", userId)
			.where("revoked_at", "is", null)
			.executeTakeFirst();
		return Number(r.numUpdatedRows) > 0;
	}
}
