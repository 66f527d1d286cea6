/** countries.csv: one row per country of ISO 3166-1, with its member-state stakeholder. */
import type { Table } from "../../interchange/csv/table.ts";
import type { CountryExport } from "./countries.service.ts";

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
