/**
 * Issue 17, item 1 (SQLite): `iif import iati` and a live server share one database file
 * without blocking each other. A write that meets another connection's lock waits for it
 * without stalling the event loop, and after a short wait answers 503 with Retry-After;
 * an import takes no lock while it reads a file, shows nothing of it until it is whole,
 * waits out the server's writes, and names the file when the wait runs out.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import SQLite from "better-sqlite3";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { createUser } from "../helpers/users.ts";

const work = mkdtempSync(join(tmpdir(), "iif-contention-"));

function activitiesFile(name: string, prefix: string, count: number): string {
	const activities = Array.from(
		{ length: count },
		(_, i) => `
 <iati-activity default-currency="USD" last-updated-datetime="2021-01-01T00:00:00Z">
  <iati-identifier>${prefix}-${i}</iati-identifier>
  <reporting-org ref="GB-GOV-1" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>Activity ${i}</narrative></title>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-01"/><value value-date="2020-05-01">${1000 + i}</value></transaction>
 </iati-activity>`,
	).join("");
	const path = join(work, name);
	writeFileSync(
		path,
		`<?xml version="1.0"?>\n<iati-activities version="2.03">${activities}\n</iati-activities>\n`,
	);
	return path;
}

describe("SQLite shared by the server and an import", () => {
	let ctx: TestContext;
	let user: { email: string; password: string };
	/** Another process's connection to the same file: the import, or the server. */
	let other: SQLite.Database;
	const previousWait = process.env.IIF_SQLITE_BUSY_WAIT_MS;

	before(async () => {
		process.env.IIF_SQLITE_BUSY_WAIT_MS = "300";
		ctx = await startTestApp("sqlite", { demo: false });
		user = await createUser(ctx);
		other = new SQLite(ctx.db.url);
		other.pragma("busy_timeout = 0");
	});
	after(async () => {
		if (previousWait === undefined) delete process.env.IIF_SQLITE_BUSY_WAIT_MS;
		else process.env.IIF_SQLITE_BUSY_WAIT_MS = previousWait;
		other?.close();
		await ctx?.app.close();
		await ctx?.db.drop();
	});

	const signIn = () =>
		ctx.app.inject({
			method: "POST",
			url: "/api/v1/session",
			payload: { email: user.email, password: user.password },
		});
	const activitiesLike = (prefix: string) =>
		(
			other
				.prepare("select count(*) as n from activity where iati_identifier like ?")
				.get(`${prefix}-%`) as { n: number }
		).n;

	it("answers a write 503 with Retry-After while another connection holds the lock, serving reads meanwhile", async () => {
		other.exec("begin immediate");
		other.prepare("insert or replace into app_meta (key, value) values ('lock', 'held')").run();
		try {
			// The event loop must keep turning while the write waits: better-sqlite3 waits synchronously.
			let ticks = 0;
			const ticker = setInterval(() => ticks++, 10);
			const finished: string[] = [];
			const started = Date.now();
			const [write, read] = await Promise.all([
				signIn().then((r) => {
					finished.push("write");
					return r;
				}),
				ctx.app.inject({ method: "GET", url: "/api/v1/forums?limit=1" }).then((r) => {
					finished.push("read");
					return r;
				}),
			]);
			clearInterval(ticker);
			assert.equal(read.statusCode, 200);
			assert.deepEqual(finished, ["read", "write"], "the read is not held up by the waiting write");
			assert.equal(write.statusCode, 503, write.body);
			assert.match(String(write.headers["content-type"]), /^application\/problem\+json/);
			assert.equal(write.headers["retry-after"], "2");
			assert.equal(write.json().code, "unavailable");
			assert.match(write.json().detail, /busy/);
			assert.ok(Date.now() - started < 2000, "the wait is short");
			assert.ok(ticks >= 10, `the event loop ran while the write waited (${ticks} ticks)`);
		} finally {
			other.exec("rollback");
		}
		assert.equal((await signIn()).statusCode, 200, "the write goes through once the lock is free");
	});

	it("lets a waiting write through when the lock is freed within the wait", async () => {
		other.exec("begin immediate");
		other.prepare("insert or replace into app_meta (key, value) values ('lock', 'held')").run();
		setTimeout(() => other.exec("rollback"), 100);
		const res = await signIn();
		assert.equal(res.statusCode, 200, res.body);
	});

	it("takes no lock while it reads a file, and shows none of it before the end", async () => {
		const file = activitiesFile("staged.xml", "XC-STAGED", 300);
		const seen: number[] = [];
		const writes: string[] = [];
		let n = 0;
		const r = await new ImportService(ctx.db.database, {
			batchSize: 50,
			worker: false,
		}).importFiles([file], cliActor, (p) => {
			if (p.bytes >= p.totalBytes && p.activities === 300) return; // the file is done
			// What the server does between two batches: write, and read the registry.
			try {
				other.exec("begin immediate");
				other
					.prepare("insert or replace into app_meta (key, value) values ('probe', ?)")
					.run(String(++n));
				other.exec("commit");
				writes.push("ok");
			} catch (e) {
				if (other.inTransaction) other.exec("rollback");
				writes.push((e as Error).message);
			}
			seen.push(activitiesLike("XC-STAGED"));
		});
		assert.equal(r.files, 1);
		assert.equal(r.activities, 300);
		assert.ok(writes.length >= 5, `batches seen: ${writes.length}`);
		assert.deepEqual(
			new Set(writes),
			new Set(["ok"]),
			"the server's writes got in between batches",
		);
		assert.deepEqual(new Set(seen), new Set([0]), "no reader saw part of the file");
		assert.equal(activitiesLike("XC-STAGED"), 300);
	});

	it("waits for the server's lock to end the import", async () => {
		const file = activitiesFile("waits.xml", "XC-WAITS", 20);
		other.exec("begin immediate");
		other.prepare("insert or replace into app_meta (key, value) values ('lock', 'held')").run();
		// Longer than the driver's own wait: the import's final transaction tries again.
		setTimeout(() => other.exec("rollback"), 700);
		const r = await new ImportService(ctx.db.database, { worker: false }).importFiles(
			[file],
			cliActor,
		);
		assert.deepEqual(r.failed, []);
		assert.equal(activitiesLike("XC-WAITS"), 20);
	});

	it("fails a file it cannot write in time, naming it, and changes nothing", async () => {
		const first = activitiesFile("locked-1.xml", "XC-LOCKED", 10);
		const second = activitiesFile("locked-2.xml", "XC-LOCKED2", 10);
		other.exec("begin immediate");
		other.prepare("insert or replace into app_meta (key, value) values ('lock', 'held')").run();
		try {
			const r = await new ImportService(ctx.db.database, {
				worker: false,
				busyWaitMs: 300,
			}).importFiles([first, second], cliActor);
			assert.equal(r.files, 0);
			assert.deepEqual(
				r.failed.map((f) => f.file),
				[first, second],
			);
			for (const f of r.failed) {
				assert.ok(f.message.startsWith(`${f.file}: `), f.message);
				assert.match(f.message, /nothing imported: the database is busy/);
			}
		} finally {
			other.exec("rollback");
		}
		assert.equal(activitiesLike("XC-LOCKED"), 0);
	});
});
