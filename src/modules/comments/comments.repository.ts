/** Stores comments and their abuse flags; reads threads and the moderation queue. */
import type { Insertable, Kysely, Selectable } from "kysely";
import type { CommentTable, Tables } from "../../db/tables.ts";
import { isRecordId } from "../../lib/ids.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";

/** A comment as stored, with its author's name and how many users flagged it. */
export type CommentRecord = Omit<
	Selectable<CommentTable>,
	"id" | "commitment_id" | "report_id" | "parent_id" | "author_id" | "hidden_by"
> & {
	id: number;
	commitment_id: number;
	report_id: number | null;
	parent_id: number | null;
	author_id: number;
	hidden_by: number | null;
	author_name: string;
	flags: number;
};

export type CommentInsert = Pick<
	Insertable<CommentTable>,
	"commitment_id" | "report_id" | "parent_id" | "author_id" | "body" | "created_at"
>;

/** A comment everyone may read, flat, as exports give it. */
export interface PublicComment {
	id: number;
	commitment: { id: number; slug: string; title: string };
	report_id: number | null;
	parent_id: number | null;
	author: { id: number; display_name: string };
	body: string;
	created_at: string;
	edited_at: string | null;
}

/** A flagged comment for the queue, before its flags are attached. */
export interface FlaggedRow {
	id: number;
	commitment: { id: number; slug: string; title: string };
	report_id: number | null;
	parent_id: number | null;
	author: { id: number; display_name: string };
	body: string;
	created_at: string;
	edited_at: string | null;
	last_flagged_at: string;
}

