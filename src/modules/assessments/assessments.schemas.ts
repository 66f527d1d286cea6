/**
 * The shapes of an assessment: what an assessor gives (validated here) and what the API
 * answers (documented in OpenAPI). Two schemes: a five-point scorecard for the whole
 * commitment, and compliance scores of -1, 0 or +1 for each maker.
 */
import * as z from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { slugPattern } from "../../lib/ids.ts";

export const assessmentSchemes = ["scorecard", "compliance"] as const;
export const scorecardScores = [
	"excellent",
	"good",
	"satisfactory",
	"below_expectations",
	"off_track",
] as const;
export const complianceScores = [-1, 0, 1] as const;

export type AssessmentScheme = (typeof assessmentSchemes)[number];
export type ScorecardScore = (typeof scorecardScores)[number];
export type ComplianceScore = (typeof complianceScores)[number];

/** Today in UTC: the default date of an assessment. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * The latest calendar date anywhere on Earth (UTC+14): an assessor in Kiribati or
 * Auckland may date an assessment by their own today without being told it is the future.
 */
const latestToday = (): string => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

const makerScoreInput = z.strictObject({
	stakeholder: z
		.union([
			z.number().int().positive(),
			z.string().regex(slugPattern, "must be a stakeholder id or slug"),
		])
		.meta({ description: "A maker of the commitment, by id or slug." }),
	score: z
		.literal(complianceScores, { error: "must be -1, 0 or 1" })
		.meta({ description: "-1 not complying, 0 partly, +1 fully complying." }),
});

export const evidenceInput = z.strictObject({
	title: z.string().trim().min(1, "must not be empty").max(500),
	url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
});

const absent = (v: unknown) => v === undefined || v === null;

export const assessmentInput = z
	.strictObject({
		scheme: z.enum(assessmentSchemes),
		score: z.enum(scorecardScores).nullable().optional().meta({
			description: "The scorecard's verdict: required for scorecard, absent for compliance.",
		}),
		maker_scores: z.array(makerScoreInput).max(200).nullable().optional().meta({
			description:
				"Compliance of each maker assessed: required (at least one) for compliance, absent for scorecard. Each stakeholder must be one of the commitment's makers, named once.",
		}),
		rationale: z
			.string()
			.trim()
			.min(20, "must be at least 20 characters: say why")
			.max(10000, "must be at most 10000 characters"),
		evidence: z.array(evidenceInput).max(20, "at most 20 sources").default([]),
		assessed_on: z
			.string()
			.refine(isIsoDate, "must be a date written YYYY-MM-DD")
			.refine((d) => d <= latestToday(), "must not be in the future")
			.optional()
			.meta({ description: "The date of the assessment, YYYY-MM-DD; today by default." }),
	})
	.superRefine((a, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: "custom", path: [path], message });
		if (a.scheme === "scorecard") {
			if (absent(a.score))
				issue(
					"score",
					`is required for the scorecard scheme: one of ${scorecardScores.join(", ")}`,
				);
			if (!absent(a.maker_scores))
				issue(
					"maker_scores",
					"belong to the compliance scheme: a scorecard scores the whole commitment",
				);
		} else {
			if (!absent(a.score))
				issue(
					"score",
					"belongs to the scorecard scheme: compliance scores each maker in maker_scores",
				);
			if (absent(a.maker_scores) || a.maker_scores?.length === 0)
				issue(
					"maker_scores",
					"are required for the compliance scheme: score at least one maker -1, 0 or 1",
				);
		}
	});

export type AssessmentInput = z.input<typeof assessmentInput>;
export type AssessmentData = z.output<typeof assessmentInput>;

// ---- the read API ----------------------------------------------------------

export const assessmentIdParams = z.strictObject({
	id: z.string().regex(/^[1-9]\d{0,14}$/, "must be an assessment id: a positive whole number"),
});

export const assessmentView = z.object({
	id: z.number().int(),
	commitment: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }),
	scheme: z.enum(assessmentSchemes),
	score: z
		.enum(scorecardScores)
		.nullable()
		.meta({ description: "The scorecard's verdict; null under the compliance scheme." }),
	maker_scores: z
		.array(
			z.object({
				stakeholder: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
				score: z.literal(complianceScores),
			}),
		)
		.meta({ description: "Compliance of each maker assessed; empty under the scorecard scheme." }),
	rationale: z.string(),
	evidence: z.array(z.object({ title: z.string(), url: z.string() })),
	assessed_on: z.string(),
	assessor: z.object({ id: z.number().int(), display_name: z.string() }),
	created_at: z.string(),
});

export type AssessmentView = z.output<typeof assessmentView>;

export const assessmentList = z.object({
	items: z.array(assessmentView).meta({ description: "Newest first (assessed_on, then id)." }),
	total: z.number().int(),
	summary: z.object({
		scorecard: z.object({
			latest: z
				.enum(scorecardScores)
				.nullable()
				.meta({ description: "The verdict of the newest scorecard assessment, if any." }),
			count: z.number().int(),
		}),
		compliance: z.object({
			average: z.number().nullable().meta({
				description:
					"Mean of every maker score of every compliance assessment (-1 to +1), to 2 decimals; null when there is none.",
			}),
			count: z.number().int(),
		}),
	}),
});

export type AssessmentList = z.output<typeof assessmentList>;
