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
import type { DeliveryStatus } from "./status.ts";

/** A share-of-income target measured on the official statistics (null: not such a target). */
export async function measuredShare(db: Kysely<Tables>, id: number) {
	const [c] = await new DeliveryInputsRepository(db).commitments([id]);
	const target = c ? shareTargetOf(c) : null;
	if (!c || !target) return null;
	const stats = new StatisticsRepository(db);
	const [table, providers] = await Promise.all([stats.table(), stats.providers()]);
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
	return { m, gap: gaps.length ? gaps.reduce((a, g) => a + g, 0) : null };
}

/** A share target's verdict and money gap (cents), as the stored statuses keep them. */
export async function shareStatusOf(
	db: Kysely<Tables>,
	id: number,
): Promise<{ status: DeliveryStatus; gap: number | null } | null> {
	const measured = await measuredShare(db, id);
	return measured && { status: measured.m.status, gap: measured.gap };
}