export class CommentRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/**
	 * The commitment a progress report belongs to. Read here, from the one column needed,
	 * rather than through the reports module: that module is written separately and its
	 * service is not meant to be called inside another module's transaction.
	 */
	async reportCommitmentId(reportId: number): Promise<number | null> {
		if (!isRecordId(reportId)) return null;
		const row = await this.db
			.selectFrom("progress_report")
			.select("commitment_id")
			.where("id", "=", reportId)
			.executeTakeFirst();
		return row ? toInt(row.commitment_id) : null;
	}

	async insert(c: CommentInsert): Promise<number> {
		const row = await this.db
			.insertInto("comment")
			.values(c)
			.returning("id")
			.executeTakeFirstOrThrow();
		return toInt(row.id);
	}

	async find(id: number): Promise<CommentRecord | null> {
		if (!isRecordId(id)) return null;
		const [row] = await this.selectComments().where("comment.id", "=", id).execute();
		return row ? CommentRepository.toRecord(row) : null;
	}

	/**
	 * The comments on a commitment itself (reportId null) or on one of its reports, in the
	 * order they were written.
	 */
	async thread(commitmentId: number, reportId: number | null): Promise<CommentRecord[]> {
		const q = this.selectComments().where("comment.commitment_id", "=", commitmentId);
		const rows = await (reportId === null
			? q.where("comment.report_id", "is", null)
			: q.where("comment.report_id", "=", reportId)
		)
			.orderBy("comment.id")
			.execute();
		return rows.map(CommentRepository.toRecord);
	}

	/**
	 * Comments anyone may read (neither hidden nor deleted) on commitments in these
	 * statuses, in id order after `afterId`: an export's batches. With `commitmentId`, only
	 * that commitment's own comments (not its reports'), as its thread shows them.
	 */
	async publicAfter(
		afterId: number,
		limit: number,
		where: { statuses: readonly string[]; commitmentId?: number },
	): Promise<PublicComment[]> {
		let q = this.db
			.selectFrom("comment")
			.innerJoin("app_user", "app_user.id", "comment.author_id")
			.innerJoin("commitment", "commitment.id", "comment.commitment_id")
			.select([
				"comment.id",
				"comment.commitment_id",
				"commitment.slug",
				"commitment.title",
				"comment.report_id",
				"comment.parent_id",
				"comment.author_id",
				"app_user.display_name",
				"comment.body",
				"comment.created_at",
				"comment.edited_at",
			])
			.where("comment.id", ">", afterId)
			.where("comment.hidden_at", "is", null)
			.where("comment.deleted_at", "is", null)
			.where("commitment.status", "in", where.statuses);
		if (where.commitmentId !== undefined)
			q = q
				.where("comment.commitment_id", "=", where.commitmentId)
				.where("comment.report_id", "is", null);
		const rows = await q.orderBy("comment.id").limit(limit).execute();
		return rows.map((r) => ({
			id: toInt(r.id),
			commitment: { id: toInt(r.commitment_id), slug: r.slug, title: r.title },
			report_id: toIntOrNull(r.report_id),
			parent_id: toIntOrNull(r.parent_id),
			author: { id: toInt(r.author_id), display_name: r.display_name },
			body: r.body,
			created_at: r.created_at,
			edited_at: r.edited_at,
		}));
	}

	/** Only the edited text and the time: the caller has checked the edit is allowed. */
	async updateBody(id: number, body: string, editedAt: string): Promise<void> {
		await this.db
			.updateTable("comment")
			.set({ body, edited_at: editedAt })
			.where("id", "=", id)
			.execute();
	}

	async markDeleted(id: number, at: string): Promise<void> {
		await this.db.updateTable("comment").set({ deleted_at: at }).where("id", "=", id).execute();
	}

	async setHidden(
		id: number,
		hidden: { at: string; by: number | null; reason: string } | null,
	): Promise<void> {
		await this.db
			.updateTable("comment")
			.set({
				hidden_at: hidden?.at ?? null,
				hidden_by: hidden?.by ?? null,
				hidden_reason: hidden?.reason ?? null,
			})
			.where("id", "=", id)
			.execute();
	}

	/** Records a user's flag; false when they had flagged the comment already (nothing changes). */
	async insertFlag(f: {
		comment_id: number;
		user_id: number;
		reason: string;
		created_at: string;
	}): Promise<boolean> {
		const row = await this.db
			.insertInto("comment_flag")
			.values(f)
			.onConflict((oc) => oc.columns(["comment_id", "user_id"]).doNothing())
			.returning("comment_id")
			.executeTakeFirst();
		return row !== undefined;
	}

	/** Marks a comment's open flags as reviewed; how many there were. */
	async resolveFlags(commentId: number, at: string, by: number | null): Promise<number> {
		const r = await this.db
			.updateTable("comment_flag")
			.set({ resolved_at: at, resolved_by: by })
			.where("comment_id", "=", commentId)
			.where("resolved_at", "is", null)
			.executeTakeFirst();
		return Number(r.numUpdatedRows);
	}

	/** Flagged comments neither hidden nor deleted: the most recently flagged first. */
	async flagged(offset: number, limit: number): Promise<{ total: number; rows: FlaggedRow[] }> {
		const flagged = this.db
			.selectFrom("comment_flag")
			.select((eb) => ["comment_flag.comment_id", eb.fn.max("comment_flag.created_at").as("last")])
			.where("comment_flag.resolved_at", "is", null)
			.groupBy("comment_flag.comment_id")
			.as("f");
		const base = this.db
			.selectFrom("comment")
			.innerJoin(flagged, "f.comment_id", "comment.id")
			.where("comment.hidden_at", "is", null)
			.where("comment.deleted_at", "is", null);
		const [count, rows] = await Promise.all([
			base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
			base
				.innerJoin("commitment", "commitment.id", "comment.commitment_id")
				.innerJoin("app_user", "app_user.id", "comment.author_id")
				.select([
					"comment.id",
					"comment.commitment_id",
					"commitment.slug",
					"commitment.title",
					"comment.report_id",
					"comment.parent_id",
					"comment.author_id",
					"app_user.display_name",
					"comment.body",
					"comment.created_at",
					"comment.edited_at",
					"f.last",
				])
				.orderBy("f.last", "desc")
				.orderBy("comment.id", "desc")
				.offset(offset)
				.limit(limit)
				.execute(),
		]);
		return {
			total: toInt(count.n),
			rows: rows.map((r) => ({
				id: toInt(r.id),
				commitment: { id: toInt(r.commitment_id), slug: r.slug, title: r.title },
				report_id: toIntOrNull(r.report_id),
				parent_id: toIntOrNull(r.parent_id),
				author: { id: toInt(r.author_id), display_name: r.display_name },
				body: r.body,
				created_at: r.created_at,
				edited_at: r.edited_at,
				last_flagged_at: String(r.last),
			})),
		};
	}

	/** The flags of some comments, with who raised them, oldest first. */
	async flagsOf(commentIds: number[]) {
		if (commentIds.length === 0) return [];
		const rows = await this.db
			.selectFrom("comment_flag")
			.innerJoin("app_user", "app_user.id", "comment_flag.user_id")
			.select([
				"comment_flag.comment_id",
				"comment_flag.user_id",
				"app_user.display_name",
				"comment_flag.reason",
				"comment_flag.created_at",
			])
			.where("comment_flag.comment_id", "in", commentIds)
			.orderBy("comment_flag.created_at")
			.orderBy("comment_flag.user_id")
			.execute();
		return rows.map((r) => ({
			comment_id: toInt(r.comment_id),
			user: { id: toInt(r.user_id), display_name: r.display_name },
			reason: r.reason,
			created_at: r.created_at,
		}));
	}

	private selectComments() {
		const flagCounts = this.db
			.selectFrom("comment_flag")
			.select((eb) => ["comment_flag.comment_id", eb.fn.countAll().as("n")])
			.groupBy("comment_flag.comment_id")
			.as("fc");
		return this.db
			.selectFrom("comment")
			.innerJoin("app_user", "app_user.id", "comment.author_id")
			.leftJoin(flagCounts, "fc.comment_id", "comment.id")
			.select([
				"comment.id",
				"comment.commitment_id",
				"comment.report_id",
				"comment.parent_id",
				"comment.author_id",
				"app_user.display_name",
				"comment.body",
				"comment.created_at",
				"comment.edited_at",
				"comment.deleted_at",
				"comment.hidden_at",
				"comment.hidden_by",
				"comment.hidden_reason",
				"fc.n",
			]);
	}

	private static toRecord(
		r: Awaited<ReturnType<ReturnType<CommentRepository["selectComments"]>["execute"]>>[number],
	): CommentRecord {
		return {
			id: toInt(r.id),
			commitment_id: toInt(r.commitment_id),
			report_id: toIntOrNull(r.report_id),
			parent_id: toIntOrNull(r.parent_id),
			author_id: toInt(r.author_id),
			author_name: r.display_name,
			body: r.body,
			created_at: r.created_at,
			edited_at: r.edited_at,
			deleted_at: r.deleted_at,
			hidden_at: r.hidden_at,
			hidden_by: toIntOrNull(r.hidden_by),
			hidden_reason: r.hidden_reason,
			flags: r.n === null ? 0 : toInt(r.n),
		};
	}
}
