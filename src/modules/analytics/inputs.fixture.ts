/** Commitments and reports as the delivery computation reads them, for its unit tests. */
import { donorSeriesName } from "./conversion.ts";
import type { CommitmentInputs, ReportInputs } from "./delivery.compute.ts";

/** A published US dollar pledge of `amount` cents, made by stakeholder `id` alone. */
export function pledge(
	id: number,
	amount: number,
	c: Partial<CommitmentInputs> = {},
): CommitmentInputs {
	return {
		id,
		status: "published",
		kind: "financial",
		amount_minor: amount,
		currency: "USD",
		amount_frequency: "total",
		price_basis: "current",
		price_base_year: null,
		period_start: null,
		period_end: null,
		announced_on: "2009-07-10",
		gni_share_min: null,
		gni_share_max: null,
		increase_over_year: null,
		share_providers: [],
		makers_without_provider: 0,
		forum_id: null,
		forum_kind: null,
		donor: donorSeriesName("US"),
		goals: ["mdg:1"],
		targets: [],
		makers: [id],
		maker_kinds: ["member_state"],
		groups: [],
		recipients: ["global:global"],
		recipient_groups: [],
		flow_type: "oda",
		...c,
	};
}

/** A maker's report on commitment `id`, filed in year `on`, of cents delivered by year. */
export const report = (id: number, on: number, years: Record<number, number>): ReportInputs => ({
	id: id * 100 + Object.keys(years).length,
	commitment_id: id,
	donor: donorSeriesName("US"),
	period_start: `${Object.keys(years)[0]}-01-01`,
	period_end: `${Object.keys(years).at(-1)}-12-31`,
	disbursed_minor: Object.values(years).reduce((a, b) => a + b, 0),
	currency: "USD",
	created_at: `${on}-03-01T00:00:00Z`,
	years: Object.entries(years).map(([year, amount_minor]) => ({
		year: Number(year),
		amount_minor,
	})),
});
