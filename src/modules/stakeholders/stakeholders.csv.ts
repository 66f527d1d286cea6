/** stakeholders.csv: one row per stakeholder, who commits or receives. */
import { joined, oneOf, type Table } from "../../interchange/csv/table.ts";
import { stakeholderKinds } from "./stakeholders.schemas.ts";
import type { StakeholderExport } from "./stakeholders.service.ts";

export const stakeholdersTable: Table<StakeholderExport> = {
	name: "stakeholders",
	row: "one stakeholder: who commits, or receives",
	columns: [
		{ name: "id", description: "IIF id.", value: (r) => r.item.id },
		{ name: "slug", description: "Its stable name in URLs.", value: (r) => r.item.slug },
		{ name: "name", description: "Name.", value: (r) => r.item.name },
		{ name: "short_name", description: "Short name or acronym.", value: (r) => r.item.short_name },
		{
			name: "kind",
			description: oneOf(stakeholderKinds),
			value: (r) => r.item.kind,
		},
		{
			name: "country_code",
			description: "ISO 3166-1 alpha-2 country (member states, and others where known).",
			value: (r) => r.item.country,
		},
		{
			name: "country_name",
			description: "The country's English name.",
			value: (r) => r.country_name,
		},
		{
			name: "iati_org_id",
			description: "The IATI organisation identifier it publishes under itself, where known.",
			value: (r) => r.item.iati_org_id,
		},
		{
			name: "agency_iati_org_ids",
			description:
				'IATI organisation identifiers of the agencies it reports through (a state\'s aid agencies), separated by "; ".',
			value: (r) => joined(r.item.agencies.map((a) => a.iati_org_id)),
		},
		{
			name: "agency_names",
			description: "The agencies' names, in the same order (empty where not recorded).",
			value: (r) => joined(r.item.agencies.map((a) => a.name)),
		},
		{
			name: "group_codes",
			description: 'Groups it belongs to (G8, G20, DAC, EU, LDC ...), separated by "; ".',
			value: (r) => joined(r.item.groups),
		},
		{
			name: "group_names",
			description: "The groups' English names, in the same order.",
			value: (r) => joined(r.group_names),
		},
		{ name: "website", description: "Website.", value: (r) => r.item.website },
		{
			name: "commitment_count",
			description: "Public commitments it made, alone or with others.",
			value: (r) => r.item.commitment_count,
		},
	],
};
