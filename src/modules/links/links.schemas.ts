/** What linking takes and answers: an activity by IATI identifier, a share in percent. */
import * as z from "zod";

const activity = z
	.string()
	.trim()
	.min(1, "must not be empty")
	.max(200)
	.meta({ description: "The activity's IATI identifier.", example: "GB-GOV-1-300123" });

export const linkInput = z.strictObject({
	activity,
	share: z.number().gt(0, "must be above 0").max(100, "must be at most 100").default(100).meta({
		description: "Percent of the activity that delivers this commitment (two decimals at most).",
	}),
	include_expenditure: z.boolean().default(false).meta({
		description:
			"Count the activity's expenditure (type 4) as delivery, besides its disbursements (type 3).",
	}),
	reason: z.string().trim().min(1, "must not be empty").max(2000).optional().meta({
		description:
			"Why the activity delivers the commitment (and why at this share): kept with the link's reasons and in the audit log.",
	}),
});

export const activityRefInput = z.strictObject({ activity });

export const decisionInput = z.strictObject({
	activity: activity.optional(),
	reason: z.string().trim().min(1).max(2000).optional(),
});

export const linkView = z.object({
	activity: z.object({
		iati_identifier: z.string(),
		title: z.string().nullable(),
		reporting_org: z.string().nullable(),
	}),
	status: z.enum(["proposed", "accepted", "rejected"]),
	share: z.number(),
	include_expenditure: z.boolean(),
	score: z
		.number()
		.nullable()
		.meta({ description: "0 to 1: how well the rules matched (null for a link made by hand)." }),
	reasons: z.array(z.string()),
	proposed_at: z.string(),
	decided_at: z.string().nullable(),
});

export type LinkView = z.output<typeof linkView>;

export const linkList = z.object({
	items: z.array(linkView),
	can_decide: z
		.boolean()
		.meta({ description: "Whether the caller may accept, reject or make links." }),
});

export const proposeResult = z.object({ proposed: z.number().int(), scored: z.number().int() });
