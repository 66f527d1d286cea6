/** Proposed changes awaiting (or past) the secretariat's review, as the API shows them. */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { enumParam, intParam } from "../../http/params.ts";
import { reviewReasons } from "./commitments.review.ts";

export const proposalStates = ["pending", "accepted", "rejected", "withdrawn"] as const;
export type ProposalState = (typeof proposalStates)[number];

export const proposal = z.object({
	id: z.number().int(),
	commitment: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }),
	base_version: z.number().int().meta({ description: "The version the change was proposed on." }),
	review: z.enum(reviewReasons).meta({
		description:
			"Why it waits for the secretariat: text (the verbatim text of a published commitment changes) or collective (the commitment is made jointly by several stakeholders).",
	}),
	reason: z.string().nullable().meta({ description: "The proposer's reason for the change." }),
	proposed_by: z.string().nullable().meta({ description: "The proposer's name." }),
	proposed_by_id: z.number().int().nullable().meta({ description: "The proposer's user id." }),
	proposed_at: z.string(),
	state: z.enum(proposalStates),
	decided_by: z.string().nullable(),
	decided_at: z.string().nullable(),
	decision_reason: z
		.string()
		.nullable()
		.meta({ description: "Why it was rejected (or accepted, when the secretariat said)." }),
	differences: z
		.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))
		.meta({
			description:
				"Each field the proposal changes, with its value in the version it was made on and the proposed value (stored terms: ids for makers and forum, minor units for amounts).",
		}),
});
export type Proposal = z.infer<typeof proposal>;

export const proposalList = pageOf(proposal);
export type ProposalList = z.infer<typeof proposalList>;

export const proposalQuery = z.strictObject({
	state: enumParam(
		proposalStates,
		"Which proposals: pending (the default) or those accepted, rejected or withdrawn.",
		"pending",
	),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 20, description: "Items per page, at most 200." }),
});
export type ProposalQuery = z.infer<typeof proposalQuery>;

export const acceptInput = z.strictObject({
	reason: z.string().trim().max(2000).optional(),
});
export const rejectInput = z.strictObject({
	reason: z
		.string({ error: "is required: say why" })
		.trim()
		.min(3, "must say why in a few words")
		.max(2000),
});

export const decisionResult = z.object({
	id: z.number().int(),
	state: z.enum(proposalStates),
	commitment: z.object({ id: z.number().int(), slug: z.string(), version: z.number().int() }),
});
