/**
 * Issue 13: the audit log's tail is anchored. Events cut off the end leave a chain that
 * still links up, so `iif audit verify` alone passes; held to the anchor it printed (and
 * /healthz published) before, it fails, and says whether events were cut or rewritten.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { cliActor } from "../../src/lib/actor.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServices, type Services } from "../../src/server/services.ts";
import { runIif } from "../helpers/cli.ts";
import {
	createMigratedDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";

for (const dialect of dialects) {
	describe(`the audit log's anchor [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let db: TestDatabase;
		let services: Services;
		let env: Record<string, string>;
		let forums = 0;
		const write = async (n: number) => {
			for (let i = 0; i < n; i++, forums++)
				await services.forums.create(
					{ slug: `anchored-${forums}`, name: `Anchored ${forums}`, kind: "other" },
					cliActor,
				);
		};
		const verify = (...args: string[]) => runIif(["audit", "verify", ...args], env);
		const anchorOf = (stdout: string) => /^anchor: ([0-9a-f]{64}:\d+)$/m.exec(stdout)?.[1] ?? "";

		before(async () => {
			db = await createMigratedDatabase(dialect);
			services = createServices(db.database);
			env = { IIF_DATABASE_URL: db.url };
		});
		after(async () => {
			await db.drop();
		});

		it("prints the anchor, and /healthz publishes the same", async () => {
			await write(5);
			const r = await verify();
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /audit log intact: 5 events/);
			const anchor = anchorOf(r.stdout);
			assert.match(anchor, /:5$/);
			const app = await buildApp(services);
			try {
				const health = (await app.inject({ method: "GET", url: "/healthz" })).json();
				assert.equal(health.audit.anchor, anchor);
				assert.equal(health.audit.events, 5);
				assert.equal(`${health.audit.head}:${health.audit.events}`, anchor);
			} finally {
				await app.close();
			}
		});

		it("fails when events were cut off the end, which the chain alone does not show", async () => {
			const anchor = anchorOf((await verify()).stdout);
			await write(2);
			const later = await verify("--expect", anchor);
			assert.equal(later.code, 0, later.stderr);
			assert.match(later.stdout, /holds: event 5 is unchanged, 2 events written since/);

			await sql`delete from audit_event where id > 3`.execute(db.database.db);
			const chainOnly = await verify();
			assert.equal(chainOnly.code, 0, "what remains still links up");
			const cut = await verify("--expect", anchor);
			assert.equal(cut.code, 1);
			assert.match(
				cut.stderr,
				/does NOT hold the anchor .*: the log holds 3 events, the anchor 5: 2 events were cut off the end/,
			);

			// Cut, and written again to the same length: the count matches, the hash does not.
			await write(2);
			const rewritten = await verify("--expect", anchor);
			assert.equal(rewritten.code, 1);
			assert.match(
				rewritten.stderr,
				/event 5 has hash [0-9a-f]{64}, not the anchor's .*: the log was rewritten/,
			);
		});

		it("names a malformed anchor without opening the database", async () => {
			for (const bad of [
				"abc:5",
				`${"0".repeat(64)}`,
				`${"0".repeat(64)}:-1`,
				`${"G".repeat(64)}:1`,
			]) {
				const r = await verify("--expect", bad);
				assert.equal(r.code, 2, bad);
				assert.match(r.stderr, /--expect must be HASH:COUNT/);
			}
		});
	});
}
