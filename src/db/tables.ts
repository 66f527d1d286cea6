/**
 * Row types of every table, as Kysely sees them. Timestamps and dates are ISO text;
 * amounts are bigint minor units (a string on PostgreSQL, converted in repositories).
 */
import type { Generated } from "kysely";

type BigIntColumn = number | string;

export interface AppMetaTable {
	key: string;
	value: string;
}

export interface FrameworkTable {
	code: string;
	name: string;
	effective_on: string | null;
	source_url: string | null;
}

export interface GoalTable {
	id: string; // "mdg:8"
	framework: string;
	code: string;
	title: string;
	short_title: string | null;
	position: number;
}

export interface TargetTable {
	id: string; // "mdg:8.B"
	framework: string;
	goal_id: string;
	code: string;
	title: string;
	position: number;
}

export interface IndicatorTable {
	id: string; // "mdg:8.16", "sdg:1.1.1"
	framework: string;
	goal_id: string;
	code: string;
	title: string;
	position: number;
}

export interface IndicatorTargetTable {
	indicator_id: string;
	target_id: string;
}

/** Titles of goals, targets and indicators in other languages. */
export interface TranslationTable {
	entity: "goal" | "target" | "indicator";
	entity_id: string;
	lang: string;
	title: string;
	short_title: string | null;
}

/** Entries of the IATI codelists the product ships (Country, Region, Currency, Sector ...). */
export interface CodeItemTable {
	list: string;
	code: string;
	status: string;
	category: string | null;
}

export interface CodeNameTable {
	list: string;
	code: string;
	lang: string;
	name: string;
}

export interface StakeholderGroupTable {
	code: string;
	name: string;
}

export interface ForumTable {
	id: Generated<number>;
	slug: string;
	name: string;
	kind: string;
	held_on: string | null;
	ends_on: string | null;
	place: string | null;
	document_symbol: string | null;
	url: string | null;
	description: string | null;
	created_at: string;
	updated_at: string;
}

export interface StakeholderTable {
	id: Generated<number>;
	slug: string;
	name: string;
	short_name: string | null;
	kind: string;
	country_code: string | null;
	iati_org_id: string | null;
	website: string | null;
	/** Whose official statistics measure its share-of-income targets (a statistic_provider code). */
	statistics_provider: string | null;
	created_at: string;
	updated_at: string;
}

export interface StakeholderGroupMemberTable {
	stakeholder_id: number;
	group_code: string;
}

/** An agency a state reports to IATI through, under the agency's own identifier. */
export interface StakeholderAgencyTable {
	stakeholder_id: number;
	iati_org_id: string;
	name: string | null;
	reported_from: number | null;
	reported_to: number | null;
	source: string | null;
	position: number;
}

export interface RecipientGroupMemberTable {
	group_code: string;
	country_code: string;
	from_year: number;
	until_year: number | null;
}

export interface CommitmentTable {
	id: Generated<number>;
	slug: string;
	title: string;
	title_key: string;
	text: string;
	/** verbatim (the source's words, quote_source and quote_locator say where) or summary. */
	text_kind: Generated<string>;
	quote_source: number | null;
	quote_locator: string | null;
	kind: string;
	forum_id: number | null;
	announced_on: string | null;
	status: string;
	version: number;
	origin: string;
	amount_minor: BigIntColumn | null;
	currency: string | null;
	amount_frequency: string | null;
	increase_over_year: number | null;
	price_basis: string | null;
	price_base_year: number | null;
	period_start: string | null;
	period_end: string | null;
	additionality: string | null;
	/** oda (the default), oof or guarantee: only oda counts in delivery totals. */
	flow_type: Generated<string>;
	gni_share_min: number | null;
	gni_share_max: number | null;
	/** Whose official statistics measure it, when its makers' own do not fit (DAC). */
	statistics_provider: string | null;
	/** Why that provider's statistics measure it, in words shown on the page. */
	statistics_reason: string | null;
	financial_note: string | null;
	policy_target: string | null;
	policy_baseline: string | null;
	policy_deadline: string | null;
	search_text: string;
	created_at: string;
	updated_at: string;
	published_at: string | null;
	status_reason: string | null;
	created_by: number | null;
}

