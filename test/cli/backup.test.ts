/**
 * Issue 13, operations: `iif backup` while the server's database is being written, and
 * `iif restore` into an empty database, as child processes against real databases. The
 * restored database holds the backup's anchor and verifies; a quiet backup restores
 * every table's count; a backup taken during writes is one moment (each write's row and
 * its audit event together); bad input is named and leaves nothing written.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { createServices } from "../../src/server/services.ts";
import { runIif } from "../helpers/cli.ts";
import {
	createTestDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";

/** Every table's row count. */
async function tableCounts(database: Database): Promise<Record<string, number>> {
	const names =
		database.dialect === "sqlite"
			? await sql<{
					name: string;
				}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
					database.db,
				)
			: await sql<{
					name: string;
				}>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
					database.db,
				);
	const counts: Record<string, number> = {};
	for (const { name } of names.rows) {
		const r = await sql<{
			n: number | string;
		}>`select count(*) as n from ${sql.table(name)}`.execute(database.db);
		counts[name] = Number(r.rows[0]?.n);
	}
	return counts;
}

/** The anchor (HASH:COUNT) a command printed. */
function anchorIn(output: string): string {
	const m = /anchor ([0-9a-f]{64}:\d+)/.exec(output);
	assert.ok(m?.[1], `no anchor in: ${output}`);
	return m[1];
}

/** A new empty database of `dialect`, closed, for a restore to fill. */
async function emptyTarget(dialect: "sqlite" | "postgres"): Promise<TestDatabase> {
	const t = await createTestDatabase(dialect);
	await t.database.close();
	return t;
}

const count = async (database: Database, query: ReturnType<typeof sql<{ n: number | string }>>) =>
	Number((await query.execute(database.db)).rows[0]?.n);

