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

/**
 * A converted amount (cents of US dollars, at current or constant prices): exact up to
 * 2^53, the nearest double beyond. A pledge is kept exact in its own currency; what it
 * converts to is an estimate made with rates and deflators, and a huge one must still read.
 */
export function toConvertedCents(value: unknown): number {
	const n =
		typeof value === "bigint" || (typeof value === "string" && /^-?\d+$/.test(value))
			? Number(value)
			: value;
	if (typeof n !== "number" || !Number.isInteger(n))
		throw new TypeError(`not an integer: ${String(value)}`);
	return n;
}

export function toConvertedCentsOrNull(value: unknown): number | null {
	return value === null || value === undefined ? null : toConvertedCents(value);
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
