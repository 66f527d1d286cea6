/** What a migration needs to know to write the few statements that differ between dialects. */
import type { CreateTableBuilder, Kysely } from "kysely";
import { isPostgres } from "../dialect.ts";

export { isPostgres };

/** An auto-incrementing integer primary key named id. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
	return isPostgres(db)
		? table.addColumn("id", "serial", (c) => c.primaryKey())
		: table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}
