/** The transaction list: IATI transactions of the activities IIF holds, filtered and paged. */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { intParam, listParam, patternListParam } from "../../http/params.ts";

export const transactionListQuery = z.strictObject({
	activity: listParam(z.string().trim().min(1).max(200), {
		description: "IATI activity identifiers.",
		items: { type: "string", maxLength: 200, examples: ["GB-GOV-1-300123"] },
	}),
	reporting_org: listParam(z.string().trim().min(1).max(200), {
		description: "IATI identifiers of the reporting organisations.",
		items: { type: "string", maxLength: 200, examples: ["GB-GOV-1"] },
	}),
	type: patternListParam(
		/^\d{1,2}$/,
		"3",
		"IATI TransactionType codes: 2 outgoing commitment, 3 disbursement, 4 expenditure ...",
	),
	year: patternListParam(/^\d{4}$/, "2015", "Years of the transaction date."),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});
export type TransactionListQuery = z.output<typeof transactionListQuery>;

const usd = z.string().nullable().meta({
	description: "US dollars, an exact decimal string; null when the value could not be converted.",
});

const org = z.object({
	ref: z.string().nullable().meta({ description: "IATI organisation identifier." }),
	name: z.string().nullable().meta({ description: "Name as the publisher gave it." }),
});

export const transactionItem = z.object({
	id: z.number().int(),
	activity: z.object({ iati_identifier: z.string(), title: z.string().nullable() }),
	reporting_org: z.object({
		ref: z.string().nullable(),
		name: z.string().nullable().meta({
			description:
				"The stakeholder registered with this IATI identifier (as its own, or one of its agencies': then the state), else the name the publisher gave.",
		}),
	}),
	type: z.object({
		code: z.string(),
		name: z.string().nullable().meta({ description: "English name in the IATI codelist." }),
	}),
	date: z.string(),
	value: z
		.string()
		.nullable()
		.meta({ description: "Exact decimal in major units; null when the currency is unknown." }),
	value_minor: z.number().int(),
	currency: z.string().nullable(),
	value_date: z.string().nullable(),
	usd_current: usd,
	usd_constant: usd,
	conversion: z.string().meta({
		description:
			"How the value converted: ok, provisional, no_rate, no_currency, no_amount, no_year.",
	}),
	provider_org: org.meta({ description: "Where the money came from." }),
	receiver_org: org.meta({ description: "Who received it." }),
});
export type TransactionItem = z.output<typeof transactionItem>;

export const transactionList = pageOf(transactionItem);
