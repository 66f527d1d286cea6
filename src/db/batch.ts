/** Splits rows for multi-row inserts, staying far below both dialects' bound-parameter limits. */
export function chunks<T>(rows: readonly T[], size = 200): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}
