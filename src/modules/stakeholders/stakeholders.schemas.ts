/** Stakeholders: who commits and who receives. */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { enumListParam, intParam, patternListParam, textParam } from "../../http/params.ts";
import { slugPattern } from "../../lib/ids.ts";
import { groupSummary } from "../analytics/analytics.schemas.ts";
import { stakeholderKinds } from "./stakeholders.kinds.ts";

export { type StakeholderKind, stakeholderKinds } from "./stakeholders.kinds.ts";

const iatiOrgId = z
	.string()
	.trim()
	.min(1)
	.max(100)
	.regex(/^[^\s/&|?]+$/, "must be an IATI organisation identifier such as GB-GOV-1");
const year = z.number().int().min(1900).max(2100);

/** An agency a state reports to IATI through: its identifier, name and, where known, years. */
export const agencyInput = z
	.strictObject({
		iati_org_id: iatiOrgId,
		name: z
			.string()
			.trim()
			.min(2)
			.max(300)
			.nullable()
			.default(null)
			.meta({ description: "The agency's name as its source gives it; null when not known." }),
		reported_from: year.nullable().default(null).meta({
			description: "First year it reported under this identifier, where the source says.",
		}),
		reported_to: year
			.nullable()
			.default(null)
			.meta({ description: "Last year it reported under this identifier, where the source says." }),
		source: z
			.string()
			.trim()
			.min(2)
			.max(500)
			.nullable()
			.default(null)
			.meta({ description: "Where the identifier, name and years come from." }),
	})
	.superRefine((a, ctx) => {
		if (a.reported_from !== null && a.reported_to !== null && a.reported_to < a.reported_from)
			ctx.addIssue({
				code: "custom",
				path: ["reported_to"],
				message: `must not be before reported_from (${a.reported_from})`,
			});
	});

export const agencyItem = z.object({
	iati_org_id: z.string(),
	name: z.string().nullable(),
	reported_from: z.number().int().nullable(),
	reported_to: z.number().int().nullable(),
	source: z.string().nullable(),
});

export const stakeholderInput = z
	.strictObject({
		slug: z
			.string()
			.regex(slugPattern, "must be lowercase words joined by hyphens, with a letter")
			.max(120),
		name: z.string().trim().min(2).max(300),
		short_name: z.string().trim().max(60).nullable().default(null),
		kind: z.enum(stakeholderKinds),
		country: z
			.string()
			.regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as KE")
			.nullable()
			.default(null),
		iati_org_id: iatiOrgId.nullable().default(null).meta({
			description:
				"The IATI organisation identifier it publishes under itself (a foundation, a multilateral). A state reports through agencies instead.",
		}),
		agencies: z.array(agencyInput).max(20).default([]).meta({
			description:
				"The agencies it reports to IATI through (a state's aid agencies), each under its own identifier.",
		}),
		groups: z
			.array(z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, "must be a group code such as G8"))
			.max(50)
			.default([]),
		website: z
			.url({ protocol: /^https?$/, error: "must be an http(s) URL" })
			.nullable()
			.default(null),
		statistics_provider: z
			.string()
			.regex(/^[A-Z][A-Z0-9_-]{1,15}$/, "must be a statistics provider code such as GB or DAC")
			.nullable()
			.default(null)
			.meta({
				description:
					"Whose official statistics measure its share-of-income targets: a provider of /api/v1/statistics/providers (a collective such as DAC or EU for a group). Default: its country's.",
			}),
	})
	.superRefine((s, ctx) => {
		if (s.kind === "member_state" && s.country === null)
			ctx.addIssue({
				code: "custom",
				path: ["country"],
				message: "is required for a member state",
			});
	});

export type StakeholderInput = z.input<typeof stakeholderInput>;

export const stakeholderListQuery = z.strictObject({
	kind: enumListParam(stakeholderKinds, "Kinds of stakeholder."),
	group: patternListParam(
		/^[A-Za-z][A-Za-z0-9]{1,9}$/,
		"G8",
		"Group codes (G8, G20, DAC, EU ...).",
	),
	country: patternListParam(/^[A-Za-z]{2}$/, "GB", "ISO 3166-1 alpha-2 countries."),
	q: textParam("Words in the name."),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});

export const stakeholderItem = z.object({
	id: z.number().int(),
	slug: z.string(),
	name: z.string(),
	short_name: z.string().nullable(),
	kind: z.enum(stakeholderKinds),
	country: z.string().nullable(),
	iati_org_id: z
		.string()
		.nullable()
		.meta({ description: "The IATI organisation identifier it publishes under itself." }),
	agencies: z.array(agencyItem).meta({
		description: "The agencies it reports to IATI through, each under its own identifier.",
	}),
	groups: z.array(z.string()),
	website: z.string().nullable(),
	statistics_provider: z.string().nullable(),
	commitment_count: z
		.number()
		.int()
		.meta({ description: "Public commitments this stakeholder made (alone or with others)." }),
});

export const stakeholderList = pageOf(stakeholderItem);
export const stakeholderDetail = stakeholderItem.extend({
	country_name: z.string().nullable(),
	delivery: groupSummary.meta({
		description:
			"Its delivery record: what its counted commitments promised and delivered, expected by now, and how many were left out of totals.",
	}),
	commitments: z.string().meta({ description: "API link to this stakeholder's commitments." }),
});
