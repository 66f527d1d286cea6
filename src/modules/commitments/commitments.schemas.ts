/**
 * The shapes of a commitment: what a writer gives the service (validated here), the
 * list filters the API takes, and what the API answers (documented in OpenAPI).
 */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import {
	enumListParam,
	enumParam,
	intParam,
	optionalIntParam,
	patternListParam,
	textParam,
} from "../../http/params.ts";
import { isIsoDate } from "../../lib/dates.ts";
import { isOneOf } from "../../lib/enums.ts";
import { recordRefPattern, slugPattern } from "../../lib/ids.ts";
import { deliveryStatuses } from "../analytics/status.ts";
import { stakeholderKinds } from "../stakeholders/stakeholders.kinds.ts";
import { providerPattern } from "../statistics/statistics.schemas.ts";
import { reviewReasons } from "./commitments.review.ts";

export const commitmentKinds = ["financial", "policy", "both"] as const;
export const commitmentStatuses = [
	"draft",
	"submitted",
	"published",
	"completed",
	"withdrawn",
] as const;
/** What the public sees; drafts and submissions stay in the workspace. */
export const publicStatuses = ["published", "completed", "withdrawn"] as const;

/** Whether a commitment in this status is on the public record (drafts and submissions are not). */
export const isPublicStatus = (status: unknown): status is (typeof publicStatuses)[number] =>
	isOneOf(publicStatuses, status);
export const relationKinds = ["reaffirms", "supersedes", "part_of", "overlaps"] as const;
export const recipientKinds = ["country", "region", "group", "global"] as const;
export const origins = ["user", "demo", "import"] as const;
export const forumKinds = [
	"general_assembly",
	"g8_summit",
	"g20_summit",
	"special_initiative",
	"high_level_task_force",
	"un_conference",
	"replenishment",
	"other",
] as const;

export type ForumKind = (typeof forumKinds)[number];
export type CommitmentKind = (typeof commitmentKinds)[number];
export type CommitmentStatus = (typeof commitmentStatuses)[number];
export type RelationKind = (typeof relationKinds)[number];

export const goalCodePattern = /^(mdg|sdg):\d{1,2}$/i;
export const targetCodePattern = /^(mdg|sdg):\d{1,2}\.[0-9a-z]{1,2}$/i;

const isoDate = z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD");
const year = z.number().int().min(1900).max(2100);
/** A stakeholder or forum named by id or slug. */
const recordRef = z.union([
	z.number().int().positive(),
	z.string().regex(slugPattern, "must be an id or a slug"),
]);

/**
 * What kind of money a pledge is: official development assistance (concessional money that
 * reaches developing countries); other official flows (loans at market terms, export
 * credits); guarantees (money that moves only if a guarantee is called); private finance
 * (investment by companies); a government's own budget (domestic resources); or public
 * and private money together that no source separates (mixed). Only ODA counts in the
 * delivery totals; the others are shown, and counted apart (methodology, 5b).
 */
export const flowTypes = ["oda", "oof", "guarantee", "private", "domestic", "mixed"] as const;
export type FlowType = (typeof flowTypes)[number];

