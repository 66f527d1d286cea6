/**
 * One commitment's delivery: its amount as stated and normalised, what was delivered
 * towards it, what was due by today, its status and traffic light with the rules that
 * decide them, how it counts in totals, and a yearly series.
 */

import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { CommitmentRepository } from "../commitments/commitments.repository.ts";
import { type CommitmentRef, visibleCommitment } from "../commitments/commitments.visible.ts";
import { StatisticsRepository } from "../statistics/statistics.repository.ts";
import { pair, ratioOf, usd } from "./analytics.format.ts";
import type { CommitmentDelivery, ShareDelivery } from "./analytics.schemas.ts";
import type { ConversionStatus } from "./conversion.ts";
import { DeliveryQueryRepository } from "./delivery.query.repository.ts";
import { storedBaseYear } from "./delivery.refresh.ts";
import {
	dataThrough,
	deliveryOf,
	judgedThrough,
	type StatusParts,
	termsOf,
} from "./delivery.status.ts";
import { DeliveryStoreRepository } from "./delivery.store.repository.ts";
import { increaseOf } from "./increase.delivery.ts";
import { increaseRule } from "./increase.measure.ts";
import { elapsedShare, expectedBy } from "./schedule.ts";
import { measuredShare } from "./share.load.ts";
import { millionsToCents, shareRule } from "./share.measure.ts";
import { statusOn } from "./status.terms.ts";
import { financialRule, policyRule, recency, recencyRule } from "./status.ts";

const reasonText: Record<string, string> = {
	counted: "Counted: this commitment carries its money in every total.",
	reaffirmation:
		"Left out of totals as a reaffirmation: its money is that of the commitment it reaffirms, where its delivery counts too.",
	part: "Left out of totals as part of a collective whole: the whole carries the money, and this part's delivery counts towards it.",
	overlap:
		"Left out of totals as overlapping another pledge: shown, not summed twice; its delivery counts towards the other.",
	superseded:
		"Left out of totals: superseded by a later commitment, which carries the money and this one's delivery.",
	withdrawn: "Withdrawn: counted in no total.",
	not_public: "Not published yet: counted in no total.",
};

const conversionText: Record<ConversionStatus, string> = {
	ok: "Converted with the IMF annual exchange rate and the DAC deflator of each year.",
	provisional:
		"Converted, provisionally: a year after the last published rate or deflator uses that last figure.",
	no_rate:
		"Not converted: no exchange rate or deflator for this currency and year. Left out of sums, not counted as zero.",
	no_currency: "Not converted: the amount has no currency.",
	no_amount: "No amount to convert.",
	no_year: "Not converted: no period or announcement date places the amount in time.",
	measured:
		"Measured on official statistics: for each year the target is due, committed is GNI x the target share and delivered is the ODA published.",
	no_statistics:
		"Not measured: no official statistics give both ODA and GNI for a year the target is due. Left out of sums, not counted as zero.",
};

