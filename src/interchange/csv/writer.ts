/**
 * CSV as RFC 4180 writes it (fields quoted when they hold a comma, a quote or a line
 * break; quotes doubled; lines ended by CRLF), preceded by a byte-order mark so that
 * spreadsheets open the UTF-8 correctly instead of guessing a legacy code page.
 */

export type CsvValue = string | number | boolean | null | undefined;

export const bom = "\uFEFF";

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before
 * one) as a formula. Any text can come from outside (a title typed by a user, an
 * organisation's name in an imported IATI file), so every text value that starts so is
 * prefixed with an apostrophe, the usual defence; only a plain number written as text
 * (a negative amount such as -500.00) is left as it is, and numbers never are touched.
 */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

export function csvField(value: CsvValue): string {
	if (value === null || value === undefined) return "";
	let text = typeof value === "string" ? value : String(value);
	if (typeof value === "string" && formulaStart.test(text) && !plainNumber.test(text))
		text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
	return `${values.map(csvField).join(",")}\r\n`;
}
