/** Forums: where commitments were made. */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { enumListParam, intParam, optionalIntParam, textParam } from "../../http/params.ts";
import { isIsoDate } from "../../lib/dates.ts";
import { slugPattern } from "../../lib/ids.ts";
import { groupSummary } from "../analytics/analytics.schemas.ts";
import { forumKinds } from "../commitments/commitments.schemas.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD");

export const forumInput = z
	.strictObject({
		slug: z
			.string()
			.regex(slugPattern, "must be lowercase words joined by hyphens, with a letter")
			.max(120),
		name: z.string().trim().min(2).max(300),
		kind: z.enum(forumKinds),
		held_on: isoDate.nullable().default(null),
		ends_on: isoDate.nullable().default(null),
		place: z.string().trim().max(200).nullable().default(null),
		document_symbol: z.string().trim().max(100).nullable().default(null),
		url: z
			.url({ protocol: /^https?$/, error: "must be an http(s) URL" })
			.nullable()
			.default(null),
		description: z.string().trim().max(4000).nullable().default(null),
	})
	.superRefine((f, ctx) => {
		if (f.held_on && f.ends_on && f.ends_on < f.held_on)
			ctx.addIssue({ code: "custom", path: ["ends_on"], message: "is before held_on" });
	});

export type ForumInput = z.input<typeof forumInput>;

export const forumListQuery = z.strictObject({
	kind: enumListParam(forumKinds, "Kinds of forum."),
	year_from: optionalIntParam({ min: 1900, max: 2100, description: "Held in or after this year." }),
	year_to: optionalIntParam({ min: 1900, max: 2100, description: "Held in or before this year." }),
	q: textParam("Words in the name or place."),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});

export const forumItem = z.object({
	id: z.number().int(),
	slug: z.string(),
	name: z.string(),
	kind: z.enum(forumKinds),
	held_on: z.string().nullable(),
	ends_on: z.string().nullable(),
	place: z.string().nullable(),
	document_symbol: z.string().nullable(),
	url: z.string().nullable(),
	description: z.string().nullable(),
	commitment_count: z.number().int(),
});

export const forumList = pageOf(forumItem);
export const forumDetail = forumItem.extend({
	delivery: groupSummary.meta({
		description:
			"Its delivery record: what its counted commitments promised and delivered, expected by now, and how many were left out of totals.",
	}),
	commitments: z.string().meta({ description: "API link to the commitments made at this forum." }),
});
