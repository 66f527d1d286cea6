/**
 * Error level means "look at this": a page that redirects, and a client that closes the
 * connection mid-answer, are ordinary and log nothing at error level (issue 17). The
 * server runs with a real logger over a real SQLite database.
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { cliActor } from "../../src/lib/actor.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServices } from "../../src/server/services.ts";
import { createMigratedDatabase, type TestDatabase } from "../helpers/databases.ts";

describe("server logs", () => {
	let db: TestDatabase;
	let app: FastifyInstance;
	const lines: { level: number; msg: string }[] = [];
	const errors = () => lines.filter((l) => l.level >= 50);

	before(async () => {
		db = await createMigratedDatabase("sqlite");
		const services = createServices(db.database);
		await services.reference.ensureLoaded();
		await services.statistics.ensureLoaded();
		await services.demo.load();
		await services.users.add(
			{
				email: "logs@example.org",
				password: "a long enough password",
				display_name: "Logs",
				role: null,
			},
			cliActor,
		);
		app = await buildApp(services, {
			logger: {
				level: "info",
				stream: { write: (line: string) => void lines.push(JSON.parse(line)) },
			},
		});
	});
	after(async () => {
		await app.close();
		await db.drop();
	});

	it("logs no error when a page redirects", async () => {
		const empty = await app.inject({
			method: "GET",
			url: "/en/commitments?q=",
			headers: { accept: "text/html" },
		});
		assert.equal(empty.statusCode, 302);
		const signIn = await app.inject({
			method: "POST",
			url: "/en/sign-in",
			headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
			payload: "email=logs%40example.org&password=a+long+enough+password",
		});
		assert.equal(signIn.statusCode, 303);
		assert.deepEqual(errors(), []);
	});

	it("logs a client that closes mid-answer at info level, not as an error", async () => {
		await app.listen({ port: 0, host: "127.0.0.1" });
		const { port } = app.server.address() as { port: number };
		// A compressed CSV of every commitment: the client reads the first bytes and hangs up.
		await new Promise<void>((resolve) => {
			const req = httpRequest(
				{
					port,
					host: "127.0.0.1",
					path: "/api/v1/commitments?format=csv",
					headers: { "accept-encoding": "gzip" },
				},
				(res) => {
					res.once("data", () => {
						req.destroy();
						resolve();
					});
				},
			);
			req.on("error", () => resolve());
			req.end();
		});
		await new Promise((r) => setTimeout(r, 300));
		assert.deepEqual(
			errors().map((l) => l.msg),
			[],
		);
	});
});

/**
 * Issue 13: every line a request logs carries its request id, and no line holds a
 * password, a session cookie, a CSRF token or an API token, whichever way they came:
 * JSON, a form, a header, a cookie, a query string, or a body too broken to parse.
 */
describe("server logs keep secrets out and say which request", () => {
	let db: TestDatabase;
	let app: FastifyInstance;
	const lines: string[] = [];
	const email = "secrets@example.org";
	const password = "correct horse battery staple";

	before(async () => {
		db = await createMigratedDatabase("sqlite");
		const services = createServices(db.database);
		await services.users.add({ email, password, display_name: "Secrets", role: null }, cliActor);
		app = await buildApp(services, {
			logger: { level: "trace", stream: { write: (line: string) => void lines.push(line) } },
		});
	});
	after(async () => {
		await app.close();
		await db.drop();
	});

	it("logs a request id on every line, and none of the secrets", async () => {
		const json = { "content-type": "application/json" };
		const signIn = await app.inject({
			method: "POST",
			url: "/api/v1/session",
			headers: json,
			payload: { email, password },
		});
		assert.equal(signIn.statusCode, 200, signIn.body);
		const cookie = String(signIn.headers["set-cookie"]).split(";")[0] as string;
		const sessionId = cookie.split("=")[1] as string;
		const csrf = signIn.json().csrf_token as string;
		const token = await app.inject({
			method: "POST",
			url: "/api/v1/tokens",
			headers: { ...json, cookie, "x-csrf-token": csrf },
			payload: { name: "logs" },
		});
		assert.equal(token.statusCode, 201, token.body);
		const bearer = token.json().token as string;
		const answers = await Promise.all([
			app.inject({
				method: "GET",
				url: "/api/v1/session",
				headers: { authorization: `Bearer ${bearer}` },
			}),
			app.inject({
				method: "POST",
				url: "/en/sign-in",
				headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
				payload: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}`,
			}),
			app.inject({
				method: "POST",
				url: "/api/v1/session",
				headers: json,
				payload: { email, password: `${password} but wrong` },
			}),
			// Broken JSON: the parser's message quotes the text it could not read.
			app.inject({
				method: "POST",
				url: "/api/v1/session",
				headers: json,
				payload: `{"email":"${email}","password":"${password}"`,
			}),
			// Secrets where they do not belong, in the address (refused): still not written down.
			app.inject({
				method: "GET",
				url: `/api/v1/forums?limit=1&access_token=${bearer}&password=${encodeURIComponent(password)}&csrf=${csrf}`,
			}),
			app.inject({
				method: "DELETE",
				url: "/api/v1/session",
				headers: { cookie, "x-csrf-token": csrf },
			}),
		]);
		assert.deepEqual(
			answers.map((a) => a.statusCode),
			[200, 303, 401, 400, 400, 200],
		);

		const logged = lines.map((l) => JSON.parse(l) as { reqId?: unknown; msg: string });
		assert.ok(logged.length >= 16, `${logged.length} lines`);
		for (const line of logged)
			assert.match(
				String(line.reqId),
				/^[0-9a-f-]{36}$/,
				`a line without a request id: ${JSON.stringify(line)}`,
			);
		const text = lines.join("\n");
		for (const [what, secret] of Object.entries({ password, sessionId, csrf, bearer }))
			assert.ok(!text.includes(secret), `the ${what} is in the log`);
		assert.ok(
			!text.includes(encodeURIComponent(password)),
			"the password, URL-encoded, is in the log",
		);
		// The id a line carries is the one the client is told, to quote when it reports a problem.
		assert.match(String(answers[0]?.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
		assert.ok(text.includes(String(answers[0]?.headers["x-request-id"])));
	});
});
