/** `iif export all --out DIR`: a complete dated dump, every file and a README of every column. */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "../../src/db/database.ts";
import type { Table } from "../../src/interchange/csv/table.ts";
import { cliActor } from "../../src/lib/actor.ts";
import { activitiesTable } from "../../src/modules/activities/activities.csv.ts";
import { assessmentsTable } from "../../src/modules/assessments/assessments.csv.ts";
import { commentsTable } from "../../src/modules/comments/comments.csv.ts";
import { commitmentsTable } from "../../src/modules/commitments/commitments.csv.ts";
import { countriesTable } from "../../src/modules/countries/countries.csv.ts";
import { forumsTable } from "../../src/modules/forums/forums.csv.ts";
import { reportsTable } from "../../src/modules/reports/reports.csv.ts";
import { requirementsTable } from "../../src/modules/requirements/requirements.csv.ts";
import { stakeholdersTable } from "../../src/modules/stakeholders/stakeholders.csv.ts";
import { transactionsTable } from "../../src/modules/transactions/transactions.csv.ts";
import { createServices } from "../../src/server/services.ts";
import { runIif } from "../helpers/cli.ts";
import { csvRecords } from "../helpers/csv.ts";
import {
	createTestDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";
import { demo } from "../helpers/demo.ts";

const tables: Table<never>[] = [
	commitmentsTable,
	activitiesTable,
	reportsTable,
	transactionsTable,
	assessmentsTable,
	commentsTable,
	requirementsTable,
	stakeholdersTable,
	forumsTable,
	countriesTable,
] as Table<never>[];

for (const dialect of dialects) {
	describe(`iif export all [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let db: TestDatabase;
		let env: Record<string, string>;
		let out: string;
		before(async () => {
			db = await createTestDatabase(dialect);
			await db.database.close();
			env = { IIF_DATABASE_URL: db.url };
			const seeded = await runIif(["seed", "--demo"], env);
			assert.equal(seeded.code, 0, seeded.stderr);
			// Some delivery evidence, so that transactions.csv has rows.
			const database = openDatabase(db.url);
			try {
				await createServices(database).activities.record(
					{
						iati_identifier: "GB-GOV-1-DUMP",
						reporting_org_ref: "GB-GOV-1",
						title: "Dumped activity",
						default_currency: "GBP",
						transactions: [
							{ transaction_type: "3", transaction_date: "2014-05-01", value_minor: 123_45 },
						],
					},
					cliActor,
				);
			} finally {
				await database.close();
			}
			out = mkdtempSync(join(tmpdir(), "iif-dump-"));
		});
		after(async () => {
			rmSync(out, { recursive: true, force: true });
			await db.drop().catch(() => {});
		});

		it("writes every file of a dated dump, and a README describing every column", async () => {
			const r = await runIif(["export", "all", "--out", out], env);
			assert.equal(r.code, 0, r.stderr);
			const date = new Date().toISOString().slice(0, 10);
			assert.deepEqual(
				readdirSync(out),
				[`iif-dump-${date}`],
				"nothing half-written left beside it",
			);
			const dir = join(out, `iif-dump-${date}`);
			const files = readdirSync(dir);
			for (const t of tables) {
				assert.ok(files.includes(`${t.name}.csv`), `${t.name}.csv`);
				assert.ok(files.includes(`${t.name}.json`), `${t.name}.json`);
			}
			assert.ok(files.includes("README.md"));
			const readme = readFileSync(join(dir, "README.md"), "utf8");
			for (const t of tables) {
				const csv = csvRecords(readFileSync(join(dir, `${t.name}.csv`), "utf8"));
				assert.deepEqual(
					csv.header,
					t.columns.map((c) => c.name),
					`${t.name}.csv header`,
				);
				const json = JSON.parse(readFileSync(join(dir, `${t.name}.json`), "utf8"));
				assert.equal(json.total, csv.rows.length, `${t.name}: JSON and CSV hold the same records`);
				assert.equal(json.items.length, json.total);
				assert.ok(readme.includes(`## ${t.name}.csv`), `README has ${t.name}`);
				assert.ok(
					readme.includes(
						`| \`${t.name}.csv\`, \`${t.name}.json\` | ${t.row} | ${csv.rows.length} |`,
					),
					`README counts ${t.name}`,
				);
				for (const c of t.columns)
					assert.ok(readme.includes(`| \`${c.name}\` |`), `README describes ${t.name}.${c.name}`);
			}
			const commitments = JSON.parse(readFileSync(join(dir, "commitments.json"), "utf8"));
			assert.equal(
				commitments.total,
				demo.commitments.filter((c) => ["published", "completed", "withdrawn"].includes(c.status))
					.length,
				"every public commitment of the demo",
			);
			const transactions = csvRecords(readFileSync(join(dir, "transactions.csv"), "utf8"));
			// The demo's own IATI file (DFID's DR Congo activities) is in the dump too.
			const dumped = transactions.rows.find((t) => t.activity_identifier === "GB-GOV-1-DUMP");
			assert.equal(dumped?.type_name, "Disbursement");
			assert.equal(dumped?.value, "123.45");
			assert.ok(
				transactions.rows.some((t) => t.activity_identifier?.startsWith("GB-1-")),
				"and the demo's",
			);
			const countries = csvRecords(readFileSync(join(dir, "countries.csv"), "utf8"));
			assert.ok(countries.rows.length > 200);
			assert.match(
				r.stdout,
				new RegExp(
					`dump written to .*iif-dump-\\d{4}-\\d{2}-\\d{2}: ${commitments.total} commitments`,
				),
			);

			// Again the same day: the dump is replaced whole.
			const again = await runIif(["export", "all", "--out", out], env);
			assert.equal(again.code, 0, again.stderr);
			assert.deepEqual(readdirSync(out), [`iif-dump-${date}`]);
		});

		it("says how to use it without --out", async () => {
			const r = await runIif(["export", "all"], env);
			assert.equal(r.code, 2);
			assert.match(r.stderr, /iif export all --out DIR/);
		});
	});
}
