/** What recording an activity and linking it to a commitment take. */
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD");
const currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD");

export const transactionInput = z.strictObject({
	transaction_type: z.string().regex(/^\d{1,2}$/, "must be an IATI TransactionType code"),
	transaction_date: isoDate,
	/** Minor units of the currency; negative for a reversal. */
	value_minor: z.number().int().refine(Number.isSafeInteger, "is too large"),
	currency: currency.nullable().default(null),
	value_date: isoDate.nullable().default(null),
	provider_org_ref: z.string().trim().max(200).nullable().default(null),
	receiver_org_ref: z.string().trim().max(200).nullable().default(null),
});

export const activityInput = z.strictObject({
	iati_identifier: z.string().trim().min(1).max(200),
	reporting_org_ref: z.string().trim().max(200).nullable().default(null),
	title: z.string().trim().max(2000).nullable().default(null),
	default_currency: currency.nullable().default(null),
	transactions: z.array(transactionInput).default([]),
});
export type ActivityInput = z.input<typeof activityInput>;

export const linkInput = z.strictObject({
	/** Percent of the activity that delivers this commitment, to two decimals. */
	share: z.number().gt(0, "must be above 0").max(100, "must be at most 100").default(100),
	include_expenditure: z.boolean().default(false),
});
export type LinkInput = z.input<typeof linkInput>;
