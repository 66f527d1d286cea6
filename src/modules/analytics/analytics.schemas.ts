/**
 * The shapes of the delivery analytics: the aggregate query (the commitment list's
 * filters plus a grouping) and answers, and one commitment's delivery. Money is US
 * dollars as an exact decimal string, on the price basis the answer names.
 */
import * as z from "zod";
import { enumParam, optionalIntParam } from "../../http/params.ts";
import { commitmentListQuery } from "../commitments/commitments.schemas.ts";
import { conversionStatuses } from "./conversion.ts";
import { deliverySources } from "./delivery.compute.ts";
import { groupSorts } from "./group.sort.ts";
import { countReasons } from "./roots.ts";
import { deliveryStatuses, trafficLights } from "./status.ts";

export const groupBys = [
	"goal",
	"target",
	"stakeholder",
	"stakeholder_group",
	"forum",
	"forum_kind",
	"recipient",
	"year",
	"flow_type",
] as const;
export type GroupBy = (typeof groupBys)[number];
export const bases = ["constant", "current"] as const;

export const deliveryQuery = commitmentListQuery.omit({ sort: true, limit: true }).extend({
	group_by: enumParam(groupBys, "What to group the commitments by.", "goal"),
	basis: enumParam(
		bases,
		"Price basis: US dollars at constant prices of the base year, or at current prices of each year.",
		"constant",
	),
	format: enumParam(["json", "csv"], "json, or csv for a spreadsheet (UTF-8 with BOM).", "json"),
	flows: enumParam(
		["aid", "all"],
		"aid (the default): only development aid adds money; pledges of other official flows or guarantees are counted apart (counts.not_aid). all: their money is added too. group_by=flow_type shows each kind of money apart.",
		"aid",
	),
	sort: enumParam(
		groupSorts,
		"The order of the groups, largest first: committed, delivered, gap (committed with data - delivered) or ratio (delivered / committed with data). Groups whose value is unknown (no delivery data) come last. By year, always by year.",
		"committed",
	),
	// 100 by default: a grouping by stakeholder has thousands of groups, and a client
	// that wants them all pages through (or asks for up to 10,000 at once). A CSV is a
	// download for a spreadsheet: it has every group unless a limit is given.
	limit: optionalIntParam({
		min: 1,
		max: 10000,
		description:
			"At most this many groups per page, the largest commitments first: 100 by default, every group in a CSV. total_groups says how many there are; `page` reads on.",
	}),
});
export type DeliveryQuery = z.output<typeof deliveryQuery>;

const usd = z
	.string()
	.meta({ description: "US dollars, an exact decimal string.", example: "1500000.00" });
const ratio = z
	.number()
	.nullable()
	.meta({ description: "Delivered / committed (or / expected); null when the divisor is 0." });

export const priceBasis = z.object({
	basis: z.enum(bases),
	base_year: z.number().int().nullable(),
	currency: z.literal("USD"),
});

export const deliveryCounts = z
	.object(
		Object.fromEntries(
			countReasons.filter((r) => r !== "not_public").map((r) => [r, z.number().int()]),
		),
	)
	.extend({
		unconverted: z.number().int().meta({
			description:
				"Amounts (commitments, report years, transactions) with no rate: left out of the sums, never counted as zero.",
		}),
		collective: z.number().int().meta({
			description:
				"By maker: its pledges made jointly with other makers. They count in every other group's figures but not in the maker's, which are its own pledges (counted: those that carry its money): no source splits a collective pledge between its makers. Zero for other groups.",
		}),
	})
	.meta({
		description:
			"Commitments counted (they carry the money), and those left out because their money is another's: reaffirmation, part of a collective whole, overlap, superseded; withdrawn ones count nowhere.",
	});

export const deliveredBySource = z
	.object(
		Object.fromEntries(deliverySources.map((s) => [s, usd])) as Record<
			(typeof deliverySources)[number],
			typeof usd
		>,
	)
	.meta({
		description:
			"Where the delivered money comes from: makers' progress reports, IATI disbursements linked to commitments, and official statistics measuring share-of-income targets. The three add up to delivered.",
	});

