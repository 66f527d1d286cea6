/** reports.csv, assessments.csv, comments.csv: what is said about commitments once public. */
import { conversionStatuses } from "../../../modules/analytics/conversion.ts";
import {
	type AssessmentView,
	scorecardScores,
} from "../../../modules/assessments/assessments.schemas.ts";
import type { PublicComment } from "../../../modules/comments/comments.repository.ts";
import { policyStatuses } from "../../../modules/reports/reports.schemas.ts";
import type { ReportExport } from "../../../modules/reports/reports.service.ts";
import { joined, oneOf, type Table, usd } from "../table.ts";

export const reportsTable: Table<ReportExport> = {
	name: "reports",
	row: "one progress report on a public commitment",
	columns: [
		{ name: "id", description: "IIF id of the report.", value: (r) => r.report.id },
		{
			name: "commitment_id",
			description: "The commitment reported on: IIF id.",
			value: (r) => r.report.commitment.id,
		},
		{
			name: "commitment_slug",
			description: "The commitment: slug.",
			value: (r) => r.report.commitment.slug,
		},
		{
			name: "commitment_title",
			description: "The commitment: title.",
			value: (r) => r.report.commitment.title,
		},
		{
			name: "kind",
			description:
				"maker (a maker's account of delivery) or recipient (a recipient government's national strategy).",
			value: (r) => r.report.kind,
		},
		{
			name: "stakeholder_id",
			description: "Who reports: IIF id of the stakeholder.",
			value: (r) => r.report.stakeholder.id,
		},
		{
			name: "stakeholder_slug",
			description: "Who reports: slug.",
			value: (r) => r.report.stakeholder.slug,
		},
		{
			name: "stakeholder_name",
			description: "Who reports: name.",
			value: (r) => r.report.stakeholder.name,
		},
		{
			name: "period_start",
			description: "Start of the period reported.",
			value: (r) => r.report.period_start,
		},
		{
			name: "period_end",
			description: "End of the period reported.",
			value: (r) => r.report.period_end,
		},
		{
			name: "disbursed_amount",
			description: "Money disbursed in the period, exact decimal in major units.",
			value: (r) => r.report.disbursed?.amount,
		},
		{
			name: "disbursed_currency",
			description: "ISO 4217 currency of disbursed_amount.",
			value: (r) => r.report.disbursed?.currency,
		},
		{
			name: "disbursed_minor",
			description: "The same amount as a whole number of minor units.",
			value: (r) => r.report.disbursed?.amount_minor,
		},
		{
			name: "usd_current",
			description: "The amount disbursed in US dollars at current prices (IIF's conversion).",
			value: (r) => usd(r.usd_current),
		},
		{
			name: "usd_constant",
			description: "The amount disbursed in US dollars at constant prices of IIF's base year.",
			value: (r) => usd(r.usd_constant),
		},
		{
			name: "usd_conversion",
			description: `How it converted to US dollars. ${oneOf(conversionStatuses)}`,
			value: (r) => r.conversion,
		},
		{
			name: "by_year",
			description: 'The amount split by year, "YEAR: amount" separated by "; ".',
			value: (r) =>
				joined((r.report.disbursed?.by_year ?? []).map((y) => `${y.year}: ${y.amount}`)),
		},
		{
			name: "recipient_kinds",
			description: "Recipients of the money: kind of each (country, region, group, global).",
			value: (r) => joined((r.report.disbursed?.recipients ?? []).map((x) => x.kind)),
		},
		{
			name: "recipient_codes",
			description: "Recipients: codes (ISO country, IATI region, group; global), same order.",
			value: (r) => joined((r.report.disbursed?.recipients ?? []).map((x) => x.code ?? "global")),
		},
		{
			name: "recipient_names",
			description: "Recipients: English names, same order.",
			value: (r) => joined(r.recipient_names),
		},
		{
			name: "policy_status",
			description: oneOf(policyStatuses),
			value: (r) => r.report.policy_status,
		},
		{
			name: "narrative",
			description: "The reporter's account.",
			value: (r) => r.report.narrative,
		},
		{
			name: "evidence_titles",
			description: "Evidence: titles.",
			value: (r) => joined(r.report.evidence.map((e) => e.title)),
		},
		{
			name: "evidence_urls",
			description: "Evidence: links, same order.",
			value: (r) => joined(r.report.evidence.map((e) => e.url)),
		},
		{
			name: "strategy_document",
			description: "Recipient reports: the national strategy document.",
			value: (r) => r.report.national_strategy?.document,
		},
		{
			name: "strategy_section",
			description: "Recipient reports: the section where the commitment shows.",
			value: (r) => r.report.national_strategy?.section,
		},
		{
			name: "strategy_url",
			description: "Recipient reports: link to the strategy.",
			value: (r) => r.report.national_strategy?.url,
		},
		{ name: "version", description: "Version number.", value: (r) => r.report.version },
		{
			name: "created_at",
			description: "When it was first written (UTC).",
			value: (r) => r.report.created_at,
		},
		{
			name: "updated_at",
			description: "When it last changed (UTC).",
			value: (r) => r.report.updated_at,
		},
	],
};

