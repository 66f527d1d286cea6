/**
 * The shapes of comments: what a writer sends (validated here, by the service) and what
 * the API answers (documented in OpenAPI). A comment is plain text; threads nest replies.
 */
import * as z from "zod";
import { docSchemas, intParam } from "../../http/params.ts";
import { loneSurrogate } from "../../lib/text.ts";

const idText = (what: string) =>
	z.string().regex(/^[1-9]\d{0,15}$/, `must be a ${what} id: a positive whole number`);

export const commentIdParams = z.strictObject({ id: idText("comment") });
export const reportIdParams = z.strictObject({ id: idText("report") });

export const maxBodyLength = 5000;

/** Plain text, kept as written apart from surrounding whitespace. */
const bodyText = z
	.string({ error: "is required: the text of the comment" })
	.trim()
	.min(1, "must not be empty")
	.max(maxBodyLength, `must be at most ${maxBodyLength} characters`)
	.refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
	.refine((s) => !loneSurrogate.test(s), "must be well-formed Unicode text")
	.meta({
		description: `Plain text, 1 to ${maxBodyLength} characters once surrounding whitespace is trimmed; stored as written (no markup: shown escaped, with http(s) links made clickable and newlines kept).`,
	});

const reasonText = (what: string) =>
	z
		.string({ error: `is required: say ${what}` })
		.trim()
		.min(3, "must be at least 3 characters: say why in a few words")
		.max(500, "must be at most 500 characters");

export const commentInput = z.strictObject({
	body: bodyText,
	parent_id: z
		.number({ error: "must be the id of the comment answered" })
		.int("must be the id of the comment answered")
		.positive("must be the id of the comment answered")
		.nullable()
		.optional()
		.meta({
			description:
				"The comment this one replies to: a comment on the same commitment, or the same report.",
		}),
});
export type CommentInput = z.input<typeof commentInput>;

export const commentEdit = z.strictObject({ body: bodyText });
export const flagInput = z.strictObject({
	reason: reasonText("what is abusive about it").meta({
		description: "What is wrong with the comment, 3 to 500 characters.",
	}),
});
export const hideInput = z.strictObject({
	reason: reasonText("why it is hidden").meta({
		description:
			"Why the comment is hidden, 3 to 500 characters: shown to moderators, kept in the audit log.",
	}),
});
export const unhideInput = z.strictObject({
	reason: reasonText("why it is shown again")
		.optional()
		.meta({ description: "Why the comment is shown again (optional), kept in the audit log." }),
});

export const moderationQuery = z.strictObject({
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});
export type ModerationQuery = z.output<typeof moderationQuery>;

// ---- what the API answers ---------------------------------------------------

const userRef = z.object({ id: z.number().int(), display_name: z.string() });

/** A comment as one reader sees it: what they may not see is null. */
export interface CommentView {
	id: number;
	parent_id: number | null;
	author: { id: number; display_name: string };
	body: string | null;
	created_at: string;
	edited_at: string | null;
	deleted: boolean;
	hidden: boolean;
	hidden_reason: string | null;
	flags: number | null;
	replies: CommentView[];
}

/**
 * A reply has the shape of a comment. OpenAPI gets a plain object here, since the document
 * has no named components to refer back to; the TypeScript type stays exact.
 */
const reply = z.custom<CommentView>();
docSchemas.set(reply, {
	type: "object",
	description: "A reply: a comment of this same shape, with its own replies nested in turn.",
});

export const commentView = z.object({
	id: z.number().int(),
	parent_id: z.number().int().nullable().meta({ description: "The comment answered, if any." }),
	author: userRef,
	body: z.string().nullable().meta({
		description:
			"The text as written; null when the comment is deleted, or hidden (the secretariat still sees a hidden comment's text).",
	}),
	created_at: z.string(),
	edited_at: z.string().nullable().meta({ description: "When the author last edited it." }),
	deleted: z.boolean().meta({
		description: "Deleted by its author: kept as a placeholder while it has replies.",
	}),
	hidden: z.boolean().meta({ description: "Hidden by the secretariat." }),
	hidden_reason: z
		.string()
		.nullable()
		.meta({ description: "Why it was hidden: for the secretariat only, null for others." }),
	flags: z.number().int().nullable().meta({
		description: "How many users flagged it as abuse: for the secretariat only, null for others.",
	}),
	replies: z.array(reply).meta({ description: "Replies, oldest first, each nested the same way." }),
}) satisfies z.ZodType<CommentView>;

export const commentThread = z.object({
	items: z.array(commentView).meta({
		description:
			"Comments that answer no other, oldest first, each with its replies nested. A deleted comment without replies is left out.",
	}),
	total: z.number().int().meta({ description: "Comments in the thread, replies included." }),
});
export type CommentThread = z.output<typeof commentThread>;

export const okResult = z.object({ status: z.literal("ok") });
export const flagResult = z.object({
	status: z.literal("ok"),
	created: z
		.boolean()
		.meta({ description: "False when you had flagged this comment already: nothing changed." }),
});

export const flaggedComment = z.object({
	id: z.number().int(),
	commitment: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }),
	report_id: z.number().int().nullable(),
	parent_id: z.number().int().nullable(),
	author: userRef,
	body: z.string(),
	created_at: z.string(),
	edited_at: z.string().nullable(),
	last_flagged_at: z.string(),
	flags: z
		.array(z.object({ user: userRef, reason: z.string(), created_at: z.string() }))
		.meta({ description: "Every flag, oldest first." }),
});
export type FlaggedComment = z.output<typeof flaggedComment>;

export const moderationList = z.object({
	items: z.array(flaggedComment).meta({
		description:
			"Flagged comments neither hidden nor deleted, the most recently flagged first (then the newest comment).",
	}),
	total: z.number().int(),
	page: z.number().int(),
	limit: z.number().int(),
});
export type ModerationList = z.output<typeof moderationList>;
