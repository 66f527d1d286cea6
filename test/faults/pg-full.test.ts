/**
 * Issue 13, part 1: a PostgreSQL database whose disk becomes full, under a running
 * application. Writes answer 503 with Retry-After (never 500) and leave nothing half
 * written, reads go on, and once space is freed the same application writes again,
 * without a restart. (SQLite's full file, and PostgreSQL restarted, are outage.test.ts.)
 *
 * The cluster is shared, so its own disk is never filled. Instead the test database's
 * tables and indexes move to a tablespace on a small tmpfs mounted for the test, and a
 * filler table takes the rest of it: PostgreSQL then fails to extend a relation file
 * exactly as on a full disk (SQLSTATE 53100, "could not extend file ... No space left on
 * device"). Mounting needs root and the PostgreSQL server on this machine, which CI has
 * (it starts the cluster itself); elsewhere the suite says why it cannot run.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { pgAdminUrl, requireAll, skipReason } from "../helpers/databases.ts";
import { writeUntilFull } from "../helpers/faults.ts";
import { createUser, signIn } from "../helpers/users.ts";

/** Why a tmpfs tablespace cannot be made here, or false when it can. */
function tmpfsReason(): string | false {
	const pgSkip = skipReason("postgres");
	if (pgSkip) return pgSkip;
	const host = new URL(pgAdminUrl ?? "").hostname;
	const why =
		process.getuid?.() !== 0
			? "mounting a tmpfs needs root"
			: !["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)
				? `the PostgreSQL server (${host}) is not on this machine`
				: false;
	if (why && requireAll)
		throw new Error(`IIF_TEST_REQUIRE_ALL=1 but the full-disk suite cannot run: ${why}`);
	return why;
}

const sizeMb = 48;

/** A statement as the cluster's superuser, over its local socket (as .ci/run sets up roles). */
function asPostgres(statement: string): void {
	const port = new URL(pgAdminUrl ?? "").port || "5432";
	execFileSync(
		"runuser",
		["-u", "postgres", "--", "psql", "-p", port, "-v", "ON_ERROR_STOP=1", "-qc", statement],
		{
			stdio: ["ignore", "ignore", "inherit"],
		},
	);
}

describe("a PostgreSQL database on a full disk [postgres]", { skip: tmpfsReason() }, () => {
	let ctx: TestContext;
	let mountPoint = "";
	let mounted = false;
	const tablespace = `iif_full_${process.pid}`;
	let admin: pg.Client;
	/** The test's own role, which owns the tables it moves. */
	const role = () => new URL(ctx.db.url).username;

	before(async () => {
		ctx = await startTestApp("postgres", { demo: false });
		mountPoint = mkdtempSync(join(tmpdir(), "iif-pgfull-"));
		execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0700`, "tmpfs", mountPoint]);
		mounted = true;
		execFileSync("chown", ["postgres:postgres", mountPoint]);
		// Only a superuser makes a tablespace: the cluster's own, as CI sets its roles up.
		// The test's role may then create in it, and moves its own tables there from a
		// connection to the test database (ALTER ... ALL IN TABLESPACE acts on that one).
		asPostgres(`create tablespace ${tablespace} location '${mountPoint}'`);
		asPostgres(`grant create on tablespace ${tablespace} to ${role()}`);
		admin = new pg.Client({ connectionString: ctx.db.url });
		await admin.connect();
	});

	after(async () => {
		await admin?.end().catch(() => {});
		await ctx?.app.close();
		await ctx?.db.drop();
		if (mounted) {
			asPostgres(`drop tablespace if exists ${tablespace}`);
			execFileSync("umount", [mountPoint]);
		}
		if (mountPoint) rmSync(mountPoint, { recursive: true, force: true });
	});

	it("answers writes 503 with Retry-After while the disk is full, writes nothing half, and writes again once space is freed", async () => {
		const user = await createUser(ctx);
		const headers = await signIn(ctx, user.email, user.password);
		const write = (i: number) =>
			ctx.app.inject({
				method: "POST",
				url: "/api/v1/tokens",
				headers,
				payload: { name: `client ${i} ${"x".repeat(80)}` },
			});
		const tokens = async () =>
			Number((await admin.query("select count(*) as n from api_token")).rows[0].n);
		const events = async () =>
			Number((await admin.query("select count(*) as n from audit_event")).rows[0].n);

		await admin.query(
			`alter table all in tablespace pg_default owned by ${role()} set tablespace ${tablespace}`,
		);
		await admin.query(
			`alter index all in tablespace pg_default owned by ${role()} set tablespace ${tablespace}`,
		);
		// Fill what is left of the disk with text that does not compress.
		await admin.query(`create table filler (b text) tablespace ${tablespace}`);
		await admin.query("alter table filler alter column b set storage external");
		let filled: { code?: string; message: string } | null = null;
		for (let i = 0; i < 4 * sizeMb && !filled; i++) {
			await admin
				.query(
					"insert into filler select string_agg(md5(random()::text), '') from generate_series(1, 16000)",
				)
				.catch((e: { code?: string; message: string }) => {
					filled = e;
				});
		}
		assert.ok(filled, "the tablespace never filled up");
		assert.equal((filled as { code?: string }).code, "53100", (filled as Error).message);

		// The pages the tables have still hold some free room: writes go on until it is used up.
		const [tokensBefore, eventsBefore] = [await tokens(), await events()];
		const accepted = await writeUntilFull(write);
		// Nothing half written: each accepted write is a token and its audit event, no more.
		assert.equal(await tokens(), tokensBefore + accepted, "a refused write left no token");
		assert.equal(await events(), eventsBefore + accepted, "and no audit event");
		const read = await ctx.app.inject({ method: "GET", url: "/api/v1/tokens", headers });
		assert.equal(read.statusCode, 200, "reads go on");
		console.log(
			`full [postgres]: ${accepted} writes used the free room, then 503 with Retry-After`,
		);

		// An operator frees space: the same application writes on.
		await admin.query("drop table filler");
		const recovered = await write(-2);
		assert.equal(recovered.statusCode, 201, recovered.body);
		assert.equal(await tokens(), tokensBefore + accepted + 1);
		assert.equal((await ctx.services.audit.verify()).intact, true, "the audit chain holds");
	});
});
