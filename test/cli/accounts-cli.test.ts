import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { openDatabase } from "../../src/db/database.ts";
import { createServices } from "../../src/server/services.ts";
import { runIif } from "../helpers/cli.ts";
import {
	createTestDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";

const run = runIif;

for (const dialect of dialects) {
	describe(`iif user and iif audit [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let db: TestDatabase;
		let env: Record<string, string>;
		before(async () => {
			db = await createTestDatabase(dialect);
			await db.database.close();
			env = { IIF_DATABASE_URL: db.url };
			assert.equal((await run(["seed", "--demo"], env)).code, 0);
		});
		after(() => db.drop().catch(() => {}));

		/** Signs in through the service, as POST /api/v1/session would. */
		async function signIn(email: string, password: string) {
			const database = openDatabase(db.url);
			try {
				return await createServices(database).auth.login({ email, password }, { ip: "127.0.0.1" });
			} finally {
				await database.close();
			}
		}

		it("adds a user with a role and a membership, the password read from stdin", async () => {
			const res = await run(
				[
					"user",
					"add",
					"--email",
					"Focal@Example.org",
					"--password-stdin",
					"--name",
					"Ada Focal",
					"--stakeholder",
					"united-kingdom",
					"--as",
					"focal_point",
				],
				env,
				"a long enough password\n",
			);
			assert.equal(res.code, 0, res.stderr);
			assert.match(res.stdout, /added user \d+ \(Focal@Example.org\)/);
			const session = await signIn("focal@example.org", "a long enough password");
			assert.equal(session.actor.displayName, "Ada Focal");
			assert.equal(session.actor.memberships[0]?.role, "focal_point");
		});

		it("grants and removes global roles", async () => {
			assert.equal(
				(await run(["user", "grant", "--email", "focal@example.org", "--role", "secretariat"], env))
					.code,
				0,
			);
			assert.equal(
				(await signIn("focal@example.org", "a long enough password")).actor.role,
				"secretariat",
			);
			assert.equal(
				(await run(["user", "grant", "--email", "focal@example.org", "--role", "none"], env)).code,
				0,
			);
			assert.equal((await signIn("focal@example.org", "a long enough password")).actor.role, null);
		});

		it("resets a password, ending sessions and revoking API tokens", async () => {
			const before = openDatabase(db.url);
			let token = "";
			try {
				const services = createServices(before);
				const session = await services.auth.login(
					{ email: "focal@example.org", password: "a long enough password" },
					{ ip: "127.0.0.1" },
				);
				token = (await services.auth.createToken(session.actor, { name: "laptop" })).token;
				assert.ok(await services.auth.resolveToken(token));
			} finally {
				await before.close();
			}
			const res = await run(
				["user", "reset-password", "--email", "focal@example.org", "--password-stdin"],
				env,
				"another long password",
			);
			assert.equal(res.code, 0, res.stderr);
			await assert.rejects(signIn("focal@example.org", "a long enough password"), /wrong/);
			assert.ok((await signIn("focal@example.org", "another long password")).token);
			const after = openDatabase(db.url);
			try {
				assert.equal(
					await createServices(after).auth.resolveToken(token),
					null,
					"the token died with the old password",
				);
			} finally {
				await after.close();
			}
		});

		it("says what is wrong with bad account commands", async () => {
			const noStdin = await run(["user", "add", "--email", "x@example.org"], env);
			assert.equal(noStdin.code, 2);
			assert.match(noStdin.stderr, /--password-stdin/);
			const badRole = await run(
				["user", "add", "--email", "x@example.org", "--password-stdin", "--role", "king"],
				env,
				"a long enough password",
			);
			assert.equal(badRole.code, 2);
			assert.match(badRole.stderr, /--role must be one of/);
			const taken = await run(
				["user", "add", "--email", "focal@example.org", "--password-stdin"],
				env,
				"a long enough password",
			);
			assert.equal(taken.code, 2);
			assert.match(taken.stderr, /exists already/);
			const short = await run(
				["user", "add", "--email", "y@example.org", "--password-stdin"],
				env,
				"short",
			);
			assert.equal(short.code, 2);
			assert.match(short.stderr, /at least 10 characters/);
			const nobody = await run(
				["user", "grant", "--email", "nobody@example.org", "--role", "assessor"],
				env,
			);
			assert.equal(nobody.code, 2);
			assert.match(nobody.stderr, /does not exist/);
			assert.equal((await run(["user", "frobnicate"], env)).code, 2);
		});

		it("verifies the audit chain, and finds the event someone changed", async () => {
			const intact = await run(["audit", "verify"], env);
			assert.equal(intact.code, 0, intact.stderr);
			const events = Number(/intact: (\d+) events/.exec(intact.stdout)?.[1]);
			assert.ok(events > 50, "seed, users and logins were all recorded");
			const database = openDatabase(db.url);
			try {
				await sql`update audit_event set after = ${JSON.stringify({ status: "forged" })} where id = 7`.execute(
					database.db,
				);
			} finally {
				await database.close();
			}
			const broken = await run(["audit", "verify"], env);
			assert.equal(broken.code, 1);
			assert.match(broken.stderr, /BROKEN at event 7: event 7 was changed/);
		});
	});
}
