/**
 * PostgreSQL returns bigint and count(*) as strings, SQLite as numbers. Repositories
 * pass every such value through here so that no string ever leaks past them.
 */
export function toInt(value: unknown): number {
	if (typeof value === "number") {
		if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
		return value;
	}
	if (typeof value === "bigint") return toInt(Number(value));
	if (typeof value === "string" && /^-?\d+$/.test(value)) return toInt(Number(value));
	throw new TypeError(`not an integer: ${String(value)}`);
}

export function toIntOrNull(value: unknown): number | null {
	return value === null || value === undefined ? null : toInt(value);
}

export function toFloatOrNull(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	const n = typeof value === "number" ? value : Number(value);
	if (!Number.isFinite(n)) throw new TypeError(`not a number: ${String(value)}`);
	return n;
}
