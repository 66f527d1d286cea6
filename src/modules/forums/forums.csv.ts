/** forums.csv: one row per forum where commitments were made. */
import { oneOf, type Table } from "../../interchange/csv/table.ts";
import { forumKinds } from "../commitments/commitments.schemas.ts";
import type { ForumExport } from "./forums.service.ts";

export const forumsTable: Table<ForumExport> = {
	name: "forums",
	row: "one forum where commitments were made",
	columns: [
		{ name: "id", description: "IIF id.", value: (r) => r.id },
		{ name: "slug", description: "Its stable name in URLs.", value: (r) => r.slug },
		{ name: "name", description: "Name.", value: (r) => r.name },
		{
			name: "kind",
			description: oneOf(forumKinds),
			value: (r) => r.kind,
		},
		{ name: "held_on", description: "First day (YYYY-MM-DD).", value: (r) => r.held_on },
		{
			name: "ends_on",
			description: "Last day, for meetings of several days.",
			value: (r) => r.ends_on,
		},
		{ name: "place", description: "Where it was held.", value: (r) => r.place },
		{
			name: "document_symbol",
			description: "Symbol of the outcome document (A/RES/65/1).",
			value: (r) => r.document_symbol,
		},
		{ name: "url", description: "Link to the outcome document.", value: (r) => r.url },
		{
			name: "description",
			description: "Description.",
			value: (r) => r.description,
		},
		{
			name: "commitment_count",
			description: "Public commitments made there.",
			value: (r) => r.commitment_count,
		},
	],
};
