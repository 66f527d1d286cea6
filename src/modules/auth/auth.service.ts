/**
 * Sign-in, sessions and API tokens. Sessions live in the database (any instance can
 * serve any request), are rotated at sign-in, and end after an idle period or an
 * absolute lifetime. Failed sign-ins slow down, counted per email and per address.
 */
import type { Database } from "../../db/database.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRate, type Rate, rateWindow } from "../../lib/rates.ts";
import { parseInput } from "../../lib/validation.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { type UserRecord, UserRepository } from "../users/users.repository.ts";
import { loginInput, tokenInput } from "../users/users.schemas.ts";
import { burnPasswordCheck, randomSecret, secretHash, verifyPassword } from "./secrets.ts";
import { SessionRepository } from "./sessions.repository.ts";
import { ThrottleRepository } from "./throttle.repository.ts";

export interface AuthSettings {
	idleMinutes: number;
	maxHours: number;
	/** Failures allowed for one email before sign-in is delayed; each further one doubles the delay. */
	freeFailures: number;
	/** The same for one address, higher: many people may share one (an office, a NAT). */
	freeFailuresPerAddress: number;
	maxDelaySeconds: number;
}

export const defaultAuthSettings: AuthSettings = {
	idleMinutes: Number(process.env.IIF_SESSION_IDLE_MINUTES ?? 120),
	maxHours: Number(process.env.IIF_SESSION_MAX_HOURS ?? 24 * 14),
	freeFailures: 3,
	freeFailuresPerAddress: 30,
	maxDelaySeconds: 15 * 60,
};

const wrongCredentials = () =>
	new AppError("unauthenticated", "the email or the password is wrong");

export class AuthService {
	constructor(
		private readonly database: Database,
		private readonly settings: AuthSettings = defaultAuthSettings,
		private readonly now: () => number = Date.now,
		private readonly writeRate: Rate = parseRate("IIF_WRITE_RATE", process.env.IIF_WRITE_RATE, {
			count: 600,
			seconds: 600,
		}),
	) {}

	private iso(offsetMs = 0): string {
		return new Date(this.now() + offsetMs).toISOString();
	}

	async login(input: unknown, context: { ip: string; previousSession?: string | undefined }) {
		const { email, password } = parseInput(loginInput, input);
		const keys = [`email:${email}`, `ip:${context.ip}`];
		// Every attempt is counted as a failure before the password is checked, in one short
		// transaction that locks the counters: parallel guesses cannot all slip past the limit.
		await this.database.db.transaction().execute(async (trx) => {
			const t = new ThrottleRepository(trx, this.database.dialect);
			for (const key of keys) {
				const f = await t.lockLoginFailure(key, this.iso());
				if (f.blocked_until > this.iso()) {
					const seconds = Math.ceil((Date.parse(f.blocked_until) - this.now()) / 1000);
					throw new AppError(
						"rate_limited",
						`too many failed sign-ins: try again in ${seconds} seconds`,
						{ extra: { retry_after: seconds } },
					);
				}
				const failures = f.failures + 1;
				const free = key.startsWith("ip:")
					? this.settings.freeFailuresPerAddress
					: this.settings.freeFailures;
				const delay =
					failures <= free ? 0 : Math.min(2 ** (failures - free), this.settings.maxDelaySeconds);
				await t.recordLoginFailure(
					key,
					failures,
					this.iso(),
					delay === 0 ? f.blocked_until : this.iso(delay * 1000),
				);
			}
		});
		const user = await new UserRepository(this.database.db).findByEmail(email);
		let ok = false;
		if (user) ok = await verifyPassword(user.password_hash, password);
		else await burnPasswordCheck(password);
		if (!user || !ok || user.disabled_at) {
			await this.database.db.transaction().execute(async (trx) => {
				await recordAudit(trx, null, {
					action: "user.login_failed",
					objectId: user?.id ?? "unknown",
					after: { email, ip: context.ip },
				});
			});
			throw wrongCredentials();
		}
		const token = randomSecret();
		const csrf = randomSecret();
		const expiresAt = this.iso(this.settings.maxHours * 3600_000);
		await this.database.db.transaction().execute(async (trx) => {
			const sessions = new SessionRepository(trx);
			// Rotation: whatever session the browser held before is ended, never upgraded.
			if (context.previousSession) await sessions.delete(secretHash(context.previousSession));
			await sessions.insert({
				id_hash: secretHash(token),
				user_id: user.id,
				csrf_token: csrf,
				created_at: this.iso(),
				expires_at: expiresAt,
			});
			// The attempt was counted in advance: a success clears the email's count and
			// takes back its own count on the address, which others may share.
			const t = new ThrottleRepository(trx, this.database.dialect);
			await t.clearLoginFailures(`email:${email}`);
			await t.forgiveLoginFailure(`ip:${context.ip}`);
			await recordAudit(
				trx,
				{ userId: user.id, via: "session" },
				{ action: "user.login", objectId: user.id, after: { ip: context.ip } },
			);
		});
		return { token, csrf, expiresAt, actor: await this.actorFor(user, "session") };
	}

