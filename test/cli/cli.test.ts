import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runIif, serve } from "../helpers/cli.ts";
import {
	createTestDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";
import { demo } from "../helpers/demo.ts";

const run = runIif;

for (const dialect of dialects) {
	describe(`iif CLI [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let db: TestDatabase;
		let env: Record<string, string>;
		before(async () => {
			db = await createTestDatabase(dialect);
			await db.database.close();
			env = { IIF_DATABASE_URL: db.url };
		});
		after(async () => {
			await db.drop().catch(() => {});
		});

		it("migrates, then has nothing left to apply", async () => {
			const first = await run(["migrate"], env);
			assert.equal(first.code, 0, first.stderr);
			assert.match(first.stdout, /applied 0001_reference, 0002_registry/);
			const second = await run(["migrate"], env);
			assert.equal(second.code, 0);
			assert.match(second.stdout, /nothing to apply/);
		});

		it("seeds the demo once, and a second seed changes nothing", async () => {
			const first = await run(["seed", "--demo"], env);
			assert.equal(first.code, 0, first.stderr);
			assert.match(
				first.stdout,
				new RegExp(
					`created ${demo.stakeholders.length} stakeholders, ${demo.forums.length} forums, ${demo.commitments.length} commitments`,
				),
			);
			const second = await run(["seed", "--demo"], env);
			assert.equal(second.code, 0, second.stderr);
			assert.match(second.stdout, /reference data already current/);
			assert.match(second.stdout, /created 0 stakeholders, 0 forums, 0 commitments, 0 relations/);
			assert.match(
				second.stdout,
				new RegExp(
					`already present: ${demo.stakeholders.length} stakeholders, ${demo.forums.length} forums, ${demo.commitments.length} commitments`,
				),
			);
		});

		it("rebuilds the delivery figures at another base year, and refuses a bad one", async () => {
			const ok = await run(["analytics", "rebuild", "--base-year", "2015"], env);
			assert.equal(ok.code, 0, ok.stderr);
			assert.match(ok.stdout, /rebuilt at constant 2015 prices: \d+ commitments/);
			const bad = await run(["analytics", "rebuild", "--base-year", "soon"], env);
			assert.equal(bad.code, 2);
			assert.match(bad.stderr, /--base-year must be a year such as 2020, got 'soon'/);
			const outside = await run(["analytics", "rebuild", "--base-year", "1900"], env);
			assert.equal(outside.code, 2);
			assert.match(
				outside.stderr,
				/base year must be a year the DAC deflators cover, 1960 to 2021/,
			);
			const back = await run(["analytics", "rebuild", "--base-year", "2020"], env);
			assert.equal(back.code, 0, back.stderr);
		});

		it("serves the API over HTTP", async () => {
			const { child, base } = await serve(env);
			try {
				const health = await (await fetch(`${base}/healthz`)).json();
				assert.equal(health.database.dialect, dialect);
				const list = await (await fetch(`${base}/api/v1/commitments?limit=1`)).json();
				assert.equal(list.total, demo.commitments.length);
			} finally {
				child.kill("SIGTERM");
			}
		});

		it("serves from several worker processes, replaces one that dies, stops all on SIGTERM", async () => {
			const { child, base, output } = await serve({ ...env, IIF_WORKERS: "2" });
			const pids = () => [...output().matchAll(/worker (\d+) listening/g)].map((m) => Number(m[1]));
			const alive = (pid: number) => {
				try {
					process.kill(pid, 0);
					return true;
				} catch {
					return false;
				}
			};
			const until = async (check: () => boolean, what: string) => {
				for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
				assert.ok(check(), `${what}:\n${output()}`);
			};
			try {
				assert.match(output(), /with 2 worker processes/);
				const [first, second] = pids();
				assert.ok(first && second && first !== second && first !== child.pid);
				process.kill(first, "SIGKILL");
				await until(() => pids().length === 3, "a third worker starts");
				assert.match(
					output(),
					new RegExp(`worker ${first} exited \\(signal SIGKILL\\): starting another`),
				);
				for (let i = 0; i < 6; i++)
					assert.equal((await fetch(`${base}/api/v1/commitments?limit=1`)).status, 200);
			} finally {
				const exited = new Promise((r) => child.once("exit", r));
				child.kill("SIGTERM");
				await exited;
			}
			assert.equal(child.exitCode, 0);
			await until(() => !pids().some(alive), "every worker has stopped");
			const bad = await run(["serve"], { ...env, IIF_WORKERS: "many" });
			assert.equal(bad.code, 2);
			assert.match(bad.stderr, /IIF_WORKERS must be auto or a number from 1 to 64, got 'many'/);
		});

		it("says what is wrong with bad commands and options", async () => {
			const unknown = await run(["frobnicate"], env);
			assert.equal(unknown.code, 2);
			assert.match(unknown.stderr, /unknown command 'frobnicate'/);
			const badOption = await run(["seed", "--demo-data"], env);
			assert.equal(badOption.code, 2);
			assert.match(badOption.stderr, /--demo-data/);
			const badPort = await run(["serve"], { ...env, PORT: "eighty" });
			assert.equal(badPort.code, 2);
			assert.match(badPort.stderr, /PORT must be a number/);
		});
	});
}

describe("iif serve on an empty SQLite database", () => {
	let db: TestDatabase;
	before(async () => {
		db = await createTestDatabase("sqlite");
		await db.database.close();
	});
	after(() => db.drop().catch(() => {}));

	it("loads the demo on first start, and never twice", async () => {
		const first = await serve({ IIF_DATABASE_URL: db.url });
		const list = await (await fetch(`${first.base}/api/v1/commitments?limit=1`)).json();
		assert.equal(list.total, demo.commitments.length);
		const home = await (await fetch(`${first.base}/`)).text();
		assert.match(home, /Demo of public records/);
		first.child.kill("SIGTERM");
		await new Promise((r) => first.child.once("exit", r));
		const second = await serve({ IIF_DATABASE_URL: db.url });
		assert.equal(
			(await (await fetch(`${second.base}/api/v1/commitments?limit=1`)).json()).total,
			demo.commitments.length,
		);
		second.child.kill("SIGTERM");
	});

	it("can start without the demo", async () => {
		const empty = await createTestDatabase("sqlite");
		await empty.database.close();
		const { child, base, output } = await serve({
			IIF_DATABASE_URL: empty.url,
			IIF_DEMO: "off",
			IIF_TRUST_PROXY: "true",
		});
		try {
			// Trusting every proxy lets clients pick their address: said at start.
			assert.match(output(), /warning: IIF_TRUST_PROXY=true trusts X-Forwarded-For from anyone/);
			assert.equal((await (await fetch(`${base}/api/v1/commitments?limit=1`)).json()).total, 0);
			assert.equal(
				(await (await fetch(`${base}/api/v1/frameworks/mdg`)).json()).counts.targets,
				21,
			);
		} finally {
			child.kill("SIGTERM");
			await empty.drop();
		}
	});
});
