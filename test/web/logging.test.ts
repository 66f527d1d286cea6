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
