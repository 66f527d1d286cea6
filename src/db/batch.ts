/** Multi-row writes, in batches far below both dialects' bound-parameter limits. */
import { type Insertable, type Kysely, sql } from "kysely";
import type { Tables } from "./tables.ts";

export function chunks<T>(rows: readonly T[], size = 200): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

/**
 * Inserts rows; where a row's `key` exists already, overwrites the `update` columns
 * with the new values (or leaves the row alone when `update` is empty).
 */
export async function upsertAll<T extends keyof Tables & string>(
	db: Kysely<Tables>,
	table: T,
	rows: readonly Insertable<Tables[T]>[],
	key: readonly (keyof Tables[T] & string)[],
	update: readonly (keyof Tables[T] & string)[],
): Promise<void> {
	for (const batch of chunks(rows)) {
		// Kysely cannot type a table chosen by a type parameter; the signature above keeps callers typed.
		const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
		await loose
			.insertInto(table as string)
			.values(batch as Record<string, unknown>[])
			.onConflict((oc) => {
				const target = oc.columns([...key]);
				return update.length === 0
					? target.doNothing()
					: target.doUpdateSet(
							Object.fromEntries(update.map((c) => [c, sql.ref(`excluded.${c}`)])) as never,
						);
			})
			.execute();
	}
}