export async function commitmentDeliveryOf(
	db: Kysely<Tables>,
	ref: CommitmentRef,
	actor: Actor | null,
	today: string,
): Promise<CommitmentDelivery> {
	const { id, row } = await visibleCommitment(db, ref, actor);
	const commitments = new CommitmentRepository(db);

	const store = new DeliveryStoreRepository(db);
	const query = new DeliveryQueryRepository(db);
	const [states, yearsOf, evidence, baseYear] = await Promise.all([
		store.states([id]),
		store.yearsOf([id]),
		query.policyEvidenceOf([id]),
		storedBaseYear(db),
	]);
	const state = states.get(id);
	if (!state)
		throw new AppError(
			"internal",
			`no delivery figures for commitment ${id}: run iif analytics rebuild`,
		);
	const years = yearsOf.get(id) ?? [];
	const share =
		row.gni_share_min !== null && row.amount_minor === null ? await shareOf(db, id) : null;
	const parts: StatusParts = {
		row,
		state,
		years,
		// A commitment that carries others' money is judged on its whole tree's delivery.
		tree: state.reason === "counted" ? ((await query.treeFactsOf([id])).get(id) ?? []) : null,
		evidence: evidence.get(id) ?? { report: null, scorecard: null, compliance: null },
		share: share ? { status: share.status, gap: null } : null,
	};
	const { delivered, byYear: deliveredByYear } = deliveryOf(parts);
	// What was due by a day, on both bases.
	const dueBy = (day: string) => ({
		current: expectedBy(
			years.map((y) => ({ year: y.year, amount: y.committed_current })),
			day,
		),
		constant: expectedBy(
			years.map((y) => ({ year: y.year, amount: y.committed_constant })),
			day,
		),
	});
	const expected = dueBy(today);
	// Data that stop before the period ends: what was due up to their last day, which the
	// status is judged on (delivery.status.ts, termsOf).
	const judged = judgedThrough(parts);
	const dueThroughData = judged !== null ? dueBy(judged) : null;
	const terms = termsOf(parts);
	const status = statusOn(terms.status, today);
	const financial = terms.financial && statusOn(terms.financial, today);
	const policy = terms.policy && statusOn(terms.policy, today);
	const root = state.root_id !== id ? await commitments.findRow(state.root_id) : null;

	let cumulativeDelivered = { current: 0, constant: 0 };
	let cumulativeExpected = { current: 0, constant: 0 };
	const allYears = [...new Set([...years.map((y) => y.year), ...deliveredByYear.keys()])].sort(
		(a, b) => a - b,
	);
	const own = new Map(years.map((y) => [y.year, y]));
	const series = allYears.map((year) => {
		const y = own.get(year);
		const d = deliveredByYear.get(year) ?? { current: 0, constant: 0 };
		cumulativeDelivered = {
			current: cumulativeDelivered.current + d.current,
			constant: cumulativeDelivered.constant + d.constant,
		};
		const share = elapsedShare(year, today);
		cumulativeExpected = {
			current: cumulativeExpected.current + (y?.committed_current ?? 0) * share,
			constant: cumulativeExpected.constant + (y?.committed_constant ?? 0) * share,
		};
		return {
			year,
			committed: pair(y?.committed_current ?? 0, y?.committed_constant ?? 0),
			delivered: pair(d.current, d.constant),
			delivered_cumulative: pair(cumulativeDelivered.current, cumulativeDelivered.constant),
			expected_cumulative: pair(
				Math.round(cumulativeExpected.current),
				Math.round(cumulativeExpected.constant),
			),
			source: y?.source ?? null,
		};
	});
	return {
		commitment: { id, slug: row.slug, title: row.title, kind: row.kind, status: row.status },
		as_of: today,
		base_year: baseYear,
		original:
			row.amount_minor !== null && row.currency
				? {
						amount: formatMinorUnits(row.amount_minor, row.currency),
						currency: row.currency,
						frequency: row.amount_frequency,
						price_basis: row.price_basis,
						price_base_year: row.price_base_year,
						period_start: row.period_start,
						period_end: row.period_end,
					}
				: null,
		conversion: { status: state.conversion, explanation: conversionText[state.conversion] },
		committed:
			state.committed_current !== null && state.committed_constant !== null
				? pair(state.committed_current, state.committed_constant)
				: null,
		delivered: pair(delivered.current, delivered.constant),
		delivered_own: pair(state.delivered_current, state.delivered_constant),
		expected: pair(expected.current, expected.constant),
		expected_through_data: dueThroughData
			? pair(dueThroughData.current, dueThroughData.constant)
			: null,
		ratio: ratioOf(delivered.constant, state.committed_constant),
		ratio_to_expected: ratioOf(delivered.constant, expected.constant),
		status,
		financial_status: financial,
		policy_status: policy,
		rules: {
			financial:
				row.increase_over_year !== null ? `${increaseRule} ${financialRule}` : financialRule,
			policy: policyRule,
			reporting: recencyRule,
		},
		reporting: {
			light: recency(state.last_report_on, row.published_at?.slice(0, 10) ?? null, today),
			last_report_on: state.last_report_on,
		},
		data_through: dataThrough(years),
		counted_as: {
			reason: state.reason,
			root: root ? { id: root.id, slug: root.slug, title: root.title } : null,
			explanation: reasonText[state.reason] ?? state.reason,
		},
		unconverted: state.unconverted,
		series,
		share,
		increase: row.increase_over_year !== null ? await increaseOf(db, id, baseYear) : null,
		statistics_of: await namedStatistics(db, row),
	};
}

/**
 * Whose statistics measure the commitment when it names them instead of its makers' own,
 * with the reason, so the page can say "measured on the statistics of the DAC countries,
 * because ...".
 */
async function namedStatistics(
	db: Kysely<Tables>,
	row: { statistics_provider: string | null; statistics_reason: string | null },
): Promise<CommitmentDelivery["statistics_of"]> {
	if (row.statistics_provider === null) return null;
	const p = (await new StatisticsRepository(db).providers()).find(
		(x) => x.code === row.statistics_provider,
	);
	return {
		code: row.statistics_provider,
		name: p?.name ?? row.statistics_provider,
		reason: row.statistics_reason ?? "",
	};
}

/** A share-of-income target measured on the official statistics, as the API shows it. */
async function shareOf(db: Kysely<Tables>, id: number): Promise<ShareDelivery | null> {
	const measured = await measuredShare(db, id);
	if (!measured) return null;
	const { m, gap } = measured;
	const dollars = (millions: number | null) =>
		millions === null ? null : usd(millionsToCents(millions));
	return {
		measure: m.measure,
		provider: m.provider,
		target: m.target,
		baseline_year: m.baseline_year,
		deadline_year: m.deadline_year,
		first_due_year: m.first_due_year,
		latest_year: m.latest_year,
		status: m.status,
		explanation: m.explanation,
		rule: shareRule,
		gap: gap === null ? null : usd(gap),
		missing_years: m.missing_years,
		years: m.years.map((y) => ({
			year: y.year,
			oda: dollars(y.oda),
			gni: dollars(y.gni),
			share: y.share === null ? null : Math.round(y.share * 10_000) / 10_000,
			target: y.due ? m.target.min : null,
			path: y.path === null ? null : Math.round(y.path * 10_000) / 10_000,
			due: y.due,
			gap: dollars(y.gap),
			basis: y.basis,
			included: y.included,
			missing: y.missing,
			sources: y.sources,
		})),
		members: m.members.map((mm) => ({
			...mm,
			years: mm.years.map((y) => ({
				year: y.year,
				share: y.share === null ? null : Math.round(y.share * 10_000) / 10_000,
			})),
		})),
	};
}
