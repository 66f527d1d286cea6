/**
 * A share-of-income target measured on the official statistics it names: read for the
 * commitment's delivery page and for its stored status alike.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { StatisticsRepository } from "../statistics/statistics.repository.ts";
import { DeliveryInputsRepository } from "./delivery.inputs.repository.ts";
import {
	measureShare,
	millionsToCents,
	type ProviderInfo,
	shareTargetOf,
} from "./share.measure.ts";

type Measured = { m: ReturnType<typeof measureShare>; gap: number | null };

/**
 * Share-of-income targets measured on the official statistics, by commitment id (an id
 * that is not such a target has none): the commitments and the statistics read once
 * for all of them, as a refresh or a rebuild measures many at a time.
 */
export async function measuredShares(
	db: Kysely<Tables>,
	ids: number[],
): Promise<Map<number, Measured>> {
	const out = new Map<number, Measured>();
	const targets = (await new DeliveryInputsRepository(db).commitments(ids)).flatMap((c) => {
		const target = shareTargetOf(c);
		return target ? [{ c, target }] : [];
	});
	if (targets.length === 0) return out;
	const stats = new StatisticsRepository(db);
	const [table, providers] = await Promise.all([stats.table(), stats.providers()]);
	for (const { c, target } of targets) {
		const m = measureShare(
			target,
			{
				providers: c.share_providers
					.map((code) => providers.find((p) => p.code === code))
					.filter((p): p is ProviderInfo => p !== undefined),
				all: providers,
			},
			table,
		);
		// The money short of the target over the years measured, in cents; null: none measured.
		const gaps = m.years.filter((y) => y.gap !== null).map((y) => millionsToCents(y.gap as number));
		out.set(c.id, { m, gap: gaps.length ? gaps.reduce((a, g) => a + g, 0) : null });
	}
	return out;
}

/** One share-of-income target measured (null: not such a target). */
export async function measuredShare(db: Kysely<Tables>, id: number): Promise<Measured | null> {
	return (await measuredShares(db, [id])).get(id) ?? null;
}
