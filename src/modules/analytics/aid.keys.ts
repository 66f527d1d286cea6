/**
 * A group key that carries money: not one of a pledge that is not aid (a guarantee, a loan
 * at market terms), which counts in its groups as "not aid" and carries its money under
 * its kind of money alone (delivery.compute.ts, groupKeys). The rollups and the filtered
 * sums test it the same way.
 */
import { type RawBuilder, sql } from "kysely";

export function aidKey(alias: string): RawBuilder<boolean> {
	const reason = sql.ref(`${alias}.reason`);
	return sql<boolean>`(${reason} is null or ${reason} <> 'not_aid')`;
}
