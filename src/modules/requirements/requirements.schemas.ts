/**
 * The shapes of a requirement: support a documented source says a goal or target needs
 * (what a writer gives, validated here) and what the API answers, with the gap between
 * what is required and what is provided on one price basis (documented in OpenAPI).
 */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { enumListParam, intParam, patternListParam } from "../../http/params.ts";
import { isIsoDate } from "../../lib/dates.ts";
import { slugPattern } from "../../lib/ids.ts";
import { conversionStatuses } from "../analytics/conversion.ts";
import { goalCodePattern, targetCodePattern } from "../commitments/commitments.schemas.ts";

export const requirementScopes = ["global", "region", "country"] as const;
export const requirementFrequencies = ["annual", "total"] as const;
export const priceBases = ["current", "constant"] as const;
export const providedSources = ["source", "registry"] as const;

export type RequirementScope = (typeof requirementScopes)[number];

const isoDate = z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD");
/** Major units as documents write them; the exact conversion to minor units is the service's. */
const decimal = z
	.string()
	.trim()
	.regex(/^\d{1,16}(?:\.\d{1,4})?$/, "must be a decimal number such as 314600000000 or 16.5");

const absent = (v: unknown) => v === undefined || v === null;

export const requirementInput = z
	.strictObject({
		slug: z
			.string()
			.regex(slugPattern, "must be lowercase words joined by hyphens, with a letter")
			.max(120)
			.optional()
			.meta({ description: "Made from the title when absent." }),
		title: z
			.string()
			.trim()
			.min(3, "must be at least 3 characters")
			.max(300, "must be at most 300 characters"),
		goal: z.string().regex(goalCodePattern, "must look like mdg:8 or sdg:17"),
		target: z
			.string()
			.regex(targetCodePattern, "must look like mdg:8.B or sdg:17.2")
			.nullable()
			.optional()
			.meta({ description: "A target of the goal, when the estimate is for one target." }),
		scope: z.enum(requirementScopes),
		scope_code: z.string().trim().max(10).nullable().optional().meta({
			description:
				"ISO 3166-1 alpha-2 for a country, IATI Region code for a region; absent for global.",
		}),
		amount: decimal
			.refine((v) => Number(v) > 0, "must be more than zero")
			.meta({ description: "What the source says is required, in major units of currency." }),
		provided: decimal.nullable().optional().meta({
			description:
				"What the same source says was provided, same currency, frequency and period; the registry's figure is used when absent.",
		}),
		currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
		frequency: z.enum(requirementFrequencies).meta({
			description: "annual: the amount is needed in each year of the period; total: over it.",
		}),
		price_basis: z.enum(priceBases).default("current"),
		price_base_year: z
			.number()
			.int()
			.min(1900)
			.max(2100)
			.nullable()
			.optional()
			.meta({ description: "The year of the prices, for price_basis constant." }),
		period_start: isoDate,
		period_end: isoDate,
		source_title: z
			.string()
			.trim()
			.min(1, "must not be empty: name the document")
			.max(500, "must be at most 500 characters"),
		source_url: z
			.url({ protocol: /^https?$/, error: "must be an http(s) URL" })
			.max(2000)
			.nullable()
			.optional(),
		note: z.string().trim().max(2000, "must be at most 2000 characters").nullable().optional(),
	})
	.superRefine((r, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: "custom", path: [path], message });
		if (r.scope === "global" && !absent(r.scope_code) && r.scope_code !== "")
			issue("scope_code", "must be absent for a global scope");
		if (r.scope !== "global" && (absent(r.scope_code) || r.scope_code === ""))
			issue(
				"scope_code",
				r.scope === "country"
					? "is required for a country scope: an ISO 3166-1 alpha-2 code such as KE"
					: "is required for a region scope: an IATI Region code such as 289",
			);
		if (r.price_basis === "constant" && absent(r.price_base_year))
			issue("price_base_year", "is required for constant prices");
		if (r.price_basis === "current" && !absent(r.price_base_year))
			issue("price_base_year", "applies to constant prices only");
		if (r.period_start > r.period_end) issue("period_end", "is before period_start");
	});

export type RequirementInput = z.input<typeof requirementInput>;
export type RequirementData = z.output<typeof requirementInput>;

// ---- the read API ----------------------------------------------------------

export const requirementListQuery = z.strictObject({
	goal: patternListParam(
		goalCodePattern,
		"mdg:8",
		"Goal codes (framework:code); a requirement for a target of the goal matches too.",
	),
	target: patternListParam(targetCodePattern, "mdg:8.B", "Target codes (framework:code)."),
	scope: enumListParam(requirementScopes, "Scopes: global, region or country."),
	recipient: patternListParam(
		/^(?:[A-Za-z]{2}|\d{2,4}|global)$/,
		"KE",
		"Scope codes: ISO 3166-1 alpha-2 country, IATI region code, or global.",
	),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});

export type RequirementListQuery = z.output<typeof requirementListQuery>;

const usd = z.string().nullable().meta({
	description: 'US dollars, exact to the cent, e.g. "314600000000.00"; null when not converted.',
});

const usdPair = z.object({ current: usd, constant: usd });

export const requirementView = z.object({
	id: z.number().int(),
	slug: z.string(),
	title: z.string(),
	goal: z.string().meta({ description: "Goal code, e.g. mdg:8." }),
	target: z.string().nullable(),
	scope: z.enum(requirementScopes),
	scope_code: z.string().nullable(),
	scope_name: z.string().nullable().meta({ description: "The country or region, in English." }),
	amount: z
		.string()
		.meta({ description: 'Exact decimal in major units of currency, e.g. "16000000000.00".' }),
	provided: z.string().nullable().meta({
		description: "What the source says was provided, exact, in currency; null if it does not say.",
	}),
	currency: z.string(),
	frequency: z.enum(requirementFrequencies),
	price_basis: z.enum(priceBases),
	price_base_year: z.number().int().nullable(),
	period_start: z.string(),
	period_end: z.string(),
	source_title: z.string(),
	source_url: z.string().nullable(),
	note: z.string().nullable(),
	conversion: z.enum(conversionStatuses).meta({
		description:
			"ok, provisional (a later year's rate carried forward), or why the amounts could not be put in US dollars.",
	}),
	conversion_note: z
		.string()
		.nullable()
		.meta({ description: "Plain words on a conversion that is not ok; null when it is." }),
	usd: z
		.object({
			base_year: z.number().int(),
			required: usdPair,
			provided: usdPair.nullable(),
		})
		.meta({
			description:
				"amount and provided in US dollars over the whole period (an annual amount counted in each year): current prices of each year, and constant prices of base_year. provided is null when the source gives no figure.",
		}),
	gap: z
		.object({
			basis: z.literal("constant"),
			base_year: z.number().int(),
			required: usd,
			provided: usd,
			gap: usd.meta({ description: "required - provided; negative when more was provided." }),
			provided_source: z.enum(providedSources).meta({
				description:
					"source: the requirement's own source says what was provided; registry: what the registry's commitments delivered.",
			}),
			registry_delivered: z.string().meta({
				description:
					"What the public commitments of the registry for this goal (or target) and scope reported delivered in the period's years, constant prices.",
			}),
		})
		.meta({ description: "The gap between required and provided, both at constant prices." }),
	created_at: z.string(),
	updated_at: z.string(),
});

export type RequirementView = z.output<typeof requirementView>;

export const requirementList = pageOf(requirementView);
export type RequirementList = z.output<typeof requirementList>;
