/**
 * Issue 13, part 1: a database that becomes full, and PostgreSQL restarted under a
 * running `iif serve`. Either way the server answers 503 with Retry-After (never 500),
 * does not crash, and takes writes again once the database does, without a restart.
 * (A read-only database is read-only.test.ts.)
 *
 * Full, on SQLite: `PRAGMA max_page_count` set to the file's size on the application's
 * own connection, so that the file can grow no more (what a full disk does to it); raised
 * again, the same application writes on. Restarted, on PostgreSQL: the cluster is shared,
 * so it is not restarted; what a restart does to one database's clients is done instead
 * from an admin connection: every connection to the database is terminated
 * (pg_terminate_backend: 57P01 to a client mid-query, a dead socket to an idle one), and
 * for a while no new connection is taken, as while the server starts up again.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { openDatabase } from "../../src/db/database.ts";
import { unavailableReason } from "../../src/db/errors.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServices } from "../../src/server/services.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { skipReason } from "../helpers/databases.ts";
import {
	refuseConnections,
	signInOverHttp,
	startServe,
	terminateBackends,
	writeUntilFull,
} from "../helpers/faults.ts";
import { createUser, signIn } from "../helpers/users.ts";

describe("a SQLite file that becomes full [sqlite]", () => {
	let ctx: TestContext;
	before(async () => {
		ctx = await startTestApp("sqlite", { demo: false });
	});
	after(async () => {
		await ctx?.app.close();
		await ctx?.db.drop();
	});

	it("answers writes 503 with Retry-After while full, and writes again once it is not, without a restart", async () => {
		const user = await createUser(ctx);
		// The server's own connection: max_page_count holds for the connection that sets it.
		const database = openDatabase(ctx.db.url);
		const app = await buildApp(createServices(database));
		try {
			const headers = await signIn({ ...ctx, app }, user.email, user.password);
			const write = (i: number) =>
				app.inject({
					method: "POST",
					url: "/api/v1/tokens",
					headers,
					payload: { name: `client ${i} ${"x".repeat(80)}` },
				});
			const pages = await sql<{ page_count: number }>`pragma page_count`.execute(database.db);
			const size = Number(pages.rows[0]?.page_count);
			await sql.raw(`pragma max_page_count = ${size}`).execute(database.db);

			// The pages the file has still hold some free room: writes go on until it is used up.
			const accepted = await writeUntilFull(write);
			assert.equal(
				(await app.inject({ method: "GET", url: "/api/v1/tokens", headers })).statusCode,
				200,
				"reads go on",
			);
			console.log(`full [sqlite]: ${accepted} writes filled the file, then 503 with Retry-After`);

			// Space again (an operator freed the disk): the same application writes on.
			await sql.raw("pragma max_page_count = 1073741823").execute(database.db);
			const recovered = await write(-2);
			assert.equal(recovered.statusCode, 201, recovered.body);
			assert.equal((await ctx.services.audit.verify()).intact, true, "the audit chain holds");
		} finally {
			await app.close();
			await database.close();
		}
	});
});

describe("PostgreSQL restarted under iif serve [postgres]", {
	skip: skipReason("postgres"),
}, () => {
	let ctx: TestContext;
	before(async () => {
		ctx = await startTestApp("postgres", { demo: false });
	});
	after(async () => {
		await refuseConnections(ctx.db.url, false).catch(() => {});
		await ctx?.app.close();
		await ctx?.db.drop();
	});

	it("survives a connection in use ended between two queries: the next fails as unavailable, the pool recovers", async () => {
		// Before the fix, pg's 'error' on the client in use went unheard and ended the process.
		const database = openDatabase(ctx.db.url);
		try {
			const failure = await database.db
				.transaction()
				.execute(async (trx) => {
					await sql`select 1`.execute(trx);
					assert.ok((await terminateBackends(ctx.db.url)) >= 1);
					// The server's message arrives while the client waits between two queries.
					await new Promise((r) => setTimeout(r, 300));
					await sql`select 2`.execute(trx);
				})
				.then(
					() => null,
					(e: unknown) => e,
				);
			assert.ok(failure, "the transaction fails");
			assert.equal(unavailableReason(failure), "down", String(failure));
			const again = await sql<{ n: number }>`select 3 as n`.execute(database.db);
			assert.equal(Number(again.rows[0]?.n), 3, "the pool opened a new connection");
		} finally {
			await database.close();
		}
	});

	it("answers 503 with Retry-After during the outage, never 500, and serves again without a restart", async () => {
		const users = await Promise.all([createUser(ctx), createUser(ctx), createUser(ctx)]);
		const server = await startServe({
			IIF_DATABASE_URL: ctx.db.url,
			IIF_DEMO: "off",
			IIF_WRITE_RATE: "100000/600",
		});
		try {
			const sessions = await Promise.all(
				users.map((u) => signInOverHttp(server.base, u.email, u.password)),
			);
			const answers: { phase: string; status: number; retryAfter: string | null; body: string }[] =
				[];
			let phase = "before";
			let stop = false;
			let n = 0;
			const client = async (i: number) => {
				while (!stop) {
					const write = n++ % 2 === 0;
					const res = await fetch(
						`${server.base}${write ? "/api/v1/tokens" : "/api/v1/forums?limit=5"}`,
						write
							? {
									method: "POST",
									headers: sessions[i % sessions.length],
									body: JSON.stringify({ name: `client ${n}` }),
								}
							: {},
					);
					answers.push({
						phase,
						status: res.status,
						retryAfter: res.headers.get("retry-after"),
						body: await res.text(),
					});
				}
			};
			const clients = [0, 1, 2, 3, 4, 5].map(client);
			const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
			await pause(500);
			// The restart: no new connections, every open one ended; a while later, back.
			phase = "outage";
			await refuseConnections(ctx.db.url, true);
			const ended = await terminateBackends(ctx.db.url);
			await pause(300);
			const healthDuringOutage = await fetch(`${server.base}/healthz`);
			await pause(1200);
			await refuseConnections(ctx.db.url, false);
			phase = "after";
			await pause(1500);
			stop = true;
			await Promise.all(clients);

			const count = (p: string, test: (s: number) => boolean) =>
				answers.filter((a) => a.phase === p && test(a.status)).length;
			console.log(
				`postgres restart: ${ended} connections ended; before ${count("before", () => true)} answers, during the outage ${count("outage", (s) => s === 503)} x 503 and ${count("outage", (s) => s < 300)} x 2xx, after ${count("after", (s) => s < 300)} x 2xx and ${count("after", (s) => s === 503)} x 503`,
			);
			const bad = answers.filter((a) => a.status >= 500 && a.status !== 503);
			assert.deepEqual(bad, [], "no 500 at any time");
			const unavailable = answers.filter((a) => a.status === 503);
			assert.ok(unavailable.length > 0, "the outage was noticed");
			for (const a of unavailable) {
				assert.ok(Number(a.retryAfter) > 0, `503 without Retry-After: ${a.body}`);
				assert.equal(JSON.parse(a.body).code, "unavailable");
			}
			assert.ok(
				answers.every((a) => a.status < 300 || a.status === 503),
				"only 2xx and 503",
			);
			// Recovered by itself: the last answers of every client are successes.
			const last = answers.slice(-6);
			assert.deepEqual(
				last.map((a) => a.status < 300),
				last.map(() => true),
				JSON.stringify(last.map((a) => a.status)),
			);
			assert.equal(server.child.exitCode, null, "the server is still running");
			assert.doesNotMatch(server.output(), /exited \(/, "no worker died and was restarted");
			assert.equal(healthDuringOutage.status, 503, await healthDuringOutage.text());
			assert.equal(
				healthDuringOutage.headers.get("retry-after"),
				"10",
				"/healthz too says when to ask again",
			);
			const health = await fetch(`${server.base}/healthz`);
			assert.equal(health.status, 200, await health.text());
		} finally {
			await server.stop();
		}
	});
});