export interface CommitmentMakerTable {
	commitment_id: number;
	stakeholder_id: number;
	position: number;
}

export interface CommitmentGoalTable {
	commitment_id: number;
	goal_id: string;
}

export interface CommitmentTargetTable {
	commitment_id: number;
	target_id: string;
}

export interface CommitmentRecipientTable {
	commitment_id: number;
	kind: string; // country | region | group | global
	code: string;
}

export interface CommitmentSectorTable {
	commitment_id: number;
	code: string;
}

export interface CommitmentSourceTable {
	id: Generated<number>;
	commitment_id: number;
	position: number;
	title: string;
	url: string | null;
	document_symbol: string | null;
	published_on: string | null;
}

export interface CommitmentRelationTable {
	from_id: number;
	to_id: number;
	kind: string;
	note: string | null;
	/** The part of from's money the relation holds for (0 < share < 1); null: all of it. */
	share: number | null;
	/** That part as stated, in from's minor units, when stated as an amount. */
	amount_minor: BigIntColumn | null;
	created_at: string;
}

export interface CommitmentVersionTable {
	commitment_id: number;
	version: number;
	snapshot: string; // JSON
	reason: string | null;
	created_at: string;
	created_by: number | null;
}

export interface CommitmentProposalTable {
	id: Generated<number>;
	commitment_id: number;
	base_version: number;
	snapshot: string; // JSON: the whole proposed state
	review: string;
	reason: string | null;
	proposed_by: number | null;
	proposed_at: string;
	decision: string | null;
	decided_by: number | null;
	decided_at: string | null;
	decision_reason: string | null;
}

