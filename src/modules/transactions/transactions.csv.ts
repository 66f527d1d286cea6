/** transactions.csv: one row per transaction of an IATI activity. */

import { oneOf, type Table } from "../../interchange/csv/table.ts";
import { conversionStatuses } from "../analytics/conversion.ts";
import type { TransactionItem } from "./transactions.schemas.ts";

export const transactionsTable: Table<TransactionItem> = {
	name: "transactions",
	row: "one transaction of an IATI activity held as delivery evidence",
	columns: [
		{ name: "id", description: "IIF id of the transaction.", value: (r) => r.id },
		{
			name: "activity_identifier",
			description: "IATI identifier of the activity.",
			value: (r) => r.activity.iati_identifier,
		},
		{
			name: "activity_title",
			description: "Title of the activity.",
			value: (r) => r.activity.title,
		},
		{
			name: "reporting_org_ref",
			description: "IATI identifier of the organisation reporting the activity.",
			value: (r) => r.reporting_org.ref,
		},
		{
			name: "reporting_org_name",
			description:
				"Its name: the stakeholder registered with that identifier, else as the publisher gave it.",
			value: (r) => r.reporting_org.name,
		},
		{
			name: "type_code",
			description:
				"IATI TransactionType code (2 outgoing commitment, 3 disbursement, 4 expenditure ...).",
			value: (r) => r.type.code,
		},
		{
			name: "type_name",
			description: "Its English name in the IATI codelist.",
			value: (r) => r.type.name,
		},
		{ name: "date", description: "Transaction date (YYYY-MM-DD).", value: (r) => r.date },
		{
			name: "value",
			description: "Value as published, exact decimal in major units (negative for a reversal).",
			value: (r) => r.value,
		},
		{ name: "currency", description: "ISO 4217 currency of value.", value: (r) => r.currency },
		{
			name: "value_minor",
			description: "The same value as a whole number of minor units.",
			value: (r) => r.value_minor,
		},
		{
			name: "value_date",
			description: "Date of the exchange rate, when the publisher gave one.",
			value: (r) => r.value_date,
		},
		{
			name: "usd_current",
			description: "Value in US dollars at current prices (IIF's conversion).",
			value: (r) => r.usd_current,
		},
		{
			name: "usd_constant",
			description: "Value in US dollars at constant prices of IIF's base year.",
			value: (r) => r.usd_constant,
		},
		{
			name: "usd_conversion",
			description: `How it converted to US dollars. ${oneOf(conversionStatuses)}`,
			value: (r) => r.conversion,
		},
		{
			name: "provider_org_ref",
			description: "IATI identifier of the organisation the money came from.",
			value: (r) => r.provider_org.ref,
		},
		{
			name: "provider_org_name",
			description: "Its name, as the publisher gave it.",
			value: (r) => r.provider_org.name,
		},
		{
			name: "receiver_org_ref",
			description: "IATI identifier of the organisation that received it.",
			value: (r) => r.receiver_org.ref,
		},
		{
			name: "receiver_org_name",
			description: "Its name, as the publisher gave it.",
			value: (r) => r.receiver_org.name,
		},
	],
};
