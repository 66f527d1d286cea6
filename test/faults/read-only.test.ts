/**
 * Issue 17, item 7: a database that refuses writes (read-only here; a full disk answers
 * alike) makes writes answer 503 with Retry-After and a message that says why, not a
 * generic 500, and /healthz report the database as not writable (503), not "ok".
 * SQLite is made read-only with `PRAGMA query_only` (tests run as any user, and chmod
 * does not stop root); PostgreSQL with the database's default_transaction_read_only,
 * which holds for the connections opened after it is set.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import pg from "pg";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServices } from "../../src/server/services.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { pgAdminUrl } from "../helpers/databases.ts";
import { createUser } from "../helpers/users.ts";

/** An application over the same database, on connections that may only read. */
async function readOnlyApp(
	ctx: TestContext,
): Promise<{ app: FastifyInstance; database: Database }> {
	if (ctx.dialect === "postgres") {
		const admin = new pg.Client({ connectionString: pgAdminUrl });
		await admin.connect();
		const name = new URL(ctx.db.url).pathname.slice(1);
		await admin.query(`alter database ${name} set default_transaction_read_only = on`);
		await admin.end();
	}
	const database = openDatabase(ctx.db.url);
	if (ctx.dialect === "sqlite") await sql`pragma query_only = on`.execute(database.db);
	return { app: await buildApp(createServices(database)), database };
}

describeEachDialect(
	"a database that refuses writes",
	(ctx) => {
		it("answers writes 503 with Retry-After, and /healthz says it is not writable", async () => {
			const user = await createUser(ctx());
			const { app, database } = await readOnlyApp(ctx());
			try {
				const write = await app.inject({
					method: "POST",
					url: "/api/v1/session",
					payload: { email: user.email, password: user.password },
				});
				assert.equal(write.statusCode, 503, write.body);
				assert.match(String(write.headers["content-type"]), /^application\/problem\+json/);
				assert.equal(write.headers["retry-after"], "60");
				assert.equal(write.json().code, "unavailable");
				assert.match(write.json().detail, /the database is read-only/);

				const read = await app.inject({ method: "GET", url: "/api/v1/forums?limit=1" });
				assert.equal(read.statusCode, 200, "reads still work");

				const health = await app.inject({ method: "GET", url: "/healthz" });
				assert.equal(health.statusCode, 503, health.body);
				assert.equal(health.headers["retry-after"], "60");
				assert.equal(health.json().status, "not_writable");
				assert.equal(health.json().database.writable, false);
				assert.match(health.json().database.problem, /read-only/);
			} finally {
				await app.close();
				await database.close();
			}
			const healthy = await ctx().get("/healthz");
			if (ctx().dialect === "sqlite") {
				// The other connection was never read-only: it reports writable, as it is.
				assert.equal(healthy.status, 200);
				assert.equal(healthy.body.database.writable, true);
			}
		});
	},
	{ demo: false },
);
