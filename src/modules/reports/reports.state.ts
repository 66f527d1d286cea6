/** A report's whole state with references resolved: what is stored and what a version snapshot holds. */
export interface ReportState {
	kind: "maker" | "recipient";
	stakeholder_id: number;
	period_start: string;
	period_end: string;
	disbursed_minor: number | null;
	currency: string | null;
	recipients: { kind: string; code: string }[];
	by_year: { year: number; amount_minor: number }[];
	policy_status: string | null;
	narrative: string;
	evidence: { title: string; url: string }[];
	strategy_document: string | null;
	strategy_section: string | null;
	strategy_url: string | null;
}
