import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCsv } from "../../../test/helpers/csv.ts";
import { csvChunks } from "../stream.ts";
import { headerLine, joined, rowLine, type Table } from "./table.ts";
import { bom, csvField, csvLine } from "./writer.ts";

describe("CSV writer", () => {
	it("quotes only what needs quoting, doubling quotes", () => {
		assert.equal(csvField("plain"), "plain");
		assert.equal(csvField("a,b"), '"a,b"');
		assert.equal(csvField('say "hi"'), '"say ""hi"""');
		assert.equal(csvField("two\nlines"), '"two\nlines"');
		assert.equal(csvField("cr\r\nlf"), '"cr\r\nlf"');
		assert.equal(csvField(null), "");
		assert.equal(csvField(undefined), "");
		assert.equal(csvField(-12.5), "-12.5");
		assert.equal(csvField(true), "true");
	});

	it("guards every text a spreadsheet would run as a formula, and no number", () => {
		assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
		assert.equal(csvField("+1 555 0100"), "'+1 555 0100");
		assert.equal(csvField("@SUM(A1)"), "'@SUM(A1)");
		assert.equal(csvField("-5% cut"), "'-5% cut");
		assert.equal(csvField("\t=1+1"), "'\t=1+1");
		assert.equal(csvField("-500.00"), "-500.00");
		assert.equal(csvField("+12"), "'+12");
		assert.equal(csvField(-3), "-3");
		assert.equal(csvField("Fine text"), "Fine text");
		// In any column: a row line guards every text value, with no column opting in.
		const table: Table<{ org: string; amount: string }> = {
			name: "t",
			row: "r",
			columns: [
				{ name: "org", description: "Org.", value: (r) => r.org },
				{ name: "amount", description: "Amount.", value: (r) => r.amount },
			],
		};
		assert.equal(
			rowLine(table, { org: "=cmd|' /C calc'!A0", amount: "-1.00" }),
			"'=cmd|' /C calc'!A0,-1.00\r\n",
		);
	});

	it("ends lines with CRLF and reads back exactly", () => {
		const values = ["a", 'b "c"', "d,e", "f\ng", "", "ü €"];
		const line = csvLine(values);
		assert.ok(line.endsWith("\r\n"));
		assert.deepEqual(parseCsv(line), [values]);
	});

	it("streams a BOM, the header and one line per record, batch by batch", async () => {
		const table: Table<{ id: number; tags: string[] }> = {
			name: "things",
			row: "one thing",
			columns: [
				{ name: "id", description: "Id.", value: (r) => r.id },
				{ name: "tags", description: "Tags.", value: (r) => joined(r.tags) },
			],
		};
		async function* batches() {
			yield [{ id: 1, tags: ["a", "b"] }];
			yield [];
			yield [{ id: 2, tags: [] }];
		}
		let text = "";
		for await (const chunk of csvChunks(table, batches())) text += chunk;
		assert.ok(text.startsWith(bom));
		assert.equal(
			text,
			`${bom}${headerLine(table)}${rowLine(table, { id: 1, tags: ["a", "b"] })}2,\r\n`,
		);
		assert.deepEqual(parseCsv(text.slice(1)), [
			["id", "tags"],
			["1", "a; b"],
			["2", ""],
		]);
	});
});