	async logout(token: string, actor: Actor): Promise<void> {
		await this.database.db.transaction().execute(async (trx) => {
			await new SessionRepository(trx).delete(secretHash(token));
			// Signing out ends a session: the event says so, however else the request was signed.
			await recordAudit(
				trx,
				{ userId: actor.userId, via: "session" },
				{ action: "user.logout", objectId: actor.userId },
			);
		});
	}

	/** The actor behind a session cookie, or null when it is unknown, idle too long or expired. */
	async resolveSession(
		token: string,
	): Promise<{ actor: Actor; csrf: string; expiresAt: string } | null> {
		const sessions = new SessionRepository(this.database.db);
		const idHash = secretHash(token);
		const s = await sessions.find(idHash);
		if (!s) return null;
		const now = this.iso();
		if (s.expires_at <= now || s.last_seen_at <= this.iso(-this.settings.idleMinutes * 60_000)) {
			await sessions.delete(idHash);
			return null;
		}
		const user = await new UserRepository(this.database.db).findById(s.user_id);
		if (!user || user.disabled_at) return null;
		// One write a minute at most, not one per request.
		if (s.last_seen_at <= this.iso(-60_000)) await sessions.touch(idHash, now);
		return {
			actor: await this.actorFor(user, "session"),
			csrf: s.csrf_token,
			expiresAt: s.expires_at,
		};
	}

	async resolveToken(token: string): Promise<Actor | null> {
		const sessions = new SessionRepository(this.database.db);
		const t = await sessions.findToken(secretHash(token));
		if (!t || t.revoked_at) return null;
		const user = await new UserRepository(this.database.db).findById(t.user_id);
		if (!user || user.disabled_at) return null;
		if (!t.last_used_at || t.last_used_at <= this.iso(-60_000))
			await sessions.touchToken(t.id, this.iso());
		return this.actorFor(user, "token");
	}

	async createToken(actor: Actor, input: unknown) {
		const { name } = parseInput(tokenInput, input);
		const token = randomSecret("iif_");
		const prefix = token.slice(0, 8);
		const id = await this.database.db.transaction().execute(async (trx) => {
			const id = await new SessionRepository(trx).insertToken({
				user_id: actor.userId,
				name,
				token_hash: secretHash(token),
				prefix,
				created_at: this.iso(),
			});
			await recordAudit(trx, actor, {
				action: "token.create",
				objectId: id,
				after: { name, prefix },
			});
			return id;
		});
		return { id, name, token, prefix };
	}

	async listTokens(actor: Actor) {
		return { items: await new SessionRepository(this.database.db).listTokens(actor.userId) };
	}

	async revokeToken(actor: Actor, id: number): Promise<void> {
		await this.database.db.transaction().execute(async (trx) => {
			if (!(await new SessionRepository(trx).revokeToken(id, actor.userId, this.iso())))
				throw AppError.notFound("token", id);
			await recordAudit(trx, actor, { action: "token.revoke", objectId: id });
		});
	}

	/**
	 * Housekeeping, run by `iif serve` at start and every hour: rate counters of windows
	 * long gone (no limit here counts over more than a day) and expired sessions.
	 */
	async prune(): Promise<{ counters: number; sessions: number }> {
		return this.database.db.transaction().execute(async (trx) => ({
			counters: await new ThrottleRepository(trx, this.database.dialect).pruneBefore(
				this.iso(-48 * 3600_000),
			),
			sessions: await new SessionRepository(trx).deleteExpired(
				this.iso(),
				this.iso(-this.settings.idleMinutes * 60_000),
			),
		}));
	}

	/**
	 * Every signed-in writer has a budget of writes per window (IIF_WRITE_RATE, 600 per
	 * 600 seconds by default), counted in the database so all instances share it.
	 */
	async chargeWrite(actor: Actor): Promise<void> {
		const { count, seconds } = this.writeRate;
		const window = rateWindow(this.writeRate, this.now());
		const used = await new ThrottleRepository(this.database.db, this.database.dialect).hit(
			`write:user:${actor.userId}`,
			window.start,
		);
		if (used > count) {
			throw new AppError(
				"rate_limited",
				`more than ${count} writes in ${seconds} seconds: try again in ${window.retryAfter} seconds`,
				{ extra: { retry_after: window.retryAfter } },
			);
		}
	}

	async actorFor(user: UserRecord, via: Actor["via"]): Promise<Actor> {
		const memberships = await new UserRepository(this.database.db).memberships(user.id);
		return {
			userId: user.id,
			email: user.email,
			displayName: user.display_name,
			role: user.role,
			via,
			memberships,
		};
	}
}
