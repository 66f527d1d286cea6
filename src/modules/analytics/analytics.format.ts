/** Money and ratios as the analytics answers write them: exact US dollar strings. */
import { formatMinorUnits } from "../../lib/money.ts";
import type { GroupFigures } from "./delivery.query.repository.ts";

export const usd = (cents: number) => formatMinorUnits(cents, "USD");

/** a / b to four decimals; null when there is nothing to divide by. */
export const ratioOf = (a: number, b: number | null) =>
	b === null || b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;

export function pair(current: number, constant: number) {
	return { current: usd(current), constant: usd(constant) };
}

export function money(f: GroupFigures) {
	return {
		committed: usd(f.committed),
		delivered: usd(f.delivered),
		expected: usd(f.expected),
		gap: usd(f.committed - f.delivered),
		ratio: ratioOf(f.delivered, f.committed),
		ratio_to_expected: ratioOf(f.delivered, f.expected),
	};
}
