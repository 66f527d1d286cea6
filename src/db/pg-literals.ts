/**
 * PostgreSQL array literals built where the rows are. The IATI import's reading workers
 * turn each batch's columns into the text PostgreSQL receives, so that the one thread
 * that writes every file's rows only passes that text on: building and escaping the
 * arrays was most of its work. The literal is pg's own (its prepareValue), so a column
 * reads back exactly as it would had pg built it from the array; pg's small utility
 * module is loaded alone, without the driver.
 */
import { createRequire } from "node:module";

type PrepareValue = (value: unknown) => unknown;
let prepare: PrepareValue | undefined;

/** The text of `values` as an array parameter, as pg would send it. */
export function pgArrayLiteral(values: readonly unknown[]): string {
	prepare ??= (createRequire(import.meta.url)("pg/lib/utils.js") as { prepareValue: PrepareValue })
		.prepareValue;
	return prepare(values) as string;
}

/** PostgreSQL: rows per statement (one parameter per column, however many rows). */
export const pgRowsPerStatement = 5_000;
