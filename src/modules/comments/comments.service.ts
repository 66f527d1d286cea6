/**
 * The rules of comments: threads on public commitments and their reports, written by
 * signed-in users at a limited rate, edited by their author for a short while, deleted
 * by their author (a placeholder stays while replies hang on it), flagged as abuse by
 * others, hidden and shown again by the secretariat. Every write is audited in its own
 * transaction.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { type Batches, keysetBatches } from "../../lib/batches.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRate, rateWindow } from "../../lib/rates.ts";
import { parseInput } from "../../lib/validation.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { ThrottleRepository } from "../auth/throttle.repository.ts";
import { publicStatuses } from "../commitments/commitments.schemas.ts";
import {
	type CommitmentRef,
	findVisibleCommitment,
	visibleCommitment,
} from "../commitments/commitments.visible.ts";
import { commentPolicy, editWindowMinutes } from "./comments.policy.ts";
import {
	type CommentRecord,
	CommentRepository,
	type PublicComment,
} from "./comments.repository.ts";
import {
	type CommentThread,
	type CommentView,
	commentEdit,
	commentInput,
	flagInput,
	hideInput,
	type ModerationList,
	type ModerationQuery,
	unhideInput,
} from "./comments.schemas.ts";

/** Where a comment is written: on a commitment itself (id or slug), or on one of its reports. */
export type CommentTarget = { commitment: CommitmentRef } | { report: number };

/** At most `count` new comments per user in each window of `seconds`. */
export interface CommentRate {
	count: number;
	seconds: number;
}

export const defaultCommentRate: CommentRate = { count: 10, seconds: 600 };

/** Reads IIF_COMMENT_RATE ("10/600": 10 comments per 600 seconds); a malformed value stops the start. */
export function parseCommentRate(text: string | undefined): CommentRate {
	return parseRate("IIF_COMMENT_RATE", text, defaultCommentRate);
}

const forbidden = (message: string) => new AppError("forbidden", message);

/** A comment as one reader sees it: hidden text and moderation facts only for the secretariat. */
function view(c: CommentRecord, moderator: boolean): CommentView {
	const deleted = c.deleted_at !== null;
	const hidden = c.hidden_at !== null;
	return {
		id: c.id,
		parent_id: c.parent_id,
		author: { id: c.author_id, display_name: c.author_name },
		body: deleted || (hidden && !moderator) ? null : c.body,
		created_at: c.created_at,
		edited_at: c.edited_at,
		deleted,
		hidden,
		hidden_reason: moderator ? c.hidden_reason : null,
		flags: moderator ? c.flags : null,
		replies: [],
	};
}

/**
 * Nests replies under the comments they answer. A deleted comment stays only as the
 * placeholder of replies that are shown. Works bottom-up without recursion: a reply is
 * always written after (so has a larger id than) the comment it answers.
 */
function nest(rows: CommentRecord[], moderator: boolean): CommentThread {
	const shownChildren = new Set<number>();
	const shown = new Set<number>();
	for (let i = rows.length - 1; i >= 0; i--) {
		const c = rows[i] as CommentRecord;
		if (c.deleted_at === null || shownChildren.has(c.id)) {
			shown.add(c.id);
			if (c.parent_id !== null) shownChildren.add(c.parent_id);
		}
	}
	const views = new Map<number, CommentView>();
	const items: CommentView[] = [];
	for (const c of rows) {
		if (!shown.has(c.id)) continue;
		const v = view(c, moderator);
		views.set(c.id, v);
		const parent = c.parent_id === null ? undefined : views.get(c.parent_id);
		(parent ? parent.replies : items).push(v);
	}
	return { items, total: views.size };
}

export class CommentService {
	constructor(
		private readonly database: Database,
		/** The clock (ms since the epoch): timestamps, the edit window and the rate windows. */
		private readonly now: () => number = Date.now,
		private readonly rate: CommentRate = parseCommentRate(process.env.IIF_COMMENT_RATE),
	) {}

	get dialect() {
		return this.database.dialect;
	}

