/** reports.csv: one row per progress report on a public commitment. */

import { joined, oneOf, type Table, usd } from "../../interchange/csv/table.ts";
import { conversionStatuses } from "../analytics/conversion.ts";
import { policyStatuses } from "./reports.schemas.ts";
import type { ReportExport } from "./reports.service.ts";

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
