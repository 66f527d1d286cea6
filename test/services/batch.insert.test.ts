/**
 * insertRows, the import's bulk writer: every value comes back as it went in, on both
 * databases. On PostgreSQL the columns travel as arrays (unnest), so the texts an array
 * literal treats specially are the ones tried here, both as pg builds the arrays and as
 * the import's workers do (pgArrayLiteral, insertLiterals).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CompiledQuery } from "kysely";
import { insertLiterals, insertRows } from "../../src/db/batch.ts";
import { pgArrayLiteral } from "../../src/db/pg-literals.ts";
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

		const rows = texts.map((text, i) => [
			i,
			text,
			i % 3 === 0 ? null : 2 ** 52 + i,
			i % 2 ? i / 8 : null,
		]);
		const columns = ["n", "t", "x", "p"];
		const types: Record<string, string> = {
			n: "integer",
			t: "text",
			x: "bigint",
			p: "double precision",
		};
		const typeOf = (c: string) => types[c] ?? "text";
		const stored = async () => {
			const found = await t.database.db.executeQuery<{
				n: number;
				t: string;
				x: unknown;
				p: unknown;
			}>(CompiledQuery.raw(`select "n", "t", "x", "p" from "batch_probe" order by "n"`));
			await t.database.db.executeQuery(CompiledQuery.raw(`delete from "batch_probe"`));
			return found.rows.map((r) => [
				Number(r.n),
				r.t,
				r.x === null ? null : Number(r.x),
				r.p === null ? null : Number(r.p),
			]);
		};

		it("stores every text, number and null as it was given", async () => {
			await insertRows(t.database.db, "batch_probe", columns, rows, typeOf);
			assert.deepEqual(await stored(), rows);
		});

		if (dialect === "postgres")
			it("stores the same from column literals built apart, as the import's workers build them", async () => {
				const literals = columns.map((_, c) => pgArrayLiteral(rows.map((r) => r[c])));
				await insertLiterals(t.database.db, "batch_probe", columns, literals, typeOf);
				assert.deepEqual(await stored(), rows);
				await assert.rejects(
					insertLiterals(t.database.db, "batch_probe", columns, literals.slice(1), typeOf),
					/batch_probe: 3 column literals for 4 columns/,
				);
			});
	});
}
