/**
 * Accounts: public registration (answering alike whether or not the email is taken, so
 * it reveals nothing), and what the admin or the operator's CLI does: add users, grant
 * roles and memberships, reset passwords.
 */
import type { Database } from "../../db/database.ts";
import { type Actor, cliActor, type GlobalRole, type MembershipRole } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { parseRate, type Rate, rateWindow } from "../../lib/rates.ts";
import { parseInput } from "../../lib/validation.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { hashPassword } from "../auth/secrets.ts";
import { SessionRepository } from "../auth/sessions.repository.ts";
import { ThrottleRepository } from "../auth/throttle.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { userPolicy } from "./users.policy.ts";
import { UserRepository } from "./users.repository.ts";
import { membershipInput, registerInput, roleInput, userAddInput } from "./users.schemas.ts";

export class UserService {
	constructor(
		private readonly database: Database,
		private readonly registerRate: Rate = parseRate(
			"IIF_REGISTER_RATE",
			process.env.IIF_REGISTER_RATE,
			{ count: 20, seconds: 3600 },
		),
	) {}

	async register(
		input: unknown,
		context: { ip: string } = { ip: "unknown" },
	): Promise<{ status: string; message: string }> {
		const u = parseInput(registerInput, input);
		// Each registration costs an argon2 hash: a per-address budget, checked before hashing.
		const window = rateWindow(this.registerRate, Date.now());
		if (
			(await new ThrottleRepository(this.database.db, this.database.dialect).hit(
				`register:ip:${context.ip}`,
				window.start,
			)) > this.registerRate.count
		) {
			throw new AppError(
				"rate_limited",
				`too many registrations from this address: try again in ${window.retryAfter} seconds`,
				{ extra: { retry_after: window.retryAfter } },
			);
		}
		const password_hash = await hashPassword(u.password);
		await this.database.db.transaction().execute(async (trx) => {
			const id = await new UserRepository(trx).insert(
				{ email: u.email, display_name: u.display_name, password_hash, role: null },
				nowIso(),
			);
			// A taken email changes nothing and is answered like a new one.
			if (id !== null)
				await recordAudit(
					trx,
					{ userId: id, via: null },
					{
						action: "user.register",
						objectId: id,
						after: { email: u.email, display_name: u.display_name },
					},
				);
		});
		return {
			status: "accepted",
			message: "If this email was free, the account now exists: sign in with it.",
		};
	}

	/** The operator's `iif user add`: says plainly when the email is taken. */
	async add(input: unknown, actor: Actor = cliActor): Promise<number> {
		const u = parseInput(userAddInput, input);
		const password_hash = await hashPassword(u.password);
		return this.database.db.transaction().execute(async (trx) => {
			const id = await new UserRepository(trx).insert(
				{
					email: u.email,
					display_name: u.display_name ?? u.email.split("@")[0] ?? u.email,
					password_hash,
					role: u.role,
				},
				nowIso(),
			);
			if (id === null)
				throw new AppError("conflict", `a user with email ${u.email} exists already`, {
					fields: [{ name: "email", message: "is taken" }],
				});
			await recordAudit(trx, actor, {
				action: "user.register",
				objectId: id,
				after: { email: u.email, role: u.role },
			});
			return id;
		});
	}

	async findIdByEmail(email: string): Promise<number> {
		const user = await new UserRepository(this.database.db).findByEmail(email.trim().toLowerCase());
		if (!user) throw AppError.notFound("user", email);
		return user.id;
	}

	async setRole(actor: Actor, userId: number, input: unknown): Promise<void> {
		this.requireAdmin(actor);
		const { role } = parseInput(roleInput, input);
		await this.database.db.transaction().execute(async (trx) => {
			const users = new UserRepository(trx);
			const user = await users.findById(userId);
			if (!user) throw AppError.notFound("user", userId);
			await users.setRole(userId, role as GlobalRole | null, nowIso());
			await recordAudit(trx, actor, {
				action: "user.role",
				objectId: userId,
				before: { role: user.role },
				after: { role },
			});
		});
	}

	async grantMembership(actor: Actor, userId: number, input: unknown): Promise<void> {
		this.requireAdmin(actor);
		const m = parseInput(membershipInput, input);
		await this.database.db.transaction().execute(async (trx) => {
			const users = new UserRepository(trx);
			if (!(await users.findById(userId))) throw AppError.notFound("user", userId);
			const stakeholderId = await this.stakeholderId(trx, String(m.stakeholder));
			const before = await users.membership(userId, stakeholderId);
			await users.upsertMembership(userId, stakeholderId, m.role as MembershipRole, nowIso());
			await recordAudit(trx, actor, {
				action: "membership.grant",
				objectId: `${userId}:${stakeholderId}`,
				before: before ? { role: before } : null,
				after: { role: m.role },
			});
		});
	}

	async revokeMembership(actor: Actor, userId: number, stakeholderRef: string): Promise<void> {
		this.requireAdmin(actor);
		await this.database.db.transaction().execute(async (trx) => {
			const stakeholderId = await this.stakeholderId(trx, stakeholderRef);
			const users = new UserRepository(trx);
			const before = await users.membership(userId, stakeholderId);
			if (!before || !(await users.deleteMembership(userId, stakeholderId)))
				throw AppError.notFound("membership", `${userId}:${stakeholderRef}`);
			await recordAudit(trx, actor, {
				action: "membership.revoke",
				objectId: `${userId}:${stakeholderId}`,
				before: { role: before },
			});
		});
	}

	/** The operator's `iif user reset-password`: also ends every session of that user. */
	async resetPassword(email: string, password: string, actor: Actor = cliActor): Promise<void> {
		const { password: checked } = parseInput(registerInput.pick({ password: true }), { password });
		const password_hash = await hashPassword(checked);
		await this.database.db.transaction().execute(async (trx) => {
			const users = new UserRepository(trx);
			const user = await users.findByEmail(email.trim().toLowerCase());
			if (!user) throw AppError.notFound("user", email);
			await users.setPasswordHash(user.id, password_hash, nowIso());
			await new SessionRepository(trx).deleteForUser(user.id);
			// A reset follows a break-in as often as a forgotten password: tokens go too.
			const revoked = await new SessionRepository(trx).revokeAllTokens(user.id, nowIso());
			await recordAudit(trx, actor, {
				action: "user.password_reset",
				objectId: user.id,
				after: { tokens_revoked: revoked },
			});
		});
	}

	private requireAdmin(actor: Actor): void {
		if (!userPolicy.manageAccounts(actor))
			throw new AppError("forbidden", "only an admin manages roles and memberships");
	}

	private async stakeholderId(db: Database["db"], ref: string): Promise<number> {
		const parsed = parseRecordRef(ref);
		if (!parsed) throw AppError.invalid("stakeholder", `'${ref}' is not a stakeholder id or slug`);
		const found = await new StakeholderRepository(db).idsByRef([parsed]);
		const id = found.values().next().value;
		if (id === undefined)
			throw AppError.invalid("stakeholder", `stakeholder '${ref}' does not exist`);
		return id;
	}
}
