/**
 * Issue 13, part 1: `kill -9` of `iif import iati` at moments spread over a large file's
 * import (before the database is opened, while it is read and staged, while it is
 * written, around the commit). After each kill a new process opens the database: it holds
 * the file whole (every activity, every transaction, its one audit event) or nothing of
 * it, `iif audit verify` passes, and importing every killed file again succeeds.
 *
 * The kill points are stratified over the time a whole import takes here (measured first,
 * on the first file), so each run covers the whole span, at random moments within it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { sql } from "kysely";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { iifBin, runIif } from "../helpers/cli.ts";
import { waitForIdleBackends } from "../helpers/faults.ts";

/** Activities per file: some 7 MB, one to two seconds to import on this machine. */
const activitiesPerFile = 12_000;
const killPoints = 12;

const work = mkdtempSync(join(tmpdir(), "iif-kill-import-"));
after(() => rmSync(work, { recursive: true, force: true }));

function iatiFile(prefix: string): string {
	const parts = ['<?xml version="1.0"?>\n<iati-activities version="2.03">'];
	for (let i = 0; i < activitiesPerFile; i++)
		parts.push(`
 <iati-activity default-currency="USD" last-updated-datetime="2021-01-01T00:00:00Z">
  <iati-identifier>${prefix}-${i}</iati-identifier>
  <reporting-org ref="GB-GOV-1" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>Activity ${i} of ${prefix}</narrative></title>
  <recipient-country code="KE"/>
  <transaction><transaction-type code="2"/><transaction-date iso-date="2019-05-01"/><value value-date="2019-05-01">${5000 + i}</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-01"/><value value-date="2020-05-01">${1000 + i}</value></transaction>
 </iati-activity>`);
	parts.push("\n</iati-activities>\n");
	const path = join(work, `${prefix}.xml`);
	writeFileSync(path, parts.join(""));
	return path;
}

/** What the registry holds of one file: its activities, their transactions, its audit events. */
async function held(ctx: TestContext, prefix: string, file: string) {
	const db = ctx.db.database.db;
	const activities = await db
		.selectFrom("activity")
		.select(sql<number>`count(*)`.as("n"))
		.where("iati_identifier", "like", `${prefix}-%`)
		.executeTakeFirstOrThrow();
	const transactions = await db
		.selectFrom("activity_transaction")
		.innerJoin("activity", "activity.id", "activity_transaction.activity_id")
		.select(sql<number>`count(*)`.as("n"))
		.where("activity.iati_identifier", "like", `${prefix}-%`)
		.executeTakeFirstOrThrow();
	const events = await db
		.selectFrom("audit_event")
		.select(sql<number>`count(*)`.as("n"))
		.where("action", "=", "activity.import")
		.where("object_id", "=", file)
		.executeTakeFirstOrThrow();
	return {
		activities: Number(activities.n),
		transactions: Number(transactions.n),
		events: Number(events.n),
	};
}

/** Starts `iif import iati file`, kills it with SIGKILL after `ms`; resolves when it is gone. */
async function importKilledAfter(
	ctx: TestContext,
	file: string,
	ms: number,
): Promise<{ exited: "killed" | "finished" }> {
	const child = spawn(process.execPath, [iifBin, "import", "iati", file], {
		env: { ...process.env, IIF_DATABASE_URL: ctx.db.url },
		stdio: "ignore",
	});
	const exit = once(child, "exit");
	const timer = setTimeout(() => child.kill("SIGKILL"), ms);
	const [code, signal] = (await exit) as [number | null, NodeJS.Signals | null];
	clearTimeout(timer);
	if (signal !== "SIGKILL") assert.equal(code, 0, `the import ended by itself with ${code}`);
	return { exited: signal === "SIGKILL" ? "killed" : "finished" };
}

describeEachDialect(
	"kill -9 of iif import iati",
	(ctx) => {
		it(`leaves each file whole or absent, the audit chain intact, and a re-import succeeding (${killPoints} kill points)`, async () => {
			const env = { IIF_DATABASE_URL: ctx().db.url };
			// How long a whole import takes here, start to exit: the span the kill points cover.
			const first = iatiFile("XKILL-0");
			const started = Date.now();
			const whole = await runIif(["import", "iati", first], env);
			const span = Date.now() - started;
			assert.equal(whole.code, 0, whole.stderr);
			assert.deepEqual(await held(ctx(), "XKILL-0", first), {
				activities: activitiesPerFile,
				transactions: 2 * activitiesPerFile,
				events: 1,
			});

			const outcomes = { whole: 0, none: 0, finished: 0 };
			const killed: { prefix: string; file: string }[] = [];
			for (let k = 1; k <= killPoints; k++) {
				const prefix = `XKILL-${k}`;
				const file = iatiFile(prefix);
				// One random moment in each of killPoints equal slices of [0, 1.1 x span].
				const at = Math.round(((k - 1 + Math.random()) / killPoints) * span * 1.1);
				const { exited } = await importKilledAfter(ctx(), file, at);
				if (exited === "finished") outcomes.finished++;
				// PostgreSQL: the killed client's backend may still be working (or committing).
				if (ctx().dialect === "postgres") await waitForIdleBackends(ctx().db.url);
				const h = await held(ctx(), prefix, file);
				if (h.activities === 0) {
					assert.deepEqual(h, { activities: 0, transactions: 0, events: 0 }, `kill at ${at} ms`);
					outcomes.none++;
				} else {
					assert.deepEqual(
						h,
						{ activities: activitiesPerFile, transactions: 2 * activitiesPerFile, events: 1 },
						`kill at ${at} ms left part of the file`,
					);
					outcomes.whole++;
				}
				const verify = await runIif(["audit", "verify"], env);
				assert.equal(verify.code, 0, `after the kill at ${at} ms: ${verify.stderr}`);
				killed.push({ prefix, file });
			}
			console.log(
				`kill -9 import [${ctx().dialect}]: ${killPoints} kill points over ${span} ms, ${outcomes.whole} whole, ${outcomes.none} none (${outcomes.finished} finished before the kill)`,
			);
			assert.equal(outcomes.whole + outcomes.none, killPoints);
			assert.ok(outcomes.none > 0, "at least one kill landed mid-import");

			// Every killed file imported again, in one run: each is whole afterwards.
			const again = await runIif(["import", "iati", ...killed.map((f) => f.file)], env);
			assert.equal(again.code, 0, again.stderr);
			for (const { prefix, file } of killed) {
				const h = await held(ctx(), prefix, file);
				assert.equal(h.activities, activitiesPerFile, prefix);
				assert.equal(h.transactions, 2 * activitiesPerFile, prefix);
				assert.ok(h.events >= 1, prefix);
			}
			const verify = await runIif(["audit", "verify"], env);
			assert.equal(verify.code, 0, verify.stderr);
		});
	},
	{ demo: false },
);
