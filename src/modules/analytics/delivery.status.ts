/**
 * A commitment's delivery status and the figures a list shows of it (delivered, gap),
 * decided once from its stored figures: the commitment's own delivery page and the
 * stored statuses the list filters and sorts by (refreshStatuses) both come from here.
 */

import { isOneOf } from "../../lib/enums.ts";
import { policyStatuses } from "../reports/reports.schemas.ts";
import type { DeliveryState, YearFigures } from "./delivery.compute.ts";
import type { PolicyEvidenceRows } from "./delivery.query.repository.ts";
import { expectedBy } from "./schedule.ts";
import { financialTerms, fixedTerms, policyTerms, type StatusTerms } from "./status.terms.ts";
import { type DeliveryStatus, onTrackShare, type PolicyEvidence } from "./status.ts";

export interface StatusParts {
	row: {
		kind: string;
		amount_minor: number | null;
		period_end: string | null;
		policy_deadline: string | null;
	};
	state: Pick<
		DeliveryState,
		"reason" | "committed_constant" | "delivered_current" | "delivered_constant"
	>;
	/** The commitment's own schedule and delivery by year. */
	years: YearFigures[];
	/** A counted commitment's whole tree's delivery by year (it carries the others'). */
	tree: { year: number; delivered_current: number; delivered_constant: number }[] | null;
	evidence: PolicyEvidenceRows;
	/** A share-of-income target measured on official statistics: its verdict and money gap (cents). */
	share: { status: DeliveryStatus; gap: number | null } | null;
}

/** What a commitment's status is decided on: its delivery (its tree's when it counts), by year. */
export function deliveryOf(p: StatusParts) {
	const delivered = p.tree
		? {
				current: p.tree.reduce((a, f) => a + f.delivered_current, 0),
				constant: p.tree.reduce((a, f) => a + f.delivered_constant, 0),
			}
		: { current: p.state.delivered_current, constant: p.state.delivered_constant };
	const byYear = new Map(
		(p.tree ?? p.years).map((y) => [
			y.year,
			{ current: y.delivered_current, constant: y.delivered_constant },
		]),
	);
	const hasDeliveryData =
		[...byYear.values()].some((v) => v.constant !== 0) || p.years.some((y) => y.source !== null);
	return { delivered, byYear, hasDeliveryData };
}

/** The evidence as policyStatus weighs it; a stored status the rules do not know is none. */
export function policyEvidenceOf(e: PolicyEvidenceRows): PolicyEvidence[] {
	const out: PolicyEvidence[] = [];
	if (e.report && isOneOf(policyStatuses, e.report.status))
		out.push({ source: "report", on: e.report.on, status: e.report.status });
	if (e.scorecard) out.push({ source: "scorecard", on: e.scorecard.on, score: e.scorecard.score });
	if (e.compliance)
		out.push({ source: "compliance", on: e.compliance.on, mean: e.compliance.mean });
	return out;
}

/**
 * The terms of the status (status.terms.ts): of the share measured on statistics, else
 * of the money for a financial commitment or one with an amount, else of the policy.
 */
export function termsOf(p: StatusParts): {
	status: StatusTerms;
	financial: StatusTerms | null;
	policy: StatusTerms | null;
} {
	const { delivered, hasDeliveryData } = deliveryOf(p);
	const schedule = p.years.map((y) => ({ year: y.year, amount: y.committed_constant }));
	const through = judgedThrough(p);
	const financial =
		p.row.kind === "policy" && p.row.amount_minor === null
			? null
			: through !== null
				? // Its own data stop before the money was all due (a publisher's file of April):
					// it is judged on what was due up to their last day, and never shown not met
					// for days nobody has published figures for.
					fixedTerms(
						delivered.constant >= onTrackShare * expectedBy(schedule, through)
							? "on_track"
							: "off_track",
					)
				: financialTerms({
						committed: p.state.committed_constant,
						delivered: delivered.constant,
						schedule,
						hasDeliveryData,
						dueBy: dueByOf(p),
					});
	const policy =
		p.row.kind === "financial"
			? null
			: policyTerms(policyEvidenceOf(p.evidence), p.row.policy_deadline);
	const hasMoney = p.state.committed_constant !== null;
	const status = p.share
		? fixedTerms(p.share.status)
		: financial !== null && (hasMoney || p.row.kind === "financial")
			? financial
			: (policy ?? fixedTerms("no_data"));
	return { status, financial: p.share ? fixedTerms(p.share.status) : financial, policy };
}

/** The last day money was due: the period's end, or the end of the last scheduled year. */
function dueByOf(p: StatusParts): string | null {
	const scheduled = p.years.filter((y) => y.committed_constant !== 0 || y.committed_current !== 0);
	const lastYear = scheduled.at(-1)?.year ?? null;
	return p.row.period_end ?? (lastYear !== null ? `${lastYear}-12-31` : null);
}

/**
 * The day a commitment's money status is judged up to, when its own data stop before its
 * money was all due and it is not yet all delivered; null when the usual rules judge it
 * (by today, and not met once the period is over). The page and the API say so with it.
 */
export function judgedThrough(p: StatusParts): string | null {
	if (p.share !== null || (p.row.kind === "policy" && p.row.amount_minor === null)) return null;
	const { delivered, hasDeliveryData } = deliveryOf(p);
	const through = dataThrough(p.years);
	const dueBy = dueByOf(p);
	const committed = p.state.committed_constant;
	return hasDeliveryData &&
		through !== null &&
		dueBy !== null &&
		through < dueBy &&
		committed !== null &&
		delivered.constant < committed
		? through
		: null;
}

/**
 * The last day a commitment's own delivery data cover: the end of the latest year with
 * data, or the day that year's data stop (IATI published so far); null without data.
 */
export function dataThrough(years: YearFigures[]): string | null {
	let last: string | null = null;
	for (const y of years) {
		if (y.source === null) continue;
		const through = y.through ?? `${y.year}-12-31`;
		if (last === null || through > last) last = through;
	}
	return last;
}

/**
 * What a list shows of a commitment's money, in cents at constant prices: what it
 * promised, what was delivered (null: nothing says, which is not zero) and the gap
 * (promised minus delivered, or for a share of income the money short of the target).
 */
export function listFiguresOf(p: StatusParts): {
	committed: number | null;
	delivered: number | null;
	gap: number | null;
} {
	const { delivered, hasDeliveryData } = deliveryOf(p);
	const committed = p.state.committed_constant;
	if (p.share)
		return { committed, delivered: hasDeliveryData ? delivered.constant : null, gap: p.share.gap };
	const known = hasDeliveryData || delivered.constant !== 0;
	return {
		committed,
		delivered: known ? delivered.constant : null,
		gap: known && committed !== null ? committed - delivered.constant : null,
	};
}