export const financialTermsInput = z
	.strictObject({
		// Money promised is never negative: -1000 was stored and took money off every total.
		amount: z
			.string()
			.trim()
			.refine((a) => !a.startsWith("-"), "must not be negative: a pledge is money promised")
			.nullable()
			.default(null),
		currency: z
			.string()
			.regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
			.nullable()
			.default(null),
		frequency: z.enum(["annual", "total"]).nullable().default(null),
		increase_over_year: year.nullable().default(null),
		price_basis: z.enum(["current", "constant"]).nullable().default(null),
		price_base_year: year.nullable().default(null),
		period_start: isoDate.nullable().default(null),
		period_end: isoDate.nullable().default(null),
		additionality: z.enum(["new", "reaffirmed", "unspecified"]).default("unspecified"),
		flow_type: z.enum(flowTypes).default("oda").meta({
			description:
				"oda: development aid (the default); oof: other official flows at market terms (export credits, non-concessional loans); guarantee: guarantees and insurance; private: private finance; domestic: a government's own budget; mixed: public and private money no source separates. Only oda counts in delivery totals; the others count apart (group_by=flow_type).",
		}),
		gni_share_min: z.number().min(0).max(100).nullable().default(null),
		gni_share_max: z.number().min(0).max(100).nullable().default(null),
		statistics_provider: z
			.string()
			.regex(providerPattern, "must be a statistics provider code such as DAC, EU or GB")
			.nullable()
			.default(null)
			.meta({
				description:
					"Whose official statistics measure it when its makers' own do not fit (a code of /api/v1/statistics/providers: DAC for the DAC countries as a whole). Null: its makers' own.",
			}),
		statistics_reason: z
			.string()
			.trim()
			.min(1, "must not be empty")
			.max(1000)
			.nullable()
			.default(null)
			.meta({
				description:
					"Why that provider's statistics measure it, shown on the commitment page after 'because'. Required with statistics_provider.",
			}),
		note: z.string().trim().max(2000).nullable().default(null),
	})
	.superRefine((f, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: "custom", path: [path], message });
		if (f.amount !== null && f.currency === null) issue("currency", "is required with an amount");
		if (f.currency !== null && f.amount === null) issue("amount", "is required with a currency");
		if (f.amount === null && f.gni_share_min === null)
			issue("amount", "a financial commitment needs an amount or a share of GNI");
		if (f.amount !== null && f.frequency === null)
			issue("frequency", "must say whether the amount is annual or a total");
		if (f.price_basis === "constant" && f.price_base_year === null)
			issue("price_base_year", "is required for constant prices");
		if (f.price_basis !== "constant" && f.price_base_year !== null)
			issue("price_base_year", "applies to constant prices only");
		if (f.period_start && f.period_end && f.period_start > f.period_end)
			issue("period_end", "is before period_start");
		if ((f.gni_share_min === null) !== (f.gni_share_max === null))
			issue("gni_share_max", "give both ends of the share of GNI (equal for a single figure)");
		if (f.gni_share_min !== null && f.gni_share_max !== null && f.gni_share_min > f.gni_share_max)
			issue("gni_share_max", "is below gni_share_min");
		// A reader is told why other statistics than the makers' own measure it.
		if (f.statistics_provider !== null && f.statistics_reason === null)
			issue("statistics_reason", "say why this provider's statistics measure the commitment");
		if (f.statistics_provider === null && f.statistics_reason !== null)
			issue("statistics_provider", "is required with statistics_reason");
	});

export const policyTermsInput = z.strictObject({
	target: z.string().trim().min(1, "must not be empty").max(4000),
	baseline: z.string().trim().max(4000).nullable().default(null),
	deadline: isoDate.nullable().default(null),
});

export const recipientInput = z
	.strictObject({
		kind: z.enum(recipientKinds),
		code: z.string().trim().min(1).max(10).nullable().optional(),
	})
	.superRefine((r, ctx) => {
		if (r.kind !== "global" && !r.code)
			ctx.addIssue({ code: "custom", path: ["code"], message: `is required for a ${r.kind}` });
	});

export const sourceInput = z.strictObject({
	title: z.string().trim().min(1).max(500),
	url: z
		.url({ protocol: /^https?$/, error: "must be an http(s) URL" })
		.nullable()
		.default(null),
	document_symbol: z.string().trim().max(100).nullable().default(null),
	published_on: isoDate.nullable().default(null),
});

/** Whether a commitment's text is its source's own words or ours. */
export const textKinds = ["verbatim", "summary"] as const;
export type TextKind = (typeof textKinds)[number];

export const quoteInput = z.strictObject({
	source: z
		.number()
		.int()
		.min(0)
		.max(49)
		.meta({ description: "Which of the sources holds the words: its position, from 0." }),
	locator: z
		.string()
		.trim()
		.min(1, "must say where the words are: a paragraph, a page, a section")
		.max(200)
		.meta({ description: "Where in the source: para. 42, p. 3, Annex F ..." }),
});

