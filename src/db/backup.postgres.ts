/**
 * Backup and restore of a PostgreSQL database with PostgreSQL's own tools: pg_dump
 * (custom format) reads one snapshot, so the server may go on writing; pg_restore loads
 * it in a single transaction, so a failure leaves the target as empty as it was. The
 * password goes to the tools in PGPASSWORD, never on their command line (visible in ps).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { AppError } from "../lib/errors.ts";

type PgTool = "pg_dump" | "pg_restore";

/**
 * IIF_PG_BIN when set (the folder of the tools to use, and the only place looked), else
 * the PATH, else the newest Debian/Ubuntu install (/usr/lib/postgresql/N/bin).
 */
export function findPgTool(tool: PgTool): string {
	const pinned = process.env.IIF_PG_BIN;
	const dirs = pinned
		? [pinned]
		: [
				...(process.env.PATH ?? "").split(":").filter(Boolean),
				...(existsSync("/usr/lib/postgresql")
					? readdirSync("/usr/lib/postgresql")
							.filter((v) => /^\d+$/.test(v))
							.sort((a, b) => Number(b) - Number(a))
							.map((v) => `/usr/lib/postgresql/${v}/bin`)
					: []),
			];
	const found = dirs.map((d) => join(d, tool)).find((p) => existsSync(p));
	if (!found)
		throw new AppError(
			"invalid_input",
			`${tool} was not found (looked in ${pinned ? `IIF_PG_BIN, ${pinned}` : "the PATH and /usr/lib/postgresql/*/bin"}): install the PostgreSQL client tools of the server's version or newer (Debian: postgresql-client-15), or set IIF_PG_BIN to the folder that holds ${tool}`,
		);
	return found;
}

/** The URL without its password, and the password for PGPASSWORD. */
function credentials(url: string): { url: string; env: NodeJS.ProcessEnv } {
	const u = new URL(url);
	const password = decodeURIComponent(u.password);
	u.password = "";
	return {
		url: u.toString(),
		env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
	};
}

function run(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	const path = findPgTool(tool);
	return new Promise((resolve, reject) => {
		const child = spawn(path, args, { env, stdio: ["ignore", "ignore", "pipe"] });
		let stderr = "";
		child.stderr.on("data", (d) => (stderr += d));
		child.on("error", (e) =>
			reject(new AppError("internal", `${tool} could not run: ${e.message}`)),
		);
		child.on("close", (code) =>
			code === 0
				? resolve()
				: reject(new AppError("invalid_input", `${tool} failed (exit ${code}): ${stderr.trim()}`)),
		);
	});
}

function client(url: string) {
	const pg = createRequire(import.meta.url)("pg") as typeof import("pg");
	return new pg.Client({ connectionString: url });
}

/**
 * Dumps the database at `url` to `out`, and returns what `read` found in the same
 * snapshot: pg_dump is handed the snapshot of an open transaction, so the figures read
 * in it (the audit log's anchor) are those of the dump, writes since notwithstanding.
 */
export async function backupPostgres<T>(
	url: string,
	out: string,
	read: (query: (text: string) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
	findPgTool("pg_dump");
	const c = client(url);
	await c.connect();
	const partial = `${out}.partial-${process.pid}`;
	try {
		await c.query("begin isolation level repeatable read read only");
		const snapshot = (await c.query("select pg_export_snapshot() as s")).rows[0].s as string;
		const figures = await read(async (text) => (await c.query(text)).rows);
		const { url: bare, env } = credentials(url);
		await run(
			"pg_dump",
			["--format=custom", `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${bare}`],
			env,
		);
		renameSync(partial, out);
		return figures;
	} catch (e) {
		rmSync(partial, { force: true });
		throw e;
	} finally {
		await c.end().catch(() => {});
	}
}

/** How many tables the database at `url` holds outside PostgreSQL's own schemas. */
async function userTables(url: string): Promise<number> {
	const c = client(url);
	await c.connect();
	try {
		const r = await c.query(
			"select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'",
		);
		return r.rows[0].n as number;
	} finally {
		await c.end().catch(() => {});
	}
}

/** Restores the custom-format dump `file` into the database at `url`, which must be empty. */
export async function restorePostgres(file: string, url: string): Promise<void> {
	findPgTool("pg_restore");
	const tables = await userTables(url);
	const name = new URL(url).pathname.slice(1);
	if (tables > 0)
		throw new AppError(
			"invalid_input",
			`the database ${name} is not empty (${tables} tables and other relations): restore only into an empty database (createdb a new one)`,
		);
	const { url: bare, env } = credentials(url);
	// --list reads the archive's table of contents: a file that is not a dump is named before anything runs.
	await run("pg_restore", ["--list", file], env);
	await run(
		"pg_restore",
		[
			"--exit-on-error",
			"--single-transaction",
			"--no-owner",
			"--no-privileges",
			`--dbname=${bare}`,
			file,
		],
		env,
	);
}
