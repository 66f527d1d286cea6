/**
 * Bulk INSERT statements written out directly, for the import's hundreds of thousands of
 * rows: Kysely's query builder costs more per row than the database does. Rows are arrays
 * in the order of their columns. SQLite takes multi-row VALUES; PostgreSQL takes each
 * column as one array parameter (INSERT ... SELECT FROM unnest(...)), which it parses
 * and plans once per batch instead of once per value: about three times faster.
 * Repositories only.
 */
import { CompiledQuery, type Kysely, PostgresAdapter } from "kysely";
import type { Tables } from "../../db/tables.ts";

/** SQLite: bound parameters per statement, well below its 32766. */
const maxParams = 30_000;
/** PostgreSQL: rows per statement (one parameter per column, however many rows). */
const pgRows = 5_000;

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

export function isPostgres(db: Kysely<Tables>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
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
	const perStatement = postgres ? pgRows : Math.max(1, Math.floor(maxParams / columns.length));
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
