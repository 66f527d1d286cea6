/**
 * insertRows, the import's bulk writer: every value comes back as it went in, on both
 * databases. On PostgreSQL the columns travel as array literals written by pgArrayColumn,
 * so the texts an array literal treats specially are the ones tried here.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CompiledQuery } from "kysely";
import { insertRows, pgArrayColumn } from "../../src/db/batch.ts";
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

describe("pgArrayColumn", () => {
	it("writes numbers bare, texts quoted, nulls as NULL", () => {
		const rows = [
			[1, "a", null],
			[-2.5, 'q"', 3n],
			[0, "b\\", true],
		];
		assert.equal(pgArrayColumn(rows, 0), "{1,-2.5,0}");
		assert.equal(pgArrayColumn(rows, 1), '{"a","q\\"","b\\\\"}');
		assert.equal(pgArrayColumn(rows, 2), "{NULL,3,t}");
		assert.equal(pgArrayColumn(rows, 1, 1, 2), '{"q\\""}');
	});

	it("refuses what it cannot write faithfully", () => {
		assert.throws(() => pgArrayColumn([[Number.NaN]], 0), /not finite: NaN/);
		assert.throws(() => pgArrayColumn([[{ a: 1 }]], 0), /neither text, number nor boolean/);
	});
});

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
