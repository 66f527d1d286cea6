/**
 * Multi-row writes, in batches far below both dialects' bound-parameter limits.
 * `upsertAll` goes through Kysely; `insertRows` writes its statements out directly, for
 * the IATI import's hundreds of thousands of rows, where Kysely's query builder costs
 * more per row than the database does. There, rows are arrays in the order of their
 * columns; SQLite takes multi-row VALUES and PostgreSQL takes each column as one array
 * parameter (INSERT ... SELECT FROM unnest(...)), which it parses and plans once per
 * batch instead of once per value: about three times faster. Repositories only.
 */
import { CompiledQuery, type Insertable, type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";
import { pgRowsPerStatement } from "./pg-literals.ts";
import type { Tables } from "./tables.ts";

export function chunks<T>(rows: readonly T[], size = 200): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

/**
 * Inserts rows; where a row's `key` exists already, overwrites the `update` columns
 * with the new values (or leaves the row alone when `update` is empty).
 */
export async function upsertAll<T extends keyof Tables & string>(
	db: Kysely<Tables>,
	table: T,
	rows: readonly Insertable<Tables[T]>[],
	key: readonly (keyof Tables[T] & string)[],
	update: readonly (keyof Tables[T] & string)[],
): Promise<void> {
	for (const batch of chunks(rows)) {
		// Kysely cannot type a table chosen by a type parameter; the signature above keeps callers typed.
		const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
		await loose
			.insertInto(table as string)
			.values(batch as Record<string, unknown>[])
			.onConflict((oc) => {
				const target = oc.columns([...key]);
				return update.length === 0
					? target.doNothing()
					: target.doUpdateSet(
							Object.fromEntries(update.map((c) => [c, sql.ref(`excluded.${c}`)])) as never,
						);
			})
			.execute();
	}
}

/** SQLite: bound parameters per statement, well below its 32766. */
const maxParams = 30_000;

const sqlCache = new Map<string, string>();

function cached(key: string, build: () => string): string {
	let sql = sqlCache.get(key);
	if (sql === undefined) {
		sql = build();
		// The full-size statement of each table is what repeats; the short last ones vary.
		if (sqlCache.size > 100) sqlCache.clear();
		sqlCache.set(key, sql);
	}
	return sql;
}

const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(",");

function sqliteStatement(table: string, columns: readonly string[], rows: number, suffix: string) {
	return cached(`${table}|${rows}|${suffix}`, () => {
		const tuple = `(${columns.map(() => "?").join(",")})`;
		return `insert into "${table}" (${quoted(columns)}) values ${Array(rows).fill(tuple).join(",")}${suffix}`;
	});
}

function pgStatement(
	table: string,
	columns: readonly string[],
	typeOf: (column: string) => string,
	suffix: string,
) {
	return cached(`pg|${table}|${suffix}`, () => {
		const arrays = columns.map((c, i) => `$${i + 1}::${typeOf(c)}[]`).join(",");
		return `insert into "${table}" (${quoted(columns)}) select * from unnest(${arrays})${suffix}`;
	});
}

/**
 * Inserts rows in as few statements as the limits allow; `suffix` (ON CONFLICT ...,
 * RETURNING ...) ends each statement; `typeOf` names each column's PostgreSQL type.
 * Returns what RETURNING gave.
 */
export async function insertRows<R = unknown>(
	db: Kysely<Tables>,
	table: string,
	columns: readonly string[],
	rows: readonly (readonly unknown[])[],
	typeOf: (column: string) => string,
	suffix = "",
): Promise<R[]> {
	const out: R[] = [];
	if (rows.length === 0) return out;
	const postgres = isPostgres(db);
	const perStatement = postgres
		? pgRowsPerStatement
		: Math.max(1, Math.floor(maxParams / columns.length));
	for (let start = 0; start < rows.length; start += perStatement) {
		const end = Math.min(rows.length, start + perStatement);
		let query: CompiledQuery;
		if (postgres) {
			const arrays = columns.map(() => [] as unknown[]);
			for (let i = start; i < end; i++) {
				const row = rows[i] as unknown[];
				for (let c = 0; c < columns.length; c++) (arrays[c] as unknown[]).push(row[c]);
			}
			query = CompiledQuery.raw(pgStatement(table, columns, typeOf, suffix), arrays);
		} else {
			const params: unknown[] = [];
			for (let i = start; i < end; i++) for (const v of rows[i] as unknown[]) params.push(v);
			query = CompiledQuery.raw(sqliteStatement(table, columns, end - start, suffix), params);
		}
		const result = await db.executeQuery<R>(query);
		for (const r of result.rows) out.push(r);
	}
	return out;
}

/**
 * PostgreSQL: one statement of at most `pgRowsPerStatement` rows given as its columns'
 * array literals (pg-literals.ts), in the order of `columns`. Returns what RETURNING gave.
 */
export async function insertLiterals<R = unknown>(
	db: Kysely<Tables>,
	table: string,
	columns: readonly string[],
	literals: readonly string[],
	typeOf: (column: string) => string,
	suffix = "",
): Promise<R[]> {
	if (literals.length !== columns.length)
		throw new Error(`${table}: ${literals.length} column literals for ${columns.length} columns`);
	const query = CompiledQuery.raw(pgStatement(table, columns, typeOf, suffix), [...literals]);
	return (await db.executeQuery<R>(query)).rows;
}
