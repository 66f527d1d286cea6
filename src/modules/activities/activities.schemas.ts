/** What recording an activity and linking it to a commitment take, and what reading them gives. */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { intParam, listParam, patternListParam, textParam } from "../../http/params.ts";
import { maxIdentifierLength } from "../../interchange/iati/activity.model.ts";
import { isIsoDate } from "../../lib/dates.ts";
import { recordRefPattern } from "../../lib/ids.ts";

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
	iati_identifier: z.string().trim().min(1).max(maxIdentifierLength),
	reporting_org_ref: z.string().trim().max(200).nullable().default(null),
	title: z.string().trim().max(2000).nullable().default(null),
	default_currency: currency.nullable().default(null),
	transactions: z.array(transactionInput).default([]),
});
export type ActivityInput = z.input<typeof activityInput>;

// ---- the read API ----------------------------------------------------------

export const activityListQuery = z.strictObject({
	reporting_org: listParam(z.string().max(200), {
		description: "IATI organisation identifiers of the reporting organisation (GB-GOV-1).",
		items: { type: "string", maxLength: 200, examples: ["GB-GOV-1"] },
	}),
	recipient: patternListParam(
		/^[A-Za-z0-9]{1,10}$/,
		"KE",
		"Recipient countries (ISO alpha-2) or regions (IATI region code such as 289), at activity or transaction level.",
	),
	sector: patternListParam(
		/^[A-Za-z0-9._-]{1,40}$/,
		"11110",
		"Sector codes of any vocabulary (DAC 5-digit 11110, DAC 3-digit 111 ...), at activity or transaction level.",
	),
	sdg: patternListParam(
		/^(?:[1-9]|1[0-7])(?:\.[0-9a-zA-Z]{1,2})?$/,
		"3.b",
		"SDG goals (3: tag vocabulary 2, sector vocabulary 7, or any target or indicator of the goal) or targets (3.b: tag vocabulary 3, sector vocabulary 8, or an indicator of the target).",
	),
	commitment: patternListParam(
		recordRefPattern,
		"gleneagles-oda-increase",
		"Commitments (id or slug) the activity is accepted as delivering.",
	),
	q: textParam("Words in the title, in any of its languages."),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});
export type ActivityListQuery = z.output<typeof activityListQuery>;

export const activityParams = z.strictObject({
	identifier: z.string().min(1).max(maxIdentifierLength).meta({
		description:
			"The IATI identifier, URL-encoded (identifiers contain slashes and other reserved characters).",
	}),
});

const narrative = z.object({ lang: z.string().nullable(), text: z.string() });
const orgRef = z.object({
	ref: z.string().nullable(),
	type: z.string().nullable(),
	narratives: z.array(narrative),
});
const share = z.object({
	code: z.string(),
	vocabulary: z.string().nullable(),
	percentage: z.number().nullable(),
});
const codeOf = z.object({ vocabulary: z.string(), code: z.string() });
const usd = z
	.string()
	.nullable()
	.meta({ description: "US dollars as a decimal string; null when it could not be converted." });

export const activityItem = z.object({
	iati_identifier: z.string(),
	title: z.string().nullable().meta({ description: "In the activity's default language." }),
	reporting_org: z.object({ ref: z.string().nullable(), name: z.string().nullable() }),
	activity_status: z.string().nullable(),
	default_currency: z.string().nullable(),
	recipient_countries: z.array(z.string()),
	recipient_regions: z.array(z.string()),
	transaction_count: z.number().int(),
	updated_at: z.string(),
});
export type ActivityItem = z.output<typeof activityItem>;
export const activityList = pageOf(activityItem);

export const transactionView = z.object({
	id: z.number().int(),
	ref: z.string().nullable(),
	transaction_type: z.string(),
	transaction_date: z.string(),
	value: z.string().meta({ description: "The amount as a decimal string in major units." }),
	value_minor: z.number().int().meta({ description: "Minor units; negative for a reversal." }),
	currency: z
		.string()
		.nullable()
		.meta({ description: "The value's currency: as stated, else the activity's default." }),
	currency_stated: z.boolean(),
	value_date: z.string().nullable(),
	description: z.array(narrative),
	provider_org: orgRef.extend({ provider_activity_id: z.string().nullable() }).nullable(),
	receiver_org: orgRef.extend({ receiver_activity_id: z.string().nullable() }).nullable(),
	recipient_country: z.string().nullable(),
	recipient_region: z.object({ code: z.string(), vocabulary: z.string().nullable() }).nullable(),
	sectors: z.array(codeOf),
	usd_current: usd,
	usd_constant: usd,
	conversion: z.string().meta({ description: "ok, provisional, no_rate, no_currency ..." }),
});

export const activityDetail = z.object({
	iati_identifier: z.string(),
	version: z.string(),
	default_currency: z.string().nullable(),
	default_lang: z.string().nullable(),
	last_updated_datetime: z.string().nullable(),
	hierarchy: z.number().int().nullable(),
	humanitarian: z.boolean().nullable(),
	reporting_org: orgRef.extend({ ref: z.string() }),
	reports_for: z
		.object({
			slug: z.string(),
			name: z.string(),
			agency_name: z.string().nullable().meta({
				description: "The agency's name as the registry records it (null: not recorded).",
			}),
			via_agency: z.boolean(),
		})
		.nullable()
		.meta({
			description:
				"The registry's stakeholder the reporting organisation is, or reports for (a state, when the reporter is one of its aid agencies); null when no stakeholder holds the identifier.",
		}),
	title: z.array(narrative),
	descriptions: z.array(z.object({ type: z.string(), narratives: z.array(narrative) })),
	participating_orgs: z.array(
		orgRef.extend({ role: z.string(), activity_id: z.string().nullable() }),
	),
	activity_status: z.string().nullable(),
	activity_dates: z.array(z.object({ type: z.string(), iso_date: z.string() })),
	recipient_countries: z.array(share),
	recipient_regions: z.array(share),
	sectors: z.array(
		z.object({ vocabulary: z.string(), code: z.string(), percentage: z.number().nullable() }),
	),
	tags: z.array(codeOf),
	policy_markers: z.array(codeOf.extend({ significance: z.string().nullable() })),
	collaboration_type: z.string().nullable(),
	default_flow_type: z.string().nullable(),
	default_finance_type: z.string().nullable(),
	default_aid_type: z.array(codeOf),
	default_tied_status: z.string().nullable(),
	transactions: z.array(transactionView),
	commitments: z
		.array(
			z.object({
				id: z.number().int(),
				slug: z.string(),
				title: z.string(),
				share: z.number().meta({ description: "Percent of the activity that delivers it." }),
				include_expenditure: z.boolean(),
			}),
		)
		.meta({ description: "Public commitments this activity is accepted as delivering." }),
});
export type ActivityDetail = z.output<typeof activityDetail>;
