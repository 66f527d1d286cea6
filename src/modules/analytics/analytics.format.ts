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

/**
 * A group's figures. Delivery is known only for the promises whose years have delivery
 * data (`covered`): the gap and the shares delivered are computed over that part alone,
 * and with no data at all, delivered is null ("no data"), never a zero that would read
 * as "nothing was delivered" with a gap as large as the promise.
 */
export function money(f: GroupFigures) {
	const hasData = f.covered !== 0 || f.delivered !== 0;
	const wholeCovered = f.covered === f.committed;
	return {
		committed: usd(f.committed),
		delivered: hasData ? usd(f.delivered) : null,
		expected: usd(f.expected),
		committed_with_data: usd(f.covered),
		committed_without_data: usd(f.committed - f.covered),
		gap: f.covered !== 0 ? usd(f.covered - f.delivered) : null,
		ratio: ratioOf(f.delivered, f.covered),
		// Due by now is known for the whole promise only: over a part it would mislead.
		ratio_to_expected: wholeCovered && hasData ? ratioOf(f.delivered, f.expected) : null,
	};
}
