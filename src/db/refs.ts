/** Resolves records named by id or slug (forums, stakeholders, commitments) to their ids. */
import type { Kysely } from "kysely";
import { isRecordId, type RecordRef } from "../lib/ids.ts";
import { toInt } from "../lib/numbers.ts";
import type { Tables } from "./tables.ts";

/** Keyed by what was asked: String(id) or the slug; a record that does not exist is absent. */
export async function idsByRef(
	db: Kysely<Tables>,
	table: "forum" | "stakeholder" | "commitment",
	refs: readonly RecordRef[],
): Promise<Map<string, number>> {
	// An id out of range names nothing: PostgreSQL would refuse the whole query for it.
	const ids = refs.flatMap((r) => ("id" in r && isRecordId(r.id) ? [r.id] : []));
	const slugs = refs.flatMap((r) => ("slug" in r ? [r.slug] : []));
	const out = new Map<string, number>();
	if (ids.length)
		for (const r of await db.selectFrom(table).select("id").where("id", "in", ids).execute())
			out.set(String(r.id), toInt(r.id));
	if (slugs.length)
		for (const r of await db
			.selectFrom(table)
			.select(["id", "slug"])
			.where("slug", "in", slugs)
			.execute())
			out.set(r.slug, toInt(r.id));
	return out;
}