export const assessmentsTable: Table<AssessmentView> = {
	name: "assessments",
	row: "one independent assessment of a public commitment",
	columns: [
		{ name: "id", description: "IIF id of the assessment.", value: (r) => r.id },
		{
			name: "commitment_id",
			description: "The commitment assessed: IIF id.",
			value: (r) => r.commitment.id,
		},
		{
			name: "commitment_slug",
			description: "The commitment: slug.",
			value: (r) => r.commitment.slug,
		},
		{
			name: "commitment_title",
			description: "The commitment: title.",
			value: (r) => r.commitment.title,
		},
		{
			name: "scheme",
			description: "scorecard (one verdict) or compliance (-1, 0 or +1 per maker).",
			value: (r) => r.scheme,
		},
		{
			name: "score",
			description: `Scorecard verdict: ${scorecardScores.join(", ")}.`,
			value: (r) => r.score,
		},
		{
			name: "maker_ids",
			description: 'Compliance: the makers scored, IIF ids separated by "; ".',
			value: (r) => joined(r.maker_scores.map((m) => m.stakeholder.id)),
		},
		{
			name: "maker_names",
			description: "Compliance: the makers' names, same order.",
			value: (r) => joined(r.maker_scores.map((m) => m.stakeholder.name)),
		},
		{
			name: "maker_scores",
			description: "Compliance: each maker's score (-1, 0, 1), same order.",
			value: (r) => joined(r.maker_scores.map((m) => m.score)),
		},
		{ name: "rationale", description: "Why.", value: (r) => r.rationale },
		{
			name: "evidence_urls",
			description: "Evidence: links.",
			value: (r) => joined(r.evidence.map((e) => e.url)),
		},
		{ name: "assessed_on", description: "Date of the assessment.", value: (r) => r.assessed_on },
		{ name: "assessor_id", description: "The assessor: IIF user id.", value: (r) => r.assessor.id },
		{
			name: "assessor_name",
			description: "The assessor: display name.",
			value: (r) => r.assessor.display_name,
		},
		{ name: "created_at", description: "When it was recorded (UTC).", value: (r) => r.created_at },
	],
};

export const commentsTable: Table<PublicComment> = {
	name: "comments",
	row: "one public comment (neither hidden by moderators nor deleted by its author)",
	columns: [
		{ name: "id", description: "IIF id of the comment.", value: (r) => r.id },
		{
			name: "commitment_id",
			description: "The commitment discussed: IIF id.",
			value: (r) => r.commitment.id,
		},
		{
			name: "commitment_slug",
			description: "The commitment: slug.",
			value: (r) => r.commitment.slug,
		},
		{
			name: "report_id",
			description: "The progress report discussed, when the comment is on a report.",
			value: (r) => r.report_id,
		},
		{
			name: "parent_id",
			description: "The comment this one answers (which may itself not be public).",
			value: (r) => r.parent_id,
		},
		{ name: "author_id", description: "The author: IIF user id.", value: (r) => r.author.id },
		{
			name: "author_name",
			description: "The author: display name.",
			value: (r) => r.author.display_name,
		},
		{
			name: "body",
			description: "The text, as written (plain text).",
			value: (r) => r.body,
		},
		{ name: "created_at", description: "When it was written (UTC).", value: (r) => r.created_at },
		{
			name: "edited_at",
			description: "When its author last edited it.",
			value: (r) => r.edited_at,
		},
	],
};
