/**
 * CSV as RFC 4180 writes it (fields quoted when they hold a comma, a quote or a line
 * break; quotes doubled; lines ended by CRLF), preceded by a byte-order mark so that
 * spreadsheets open the UTF-8 correctly instead of guessing a legacy code page.
 */

export type CsvValue = string | number | boolean | null | undefined;

export const bom = "\uFEFF";

/**
 * Free text written by users is opened in spreadsheets, which run a cell that starts
 * with = + - @ (or a tab or carriage return before one) as a formula: such text is
 * prefixed with an apostrophe, the usual defence. Codes, numbers and dates never are.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue, freeText = false): string {
	if (value === null || value === undefined) return "";
	let text = typeof value === "string" ? value : String(value);
	if (freeText && formulaStart.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[], freeText: readonly boolean[] = []): string {
	return `${values.map((v, i) => csvField(v, freeText[i] ?? false)).join(",")}\r\n`;
}
