/** What a migration needs to know to write the few statements that differ between dialects. */
import { type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

export function isPostgres(db: Kysely<unknown>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key named id. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
	return isPostgres(db)
		? table.addColumn("id", "serial", (c) => c.primaryKey())
		: table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}