	private get db() {
		return this.database.db;
	}

	private iso(ms: number): string {
		return new Date(ms).toISOString();
	}

	// ---- reads ----

	/** The thread of a commitment (its own comments, not its reports') or of one report. */
	async thread(target: CommentTarget, actor: Actor | null): Promise<CommentThread> {
		const repo = new CommentRepository(this.db);
		const place = await this.resolveTarget(this.db, target, actor);
		const rows = await repo.thread(place.commitmentId, place.reportId);
		return nest(rows, commentPolicy.moderate(actor));
	}

	/**
	 * The public comments of a commitment (its own, not its reports'), flat and oldest
	 * first, as an export: neither hidden nor deleted ones, whoever asks.
	 */
	async exportForCommitment(commitmentRef: string): Promise<Batches<PublicComment>> {
		const repo = new CommentRepository(this.db);
		const place = await this.resolveTarget(this.db, { commitment: commitmentRef }, null);
		return keysetBatches(
			(after, limit) =>
				repo.publicAfter(after, limit, {
					statuses: publicStatuses,
					commitmentId: place.commitmentId,
				}),
			(c) => c.id,
		);
	}

	/** Every public comment on a public commitment or its reports, in id order, a batch at a time. */
	async exportAll(): Promise<Batches<PublicComment>> {
		const repo = new CommentRepository(this.db);
		return keysetBatches(
			(after, limit) => repo.publicAfter(after, limit, { statuses: publicStatuses }),
			(c) => c.id,
		);
	}

	/** The moderation queue: flagged comments still shown, the most recently flagged first. */
	async flagged(query: ModerationQuery, actor: Actor): Promise<ModerationList> {
		if (!commentPolicy.moderate(actor))
			throw forbidden("only the secretariat sees the comments flagged as abuse");
		const repo = new CommentRepository(this.db);
		const { total, rows } = await repo.flagged((query.page - 1) * query.limit, query.limit);
		const flags = await repo.flagsOf(rows.map((r) => r.id));
		return {
			items: rows.map((r) => ({
				...r,
				flags: flags.filter((f) => f.comment_id === r.id).map(({ comment_id: _, ...f }) => f),
			})),
			total,
			page: query.page,
			limit: query.limit,
		};
	}

	// ---- writes ----

