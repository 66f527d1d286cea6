/**
 * Bulk insertion through Kysely: rows in multi-row statements sized under each dialect's
 * bound-parameter limit (PostgreSQL 65535, SQLite 32766), inside one transaction per table.
 */
import type { Insertable, Kysely } from "kysely";
import type { DialectName } from "../src/db/database.ts";
import type { Tables } from "../src/db/tables.ts";

const maxParameters: Record<DialectName, number> = { postgres: 65_000, sqlite: 32_000 };

export class BulkInserter {
	rows = 0;

	constructor(
		private readonly db: Kysely<Tables>,
		private readonly dialect: DialectName,
	) {}

	/** Inserts every row of `source` into `table`; all rows must have the same columns. */
	async insert<T extends keyof Tables & string>(
		table: T,
		source: AsyncIterable<Insertable<Tables[T]>> | Iterable<Insertable<Tables[T]>>,
	): Promise<number> {
		let count = 0;
		await this.db.transaction().execute(async (trx) => {
			// Kysely cannot type a table chosen by a type parameter; the signature keeps callers typed.
			const loose = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
			let batch: Record<string, unknown>[] = [];
			let size = 0;
			const flush = async () => {
				if (batch.length === 0) return;
				await loose.insertInto(table).values(batch).execute();
				count += batch.length;
				batch = [];
			};
			for await (const row of source as AsyncIterable<Record<string, unknown>>) {
				if (size === 0) size = Math.floor(maxParameters[this.dialect] / Object.keys(row).length);
				batch.push(row);
				if (batch.length >= size) await flush();
			}
			await flush();
		});
		this.rows += count;
		return count;
	}
}
