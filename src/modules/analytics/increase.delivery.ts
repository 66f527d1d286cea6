/**
 * An increase over a baseline year as the commitment's delivery answer shows it: what it
 * is measured on (official statistics, whose, of what), the two years compared with their
 * sources, the increase at the commitment's own prices (the G8 stated Gleneagles at 2004
 * prices, and the OECD assessed it so), and a collective's members beside its figure.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { StatisticsRepository } from "../statistics/statistics.repository.ts";
import { usd } from "./analytics.format.ts";
import type { CommitmentDelivery } from "./analytics.schemas.ts";
import { Converter, donorSeriesName } from "./conversion.ts";
import { DeliveryInputsRepository } from "./delivery.inputs.repository.ts";
import { increaseRule, increaseScheduleOf } from "./increase.measure.ts";
import { millionsToCents } from "./share.measure.ts";

/** How an increase over a baseline year is measured: on statistics, or on the makers' reports. */
export async function increaseOf(
	db: Kysely<Tables>,
	id: number,
	baseYear: number,
): Promise<CommitmentDelivery["increase"]> {
	const [c] = await new DeliveryInputsRepository(db).commitments([id]);
	if (!c || c.increase_over_year === null) return null;
	const stats = new StatisticsRepository(db);
	const [table, providers] = await Promise.all([stats.table(), stats.providers()]);
	const m = increaseScheduleOf(c, { table, providers }, new Converter(baseYear));
	const s = m.measurement;
	// At the commitment's own constant prices, when it states them; else at current prices.
	const priceYear = c.price_basis === "constant" ? c.price_base_year : null;
	const own = priceYear !== null ? new Converter(priceYear) : null;
	const rise = (donor: string, from: number | null, to: number | null) => {
		if (!own || !s || from === null || to === null) return null;
		const a = own.toUsd(millionsToCents(to), "USD", s.target.year, donor).constant;
		const b = own.toUsd(millionsToCents(from), "USD", s.baseline.year, donor).constant;
		return a === null || b === null ? null : a - b;
	};
	const total = s ? rise(c.donor, s.baseline.oda, s.target.oda) : null;
	const year = (y: { year: number; oda: number; basis: string | null; sources: unknown[] }) => ({
		year: y.year,
		oda: usd(millionsToCents(y.oda)),
		basis: y.basis,
		sources: y.sources as {
			source: string;
			source_url: string | null;
			published_on: string | null;
		}[],
	});
	const orNull = (v: number | null) => (v === null ? null : usd(millionsToCents(v)));
	return {
		baseline_year: c.increase_over_year,
		target_year: m.targetYear,
		measured_on: m.delivered ? "statistics" : "reports",
		not_on_statistics: m.delivered
			? null
			: (m.unmeasured ?? "none of its makers has official statistics"),
		measure: s?.measure ?? null,
		provider: s?.provider ?? null,
		series: s?.series ?? null,
		baseline: s ? year(s.baseline) : null,
		target: s ? year(s.target) : null,
		increase_at_commitment_prices:
			total !== null && priceYear !== null
				? { amount: usd(total), price_base_year: priceYear }
				: null,
		members: (s?.members ?? []).map((mm) => {
			const r = rise(donorSeriesName(mm.code), mm.baseline, mm.target);
			return {
				code: mm.code,
				name: mm.name,
				baseline: orNull(mm.baseline),
				target: orNull(mm.target),
				increase_at_commitment_prices: r === null ? null : usd(r),
			};
		}),
		rule: increaseRule,
	};
}