const groupFigures = z.object({
	committed: usd,
	delivered: usd.nullable().meta({
		description:
			"Delivered according to reports, linked IATI disbursements and official statistics; null when none of the group's commitments has any delivery data (no data is not zero).",
	}),
	expected: usd.meta({
		description: "What was due by today, pro rata over each commitment's period.",
	}),
	committed_with_data: usd.meta({
		description:
			"Of committed, the money of the years for which a report, a linked IATI activity or official statistics say what was delivered: what the gap and ratio are computed over.",
	}),
	committed_without_data: usd.meta({
		description: "Of committed, the money of years with no delivery data at all.",
	}),
	gap: usd.nullable().meta({
		description: "committed_with_data - delivered; null when nothing committed has delivery data.",
	}),
	ratio: ratio.meta({ description: "delivered / committed_with_data" }),
	ratio_to_expected: ratio.meta({
		description: "delivered / expected, only when every committed year has delivery data.",
	}),
});

export const groupSummary = groupFigures.extend({
	as_of: z.string(),
	price_basis: priceBasis,
	counts: deliveryCounts,
});

export const deliveryGroup = groupFigures.extend({
	key: z.string(),
	name: z.string(),
	slug: z.string().nullable(),
	counts: deliveryCounts.nullable(),
});

export const deliveryAggregate = z.object({
	group_by: z.enum(groupBys),
	as_of: z.string().meta({ description: "The day expected-by-today refers to." }),
	price_basis: priceBasis,
	filtered: z.boolean(),
	total: groupFigures.extend({ counts: deliveryCounts, delivered_by_source: deliveredBySource }),
	groups: z.array(deliveryGroup.extend({ delivered_by_source: deliveredBySource.nullable() })),
	total_groups: z.number().int(),
	page: z.number().int(),
	limit: z.number().int(),
	notes: z.array(z.string()),
});
export type DeliveryAggregate = z.infer<typeof deliveryAggregate>;

const usdPair = z.object({ current: usd, constant: usd });

const sourceRef = z.object({
	source: z.string(),
	source_url: z.string().nullable(),
	published_on: z.string().nullable(),
});

export const shareDelivery = z.object({
	measure: z.enum(["oda", "oda_ldc"]).meta({
		description: "oda: ODA / GNI; oda_ldc: ODA to the least developed countries / GNI.",
	}),
	provider: z
		.object({ code: z.string(), name: z.string(), collective: z.boolean() })
		.nullable()
		.meta({ description: "Whose official statistics measure it; a collective sums its members." }),
	target: z.object({ min: z.number(), max: z.number() }).meta({ description: "Percent of GNI." }),
	baseline_year: z.number().int().nullable(),
	deadline_year: z.number().int().nullable(),
	first_due_year: z.number().int().nullable(),
	latest_year: z.number().int().nullable(),
	status: z.enum(deliveryStatuses),
	explanation: z.string(),
	rule: z.string(),
	gap: usd.nullable().meta({
		description:
			"Sum over the due years measured of GNI x target - ODA, US dollars at current prices of each year.",
	}),
	missing_years: z.array(z.number().int()),
	years: z.array(
		z.object({
			year: z.number().int(),
			oda: usd.nullable().meta({ description: "ODA (or ODA to LDCs), current US dollars." }),
			gni: usd.nullable(),
			share: z.number().nullable().meta({ description: "Achieved percent of GNI (4 decimals)." }),
			target: z.number().nullable().meta({ description: "The target share where due." }),
			path: z.number().nullable().meta({ description: "The straight path's share for the year." }),
			due: z.boolean(),
			gap: usd.nullable(),
			basis: z.string().nullable(),
			included: z.array(z.string()),
			missing: z.array(z.string()),
			sources: z.array(sourceRef),
		}),
	),
	members: z.array(
		z.object({
			code: z.string(),
			name: z.string(),
			years: z.array(z.object({ year: z.number().int(), share: z.number().nullable() })),
		}),
	),
});
export type ShareDelivery = z.infer<typeof shareDelivery>;

/** One year an increase is measured on: ODA at current prices, as published, with sources. */
const increaseYear = z.object({
	year: z.number().int(),
	oda: usd.meta({ description: "US dollars at current prices." }),
	basis: z.string().nullable(),
	sources: z.array(sourceRef),
});