export interface UserTable {
	id: Generated<number>;
	email: string;
	display_name: string;
	password_hash: string;
	role: string | null;
	disabled_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface MembershipTable {
	user_id: number;
	stakeholder_id: number;
	role: string;
	created_at: string;
}

export interface SessionTable {
	id_hash: string;
	user_id: number;
	csrf_token: string;
	created_at: string;
	last_seen_at: string;
	expires_at: string;
}

export interface ApiTokenTable {
	id: Generated<number>;
	user_id: number;
	name: string;
	token_hash: string;
	prefix: string;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

export interface RateCounterTable {
	key: string;
	window_start: string;
	count: number;
}

export interface LoginFailureTable {
	key: string;
	failures: number;
	last_failure_at: string;
	blocked_until: string;
}

export interface ProgressReportTable {
	id: Generated<number>;
	commitment_id: number;
	kind: string; // maker | recipient
	stakeholder_id: number;
	period_start: string;
	period_end: string;
	disbursed_minor: BigIntColumn | null;
	currency: string | null;
	policy_status: string | null;
	narrative: string;
	strategy_document: string | null;
	strategy_section: string | null;
	strategy_url: string | null;
	usd_current: BigIntColumn | null;
	usd_constant: BigIntColumn | null;
	conversion: string | null;
	version: number;
	created_by: number | null;
	created_at: string;
	updated_at: string;
	/** Withdrawn by those who filed it (migration 0012): kept, shown as such, counted nowhere. */
	withdrawn_at: string | null;
	withdrawn_reason: string | null;
}

export interface ReportRecipientTable {
	report_id: number;
	kind: string;
	code: string;
}

export interface ReportYearTable {
	report_id: number;
	year: number;
	amount_minor: BigIntColumn;
	usd_current: BigIntColumn | null;
	usd_constant: BigIntColumn | null;
	conversion: string | null;
}

export interface ReportEvidenceTable {
	report_id: number;
	position: number;
	title: string;
	url: string;
}

export interface ReportVersionTable {
	report_id: number;
	version: number;
	snapshot: string;
	reason: string | null;
	created_at: string;
	created_by: number | null;
}

export interface CommentTable {
	id: Generated<number>;
	commitment_id: number;
	report_id: number | null;
	parent_id: number | null;
	author_id: number;
	body: string;
	created_at: string;
	edited_at: string | null;
	deleted_at: string | null;
	hidden_at: string | null;
	hidden_by: number | null;
	hidden_reason: string | null;
}

export interface CommentFlagTable {
	comment_id: number;
	user_id: number;
	reason: string;
	created_at: string;
	resolved_at: string | null;
	resolved_by: number | null;
}

export interface AssessmentTable {
	id: Generated<number>;
	commitment_id: number;
	assessor_id: number;
	scheme: string;
	score: string | null;
	rationale: string;
	assessed_on: string;
	created_at: string;
}

export interface AssessmentMakerScoreTable {
	assessment_id: number;
	stakeholder_id: number;
	score: number;
}

export interface AssessmentEvidenceTable {
	assessment_id: number;
	position: number;
	title: string;
	url: string;
}

export interface AuditEventTable {
	id: Generated<number>;
	occurred_at: string;
	actor_user_id: number | null;
	actor_via: string | null;
	action: string;
	object_type: string;
	object_id: string;
	before: string | null;
	after: string | null;
	prev_hash: string;
	hash: string;
}

export interface ActivityTable {
	id: Generated<number>;
	iati_identifier: string;
	reporting_org_ref: string | null;
	title: string | null;
	default_currency: string | null;
	created_at: string;
	updated_at: string;
	// The rest of an IATI activity (0005_iati); narratives are JSON text.
	version: string | null;
	default_lang: string | null;
	last_updated_datetime: string | null;
	hierarchy: number | null;
	humanitarian: number | null;
	reporting_org_type: string | null;
	reporting_org_narratives: string | null;
	title_narratives: string | null;
	title_search: string | null;
	descriptions: string | null;
	activity_status: string | null;
	collaboration_type: string | null;
	default_flow_type: string | null;
	default_finance_type: string | null;
	default_tied_status: string | null;
}

export interface ActivityTransactionTable {
	id: Generated<number>;
	activity_id: number;
	transaction_type: string;
	transaction_date: string;
	value_minor: BigIntColumn;
	currency: string | null;
	value_date: string | null;
	provider_org_ref: string | null;
	receiver_org_ref: string | null;
	usd_current: BigIntColumn | null;
	usd_constant: BigIntColumn | null;
	conversion: string;
	// As read from IATI (0005_iati): `value_currency` as stated, `currency` the one that applies.
	position: Generated<number>;
	value_currency: string | null;
	/** JSON narratives; null when the transaction names no such organisation. */
	provider_org_narratives: string | null;
	provider_activity_id: string | null;
	receiver_org_narratives: string | null;
	receiver_activity_id: string | null;
	recipient_country: string | null;
	recipient_region: string | null;
	/** JSON: ref, description, the organisations' types, the region's vocabulary. */
	detail: string | null;
}

export interface ActivityParticipatingOrgTable {
	activity_id: number;
	position: number;
	role: string;
	ref: string | null;
	type: string | null;
	org_activity_id: string | null;
	narratives: string;
}

export interface ActivityDateTable {
	activity_id: number;
	position: number;
	type: string;
	iso_date: string;
}

export interface ActivityRecipientTable {
	activity_id: number;
	position: number;
	kind: string; // country | region
	code: string;
	vocabulary: string | null;
	percentage: number | null;
}

export interface ActivitySectorTable {
	activity_id: number;
	position: number;
	vocabulary: string;
	code: string;
	percentage: number | null;
}

export interface ActivityTagTable {
	activity_id: number;
	position: number;
	vocabulary: string;
	code: string;
}

export interface ActivityPolicyMarkerTable {
	activity_id: number;
	position: number;
	vocabulary: string;
	code: string;
	significance: string | null;
}

export interface ActivityAidTypeTable {
	activity_id: number;
	position: number;
	vocabulary: string;
	code: string;
}

export interface ActivityTransactionSectorTable {
	activity_id: number;
	transaction_position: number;
	position: number;
	vocabulary: string;
	code: string;
}

export interface OrganisationTable {
	id: Generated<number>;
	organisation_identifier: string;
	version: string;
	default_currency: string | null;
	last_updated_datetime: string | null;
	name_narratives: string;
	reporting_org_ref: string;
	reporting_org_type: string | null;
	reporting_org_narratives: string;
	created_at: string;
	updated_at: string;
}

export interface OrganisationBudgetTable {
	organisation_id: number;
	position: number;
	kind: string;
	status: string | null;
	period_start: string;
	period_end: string;
	value_minor: BigIntColumn;
	value_currency: string | null;
	currency: string | null;
	value_date: string | null;
	recipient: string | null;
	usd_current: BigIntColumn | null;
	usd_constant: BigIntColumn | null;
	conversion: string;
}

export interface CommitmentActivityTable {
	commitment_id: number;
	activity_id: number;
	share_bp: number; // basis points: 10000 = the whole activity
	status: string; // proposed | accepted | rejected
	include_expenditure: number; // 1: expenditure (type 4) counts as delivery too
	created_by: number | null;
	created_at: string;
	// The linking feature's proposal and decision (0005_iati).
	score: number | null;
	reasons: string | null; // JSON
	decided_by: number | null;
	decided_at: string | null;
}

/** US cents: current prices of the year, constant prices of the base year. */
interface UsdPair {
	committed_current: BigIntColumn;
	committed_constant: BigIntColumn;
	delivered_current: BigIntColumn;
	delivered_constant: BigIntColumn;
}

export interface DeliveryStateTable {
	commitment_id: number;
	root_id: number;
	reason: string;
	conversion: string;
	value_year: number | null;
	committed_current: BigIntColumn | null;
	committed_constant: BigIntColumn | null;
	delivered_current: BigIntColumn;
	delivered_constant: BigIntColumn;
	unconverted: number;
	last_report_on: string | null;
}

/** A public commitment's delivery status, free of the date (migration 0011, status.terms.ts). */
export interface DeliveryStatusTable {
	commitment_id: number;
	status: string;
	due_by: string | null;
	on_track_until: string | null;
	committed_constant: BigIntColumn | null;
	delivered_constant: BigIntColumn | null;
	gap_constant: BigIntColumn | null;
}

export interface DeliveryYearTable extends UsdPair {
	commitment_id: number;
	year: number;
	source: string | null;
	/** The last day the year's data covers when it stops before the year ends (migration 0020). */
	through: string | null;
}

/** Delivered money by source: reports, IATI, official statistics (migration 0007), and the part of committed covered by delivery data. */
interface UsdBySource {
	delivered_report_current: BigIntColumn;
	delivered_report_constant: BigIntColumn;
	delivered_iati_current: BigIntColumn;
	delivered_iati_constant: BigIntColumn;
	delivered_statistics_current: BigIntColumn;
	delivered_statistics_constant: BigIntColumn;
	/** Committed in the years that have delivery data (migration 0009). */
	committed_covered_current: BigIntColumn;
	committed_covered_constant: BigIntColumn;
}

export interface DeliveryFactTable extends UsdPair, UsdBySource {
	root_id: number;
	year: number;
}

/** What a maker's own pledge adds to the stakeholder's figures, by year (migration 0010). */
export interface DeliveryMakerFactTable extends UsdPair, UsdBySource {
	commitment_id: number;
	stakeholder_id: number;
	year: number;
}

export interface DeliveryKeyTable {
	commitment_id: number;
	dim: string;
	key: string;
	/** Counted in this group for another reason than the commitment's own (migration 0010). */
	reason: string | null;
}

export interface DeliveryRollupTable extends UsdPair, UsdBySource {
	dim: string;
	key: string;
	year: number;
}

export interface DeliveryTotalTable extends UsdPair, UsdBySource {
	dim: string;
	key: string;
	counted: number;
	reaffirmation: number;
	part: number;
	overlap: number;
	superseded: number;
	withdrawn: number;
	/** Pledges that are not aid, counted apart (migration 0016). */
	not_aid: Generated<number>;
	unconverted: number;
	/** Of a maker: its pledges made jointly with others (migration 0010). */
	collective: number;
}

export interface RequirementTable {
	id: Generated<number>;
	slug: string;
	title: string;
	goal_id: string;
	target_id: string | null;
	scope: string;
	scope_code: string | null;
	amount_minor: BigIntColumn;
	provided_minor: BigIntColumn | null;
	currency: string;
	amount_frequency: string;
	price_basis: string;
	price_base_year: number | null;
	period_start: string;
	period_end: string;
	source_title: string;
	source_url: string | null;
	note: string | null;
	required_current: BigIntColumn | null;
	required_constant: BigIntColumn | null;
	provided_current: BigIntColumn | null;
	provided_constant: BigIntColumn | null;
	conversion: string;
	created_at: string;
	updated_at: string;
}

export interface StatisticProviderTable {
	code: string;
	name: string;
	/** country | institution | collective */
	kind: string;
	dac_code: number | null;
	eu_from: number | null;
	eu_to: number | null;
}

export interface OfficialStatisticTable {
	provider: string;
	year: number;
	/** oda | gni | oda_ldc | oda_africa */
	measure: string;
	/** The decimal as published. */
	value: string;
	/** usd_millions | percent_of_gni */
	unit: string;
	/** For ODA: net_flows | grant_equivalent; for ODA to LDCs, the definition. */
	basis: string | null;
	source: string;
	source_url: string | null;
	published_on: string | null;
	loaded_at: string;
}

export interface Tables {
	app_meta: AppMetaTable;
	framework: FrameworkTable;
	goal: GoalTable;
	target: TargetTable;
	indicator: IndicatorTable;
	indicator_target: IndicatorTargetTable;
	translation: TranslationTable;
	code_item: CodeItemTable;
	code_name: CodeNameTable;
	stakeholder_group: StakeholderGroupTable;
	forum: ForumTable;
	stakeholder: StakeholderTable;
	stakeholder_group_member: StakeholderGroupMemberTable;
	stakeholder_agency: StakeholderAgencyTable;
	recipient_group_member: RecipientGroupMemberTable;
	commitment: CommitmentTable;
	commitment_maker: CommitmentMakerTable;
	commitment_goal: CommitmentGoalTable;
	commitment_target: CommitmentTargetTable;
	commitment_recipient: CommitmentRecipientTable;
	commitment_sector: CommitmentSectorTable;
	commitment_source: CommitmentSourceTable;
	commitment_relation: CommitmentRelationTable;
	commitment_version: CommitmentVersionTable;
	commitment_proposal: CommitmentProposalTable;
	app_user: UserTable;
	membership: MembershipTable;
	session: SessionTable;
	api_token: ApiTokenTable;
	rate_counter: RateCounterTable;
	login_failure: LoginFailureTable;
	progress_report: ProgressReportTable;
	report_recipient: ReportRecipientTable;
	report_year: ReportYearTable;
	report_evidence: ReportEvidenceTable;
	report_version: ReportVersionTable;
	comment: CommentTable;
	comment_flag: CommentFlagTable;
	activity: ActivityTable;
	activity_transaction: ActivityTransactionTable;
	commitment_activity: CommitmentActivityTable;
	activity_participating_org: ActivityParticipatingOrgTable;
	activity_date: ActivityDateTable;
	activity_recipient: ActivityRecipientTable;
	activity_sector: ActivitySectorTable;
	activity_tag: ActivityTagTable;
	activity_policy_marker: ActivityPolicyMarkerTable;
	activity_aid_type: ActivityAidTypeTable;
	activity_transaction_sector: ActivityTransactionSectorTable;
	organisation: OrganisationTable;
	organisation_budget: OrganisationBudgetTable;
	delivery_state: DeliveryStateTable;
	delivery_status: DeliveryStatusTable;
	delivery_year: DeliveryYearTable;
	delivery_fact: DeliveryFactTable;
	delivery_key: DeliveryKeyTable;
	delivery_maker_fact: DeliveryMakerFactTable;
	delivery_rollup: DeliveryRollupTable;
	delivery_total: DeliveryTotalTable;
	requirement: RequirementTable;
	assessment: AssessmentTable;
	assessment_maker_score: AssessmentMakerScoreTable;
	assessment_evidence: AssessmentEvidenceTable;
	audit_event: AuditEventTable;
	statistic_provider: StatisticProviderTable;
	official_statistic: OfficialStatisticTable;
}
