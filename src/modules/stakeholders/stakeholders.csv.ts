/** stakeholders.csv, forums.csv, countries.csv: the registry's reference records. */
import { forumKinds } from "../../../modules/commitments/commitments.schemas.ts";
import type { CountryExport } from "../../../modules/countries/countries.service.ts";
import type { ForumExport } from "../../../modules/forums/forums.service.ts";
import { stakeholderKinds } from "../../../modules/stakeholders/stakeholders.schemas.ts";
import type { StakeholderExport } from "../../../modules/stakeholders/stakeholders.service.ts";
import { joined, oneOf, type Table } from "../table.ts";

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
			description: "IATI organisation identifier, where known.",
			value: (r) => r.item.iati_org_id,
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

export const forumsTable: Table<ForumExport> = {
	name: "forums",
	row: "one forum where commitments were made",
	columns: [
		{ name: "id", description: "IIF id.", value: (r) => r.id },
		{ name: "slug", description: "Its stable name in URLs.", value: (r) => r.slug },
		{ name: "name", description: "Name.", value: (r) => r.name },
		{
			name: "kind",
			description: oneOf(forumKinds),
			value: (r) => r.kind,
		},
		{ name: "held_on", description: "First day (YYYY-MM-DD).", value: (r) => r.held_on },
		{
			name: "ends_on",
			description: "Last day, for meetings of several days.",
			value: (r) => r.ends_on,
		},
		{ name: "place", description: "Where it was held.", value: (r) => r.place },
		{
			name: "document_symbol",
			description: "Symbol of the outcome document (A/RES/65/1).",
			value: (r) => r.document_symbol,
		},
		{ name: "url", description: "Link to the outcome document.", value: (r) => r.url },
		{
			name: "description",
			description: "Description.",
			value: (r) => r.description,
		},
		{
			name: "commitment_count",
			description: "Public commitments made there.",
			value: (r) => r.commitment_count,
		},
	],
};

export const countriesTable: Table<CountryExport> = {
	name: "countries",
	row: "one country of ISO 3166-1 (IATI Country codelist)",
	columns: [
		{ name: "code", description: "ISO 3166-1 alpha-2 code.", value: (r) => r.code },
		{
			name: "name",
			description: "Name, in the language asked (lang; English by default, and in the dump).",
			value: (r) => r.name,
		},
		{
			name: "status",
			description: "Codelist status: active or withdrawn.",
			value: (r) => r.status,
		},
		{
			name: "stakeholder_id",
			description: "Its member-state stakeholder, where registered: IIF id.",
			value: (r) => r.stakeholder?.id,
		},
		{
			name: "stakeholder_slug",
			description: "Its member-state stakeholder: slug.",
			value: (r) => r.stakeholder?.slug,
		},
		{
			name: "stakeholder_name",
			description: "Its member-state stakeholder: name.",
			value: (r) => r.stakeholder?.name,
		},
		{
			name: "commitments_received",
			description: "Public commitments that name it among their recipients.",
			value: (r) => r.commitments_received,
		},
	],
};