/** Everything a writer states about a commitment; the service resolves references. */
export const commitmentInput = z
	.strictObject({
		slug: z
			.string()
			.regex(slugPattern, "must be lowercase words joined by hyphens, with a letter")
			.max(120)
			.optional(),
		title: z.string().trim().min(3, "must be at least 3 characters").max(300),
		text: z.string().trim().min(1, "must not be empty").max(20000),
		text_kind: z.enum(textKinds).default("summary").meta({
			description:
				"verbatim: the text is its source's own words (quote says which source and where; cuts marked [...]); summary: our words. A text that does not say is a summary.",
		}),
		quote: quoteInput.nullable().default(null),
		kind: z.enum(commitmentKinds),
		forum: recordRef.nullable().default(null),
		announced_on: isoDate.nullable().default(null),
		makers: z.array(recordRef).min(1, "a commitment has at least one maker").max(200),
		goals: z
			.array(z.string().regex(goalCodePattern, "must look like mdg:8 or sdg:3"))
			.max(50)
			.default([]),
		targets: z
			.array(z.string().regex(targetCodePattern, "must look like mdg:8.B or sdg:3.b"))
			.max(200)
			.default([]),
		recipients: z.array(recipientInput).max(300).default([]),
		sectors: z
			.array(z.string().regex(/^\d{3}(\d{2})?$/, "must be a DAC sector code of 3 or 5 digits"))
			.max(100)
			.default([]),
		financial: financialTermsInput.nullable().default(null),
		policy: policyTermsInput.nullable().default(null),
		sources: z.array(sourceInput).max(50).default([]),
		status: z.enum(commitmentStatuses).default("draft"),
		origin: z.enum(origins).default("user"),
	})
	.superRefine((c, ctx) => {
		if (c.text_kind === "verbatim" && c.quote === null)
			ctx.addIssue({
				code: "custom",
				path: ["quote"],
				message: "a verbatim text names its source and where the words are in it",
			});
		if (c.text_kind === "summary" && c.quote !== null)
			ctx.addIssue({
				code: "custom",
				path: ["quote"],
				message: "a summary is our words: it quotes no source (set text_kind to verbatim)",
			});
		if (c.quote !== null && c.quote.source >= c.sources.length)
			ctx.addIssue({
				code: "custom",
				path: ["quote", "source"],
				message: `names source ${c.quote.source + 1}, but the commitment has ${c.sources.length === 0 ? "no source" : `${c.sources.length}`}`,
			});
		if (c.kind !== "policy" && c.financial === null)
			ctx.addIssue({
				code: "custom",
				path: ["financial"],
				message: `is required for a ${c.kind} commitment`,
			});
		if (c.kind !== "financial" && c.policy === null)
			ctx.addIssue({
				code: "custom",
				path: ["policy"],
				message: `is required for a ${c.kind} commitment`,
			});
		if (c.kind === "financial" && c.policy !== null)
			ctx.addIssue({
				code: "custom",
				path: ["policy"],
				message: "a financial commitment has no policy terms: use kind both",
			});
		if (c.kind === "policy" && c.financial !== null)
			ctx.addIssue({
				code: "custom",
				path: ["financial"],
				message: "a policy commitment has no financial terms: use kind both",
			});
	});

export type CommitmentInput = z.input<typeof commitmentInput>;
export type CommitmentData = z.output<typeof commitmentInput>;

/** An update names the version it edits; a stale one is refused. */
export const commitmentPatch = z.strictObject({
	version: z.number().int().positive(),
	reason: z.string().trim().max(2000).optional(),
	changes: z.record(z.string(), z.unknown()),
});

export const transitionInput = z.strictObject({
	reason: z
		.string()
		.trim()
		.max(2000)
		.optional()
		.meta({ description: "Why: required to return, complete or withdraw." }),
	version: z
		.number()
		.int()
		.positive()
		.optional()
		.meta({ description: "The version this step applies to; a stale one gets 409." }),
});

/** Relations that may hold for part of a commitment's money (relationCreate's share or amount). */
export const partialRelationKinds = ["part_of", "overlaps"] as const;

