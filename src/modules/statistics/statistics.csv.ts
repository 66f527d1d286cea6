/**
 * Reads a statistics file (CSV, one value a row) and checks every row before anything is
 * stored: a file with one bad value is refused whole, with each problem named by file,
 * line and column. Pure: no database here.
 *
 *   provider,year,measure,value,unit,basis,source,source_url,published_on
 *   GB,2013,oda,17871.37,usd_millions,net_flows,"OECD DAC1 ...",https://...,2025-12-19
 */

import { isIsoDate } from "../../lib/dates.ts";
import { isOneOf } from "../../lib/enums.ts";

export const statisticColumns = [
	"provider",
	"year",
	"measure",
	"value",
	"unit",
	"basis",
	"source",
	"source_url",
	"published_on",
] as const;

/**
 * oda: official development assistance; gni: gross national income; oda_ldc: ODA to the
 * least developed countries; oda_africa: ODA to Africa (net bilateral plus imputed
 * multilateral, in money only: no share of GNI is published for it).
 */
export const statisticMeasures = ["oda", "gni", "oda_ldc", "oda_africa"] as const;
export type StatisticMeasure = (typeof statisticMeasures)[number];
export const statisticUnits = ["usd_millions", "percent_of_gni"] as const;
export type StatisticUnit = (typeof statisticUnits)[number];
export const odaBases = ["net_flows", "grant_equivalent"] as const;

const unitsOf: Record<StatisticMeasure, readonly StatisticUnit[]> = {
	oda: ["usd_millions", "percent_of_gni"],
	gni: ["usd_millions"],
	oda_ldc: ["usd_millions", "percent_of_gni"],
	oda_africa: ["usd_millions"],
};

export interface StatisticRow {
	provider: string;
	year: number;
	measure: StatisticMeasure;
	value: string;
	unit: StatisticUnit;
	basis: string | null;
	source: string;
	source_url: string | null;
	published_on: string | null;
}

export interface CsvProblem {
	line: number;
	column: number;
	field: string | null;
	message: string;
}

/** Fields of one line with the column (1-based character position) where each starts. */
function splitLine(line: string): { fields: { text: string; column: number }[]; open: boolean } {
	const fields: { text: string; column: number }[] = [];
	let text = "";
	let start = 1;
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				text += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else text += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ",") {
			fields.push({ text, column: start });
			text = "";
			start = i + 2;
		} else text += ch;
	}
	fields.push({ text, column: start });
	return { fields, open: quoted };
}

const decimal = /^-?\d+(\.\d+)?$/;
const providerCode = /^[A-Z][A-Z0-9_-]{1,15}$/;
const maxProblems = 50;

/**
 * Every row, or every problem (up to 50). `providers` are the known provider codes: a
 * value for an unknown provider is refused, since nothing could measure against it.
 */
export function parseStatistics(
	text: string,
	providers: ReadonlySet<string>,
): { rows: StatisticRow[]; problems: CsvProblem[] } {
	const problems: CsvProblem[] = [];
	const rows: StatisticRow[] = [];
	const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
	const header = splitLine(lines[0] ?? "").fields.map((f) => f.text.trim());
	if (header.join(",") !== statisticColumns.join(",")) {
		const at = statisticColumns.findIndex((c, i) => header[i] !== c);
		problems.push({
			line: 1,
			column: 1,
			field: null,
			message: `the header must be '${statisticColumns.join(",")}' (column ${at + 1} should be '${statisticColumns[at]}', found '${header[at] ?? ""}')`,
		});
		return { rows, problems };
	}
	const seen = new Map<string, number>();
	for (let n = 1; n < lines.length && problems.length < maxProblems; n++) {
		const raw = lines[n] as string;
		if (raw.trim() === "") continue;
		const lineNo = n + 1;
		const { fields, open } = splitLine(raw);
		const problem = (i: number, message: string) =>
			problems.push({
				line: lineNo,
				column: fields[i]?.column ?? raw.length + 1,
				field: statisticColumns[i] ?? null,
				message,
			});
		if (open) {
			problem(0, "a quoted field is not closed on this line");
			continue;
		}
		if (fields.length !== statisticColumns.length) {
			problems.push({
				line: lineNo,
				column: 1,
				field: null,
				message: `has ${fields.length} fields, expected ${statisticColumns.length}`,
			});
			continue;
		}
		const v = fields.map((f) => f.text.trim());
		const [provider, yearText, measure, value, unit, basis, source, url, published] = v as [
			string,
			string,
			string,
			string,
			string,
			string,
			string,
			string,
			string,
		];
		const before = problems.length;
		if (v.some((x) => x.includes("\u0000"))) problem(0, "contains a NUL character");
		if (!providerCode.test(provider)) problem(0, `'${provider}' is not a provider code`);
		else if (!providers.has(provider)) problem(0, `unknown provider '${provider}'`);
		const year = Number(yearText);
		if (!/^\d{4}$/.test(yearText) || year < 1950 || year > 2100)
			problem(1, `'${yearText}' is not a year from 1950 to 2100`);
		if (!isOneOf(statisticMeasures, measure))
			problem(2, `'${measure}' is not a measure (${statisticMeasures.join(", ")})`);
		if (!decimal.test(value)) problem(3, `'${value}' is not a decimal number`);
		// Net ODA can be negative (repayments above disbursements); GNI cannot.
		else if (Number(value) < 0 && measure === "gni") problem(3, "must not be negative");
		else if (unit === "percent_of_gni" && Math.abs(Number(value)) > 100)
			problem(3, "a percentage of GNI must be at most 100");
		const units = unitsOf[measure as StatisticMeasure];
		if (units && !units.includes(unit as StatisticUnit))
			problem(4, `'${unit}' is not a unit of ${measure} (${units.join(", ")})`);
		if (measure === "oda" && !isOneOf(odaBases, basis))
			problem(5, `ODA needs its basis: ${odaBases.join(" or ")}`);
		if (basis.length > 100) problem(5, "is longer than 100 characters");
		if (source === "") problem(6, "every value needs its source");
		else if (source.length > 1000) problem(6, "is longer than 1000 characters");
		if (url !== "" && !/^https?:\/\/\S+$/.test(url)) problem(7, "must be an http(s) URL or empty");
		if (published !== "" && !isIsoDate(published))
			problem(8, `'${published}' is not a date written YYYY-MM-DD`);
		const key = `${provider}|${yearText}|${measure}`;
		const first = seen.get(key);
		if (first !== undefined)
			problem(0, `${provider} ${yearText} ${measure} is given twice (first on line ${first})`);
		else seen.set(key, lineNo);
		if (problems.length > before) continue;
		rows.push({
			provider,
			year,
			measure: measure as StatisticMeasure,
			value,
			unit: unit as StatisticUnit,
			basis: basis === "" ? null : basis,
			source,
			source_url: url === "" ? null : url,
			published_on: published === "" ? null : published,
		});
	}
	if (rows.length === 0 && problems.length === 0)
		problems.push({ line: 1, column: 1, field: null, message: "has no values" });
	return { rows, problems };
}

/** "file:line:column: field: message", the way compilers name a place. */
export function describeProblem(file: string, p: CsvProblem): string {
	return `${file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ""}${p.message}`;
}
