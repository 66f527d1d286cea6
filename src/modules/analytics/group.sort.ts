/** The orders of the groups of an aggregate, the same in SQL (delivery.query.repository.ts) and here. */
import type { GroupFigures } from "./delivery.query.repository.ts";

/**
 * The orders of groups: most promised, most delivered, largest gap, largest share
 * delivered first. Groups with no delivery data (delivered, gap or share unknown) come
 * after those with some, then ties by key, byte-wise: the same in SQL and in JavaScript.
 */
export const groupSorts = ["committed", "delivered", "gap", "ratio"] as const;
export type GroupSort = (typeof groupSorts)[number];

/** The value a sort orders by (larger first), or null when unknown (after every value). */
function sortValue(f: GroupFigures, sort: GroupSort): number | null {
	if (sort === "committed") return f.committed;
	if (sort === "delivered") return f.covered !== 0 || f.delivered !== 0 ? f.delivered : null;
	if (f.covered === 0) return null;
	return sort === "gap" ? f.covered - f.delivered : f.delivered / f.covered;
}

export function compareGroups(sort: GroupSort) {
	return (a: GroupFigures, b: GroupFigures): number => {
		const [x, y] = [sortValue(a, sort), sortValue(b, sort)];
		if (x !== y) {
			if (x === null) return 1;
			if (y === null) return -1;
			return y - x;
		}
		return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
	};
}
