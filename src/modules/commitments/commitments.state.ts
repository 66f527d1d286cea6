/**
 * A commitment's whole state with every reference resolved to ids: what is stored,
 * what a version snapshot holds, and what an update is merged into.
 */
import { formatMinorUnits } from "../../lib/money.ts";
import type {
	CommitmentKind,
	CommitmentStatus,
	FlowType,
	TextKind,
} from "./commitments.schemas.ts";

export interface FinancialState {
	amount_minor: number | null;
	currency: string | null;
	frequency: "annual" | "total" | null;
	increase_over_year: number | null;
	price_basis: "current" | "constant" | null;
	price_base_year: number | null;
	period_start: string | null;
	period_end: string | null;
	additionality: "new" | "reaffirmed" | "unspecified";
	flow_type: FlowType;
	gni_share_min: number | null;
	gni_share_max: number | null;
	/** Whose official statistics measure it instead of its makers' own, and why. */
	statistics_provider: string | null;
	statistics_reason: string | null;
	note: string | null;
}

export interface PolicyState {
	target: string;
	baseline: string | null;
	deadline: string | null;
}

export interface SourceState {
	title: string;
	url: string | null;
	document_symbol: string | null;
	published_on: string | null;
}

/** Where a verbatim text comes from: its source (by position among the sources) and place in it. */
export interface QuoteState {
	source: number;
	locator: string;
}

export interface CommitmentState {
	slug: string;
	title: string;
	text: string;
	text_kind: TextKind;
	/** Set for a verbatim text, null for a summary. */
	quote: QuoteState | null;
	kind: CommitmentKind;
	forum_id: number | null;
	announced_on: string | null;
	status: CommitmentStatus;
	origin: "user" | "demo" | "import";
	maker_ids: number[];
	goal_ids: string[];
	target_ids: string[];
	recipients: { kind: string; code: string }[];
	sectors: string[];
	financial: FinancialState | null;
	policy: PolicyState | null;
	sources: SourceState[];
}

/** Financial terms as the API shows them: the exact decimal amount beside its minor units. */
export function financialTerms(f: FinancialState) {
	const { amount_minor, note, ...terms } = f;
	const amount =
		amount_minor === null || f.currency === null
			? null
			: formatMinorUnits(amount_minor, f.currency);
	return { amount, amount_minor, ...terms, note };
}
