/**
 * The same question, two answers: the API's aggregate (every group, both price bases)
 * against DuckDB's, to the cent. A group with no money on either side is skipped (the
 * API also lists groups that hold only commitments without money).
 */
import type { Dim, DuckReference, Money } from "./duckdb.ts";
import { checkOk } from "./http.ts";

interface ApiGroup {
	key: string;
	committed: string;
	/** Null when nothing in the group has delivery data. */
	delivered: string | null;
}

interface ApiAggregate {
	groups: ApiGroup[];
	total_groups: number;
}

/** "1234.56" US dollars -> 123456n cents; the API always writes two decimals. */
export function cents(usd: string): bigint {
	const m = /^(-?)(\d+)\.(\d{2})$/.exec(usd);
	if (!m) throw new Error(`not a US dollar amount with two decimals: '${usd}'`);
	const value = BigInt(`${m[2]}${m[3]}`);
	return m[1] ? -value : value;
}

async function apiAnswer(base: string, dim: Dim): Promise<Map<string, Money>> {
	const out = new Map<string, Money>();
	for (const basis of ["current", "constant"] as const) {
		const url = `${base}/api/v1/analytics/delivery?group_by=${dim}&basis=${basis}&limit=10000`;
		const body = (await checkOk(url)) as ApiAggregate;
		if (body.groups.length !== body.total_groups)
			throw new Error(`${url}: ${body.total_groups} groups, only ${body.groups.length} returned`);
		for (const g of body.groups) {
			const m = out.get(g.key) ?? {
				committed_current: 0n,
				committed_constant: 0n,
				delivered_current: 0n,
				delivered_constant: 0n,
			};
			m[`committed_${basis}`] = cents(g.committed);
			// No delivery data (null) is what DuckDB's sum over no delivered rows gives as 0.
			m[`delivered_${basis}`] = g.delivered === null ? 0n : cents(g.delivered);
			out.set(g.key, m);
		}
	}
	return out;
}

const fields = [
	"committed_current",
	"committed_constant",
	"delivered_current",
	"delivered_constant",
] as const;

const empty = (m: Money | undefined) => !m || fields.every((f) => m[f] === 0n);

/** Null when equal, else the first difference, in words. */
export async function compareWithDuck(
	base: string,
	duck: DuckReference,
	dim: Dim,
): Promise<{ groups: number; difference: string | null }> {
	const [api, reference] = await Promise.all([apiAnswer(base, dim), duck.aggregate(dim)]);
	const keys = [...new Set([...api.keys(), ...reference.keys()])].sort();
	let groups = 0;
	for (const key of keys) {
		const a = api.get(key);
		const d = reference.get(key);
		if (empty(a) && empty(d)) continue;
		groups++;
		for (const f of fields) {
			const x = a?.[f] ?? 0n;
			const y = d?.[f] ?? 0n;
			if (x !== y)
				return {
					groups,
					difference: `group_by=${dim}, key '${key}', ${f}: API ${x} cents, DuckDB ${y} cents (difference ${x - y})`,
				};
		}
	}
	return { groups, difference: null };
}
