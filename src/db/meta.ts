/** app_meta: small named values the application keeps about its own state (data hashes, the base year). */
import type { Kysely } from "kysely";
import { upsertAll } from "./batch.ts";
import type { Tables } from "./tables.ts";

export async function getMeta(db: Kysely<Tables>, key: string): Promise<string | null> {
	const row = await db
		.selectFrom("app_meta")
		.select("value")
		.where("key", "=", key)
		.executeTakeFirst();
	return row?.value ?? null;
}

export async function setMeta(db: Kysely<Tables>, key: string, value: string): Promise<void> {
	await upsertAll(db, "app_meta", [{ key, value }], ["key"], ["value"]);
}
