/** API of comments: threads on commitments and reports, their authors' edits, flags and moderation. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { requireActor } from "../../http/actor.ts";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { idParams } from "../../http/params.ts";
import { getRoute, writeRoute } from "../../http/route.ts";
import { commentsTable } from "./comments.csv.ts";
import {
	commentEdit,
	commentIdParams,
	commentInput,
	commentThread,
	commentView,
	flagInput,
	flagResult,
	hideInput,
	moderationList,
	moderationQuery,
	okResult,
	reportIdParams,
	unhideInput,
} from "./comments.schemas.ts";
import type { CommentService } from "./comments.service.ts";

const tags = ["comments"];

/** Threads are conversations: shared caches keep them briefly. */
const threadMaxAge = 10;

const threadDescription =
	"Comments oldest first, replies nested under the comment they answer. The text of a deleted comment is gone (a deleted comment without replies is left out); a hidden comment shows as hidden, its text and the reason seen by the secretariat only, who also see how often each comment was flagged.";

const writeDescription =
	"Plain text: stored as written, shown escaped with links made clickable. parent_id answers a comment in the same thread (400 if it is elsewhere, 409 if it is deleted or hidden). Each user may write a limited number of comments in a window of time (IIF_COMMENT_RATE, 10 per 600 seconds by default): past it, 429 with retry_after.";

export function commentRoutes(app: FastifyInstance, comments: CommentService): void {
	getRoute(app, {
		url: "/api/v1/commitments/:id/comments",
		operationId: "listCommitmentComments",
		summary: "The comments on a commitment (not those on its reports), as a thread",
		description: `${threadDescription} Only public commitments (published, completed, withdrawn) have comments: any other answers 404.`,
		tags,
		params: idParams,
		query: z.strictObject({ format: formatParam }),
		response: commentThread,
		maxAge: threadMaxAge,
		handler: async ({ params, query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						commentsTable,
						await comments.exportForCommitment(params.id),
						undefined,
						`commitment-${params.id}-comments`,
					)
				: comments.thread({ commitment: params.id }, request.actor),
	});
	getRoute(app, {
		url: "/api/v1/reports/:id/comments",
		operationId: "listReportComments",
		summary: "The comments on a progress report, as a thread",
		description: threadDescription,
		tags,
		params: reportIdParams,
		response: commentThread,
		maxAge: threadMaxAge,
		handler: ({ params, request }) => comments.thread({ report: Number(params.id) }, request.actor),
	});
	getRoute(app, {
		url: "/api/v1/moderation/flags",
		operationId: "listFlaggedComments",
		summary:
			"The moderation queue: comments flagged as abuse and still shown, with every flag (secretariat only)",
		description:
			"The most recently flagged first. Hiding a comment (POST /api/v1/comments/{id}/hide) takes it out of the queue.",
		tags,
		query: moderationQuery,
		response: moderationList,
		handler: ({ query, request }) => comments.flagged(query, requireActor(request)),
	});

	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/comments",
		operationId: "commentOnCommitment",
		summary: "Comment on a public commitment, or reply to a comment on it",
		description: writeDescription,
		tags,
		status: 201,
		params: idParams,
		body: commentInput,
		response: commentView,
		handler: ({ actor, params, body }) => comments.create({ commitment: params.id }, body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/reports/:id/comments",
		operationId: "commentOnReport",
		summary: "Comment on a progress report, or reply to a comment on it",
		description: writeDescription,
		tags,
		status: 201,
		params: reportIdParams,
		body: commentInput,
		response: commentView,
		handler: ({ actor, params, body }) =>
			comments.create({ report: Number(params.id) }, body, actor),
	});
	writeRoute(app, {
		method: "PATCH",
		url: "/api/v1/comments/:id",
		operationId: "editComment",
		summary: "Edit your comment, within 15 minutes of writing it",
		description:
			"Only the author edits (403 for others); after the edit window, or on a deleted or hidden comment, 409. edited_at records the edit.",
		tags,
		params: commentIdParams,
		body: commentEdit,
		response: commentView,
		handler: ({ actor, params, body }) => comments.edit(Number(params.id), body, actor),
	});
	writeRoute(app, {
		method: "DELETE",
		url: "/api/v1/comments/:id",
		operationId: "deleteComment",
		summary: "Delete your comment",
		description:
			"Only the author deletes (403 for others). The comment is kept in the database; its text is shown to nobody, and it stays in its thread as a placeholder while it has replies.",
		tags,
		params: commentIdParams,
		response: okResult,
		handler: ({ actor, params }) => comments.delete(Number(params.id), actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/comments/:id/flag",
		operationId: "flagComment",
		summary: "Flag someone else's comment as abuse, saying why",
		description:
			"Once per user: flagging again answers 200 with created false and changes nothing. Authors cannot flag their own comments (403).",
		tags,
		params: commentIdParams,
		body: flagInput,
		response: flagResult,
		handler: ({ actor, params, body }) => comments.flag(Number(params.id), body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/comments/:id/hide",
		operationId: "hideComment",
		summary: "Hide a comment, with a reason (secretariat only)",
		description:
			"The comment is kept: others see it as hidden, without its text; the secretariat sees its text and the reason. 409 if it is hidden or deleted already.",
		tags,
		params: commentIdParams,
		body: hideInput,
		response: commentView,
		handler: ({ actor, params, body }) => comments.hide(Number(params.id), body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/comments/:id/unhide",
		operationId: "unhideComment",
		summary: "Show a hidden comment again (secretariat only)",
		description:
			"409 if the comment is not hidden. The reason it was hidden stays in the audit log.",
		tags,
		params: commentIdParams,
		body: unhideInput,
		response: commentView,
		handler: ({ actor, params, body }) => comments.unhide(Number(params.id), body, actor),
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/comments/:id/dismiss-flags",
		operationId: "dismissCommentFlags",
		summary:
			"Keep a flagged comment: its open flags are marked reviewed and it leaves the moderation queue (secretariat only)",
		description:
			"409 if the comment has no open flags. The flags and who dismissed them stay in the audit log.",
		tags,
		params: commentIdParams,
		body: unhideInput,
		response: z.object({ status: z.literal("ok"), dismissed: z.number().int() }),
		handler: ({ actor, params, body }) => comments.dismissFlags(Number(params.id), body, actor),
	});
}