	/** A new comment, or a reply (parent_id) in the same thread. */
	async create(target: CommentTarget, input: unknown, actor: Actor): Promise<CommentView> {
		if (!commentPolicy.create(actor))
			throw forbidden("comments are written by users: sign in with your own account");
		const data = parseInput(commentInput, input);
		const now = this.now();
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			const place = await this.resolveTarget(trx, target, actor);
			const parentId = data.parent_id ?? null;
			if (parentId !== null) {
				const parent = await repo.find(parentId);
				if (
					!parent ||
					parent.commitment_id !== place.commitmentId ||
					parent.report_id !== place.reportId
				)
					throw AppError.invalid(
						"parent_id",
						`field 'parent_id': comment ${parentId} is not in this thread; a reply answers a comment on the same commitment or report`,
					);
				const gone = parent.deleted_at !== null ? "deleted" : parent.hidden_at ? "hidden" : null;
				if (gone)
					throw new AppError("conflict", `comment ${parentId} is ${gone}: it cannot be answered`, {
						fields: [{ name: "parent_id", message: `comment ${parentId} is ${gone}` }],
					});
			}
			await this.throttle(trx, actor, now);
			const row = {
				commitment_id: place.commitmentId,
				report_id: place.reportId,
				parent_id: parentId,
				author_id: actor.userId,
				body: data.body,
				created_at: this.iso(now),
			};
			const id = await repo.insert(row);
			await recordAudit(trx, actor, { action: "comment.create", objectId: id, after: row });
			return view(await this.load(repo, id), commentPolicy.moderate(actor));
		});
	}

	/** The author rewrites their comment, within the edit window. */
	async edit(id: number, input: unknown, actor: Actor): Promise<CommentView> {
		const data = parseInput(commentEdit, input);
		const now = this.now();
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			const c = await this.load(repo, id);
			if (!commentPolicy.edit(actor, { authorId: c.author_id }))
				throw forbidden("only its author edits a comment");
			this.refuseIfGone(c, "edited");
			if (!commentPolicy.editable(c.created_at, now))
				throw new AppError(
					"conflict",
					`the edit window closed: a comment can be edited for ${editWindowMinutes} minutes after it is written`,
				);
			const editedAt = this.iso(now);
			await repo.updateBody(id, data.body, editedAt);
			await recordAudit(trx, actor, {
				action: "comment.edit",
				objectId: id,
				before: { body: c.body, edited_at: c.edited_at },
				after: { body: data.body, edited_at: editedAt },
			});
			return view(await this.load(repo, id), commentPolicy.moderate(actor));
		});
	}

	/** The author deletes their comment: kept in the database, shown as deleted (or not at all). */
	async delete(id: number, actor: Actor): Promise<{ status: "ok" }> {
		const now = this.now();
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			const c = await this.load(repo, id);
			if (!commentPolicy.delete(actor, { authorId: c.author_id }))
				throw forbidden("only its author deletes a comment");
			// Deleting twice changes nothing, and records nothing.
			if (c.deleted_at !== null) return { status: "ok" as const };
			const deletedAt = this.iso(now);
			await repo.markDeleted(id, deletedAt);
			await recordAudit(trx, actor, {
				action: "comment.delete",
				objectId: id,
				before: { body: c.body, deleted_at: null },
				after: { deleted_at: deletedAt },
			});
			return { status: "ok" as const };
		});
	}

	/** Flags someone else's comment as abuse, once per user: a repeat changes nothing. */
	async flag(
		id: number,
		input: unknown,
		actor: Actor,
	): Promise<{ status: "ok"; created: boolean }> {
		const data = parseInput(flagInput, input);
		const now = this.now();
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			const c = await this.load(repo, id);
			if (!commentPolicy.flag(actor, { authorId: c.author_id }))
				throw forbidden(
					c.author_id === actor.userId
						? "you cannot flag your own comment: edit or delete it instead"
						: "comments are flagged by users: sign in with your own account",
				);
			if (c.deleted_at !== null)
				throw new AppError("conflict", `comment ${id} is deleted: there is nothing to flag`);
			const flag = {
				comment_id: id,
				user_id: actor.userId,
				reason: data.reason,
				created_at: this.iso(now),
			};
			const created = await repo.insertFlag(flag);
			if (created)
				await recordAudit(trx, actor, {
					action: "comment.flag",
					objectId: id,
					after: { user_id: flag.user_id, reason: flag.reason, created_at: flag.created_at },
				});
			return { status: "ok" as const, created };
		});
	}

	/** The secretariat hides a comment, with a reason: kept, seen by moderators, shown to others as hidden. */
	async hide(id: number, input: unknown, actor: Actor): Promise<CommentView> {
		if (!commentPolicy.hide(actor)) throw forbidden("only the secretariat hides comments");
		const data = parseInput(hideInput, input);
		const now = this.now();
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			const c = await this.load(repo, id);
			if (c.deleted_at !== null)
				throw new AppError("conflict", `comment ${id} is deleted: it is shown to nobody already`);
			if (c.hidden_at !== null)
				throw new AppError(
					"conflict",
					`comment ${id} is hidden already (${c.hidden_reason ?? "no reason given"}): show it again first to hide it for another reason`,
				);
			const hidden = { at: this.iso(now), by: auditActorId(actor), reason: data.reason };
			await repo.setHidden(id, hidden);
			await recordAudit(trx, actor, {
				action: "comment.hide",
				objectId: id,
				before: { hidden_at: null },
				after: { hidden_at: hidden.at, hidden_by: hidden.by, reason: hidden.reason },
			});
			return view(await this.load(repo, id), true);
		});
	}

	/** The secretariat shows a hidden comment again; the reason it was hidden stays in the audit log. */
	async unhide(id: number, input: unknown, actor: Actor): Promise<CommentView> {
		if (!commentPolicy.unhide(actor)) throw forbidden("only the secretariat shows hidden comments");
		const data = parseInput(unhideInput, input ?? {});
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			const c = await this.load(repo, id);
			if (c.hidden_at === null)
				throw new AppError("conflict", `comment ${id} is not hidden: there is nothing to undo`);
			await repo.setHidden(id, null);
			await recordAudit(trx, actor, {
				action: "comment.unhide",
				objectId: id,
				before: { hidden_at: c.hidden_at, hidden_by: c.hidden_by, reason: c.hidden_reason },
				after: { hidden_at: null, reason: data.reason ?? null },
			});
			return view(await this.load(repo, id), true);
		});
	}

	/** The secretariat reviewed the flags and keeps the comment: it leaves the moderation queue. */
	async dismissFlags(
		id: number,
		input: unknown,
		actor: Actor,
	): Promise<{ status: "ok"; dismissed: number }> {
		if (!commentPolicy.dismissFlags(actor)) throw forbidden("only the secretariat reviews flags");
		const data = parseInput(unhideInput, input ?? {});
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommentRepository(trx);
			await this.load(repo, id);
			const dismissed = await repo.resolveFlags(id, this.iso(this.now()), auditActorId(actor));
			if (dismissed === 0)
				throw new AppError("conflict", `comment ${id} has no open flags to dismiss`);
			await recordAudit(trx, actor, {
				action: "comment.dismiss_flags",
				objectId: id,
				after: { dismissed, reason: data.reason ?? null },
			});
			return { status: "ok" as const, dismissed };
		});
	}

	// ---- helpers ----

	/** A public commitment, or a report on one; anything else does not exist here, for anyone. */
	private async resolveTarget(
		db: Kysely<Tables>,
		target: CommentTarget,
		actor: Actor | null,
	): Promise<{ commitmentId: number; reportId: number | null }> {
		if ("report" in target) {
			const commitmentId = await new CommentRepository(db).reportCommitmentId(target.report);
			const c =
				commitmentId === null ? null : await findVisibleCommitment(db, { id: commitmentId }, actor);
			if (!c || !commentPolicy.open(c.row.status)) throw AppError.notFound("report", target.report);
			return { commitmentId: c.id, reportId: target.report };
		}
		const c = await visibleCommitment(db, target.commitment, actor);
		if (!commentPolicy.open(c.row.status)) throw AppError.notFound("commitment", c.row.slug);
		return { commitmentId: c.id, reportId: null };
	}

	private async load(repo: CommentRepository, id: number): Promise<CommentRecord> {
		const c = await repo.find(id);
		if (!c) throw AppError.notFound("comment", id);
		return c;
	}

	private refuseIfGone(c: CommentRecord, what: string): void {
		if (c.deleted_at !== null)
			throw new AppError("conflict", `comment ${c.id} is deleted: it cannot be ${what}`);
		if (c.hidden_at !== null)
			throw new AppError(
				"conflict",
				`comment ${c.id} was hidden by the secretariat: it cannot be ${what}`,
			);
	}

	/**
	 * Counts the comment against its author's allowance in the current window, in the
	 * database so every instance shares the count. Runs in the write's transaction: a
	 * comment refused for any reason uses none of the allowance.
	 */
	private async throttle(trx: Kysely<Tables>, actor: Actor, now: number): Promise<void> {
		const window = rateWindow(this.rate, now);
		const count = await new ThrottleRepository(trx, this.database.dialect).hit(
			`comment:user:${actor.userId}`,
			window.start,
		);
		if (count > this.rate.count) {
			const retryAfter = window.retryAfter;
			throw new AppError(
				"rate_limited",
				`you have written ${this.rate.count} comments in ${this.rate.seconds} seconds, the most allowed: try again in ${retryAfter} seconds`,
				{ extra: { retry_after: retryAfter } },
			);
		}
	}
}