export const relationCreate = z
	.strictObject({
		to: z.union([
			z.number().int().positive(),
			z.string().regex(recordRefPattern, "must be a commitment id or slug"),
		]),
		kind: z.enum(relationKinds),
		note: z.string().trim().max(2000).nullable().default(null),
		share: z
			.number()
			.gt(0, "must be more than 0")
			.lt(1, "must be less than 1: a relation for all of it has no share")
			.optional()
			.meta({
				description:
					"For part_of and overlaps: the part of this commitment's money the relation holds for (0.25 is a quarter). Without share or amount, it holds for all of it.",
			}),
		amount: z
			.string()
			.trim()
			.regex(/^\d+(\.\d+)?$/, "must be a positive decimal amount, such as 41400000")
			.optional()
			.meta({
				description:
					"Or that part as an amount in this commitment's own currency (C$41.4m of a C$540m pledge: 41400000).",
			}),
	})
	.superRefine((r, ctx) => {
		if (r.share !== undefined && r.amount !== undefined)
			ctx.addIssue({
				code: "custom",
				path: ["amount"],
				message: "give a share or an amount, not both",
			});
		if ((r.share !== undefined || r.amount !== undefined) && !isOneOf(partialRelationKinds, r.kind))
			ctx.addIssue({
				code: "custom",
				path: ["kind"],
				message: `only part_of and overlaps may hold for part of the money, not ${r.kind}`,
			});
	});

export const writeResult = z.object({
	id: z.number().int(),
	slug: z.string(),
	version: z.number().int(),
	status: z.enum(commitmentStatuses),
});

/** An update's answer: applied (200), or held for the secretariat's review (202). */
export const updateResult = writeResult.extend({
	proposal: z
		.object({
			id: z.number().int(),
			review: z.enum(reviewReasons),
			state: z.literal("pending"),
		})
		.nullable()
		.meta({
			description:
				"Set when the change waits for the secretariat's review (answered 202; the version is unchanged): a change to the verbatim text of a published commitment, or any change to a published commitment made jointly by several stakeholders. See /api/v1/proposals/{id}.",
		}),
});

export const commitmentHistory = z.object({
	items: z.array(
		z.object({
			at: z.string(),
			action: z.string(),
			by: z.string().nullable(),
			via: z.string().nullable(),
			reason: z.string().nullable(),
			changed: z.array(z.string()),
		}),
	),
});

export const relationInput = z.strictObject({
	kind: z.enum(relationKinds),
	note: z.string().trim().max(2000).nullable().default(null),
});

// ---- the read API ----------------------------------------------------------

export const commitmentSorts = [
	"-announced_on",
	"announced_on",
	"title",
	"-title",
	"-id",
	"id",
	"relevance",
	"-committed_usd",
	"committed_usd",
	"-gap_usd",
	"gap_usd",
] as const;

export const commitmentListQuery = z.strictObject({
	goal: patternListParam(
		goalCodePattern,
		"mdg:8",
		"Goal codes (framework:code); a commitment matches when it serves any of them, directly or through a target.",
	),
	target: patternListParam(targetCodePattern, "mdg:8.B", "Target codes (framework:code)."),
	stakeholder: patternListParam(recordRefPattern, "12", "Makers, by id or slug."),
	maker_kind: enumListParam(
		stakeholderKinds,
		"Kinds of stakeholder among the makers: a commitment matches when any of its makers is of one of them.",
	),
	forum: patternListParam(recordRefPattern, "3", "Forums, by id or slug."),
	forum_kind: enumListParam(forumKinds, "Kinds of forum."),
	recipient: patternListParam(
		/^(?:[A-Za-z]{2}|\d{2,4}|[A-Z][A-Z0-9]{1,5}|global)$/,
		"KE",
		"Recipients: ISO 3166-1 alpha-2 country, IATI region code, group code (LDC, SIDS ...) or global.",
	),
	kind: enumListParam(commitmentKinds, "Kinds of commitment."),
	measure: enumListParam(
		["amount", "gni_share"],
		"How the promise is stated: an amount of money, or a share of national income (gni_share: 0.7% of GNI and the like). A commitment with neither matches neither.",
	),
	status: enumListParam(publicStatuses, "Lifecycle statuses (public ones)."),
	delivery: enumListParam(
		deliveryStatuses,
		"Delivery statuses today (the status of GET /commitments/{id}/delivery): met, not_met, on_track, off_track, no_data.",
	),
	year_from: optionalIntParam({
		min: 1900,
		max: 2100,
		description: "Announced in or after this year.",
	}),
	year_to: optionalIntParam({
		min: 1900,
		max: 2100,
		description: "Announced in or before this year.",
	}),
	q: textParam(
		"Words searched in the title and the text (every word must match; a word matches as a prefix).",
	),
	sort: enumParam(
		commitmentSorts,
		"Order: a field, descending with a leading '-'; relevance needs q; committed_usd is the amount promised in US dollars at constant prices (commitments without a convertible amount last); gap_usd is what is still to deliver (commitments with no delivery data last).",
		"-announced_on",
	),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 20, description: "Items per page, at most 200." }),
});

