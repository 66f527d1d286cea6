/**
 * Issue 13, SIGTERM: `iif serve` lets the requests in flight finish, refuses new ones
 * (the port closes, and /readyz answers 503 on connections already open), and exits
 * within 10 s even when a client never finishes its request. Real processes, real
 * sockets, on both databases.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { connect, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { openDatabase } from "../../src/db/database.ts";
import { runIif, serve } from "../helpers/cli.ts";
import {
	createTestDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";

/** A raw HTTP/1.1 connection: the request is written in parts, the answer read whole. */
function open(base: string): Promise<Socket> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname, () => resolve(socket));
		socket.once("error", reject);
	});
}

/** The head of the first answer on `socket` (status line and headers), once it is complete. */
function answerHead(socket: Socket): Promise<{ status: number; headers: string }> {
	return new Promise((resolve, reject) => {
		let text = "";
		socket.on("data", (d) => {
			text += d;
			const end = text.indexOf("\r\n\r\n");
			if (end >= 0)
				resolve({ status: Number(text.slice(9, 12)), headers: text.slice(0, end).toLowerCase() });
		});
		socket.once("error", reject);
		socket.once("close", () => reject(new Error(`connection closed; got: ${text}`)));
	});
}

function registration(email: string): { head: string; body: string } {
	const body = JSON.stringify({ email, password: "a long enough password", display_name: "Late" });
	return {
		head: `POST /api/v1/users HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`,
		body,
	};
}

/**
 * Resolves with the exit code once `child` exits; one still running after 15 s is killed
 * (the test then fails on the time it took, instead of hanging).
 */
function exitOf(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
		child.once("exit", (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of dialects) {
	describe(`iif serve on SIGTERM [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let db: TestDatabase;
		let env: Record<string, string>;
		before(async () => {
			db = await createTestDatabase(dialect);
			await db.database.close();
			env = { IIF_DATABASE_URL: db.url, IIF_DEMO: "off" };
			const migrated = await runIif(["migrate"], env);
			assert.equal(migrated.code, 0, migrated.stderr);
		});
		after(async () => {
			await db.drop().catch(() => {});
		});

		for (const to of ["the server", "every process of its group"] as const)
			it(`finishes the request in flight, refuses new ones, and exits 0 within 10 s (SIGTERM to ${to})`, async () => {
				// systemd (KillMode=control-group) signals every process: workers get SIGTERM twice.
				const group = to !== "the server";
				const { child, base, output } = await serve(env, { detached: group });
				const exited = exitOf(child);
				// A keep-alive connection that has asked nothing yet, and one whose request is half sent.
				const idle = await open(base);
				const busy = await open(base);
				const ready = await fetch(`${base}/readyz`);
				assert.equal(ready.status, 200);
				assert.deepEqual(await ready.json(), { status: "ready" });
				const { head, body } = registration(`late-${group ? "group" : "one"}@example.org`);
				busy.write(head + body.slice(0, 10));
				// A request still arriving: half its head is sent before SIGTERM, the rest after.
				const probe = await open(base);
				probe.write("GET /readyz HTTP/1.1\r\nhost: localhost\r\n");
				await sleep(300);

				const signalled = Date.now();
				if (group) process.kill(-(child.pid as number), "SIGTERM");
				else child.kill("SIGTERM");
				await sleep(500);
				await assert.rejects(fetch(`${base}/readyz`), "a new connection is refused");
				const probed = answerHead(probe);
				probe.write("\r\n");
				const readiness = await probed;
				assert.equal(readiness.status, 503, "/readyz fails once shutdown has begun");
				assert.match(readiness.headers, /connection: close/);
				const answer = answerHead(busy);
				busy.write(body.slice(10));
				const { status, headers } = await answer;
				const code = await exited;
				const took = Date.now() - signalled;
				idle.destroy();
				busy.destroy();
				probe.destroy();
				assert.equal(status, 202, `${headers}\n${output()}`);
				assert.match(
					headers,
					/connection: close/,
					"the answer tells the client not to send more here",
				);
				assert.equal(code, 0, output());
				assert.ok(took < 10_000, `exited ${took} ms after SIGTERM`);
				const database = openDatabase(db.url);
				try {
					const row = await sql<{
						n: number | string;
					}>`select count(*) as n from app_user where email = ${`late-${group ? "group" : "one"}@example.org`}`.execute(
						database.db,
					);
					assert.equal(Number(row.rows[0]?.n), 1, "the write in flight was kept");
				} finally {
					await database.close();
				}
			});

		it("exits within 10 s when a client never finishes its request", async () => {
			const { child, base, output } = await serve(env);
			const exited = exitOf(child);
			const stuck = await open(base);
			const { head, body } = registration("never@example.org");
			stuck.write(head + body.slice(0, 10));
			stuck.on("error", () => {});
			await sleep(300);
			const signalled = Date.now();
			child.kill("SIGTERM");
			const code = await exited;
			const took = Date.now() - signalled;
			stuck.destroy();
			assert.ok(took < 10_000, `exited ${took} ms after SIGTERM:\n${output()}`);
			assert.equal(code, 1, "cutting a request off is not a clean stop");
			assert.match(output(), /1 connection still open after \d+ s: closed/);
		});
	});
}
