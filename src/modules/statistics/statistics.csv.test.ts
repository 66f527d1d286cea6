import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeProblem, parseStatistics, statisticColumns } from "./statistics.csv.ts";

const header = statisticColumns.join(",");
const providers = new Set(["GB", "DAC"]);
const good =
	'GB,2013,oda,17871.35,usd_millions,net_flows,"OECD DAC1, net ODA",https://example.org/a,2025-12-19';

describe("statistics files", () => {
	it("reads every row, quoted commas and all", () => {
		const { rows, problems } = parseStatistics(
			`${header}\n${good}\nGB,2013,gni,2536000,usd_millions,,OECD,,\n`,
			providers,
		);
		assert.deepEqual(problems, []);
		assert.equal(rows.length, 2);
		assert.equal(rows[0]?.source, "OECD DAC1, net ODA");
		assert.equal(rows[0]?.value, "17871.35");
		assert.equal(rows[1]?.published_on, null);
	});

	it("names the line and column of each bad value, and keeps nothing", () => {
		const text = `${header}\n${good}\nGB,20x3,oda,1,usd_millions,net_flows,OECD,,\nXX,2013,gni,-4,usd_millions,,OECD,,2025-13-01\n`;
		const { rows, problems } = parseStatistics(text, providers);
		const named = problems.map((p) => describeProblem("f.csv", p));
		assert.ok(
			named.includes("f.csv:3:4: year: '20x3' is not a year from 1950 to 2100"),
			named.join("\n"),
		);
		assert.ok(named.includes("f.csv:4:1: provider: unknown provider 'XX'"));
		assert.ok(named.some((n) => n.startsWith("f.csv:4:13: value: must not be negative")));
		assert.ok(named.some((n) => n.startsWith("f.csv:4:") && n.includes("published_on")));
		assert.equal(rows.length, 1, "only the good row parses; the caller refuses the file");
	});

	it("refuses a wrong header, a duplicate, a missing source, a unit that does not fit and ODA without basis", () => {
		assert.match(
			parseStatistics("provider,year\nGB,2013", providers).problems[0]?.message ?? "",
			/the header must be/,
		);
		const { problems } = parseStatistics(
			[
				header,
				good,
				good,
				"GB,2014,gni,1,percent_of_gni,,OECD,,",
				"GB,2015,oda,1,usd_millions,,OECD,,",
				"GB,2016,oda_ldc,0.2,percent_of_gni,,,,",
				"GB,2017,oda_ldc,120,percent_of_gni,x,OECD,,",
				'GB,2018,oda,"1,usd_millions,net_flows,OECD,,',
				"GB,2019,oda,1,usd_millions",
			].join("\n"),
			providers,
		);
		const messages = problems.map((p) => `${p.line}:${p.field}:${p.message}`);
		assert.ok(
			messages.some((m) => m.startsWith("3:provider:GB 2013 oda is given twice (first on line 2)")),
			messages.join("\n"),
		);
		assert.ok(messages.some((m) => m.startsWith("4:unit:")));
		assert.ok(messages.some((m) => m.startsWith("5:basis:ODA needs its basis")));
		assert.ok(messages.some((m) => m.startsWith("6:source:every value needs its source")));
		assert.ok(
			messages.some((m) => m.startsWith("7:value:a percentage of GNI must be at most 100")),
		);
		assert.ok(messages.some((m) => m.startsWith("8:provider:a quoted field is not closed")));
		assert.ok(messages.some((m) => m.startsWith("9:null:has 5 fields, expected 9")));
	});

	it("refuses an empty file", () => {
		assert.equal(parseStatistics(`${header}\n`, providers).problems[0]?.message, "has no values");
	});
});