export type CommitmentListQuery = z.output<typeof commitmentListQuery>;

/** The facets answer for the selection of the list, not for one page of it. */
export const commitmentFacetQuery = commitmentListQuery.omit({
	sort: true,
	page: true,
	limit: true,
});
export type CommitmentFacetQuery = z.output<typeof commitmentFacetQuery>;

export const facetBucket = z.object({
	value: z.string().meta({
		description:
			"What the list filter of this dimension takes: sdg:3, sdg:3.b, a forum or maker slug, a recipient code, a kind, a status, a year.",
	}),
	label: z.string().meta({ description: "An English display name." }),
	count: z.number().int(),
	selected: z.boolean().meta({ description: "The query's filter names this value." }),
});
export type FacetBucket = z.infer<typeof facetBucket>;

const buckets = z.array(facetBucket);
/** The dimensions a selection is counted by; each is also a filter of the list (maker: stakeholder). */
const facetsByDimension = z.object({
	goal: buckets,
	target: buckets,
	forum_kind: buckets,
	forum: buckets,
	maker_kind: buckets,
	maker: buckets,
	recipient: buckets,
	kind: buckets,
	status: buckets,
	delivery: buckets.meta({ description: "By delivery status today." }),
	year: buckets.meta({ description: "By year announced; year_from and year_to select a range." }),
});
export const facetDimensions = facetsByDimension.keyof().options;
export type FacetDimension = (typeof facetDimensions)[number];

export const commitmentFacets = z.object({
	total: z.number().int().meta({ description: "Commitments matching every filter." }),
	facets: facetsByDimension.meta({
		description:
			"For each dimension, the commitments matching every filter but that dimension's own, counted by its values. Largest first; forum, maker, target and recipient give their 50 largest and every selected value.",
	}),
});
export type CommitmentFacets = z.infer<typeof commitmentFacets>;

export const workspaceQuery = z.strictObject({
	status: enumListParam(
		commitmentStatuses,
		"Statuses to list; default: all for members, submitted for the secretariat.",
	),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});

const refSummary = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });
export const forumSummary = refSummary.extend({
	kind: z.enum(forumKinds),
	held_on: z.string().nullable(),
});
export const makerSummary = refSummary.extend({ kind: z.string(), country: z.string().nullable() });
const recipient = z.object({
	kind: z.enum(recipientKinds),
	code: z.string().nullable(),
	name: z.string().nullable(),
});

const usdOrMissing = z.string().nullable();
const listDelivery = z.object({
	status: z.enum(deliveryStatuses),
	committed_usd: usdOrMissing.meta({ description: "Promised; null when it does not convert." }),
	delivered_usd: usdOrMissing.meta({
		description: "Delivered; null when nothing reported or published says (not zero).",
	}),
	gap_usd: usdOrMissing.meta({
		description:
			"Promised minus delivered (for a share of income, the money short of the target); null without delivery data.",
	}),
});