export const commitmentDelivery = z.object({
	commitment: z.object({
		id: z.number().int(),
		slug: z.string(),
		title: z.string(),
		kind: z.string(),
		status: z.string(),
	}),
	as_of: z.string(),
	base_year: z.number().int(),
	original: z
		.object({
			amount: z.string(),
			currency: z.string(),
			frequency: z.string().nullable(),
			price_basis: z.string().nullable(),
			price_base_year: z.number().int().nullable(),
			period_start: z.string().nullable(),
			period_end: z.string().nullable(),
		})
		.nullable(),
	conversion: z.object({ status: z.enum(conversionStatuses), explanation: z.string() }),
	committed: usdPair.nullable(),
	delivered: usdPair.meta({
		description:
			"Delivered towards this commitment: its own reported and linked disbursements, plus, when it carries the money of related commitments, theirs.",
	}),
	delivered_own: usdPair,
	expected: usdPair,
	expected_through_data: usdPair.nullable().meta({
		description:
			"What was due up to data_through, when the commitment's own data stop before its money was all due and it is not all delivered: its status is judged on this. Null otherwise.",
	}),
	ratio,
	ratio_to_expected: ratio,
	status: z.enum(deliveryStatuses),
	financial_status: z.enum(deliveryStatuses).nullable(),
	policy_status: z.enum(deliveryStatuses).nullable(),
	rules: z.object({ financial: z.string(), policy: z.string(), reporting: z.string() }),
	reporting: z.object({ light: z.enum(trafficLights), last_report_on: z.string().nullable() }),
	data_through: z.string().nullable().meta({
		description:
			"The last day the commitment's own delivery data cover (the end of the latest year with data, or the day a publisher's IATI data stop); null without data. Data that stop before the money was all due are judged up to this day.",
	}),
	counted_as: z.object({
		reason: z.enum(countReasons),
		root: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }).nullable(),
		explanation: z.string(),
	}),
	unconverted: z.number().int(),
	series: z.array(
		z.object({
			year: z.number().int(),
			committed: usdPair,
			delivered: usdPair,
			delivered_cumulative: usdPair,
			expected_cumulative: usdPair,
			source: z.enum(deliverySources).nullable(),
		}),
	),
	share: shareDelivery
		.nullable()
		.meta({ description: "For a target stated as a share of national income: its measurement." }),
	increase: z
		.object({
			baseline_year: z.number().int(),
			target_year: z.number().int().nullable(),
			measured_on: z.enum(["statistics", "reports"]),
			not_on_statistics: z
				.string()
				.nullable()
				.meta({ description: "Why official statistics do not measure it, when they do not." }),
			measure: z.enum(["oda", "oda_ldc", "oda_africa"]).nullable().meta({
				description:
					"What the statistics measure: ODA to all developing countries, to the LDCs, or to Africa (when it is the only recipient). Null when they do not measure it.",
			}),
			provider: z
				.object({ code: z.string(), name: z.string(), collective: z.boolean() })
				.nullable()
				.meta({
					description: "Whose statistics; a collective's own series, else its members' sum.",
				}),
			series: z.enum(["provider", "own_total", "sum_of_members"]).nullable().meta({
				description:
					"provider: one provider's own figures; own_total: a collective's own published total (the DAC's ODA to Africa); sum_of_members: the sum of its members'.",
			}),
			baseline: increaseYear.nullable(),
			target: increaseYear.nullable(),
			increase_at_commitment_prices: z
				.object({ amount: usd, price_base_year: z.number().int() })
				.nullable()
				.meta({
					description:
						"Target-year ODA minus baseline-year ODA at the constant prices the commitment states (2004 for Gleneagles), US dollars.",
				}),
			members: z
				.array(
					z.object({
						code: z.string(),
						name: z.string(),
						baseline: usd.nullable(),
						target: usd.nullable(),
						increase_at_commitment_prices: usd.nullable(),
					}),
				)
				.meta({
					description: "A collective's members, each with its own figures, shown beside it.",
				}),
			rule: z.string(),
		})
		.nullable()
		.meta({
			description:
				"For an increase over a baseline year: promised once in its target year, delivered as the increase reached then.",
		}),
	statistics_of: z
		.object({ code: z.string(), name: z.string(), reason: z.string() })
		.nullable()
		.meta({
			description:
				"When the commitment names whose official statistics measure it instead of its makers' own: the provider and why.",
		}),
});
export type CommitmentDelivery = z.infer<typeof commitmentDelivery>;

export const rebuildResult = z.object({
	base_year: z.number().int(),
	commitments: z.number().int(),
	transactions_converted: z.number().int(),
	budgets_converted: z.number().int(),
	requirements: z.number().int(),
	seconds: z.number(),
});
