/** activities.csv: one row per IATI activity held as delivery evidence. */

import { joined, type Table } from "../../interchange/csv/table.ts";
import type { ActivityExport } from "./activities.export.ts";

export const activitiesTable: Table<ActivityExport> = {
	name: "activities",
	row: "one IATI activity held as delivery evidence",
	columns: [
		{
			name: "iati_identifier",
			description: "IATI identifier of the activity.",
			value: (r) => r.item.iati_identifier,
		},
		{
			name: "title",
			description: "Title, in the activity's default language.",
			value: (r) => r.item.title,
		},
		{
			name: "reporting_org_ref",
			description: "IATI identifier of the reporting organisation.",
			value: (r) => r.item.reporting_org.ref,
		},
		{
			name: "reporting_org_name",
			description: "Its name, as the publisher gave it.",
			value: (r) => r.item.reporting_org.name,
		},
		{
			name: "activity_status",
			description:
				"IATI ActivityStatus code (1 pipeline, 2 implementation, 3 finalisation, 4 closed ...).",
			value: (r) => r.item.activity_status,
		},
		{
			name: "default_currency",
			description: "ISO 4217 currency of values that state none.",
			value: (r) => r.item.default_currency,
		},
		{
			name: "recipient_country_codes",
			description: 'Recipient countries, ISO 3166-1 alpha-2, separated by "; ".',
			value: (r) => joined(r.item.recipient_countries),
		},
		{
			name: "recipient_country_names",
			description: "Their English names, in the same order.",
			value: (r) => joined(r.country_names),
		},
		{
			name: "recipient_region_codes",
			description: "Recipient regions, IATI Region codes.",
			value: (r) => joined(r.item.recipient_regions),
		},
		{
			name: "recipient_region_names",
			description: "Their English names, in the same order.",
			value: (r) => joined(r.region_names),
		},
		{
			name: "transaction_count",
			description: "Transactions recorded (in transactions.csv).",
			value: (r) => r.item.transaction_count,
		},
		{
			name: "updated_at",
			description: "When IIF last stored it (UTC).",
			value: (r) => r.item.updated_at,
		},
	],
};