export const commitmentListItem = z.object({
	id: z.number().int(),
	slug: z.string(),
	title: z.string(),
	kind: z.enum(commitmentKinds),
	status: z.enum(commitmentStatuses),
	version: z.number().int(),
	forum: forumSummary.nullable(),
	makers: z.array(makerSummary),
	announced_on: z.string().nullable(),
	amount: z
		.string()
		.nullable()
		.meta({ description: 'Exact decimal in major units of currency, e.g. "50000000000.00".' }),
	amount_minor: z
		.number()
		.int()
		.nullable()
		.meta({ description: "The same amount as an integer of minor units." }),
	currency: z.string().nullable(),
	gni_share: z.object({ min: z.number(), max: z.number() }).nullable(),
	goals: z.array(z.string()),
	targets: z.array(z.string()),
	recipients: z.array(recipient),
	origin: z.enum(origins),
	delivery: listDelivery.nullable().meta({
		description: "Its delivery today, in US dollars at constant prices; null for one not public.",
	}),
});

export const commitmentList = pageOf(commitmentListItem);

const relatedCommitment = z.object({
	kind: z.enum(relationKinds),
	note: z.string().nullable(),
	share: z
		.number()
		.nullable()
		.meta({ description: "The part of the relating commitment's money it holds for; null: all." }),
	amount: z
		.string()
		.nullable()
		.meta({ description: "That part as stated, in the relating commitment's currency." }),
	currency: z.string().nullable(),
	commitment: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }),
});

export const commitmentDetail = commitmentListItem.extend({
	text: z.string(),
	text_kind: z.enum(textKinds).meta({
		description:
			"verbatim: the text is its source's own words (quote names which source and where); summary: our words.",
	}),
	quote: z
		.object({
			source: z.number().int().meta({ description: "Position of the source in sources, from 0." }),
			locator: z.string().meta({ description: "Where the words are: para. 42, p. 3 ..." }),
		})
		.nullable(),
	financial: z
		.object({
			amount: z.string().nullable(),
			amount_minor: z.number().int().nullable(),
			currency: z.string().nullable(),
			frequency: z.enum(["annual", "total"]).nullable(),
			increase_over_year: z.number().int().nullable(),
			price_basis: z.enum(["current", "constant"]).nullable(),
			price_base_year: z.number().int().nullable(),
			period_start: z.string().nullable(),
			period_end: z.string().nullable(),
			additionality: z.enum(["new", "reaffirmed", "unspecified"]),
			flow_type: z.enum(flowTypes),
			gni_share_min: z.number().nullable(),
			gni_share_max: z.number().nullable(),
			statistics_provider: z.string().nullable().meta({
				description: "Whose official statistics measure it instead of its makers' own.",
			}),
			statistics_reason: z.string().nullable(),
			note: z.string().nullable(),
		})
		.nullable(),
	policy: z
		.object({
			target: z.string(),
			baseline: z.string().nullable(),
			deadline: z.string().nullable(),
		})
		.nullable(),
	sectors: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
	sources: z.array(
		z.object({
			title: z.string(),
			url: z.string().nullable(),
			document_symbol: z.string().nullable(),
			published_on: z.string().nullable(),
		}),
	),
	relations: z.object({
		outgoing: z.array(relatedCommitment).meta({
			description: "This commitment reaffirms / supersedes / is part of / overlaps these.",
		}),
		incoming: z
			.array(relatedCommitment)
			.meta({ description: "These reaffirm / supersede / are part of / overlap this one." }),
	}),
	versions: z.array(
		z.object({
			version: z.number().int(),
			created_at: z.string(),
			by: z
				.string()
				.nullable()
				.meta({ description: "Who wrote this version; null for the operator (seed, imports)." }),
			reason: z.string().nullable(),
			changed: z
				.array(z.string())
				.meta({ description: "Fields that differ from the previous version." }),
			differences: z
				.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))
				.meta({
					description:
						"Each changed field with its stored value before and after (ids for makers and forum, minor units for amounts).",
				}),
		}),
	),
	created_at: z.string(),
	updated_at: z.string(),
	published_at: z.string().nullable(),
	status_reason: z
		.string()
		.nullable()
		.meta({ description: "Why it was returned, completed or withdrawn." }),
});

export type CommitmentListItem = z.infer<typeof commitmentListItem>;
export type CommitmentDetail = z.infer<typeof commitmentDetail>;
