/** comments.csv: one row per public comment on a commitment or one of its reports. */
import type { Table } from "../../interchange/csv/table.ts";
import type { PublicComment } from "./comments.repository.ts";

export const commentsTable: Table<PublicComment> = {
	name: "comments",
	row: "one public comment (neither hidden by moderators nor deleted by its author)",
	columns: [
		{ name: "id", description: "IIF id of the comment.", value: (r) => r.id },
		{
			name: "commitment_id",
			description: "The commitment discussed: IIF id.",
			value: (r) => r.commitment.id,
		},
		{
			name: "commitment_slug",
			description: "The commitment: slug.",
			value: (r) => r.commitment.slug,
		},
		{
			name: "report_id",
			description: "The progress report discussed, when the comment is on a report.",
			value: (r) => r.report_id,
		},
		{
			name: "parent_id",
			description: "The comment this one answers (which may itself not be public).",
			value: (r) => r.parent_id,
		},
		{ name: "author_id", description: "The author: IIF user id.", value: (r) => r.author.id },
		{
			name: "author_name",
			description: "The author: display name.",
			value: (r) => r.author.display_name,
		},
		{
			name: "body",
			description: "The text, as written (plain text).",
			value: (r) => r.body,
		},
		{ name: "created_at", description: "When it was written (UTC).", value: (r) => r.created_at },
		{
			name: "edited_at",
			description: "When its author last edited it.",
			value: (r) => r.edited_at,
		},
	],
};
