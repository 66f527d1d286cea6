/**
 * A flat table of one kind of record: its columns, each with the description the dump's
 * README prints, so the files and their documentation come from one definition.
 */
import { formatMinorUnits } from "../../lib/money.ts";
import { type CsvValue, csvLine } from "./writer.ts";

export interface Column<T> {
	name: string;
	description: string;
	value: (row: T) => CsvValue;
}

export interface Table<T> {
	/** File stem in the dump and in download names: commitments, reports ... */
	name: string;
	/** What one row is. */
	row: string;
	columns: Column<T>[];
}

export function headerLine<T>(table: Table<T>): string {
	return csvLine(table.columns.map((c) => c.name));
}

export function rowLine<T>(table: Table<T>, row: T): string {
	return csvLine(table.columns.map((c) => c.value(row)));
}

/** Several values in one cell, in a stable order, readable and splittable on "; ". */
export function joined(values: readonly (string | number | null | undefined)[]): string {
	return values.map((v) => (v === null || v === undefined ? "" : String(v))).join("; ");
}

/** "One of: a, b, c." for a closed set of codes, from the same list the application checks. */
export function oneOf(values: readonly string[]): string {
	return `One of: ${values.join(", ")}.`;
}

/** Minor units as an exact decimal in major units; empty when there is no amount. */
export function decimal(minor: number | null | undefined, currency: string | null): string | null {
	if (minor === null || minor === undefined || currency === null) return null;
	return formatMinorUnits(minor, currency);
}

/** US cents (the stored normalised figures) as dollars with two decimals. */
export function usd(cents: number | null | undefined): string | null {
	return decimal(cents, "USD");
}
