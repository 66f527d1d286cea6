/** The README of a data dump, written from the same column definitions as the files, so it cannot drift from them. */
import type { Table } from "./table.ts";

export interface DumpFile {
	table: Table<never>;
	rows: number;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function dumpReadme(opts: {
	date: string;
	files: DumpFile[];
	/** Further files (activities.xml ...) with one line saying what each is. */
	others: { name: string; about: string }[];
}): string {
	const lines = [
		`# IIF data dump, ${opts.date}`,
		"",
		"Everything public in this IIF registry on the date above: commitments (published, completed and withdrawn; never drafts), their progress reports, independent assessments and public comments, the stakeholders, forums and countries they name, and the transactions of the IATI activities held as delivery evidence. Written by `iif export all`.",
		"",
		"## Files",
		"",
		"| file | one row is | rows |",
		"| --- | --- | --- |",
		...opts.files.map(
			(f) =>
				`| \`${f.table.name}.csv\`, \`${f.table.name}.json\` | ${cell(f.table.row)} | ${f.rows} |`,
		),
		...opts.others.map((o) => `| \`${o.name}\` | ${cell(o.about)} | |`),
		"",
		"## Conventions",
		"",
		"- CSV files are UTF-8 with a byte-order mark (so spreadsheets read the characters right), comma-separated, fields quoted as RFC 4180 says (when they hold a comma, a double quote or a line break; quotes doubled), lines ended by CRLF, a header line first.",
		'- A cell with several values separates them with "; ". Parallel columns (codes, names) list them in the same order, so the n-th name belongs to the n-th code.',
		"- Codes come with their English names beside them: goals and targets (MDG, SDG), countries (ISO 3166-1), regions (IATI), sectors (OECD DAC), IATI transaction types.",
		"- Amounts are exact decimals in major units of their ISO 4217 currency, with the same amount in minor units alongside. US dollar figures are IIF's normalisation: IMF exchange rates and OECD DAC deflators, current prices of each year or constant prices of IIF's base year (`docs/methodology.md`). An amount that could not be converted is empty, never zero, and says why in its conversion column.",
		"- Dates are YYYY-MM-DD; times are ISO 8601 in UTC.",
		"- Any text (titles, narratives, names, codes) that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with an apostrophe in the CSV files, so that spreadsheets do not run it as a formula; numbers, and negative amounts written as plain numbers, are not. The JSON files hold it as written.",
		'- Each JSON file is `{"items": [...], "total": n}`: the items in the shape the API\'s list answers (`/api/openapi.json`), the same records as the CSV file, in the same order.',
		"",
	];
	for (const f of opts.files) {
		lines.push(
			`## ${f.table.name}.csv`,
			"",
			`One row is ${f.table.row}.`,
			"",
			"| column | meaning |",
			"| --- | --- |",
			...f.table.columns.map((c) => `| \`${c.name}\` | ${cell(c.description)} |`),
			"",
		);
	}
	return `${lines.join("\n")}\n`;
}
