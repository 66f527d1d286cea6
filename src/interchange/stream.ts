/**
 * Bulk answers written as they are read: CSV (BOM, header, one line per record) and JSON
 * (`{"items":[...],"total":n}`), each a sequence of text chunks, one per batch, that a
 * file or an HTTP response consumes at its own pace.
 */
import { Readable } from "node:stream";
import type { Batches } from "../lib/batches.ts";
import { headerLine, rowLine, type Table } from "./csv/table.ts";
import { bom } from "./csv/writer.ts";

export type BulkFormat = "csv" | "json";

export async function* csvChunks<T>(table: Table<T>, batches: Batches<T>): AsyncGenerator<string> {
	yield bom + headerLine(table);
	for await (const batch of batches) {
		if (batch.length === 0) continue;
		yield batch.map((row) => rowLine(table, row)).join("");
	}
}

/**
 * The total comes last: it is the number of items actually written, so it agrees with
 * the array even if records were added while the answer was streaming.
 */
export async function* jsonChunks<T>(
	batches: Batches<T>,
	item: (row: T) => unknown,
): AsyncGenerator<string> {
	yield '{"items":[';
	let total = 0;
	for await (const batch of batches) {
		if (batch.length === 0) continue;
		yield (total > 0 ? "," : "") + batch.map((row) => JSON.stringify(item(row))).join(",");
		total += batch.length;
	}
	yield `],"total":${total}}\n`;
}

export function bulkChunks<T>(
	format: BulkFormat,
	table: Table<T>,
	batches: Batches<T>,
	item: (row: T) => unknown,
): AsyncGenerator<string> {
	return format === "csv" ? csvChunks(table, batches) : jsonChunks(batches, item);
}

/** A byte stream (not object mode) pulling chunks only as fast as they are consumed. */
export function toReadable(chunks: AsyncIterable<string>): Readable {
	return Readable.from(chunks, { objectMode: false });
}
