/** Statements run as the benchmarks' PostgreSQL administrator: creating and dropping their databases. */
import pg from "pg";

/** Runs each statement in turn on one connection to `url`, then closes it. */
export async function adminQuery(url: string, ...statements: string[]): Promise<void> {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		for (const statement of statements) await c.query(statement);
	} finally {
		await c.end();
	}
}
