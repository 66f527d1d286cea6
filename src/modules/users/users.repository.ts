/** Users and their memberships. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { GlobalRole, MembershipRole } from "../../lib/actor.ts";
import { isRecordId } from "../../lib/ids.ts";
import { toInt } from "../../lib/numbers.ts";

export interface UserRecord {
	id: number;
	email: string;
	display_name: string;
	password_hash: string;
	role: GlobalRole | null;
	disabled_at: string | null;
}

const columns = ["id", "email", "display_name", "password_hash", "role", "disabled_at"] as const;

export class UserRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	private shape(
		r: { id: unknown; role: string | null } & Omit<UserRecord, "id" | "role">,
	): UserRecord {
		return { ...r, id: toInt(r.id), role: r.role as GlobalRole | null };
	}

	async findByEmail(email: string): Promise<UserRecord | null> {
		const r = await this.db
			.selectFrom("app_user")
			.select(columns)
			.where("email", "=", email)
			.executeTakeFirst();
		return r ? this.shape(r) : null;
	}

	async findById(id: number): Promise<UserRecord | null> {
		if (!isRecordId(id)) return null;
		const r = await this.db
			.selectFrom("app_user")
			.select(columns)
			.where("id", "=", id)
			.executeTakeFirst();
		return r ? this.shape(r) : null;
	}

	/** Inserts unless the email is taken; null when it was. */
	async insert(
		u: { email: string; display_name: string; password_hash: string; role: GlobalRole | null },
		now: string,
	): Promise<number | null> {
		const rows = await this.db
			.insertInto("app_user")
			.values({ ...u, created_at: now, updated_at: now })
			.onConflict((oc) => oc.column("email").doNothing())
			.returning("id")
			.execute();
		return rows[0] ? toInt(rows[0].id) : null;
	}

	async setRole(id: number, role: GlobalRole | null, now: string): Promise<void> {
		await this.db
			.updateTable("app_user")
			.set({ role, updated_at: now })
			.where("id", "=", id)
			.execute();
	}

	async setPasswordHash(id: number, password_hash: string, now: string): Promise<void> {
		await this.db
			.updateTable("app_user")
			.set({ password_hash, updated_at: now })
			.where("id", "=", id)
			.execute();
	}

	async memberships(userId: number): Promise<{ stakeholderId: number; role: MembershipRole }[]> {
		const rows = await this.db
			.selectFrom("membership")
			.select(["stakeholder_id", "role"])
			.where("user_id", "=", userId)
			.orderBy("stakeholder_id")
			.execute();
		return rows.map((r) => ({
			stakeholderId: toInt(r.stakeholder_id),
			role: r.role as MembershipRole,
		}));
	}

	async membership(userId: number, stakeholderId: number): Promise<MembershipRole | null> {
		if (!isRecordId(userId)) return null;
		const r = await this.db
			.selectFrom("membership")
			.select("role")
			.where("user_id", "=", userId)
			.where("stakeholder_id", "=", stakeholderId)
			.executeTakeFirst();
		return (r?.role as MembershipRole | undefined) ?? null;
	}

	async upsertMembership(
		userId: number,
		stakeholderId: number,
		role: MembershipRole,
		now: string,
	): Promise<void> {
		await this.db
			.insertInto("membership")
			.values({ user_id: userId, stakeholder_id: stakeholderId, role, created_at: now })
			.onConflict((oc) => oc.columns(["user_id", "stakeholder_id"]).doUpdateSet({ role }))
			.execute();
	}

	async deleteMembership(userId: number, stakeholderId: number): Promise<boolean> {
		const r = await this.db
			.deleteFrom("membership")
			.where("user_id", "=", userId)
			.where("stakeholder_id", "=", stakeholderId)
			.executeTakeFirst();
		return Number(r.numDeletedRows) > 0;
	}
}
