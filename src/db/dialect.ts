/** Which database a connection talks to, for the few statements that differ between dialects. */
import { type Kysely, PostgresAdapter } from "kysely";

export function isPostgres<DB>(db: Kysely<DB>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}
