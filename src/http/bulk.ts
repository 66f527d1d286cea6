/**
 * `format=csv|json` on list routes: the whole selection (every page, the same filters and
 * order) streamed as it is read, for spreadsheets and bulk users. Without `format` a list
 * answers one page as before. `page` and `limit` are refused with a format rather than
 * ignored, so that nobody takes a full download for page 2 or page 2 for everything.
 */
import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod";
import type { Table } from "../interchange/csv/table.ts";
import { type BulkFormat, bulkChunks, toReadable } from "../interchange/stream.ts";
import type { Batches } from "../lib/batches.ts";
import { AppError } from "../lib/errors.ts";
import { docSchemas } from "./params.ts";

export const bulkFormats = ["csv", "json"] as const;

export const formatParam = z
	.enum(bulkFormats, {
		error: (i) => `'${String(i.input)}' is not one of ${bulkFormats.join(", ")}`,
	})
	.optional();
docSchemas.set(formatParam, {
	type: "string",
	enum: bulkFormats,
	description:
		"Download the whole selection (every page, the same filters and order) instead of one page, streamed: csv (UTF-8 with a byte-order mark, one row per record, codes and English names side by side; text/csv) or json ({items, total}). page and limit do not apply and are refused.",
});

/** A download name: the list and today's date, e.g. commitments-2026-01-31.csv. */
export function downloadName(stem: string, format: BulkFormat, today = new Date()): string {
	// Only characters that need no quoting or encoding in Content-Disposition.
	const safe = stem.replace(/[^A-Za-z0-9._-]+/g, "-");
	return `${safe}-${today.toISOString().slice(0, 10)}.${format}`;
}

export function refusePaging(request: FastifyRequest): void {
	const query = (request.query ?? {}) as Record<string, unknown>;
	for (const name of ["page", "limit"])
		if (query[name] !== undefined)
			throw AppError.invalid(
				name,
				`query parameter '${name}' does not apply with format: the whole selection is answered`,
			);
}

/**
 * The streamed answer of a list route. `batches` must come from a service call that has
 * already checked the query, so that bad input still gets a 400 before anything is sent.
 * `item` gives the JSON form of a record: the list's own item, so the JSON equals the
 * paged answers put together.
 */
export function bulkAnswer<T>(
	io: { request: FastifyRequest; reply: FastifyReply },
	format: BulkFormat,
	table: Table<T>,
	batches: Batches<T>,
	item: (row: T) => unknown = (row) => row,
	stem: string = table.name,
): Readable {
	refusePaging(io.request);
	io.reply.type(format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
	io.reply.header("content-disposition", `attachment; filename="${downloadName(stem, format)}"`);
	return toReadable(bulkChunks(format, table, batches, item));
}
