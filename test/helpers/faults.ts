/**
 * What the fault suites do to a PostgreSQL test database from the outside, through an
 * admin connection (the cluster is shared: it is never stopped or restarted).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import pg from "pg";
import { iifBin } from "./cli.ts";
import { pgAdminUrl } from "./databases.ts";

function databaseName(url: string): string {
	return new URL(url).pathname.slice(1);
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
	const admin = new pg.Client({ connectionString: pgAdminUrl });
	await admin.connect();
	try {
		return await run(admin);
	} finally {
		await admin.end();
	}
}

/**
 * Waits until no backend of the database is running a statement or holds a transaction
 * open: after a client was killed, its backend may still be working (or committing)
 * until it notices the socket is gone.
 */
export async function waitForIdleBackends(url: string, timeoutMs = 15_000): Promise<void> {
	await withAdmin(async (admin) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const r = await admin.query<{ n: string }>(
				"select count(*) as n from pg_stat_activity where datname = $1 and state is not null and state <> 'idle'",
				[databaseName(url)],
			);
			if (Number(r.rows[0]?.n) === 0) return;
			if (Date.now() > deadline)
				throw new Error(`backends of ${databaseName(url)} still busy after ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 50));
		}
	});
}

/**
 * What a restart of PostgreSQL does to one database's clients: every connection to it is
 * ended by the server (pg_terminate_backend, SQLSTATE 57P01 to a client mid-query).
 * Returns how many were ended.
 */
export async function terminateBackends(url: string): Promise<number> {
	return withAdmin(async (admin) => {
		const r = await admin.query<{ ended: boolean }>(
			"select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
			[databaseName(url)],
		);
		return r.rows.filter((x) => x.ended).length;
	});
}

/**
 * While `on`, the database takes no new connection (as while PostgreSQL starts up again):
 * a connection limit of 0, which binds every role but superusers.
 */
export async function refuseConnections(url: string, on: boolean): Promise<void> {
	await withAdmin((admin) =>
		admin.query(`alter database ${databaseName(url)} connection limit ${on ? 0 : -1}`),
	);
}

export interface Served {
	child: ChildProcess;
	base: string;
	output: () => string;
	/** SIGKILL to the process and every worker it forked at once, as a crash of the machine's would; resolves once all are gone. */
	killAll(): Promise<void>;
	/** SIGTERM, as an operator stops it; resolves once it has exited. */
	stop(): Promise<void>;
}

/** The headers of a user signed in through the API of a running server: the session cookie, the CSRF token, JSON. */
export async function signInOverHttp(
	base: string,
	email: string,
	password: string,
): Promise<Record<string, string>> {
	const res = await fetch(`${base}/api/v1/session`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ email, password }),
	});
	if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
	const cookie = /iif_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
	if (!cookie) throw new Error("sign-in set no session cookie");
	const { csrf_token } = (await res.json()) as { csrf_token: string };
	return { cookie, "x-csrf-token": csrf_token, "content-type": "application/json" };
}

/** `iif serve` in a child process on a free port, once it listens; its URL on 127.0.0.1. */
export function startServe(env: Record<string, string>): Promise<Served> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [iifBin, "serve", "--port", "0", "--host", "127.0.0.1"], {
			env: { ...process.env, LOG_LEVEL: "warn", ...env },
			stdio: ["ignore", "pipe", "pipe"],
		});
		let out = "";
		const timer = setTimeout(() => reject(new Error(`iif serve did not start: ${out}`)), 60_000);
		const read = (d: Buffer) => {
			out += d;
			const m = /at http:\/\/localhost:(\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve({ child, base: `http://127.0.0.1:${m[1]}`, output: () => out, killAll, stop });
			}
		};
		const killAll = async () => {
			const workers = [...out.matchAll(/worker (\d+) listening/g)].map((w) => Number(w[1]));
			const pids = [child.pid as number, ...workers];
			for (const pid of pids) {
				try {
					process.kill(pid, "SIGKILL");
				} catch {
					// gone already
				}
			}
			const deadline = Date.now() + 10_000;
			while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		};
		const stop = async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, "exit");
			child.kill("SIGTERM");
			await exited;
		};
		child.stdout.on("data", read);
		child.stderr.on("data", read);
		child.once("exit", (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`iif serve exited (${code ?? signal}) before it listened: ${out}`));
		});
	});
}

/** A process that still runs: not gone, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
	} catch {
		return false;
	}
}

/** What an injected write answers: enough of light-my-request's response for the checks. */
interface Answer {
	statusCode: number;
	body: string;
	headers: Record<string, unknown>;
	json(): { code?: string; detail?: string };
}

/**
 * Writes until the database refuses one, as a full disk makes it once the free room in
 * the pages it has is used up; checks the refusal is the 503 with Retry-After that says
 * why (never a 500), and that the next write is refused alike. Returns how many were
 * accepted (201) before.
 */
export async function writeUntilFull(write: (i: number) => Promise<Answer>): Promise<number> {
	let accepted = 0;
	let refused: Answer | null = null;
	for (let i = 0; i < 5000 && !refused; i++) {
		const res = await write(i);
		if (res.statusCode === 201) accepted++;
		else refused = res;
	}
	assert.ok(refused, `the database never filled up (${accepted} writes)`);
	assert.equal(refused.statusCode, 503, refused.body);
	assert.equal(refused.headers["retry-after"], "60");
	assert.match(String(refused.headers["content-type"]), /^application\/problem\+json/);
	assert.equal(refused.json().code, "unavailable");
	assert.match(String(refused.json().detail), /no disk space left/);
	assert.equal((await write(-1)).statusCode, 503, "still full, still 503");
	return accepted;
}
