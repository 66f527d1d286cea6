/**
 * The rules that turn figures into a verdict: the delivery status of a commitment and
 * the traffic light of its reporting. Written once here, explained in
 * docs/methodology.md and tested at their edges (status.test.ts).
 */

export const deliveryStatuses = ["on_track", "off_track", "met", "not_met", "no_data"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const trafficLights = ["green", "amber", "red"] as const;
export type TrafficLight = (typeof trafficLights)[number];

/** Delivered at or above this share of what is expected by now is on track. */
export const onTrackShare = 0.9;

export interface FinancialFigures {
	/** Cents, null when the amount could not be converted. */
	committed: number | null;
	delivered: number;
	expected: number;
	/** A report with money or a linked disbursement exists. */
	hasDeliveryData: boolean;
	/** The last day money was due (the period's end, or the end of the last scheduled year). */
	dueBy: string | null;
}

export const financialRule =
	"no_data: no amount that converts, or no reported or published disbursement; met: delivered reaches the commitment; not_met: the period is over and delivery fell short; on_track: delivered is at least 90% of what is expected by today (pro rata over the period); off_track: below that. When the commitment's own data stop before its period ends, on_track and off_track are judged on what was due up to their last day (data_through), and it is never not_met for days nobody published figures for.";

export function financialStatus(f: FinancialFigures, today: string): DeliveryStatus {
	if (f.committed === null || f.committed <= 0 || !f.hasDeliveryData) return "no_data";
	if (f.delivered >= f.committed) return "met";
	if (f.dueBy !== null && today > f.dueBy) return "not_met";
	if (f.delivered >= onTrackShare * f.expected) return "on_track";
	return "off_track";
}

export type PolicyEvidence =
	| {
			source: "report";
			on: string;
			status: "not_started" | "in_progress" | "achieved" | "not_achieved";
	  }
	| { source: "scorecard"; on: string; score: string }
	| { source: "compliance"; on: string; mean: number };

export const policyRule =
	"The newest of the maker's latest policy status and the latest independent assessment decides (an assessment wins a tie): achieved or full compliance (+1) is met; not achieved or no compliance (-1) is not_met; in progress, or a scorecard of excellent, good or satisfactory, or mean compliance above 0 is on_track; not started, below expectations, off track, or mean compliance of 0 or less is off_track. Once the deadline has passed, on_track and off_track become not_met. Nothing reported or assessed is no_data.";

export function policyStatus(
	evidence: PolicyEvidence[],
	deadline: string | null,
	today: string,
): DeliveryStatus {
	if (evidence.length === 0) return "no_data";
	const rank = (e: PolicyEvidence) => (e.source === "report" ? 0 : 1);
	const latest = [...evidence].sort((a, b) =>
		a.on === b.on ? rank(b) - rank(a) : a.on < b.on ? 1 : -1,
	)[0] as PolicyEvidence;
	const verdict = policyVerdict(latest);
	if ((verdict === "on_track" || verdict === "off_track") && deadline !== null && today > deadline)
		return "not_met";
	return verdict;
}

function policyVerdict(e: PolicyEvidence): DeliveryStatus {
	switch (e.source) {
		case "report":
			return {
				achieved: "met",
				not_achieved: "not_met",
				in_progress: "on_track",
				not_started: "off_track",
			}[e.status] as DeliveryStatus;
		case "scorecard":
			return ["excellent", "good", "satisfactory"].includes(e.score) ? "on_track" : "off_track";
		case "compliance":
			if (e.mean >= 1) return "met";
			if (e.mean <= -1) return "not_met";
			return e.mean > 0 ? "on_track" : "off_track";
	}
}

export const recencyRule =
	"green: the latest progress report was filed less than 12 months ago; amber: 12 to 24 months ago, or no report yet on a commitment published less than 24 months ago; red: nothing for 24 months or more.";

/** The same day `months` months earlier (the last day of the month when it is shorter). */
export function monthsBefore(date: string, months: number): string {
	const [y, m, d] = date.split("-").map(Number) as [number, number, number];
	const index = y * 12 + (m - 1) - months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function recency(
	lastReportOn: string | null,
	publishedOn: string | null,
	today: string,
): TrafficLight {
	const twelve = monthsBefore(today, 12);
	const twentyFour = monthsBefore(today, 24);
	if (lastReportOn !== null) {
		if (lastReportOn > twelve) return "green";
		return lastReportOn > twentyFour ? "amber" : "red";
	}
	return publishedOn !== null && publishedOn > twentyFour ? "amber" : "red";
}
