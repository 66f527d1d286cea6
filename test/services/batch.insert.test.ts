/**
 * insertRows, the import's bulk writer: every value comes back as it went in, on both
 * databases. On PostgreSQL the columns travel as arrays (unnest), so the texts an array
 * literal treats specially are the ones tried here.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CompiledQuery } from "kysely";
import { insertRows } from "../../src/db/batch.ts";
import {
	createMigratedDatabase,
	dialects,
	skipReason,
	type TestDatabase,
} from "../helpers/databases.ts";

const texts = [
	"plain",
	"",
	"NULL",
	"null",
	" spaced ",
	"a,b",
	"{braces}",
	'quote " inside',
	"back\\slash",
	'\\"both\\"',
	"new\nline\ttab",
	"Ελληνικά, العربية, 中文",
	"emoji 🌍",
	'[{"lang":null,"text":"Ministère de l\'Économie"}]',
];

for (const dialect of dialects) {
	describe(`insertRows [${dialect}]`, { skip: skipReason(dialect) }, () => {
		let t: TestDatabase;
		before(async () => {
			t = await createMigratedDatabase(dialect);
			await t.database.db.executeQuery(
				CompiledQuery.raw(
					`create table "batch_probe" ("n" integer, "t" text, "x" bigint, "p" double precision)`,
				),
			);
		});
		after(async () => {
			await t?.drop();
		});

		it("stores every text, number and null as it was given", async () => {
			const rows = texts.map((text, i) => [
				i,
				text,
				i % 3 === 0 ? null : 2 ** 52 + i,
				i % 2 ? i / 8 : null,
			]);
			const types: Record<string, string> = {
				n: "integer",
				t: "text",
				x: "bigint",
				p: "double precision",
			};
			await insertRows(
				t.database.db,
				"batch_probe",
				["n", "t", "x", "p"],
				rows,
				(c) => types[c] ?? "text",
			);
			const stored = await t.database.db.executeQuery<{
				n: number;
				t: string;
				x: unknown;
				p: unknown;
			}>(CompiledQuery.raw(`select "n", "t", "x", "p" from "batch_probe" order by "n"`));
			assert.deepEqual(
				stored.rows.map((r) => [
					Number(r.n),
					r.t,
					r.x === null ? null : Number(r.x),
					r.p === null ? null : Number(r.p),
				]),
				rows,
			);
		});
	});
}
