/** Countries (ISO 3166-1, from the IATI codelist) as recipients and as home of member-state stakeholders. */
import * as z from "zod";
import { pageOf } from "../../http/paging.ts";
import { enumParam, intParam, textParam } from "../../http/params.ts";
import { languages } from "../../lib/languages.ts";
import { groupSummary } from "../analytics/analytics.schemas.ts";

export const countryListQuery = z.strictObject({
	q: textParam("Words in the country's name (in the chosen language) or its code."),
	lang: enumParam(
		languages,
		"Language of the names; English where the codelist has none in that language.",
		"en",
	),
	page: intParam({ min: 1, max: 100000, default: 1, description: "Page number, from 1." }),
	limit: intParam({ min: 1, max: 300, default: 300, description: "Items per page, at most 300." }),
});

export const countryDetailQuery = z.strictObject({
	lang: enumParam(languages, "Language of the name.", "en"),
});

const stakeholderRef = z
	.object({ id: z.number().int(), slug: z.string(), name: z.string() })
	.nullable();

export const countryItem = z.object({
	code: z.string(),
	name: z.string(),
	status: z.string(),
	stakeholder: stakeholderRef.meta({
		description: "The member-state stakeholder of this country, when registered.",
	}),
	commitments_received: z
		.number()
		.int()
		.meta({ description: "Public commitments that name this country among their recipients." }),
});

export const countryList = pageOf(countryItem);

export const countryDetail = countryItem.extend({
	names: z.record(z.string(), z.string()),
	groups: z.array(z.string()),
	commitments_made: z
		.number()
		.int()
		.meta({ description: "Public commitments its member-state stakeholder made." }),
	links: z.object({ received: z.string(), made: z.string().nullable() }),
	delivery: z.object({
		received: groupSummary.meta({
			description:
				"Commitments naming this country among their recipients: promised, delivered, expected by now.",
		}),
		made: groupSummary
			.nullable()
			.meta({ description: "Commitments its member-state stakeholder made (null without one)." }),
	}),
});
