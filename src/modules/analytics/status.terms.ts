/**
 * A delivery status stored once and read on any later day. The status of a commitment
 * changes with the date alone (what is due grows day by day; a deadline passes), so
 * what is kept is the date-free part: the verdict, the day it becomes "not met", and
 * for money the last day the delivery so far keeps it on track. `statusOn` reads them
 * for a day, exactly as status.ts decides on that day (status.terms.test.ts), and the
 * commitment list reads them in SQL the same way (delivery.status.repository.ts), so a
 * filter by status over thousands of commitments needs no daily recomputation.
 */
import { expectedBy } from "./schedule.ts";
import { type DeliveryStatus, onTrackShare, type PolicyEvidence, policyStatus } from "./status.ts";

export interface StatusTerms {
	/** The verdict; on_track and off_track are read for a day with the two dates. */
	status: DeliveryStatus;
	/** After this day an on_track or off_track commitment is not_met. */
	due_by: string | null;
	/** Money: on_track until this day included, off_track after; null: the verdict stands. */
	on_track_until: string | null;
}

/** The status on a day, from terms stored on any earlier one. */
export function statusOn(t: StatusTerms, today: string): DeliveryStatus {
	if (t.status !== "on_track" && t.status !== "off_track") return t.status;
	if (t.due_by !== null && today > t.due_by) return "not_met";
	if (t.on_track_until === null) return t.status;
	return today <= t.on_track_until ? "on_track" : "off_track";
}

/** A day after every date the registry holds: delivery that is on track for good. */
export const forever = "9999-12-31";

const dayMs = 86_400_000;
const dateOf = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;

/**
 * The last day on which `delivered` is at least 90% of what the schedule makes due
 * (expectedBy, status.ts): what is due never falls, so the days on track come first and
 * a binary search over the schedule's years finds the last one.
 */
export function lastDayOnTrack(schedule: { year: number; amount: number }[], delivered: number) {
	const onTrack = (day: number) => delivered >= onTrackShare * expectedBy(schedule, dateOf(day));
	const years = schedule.map((s) => s.year);
	if (years.length === 0) return forever;
	let lo = dayOf(`${Math.min(...years) - 1}-12-31`);
	let hi = dayOf(`${Math.max(...years)}-12-31`);
	if (onTrack(hi)) return forever;
	// Nothing is due before the schedule's first year: lo is on track, hi is not.
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (onTrack(mid)) lo = mid;
		else hi = mid;
	}
	return dateOf(lo);
}

export interface FinancialTermsInput {
	/** Cents, null when the amount could not be converted. */
	committed: number | null;
	delivered: number;
	/** What is due in each year (cents), as expectedBy spreads it. */
	schedule: { year: number; amount: number }[];
	hasDeliveryData: boolean;
	dueBy: string | null;
}

/** The terms of financialStatus (status.ts), whatever the day. */
export function financialTerms(f: FinancialTermsInput): StatusTerms {
	if (f.committed === null || f.committed <= 0 || !f.hasDeliveryData)
		return { status: "no_data", due_by: null, on_track_until: null };
	if (f.delivered >= f.committed) return { status: "met", due_by: null, on_track_until: null };
	return {
		status: "on_track",
		due_by: f.dueBy,
		on_track_until: lastDayOnTrack(f.schedule, f.delivered),
	};
}

/** The terms of policyStatus: its verdict before any deadline, and the deadline. */
export function policyTerms(evidence: PolicyEvidence[], deadline: string | null): StatusTerms {
	// On a day before every date the verdict is the evidence's own; the deadline decides later.
	return { status: policyStatus(evidence, deadline, ""), due_by: deadline, on_track_until: null };
}

/** A verdict that no date changes (met, not met, no data, or a share measured on statistics). */
export const fixedTerms = (status: DeliveryStatus): StatusTerms => ({
	status,
	due_by: null,
	on_track_until: null,
});