for (const dialect of dialects) {
	describe(`iif backup and restore [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let source: TestDatabase;
		let dir: string;
		const targets: TestDatabase[] = [];
		const target = async () => {
			const t = await emptyTarget(dialect);
			targets.push(t);
			return t;
		};
		before(async () => {
			source = await createTestDatabase(dialect);
			const seeded = await runIif(["seed", "--demo"], { IIF_DATABASE_URL: source.url });
			assert.equal(seeded.code, 0, seeded.stderr);
			dir = mkdtempSync(join(tmpdir(), "iif-backup-"));
		});
		after(async () => {
			await source.drop().catch(() => {});
			for (const t of targets) await t.drop().catch(() => {});
			rmSync(dir, { recursive: true, force: true });
		});

		it("restores a quiet backup with every table's count, and an anchor that holds", async () => {
			const out = join(dir, "quiet.backup");
			const backup = await runIif(["backup", "--out", out], { IIF_DATABASE_URL: source.url });
			assert.equal(backup.code, 0, backup.stderr);
			const into = await target();
			const restore = await runIif(["restore", out], { IIF_DATABASE_URL: into.url });
			assert.equal(restore.code, 0, restore.stderr);
			assert.equal(anchorIn(restore.stdout), anchorIn(backup.stdout));

			const restored = openDatabase(into.url);
			try {
				const counts = await tableCounts(restored);
				assert.ok((counts.commitment ?? 0) > 0 && (counts.audit_event ?? 0) > 0);
				assert.deepEqual(counts, await tableCounts(source.database));
			} finally {
				await restored.close();
			}
			const verify = await runIif(["audit", "verify", "--expect", anchorIn(backup.stdout)], {
				IIF_DATABASE_URL: into.url,
			});
			assert.equal(verify.code, 0, verify.stderr);
			assert.match(verify.stdout, /anchor [0-9a-f]{64}:\d+ holds/);
		});

		it("takes a backup while writes go on, as one moment of the database", async () => {
			const writer = createServices(source.database);
			let written = 0;
			let stop = false;
			const writing = (async () => {
				while (!stop) {
					await writer.forums.create(
						{ slug: `written-during-backup-${written}`, name: `Forum ${written}`, kind: "other" },
						cliActor,
					);
					written++;
					// On SQLite a write never waits for I/O: without a turn of the event loop the
					// loop would starve everything else in this process, the backup's exit included.
					await new Promise((r) => setImmediate(r));
				}
			})();
			while (written < 5) await new Promise((r) => setTimeout(r, 20));
			const writtenBefore = written;
			const out = join(dir, "busy.backup");
			const backup = await runIif(["backup", "--out", out], { IIF_DATABASE_URL: source.url });
			const writtenAfter = written;
			stop = true;
			await writing;
			assert.equal(backup.code, 0, backup.stderr);
			assert.ok(writtenAfter > writtenBefore, "writes went on while the backup ran");

			const into = await target();
			const restore = await runIif(["restore", out], { IIF_DATABASE_URL: into.url });
			assert.equal(restore.code, 0, restore.stderr);
			const anchor = anchorIn(backup.stdout);
			assert.equal(anchorIn(restore.stdout), anchor);
			const restored = openDatabase(into.url);
			try {
				const forums = await count(
					restored,
					sql`select count(*) as n from forum where slug like 'written-during-backup-%'`,
				);
				const events = await count(
					restored,
					sql`select count(*) as n from audit_event where action = 'forum.create' and after like '%written-during-backup-%'`,
				);
				assert.equal(
					forums,
					events,
					"every forum has its audit event, and no event lacks its forum",
				);
				assert.ok(forums >= writtenBefore && forums <= writtenAfter, `${forums} forums`);
				const all = await count(restored, sql`select count(*) as n from audit_event`);
				assert.equal(`${anchor.split(":")[1]}`, String(all));
			} finally {
				await restored.close();
			}
			// The source went on past the backup: its log holds the backup's anchor, and more.
			const verify = await runIif(["audit", "verify", "--expect", anchor], {
				IIF_DATABASE_URL: source.url,
			});
			assert.equal(verify.code, 0, verify.stderr);
			assert.match(verify.stdout, /holds: event \d+ is unchanged, [1-9]\d* events written since/);
		});

		it("restores only into an empty database, and leaves it as it was otherwise", async () => {
			const out = join(dir, "again.backup");
			assert.equal(
				(await runIif(["backup", "--out", out], { IIF_DATABASE_URL: source.url })).code,
				0,
			);
			const before = await tableCounts(source.database);
			const full = await runIif(["restore", out], { IIF_DATABASE_URL: source.url });
			assert.equal(full.code, 2);
			assert.match(full.stderr, /is not empty \(\d+ tables.*restore only into an empty database/);
			assert.deepEqual(await tableCounts(source.database), before);

			const again = await runIif(["backup", "--out", out], { IIF_DATABASE_URL: source.url });
			assert.equal(again.code, 2);
			assert.match(again.stderr, /already exists: a backup never overwrites a file/);

			const nowhere = await runIif(["backup", "--out", join(dir, "no-such-folder", "x.backup")], {
				IIF_DATABASE_URL: source.url,
			});
			assert.equal(nowhere.code, 2);
			assert.match(nowhere.stderr, /the folder .*no-such-folder does not exist/);

			const junk = join(dir, "junk.backup");
			writeFileSync(junk, "not a backup at all");
			const into = await target();
			const notBackup = await runIif(["restore", junk], { IIF_DATABASE_URL: into.url });
			assert.equal(notBackup.code, 2);
			assert.match(notBackup.stderr, /neither a SQLite backup nor a pg_dump custom-format archive/);

			// Half a backup: refused (SQLite) or rolled back (pg_restore in one transaction).
			const half = join(dir, "half.backup");
			const whole = readFileSync(out);
			writeFileSync(half, whole.subarray(0, Math.floor(whole.length / 2)));
			const cut = await runIif(["restore", half], { IIF_DATABASE_URL: into.url });
			assert.notEqual(cut.code, 0, cut.stdout);
			assert.match(cut.stderr, /damaged|malformed|pg_restore failed/);
			const left = openDatabase(into.url);
			try {
				assert.deepEqual(await tableCounts(left), {}, "nothing was half-written");
			} finally {
				await left.close();
			}

			const other = dialect === "sqlite" ? "postgres://nobody@127.0.0.1:1/none" : join(dir, "x.db");
			const wrongKind = await runIif(["restore", out], { IIF_DATABASE_URL: other });
			assert.equal(wrongKind.code, 2);
			assert.match(
				wrongKind.stderr,
				/backup, but IIF_DATABASE_URL names a (SQLite|PostgreSQL) database/,
			);
		});

		if (dialect === "postgres")
			it("says when pg_dump is missing", async () => {
				const r = await runIif(["backup", "--out", join(dir, "none.backup")], {
					IIF_DATABASE_URL: source.url,
					IIF_PG_BIN: "/nonexistent",
				});
				assert.equal(r.code, 2);
				assert.match(r.stderr, /pg_dump was not found \(looked in IIF_PG_BIN, \/nonexistent\)/);
			});
	});
}
