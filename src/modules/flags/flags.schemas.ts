/**
 * The shapes of inconsistency flags: the list query (kinds, makers, goals, paging) and
 * the answers, one flag each with the commitment it sits on, the commitments it names
 * and a plain explanation with the figures.
 */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { enumListParam, intParam, patternListParam } from "../../http/params.ts";
import { recordRefPattern } from "../../lib/ids.ts";
import { goalCodePattern } from "../commitments/commitments.schemas.ts";
import { flagKinds, flagRules } from "./flags.rules.ts";

const kindsDoc = flagKinds.map((k) => `${k}: ${flagRules[k]}`).join(" ");

export const flagListQuery = z.strictObject({
	kind: enumListParam(flagKinds, `Kinds of flag. ${kindsDoc}`),
	stakeholder: patternListParam(
		recordRefPattern,
		"12",
		"Makers, by id or slug: flags on commitments any of them made.",
	),
	goal: patternListParam(
		goalCodePattern,
		"mdg:8",
		"Goal codes (framework:code): flags on commitments serving any of them.",
	),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 200, default: 50, description: "Items per page, at most 200." }),
});
export type FlagListQuery = z.output<typeof flagListQuery>;

const commitmentRef = z.object({ id: z.number().int(), slug: z.string(), title: z.string() });

export const flagView = z.object({
	kind: z.enum(flagKinds),
	commitment: commitmentRef.meta({ description: "The commitment the flag sits on." }),
	related: z.array(commitmentRef).meta({
		description:
			"The commitments it names: the earlier pledge it overlaps, the parts that exceed it; empty for the other kinds.",
	}),
	explanation: z
		.string()
		.meta({ description: "What is inconsistent, in plain words, with figures." }),
	detected_on: z.string().meta({ description: "The day the check was made (YYYY-MM-DD)." }),
});
export type FlagView = z.output<typeof flagView>;

export const flagList = pageOf(flagView).meta({
	description: "Flags on public commitments, the newest commitments first.",
});
export type FlagList = z.output<typeof flagList>;

export const commitmentFlags = z.object({
	items: z.array(flagView),
	total: z.number().int(),
	checked: z.boolean().meta({
		description:
			"Only published and completed commitments are checked: false (and no items) for a draft, a submission or a withdrawn commitment.",
	}),
});
export type CommitmentFlags = z.output<typeof commitmentFlags>;
