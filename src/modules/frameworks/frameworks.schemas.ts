/** The goal frameworks: MDG (2008 official list) and SDG. */
import * as z from "zod";
import { enumParam } from "../../http/params.ts";
import { languages } from "../../lib/languages.ts";

export const frameworkCodes = ["mdg", "sdg"] as const;

export const frameworkQuery = z.strictObject({
	lang: enumParam(
		languages,
		"Language of the titles; English where no translation is shipped (MDG titles are English only).",
		"en",
	),
});

const indicator = z.object({ code: z.string(), title: z.string() });
const target = z.object({ code: z.string(), title: z.string(), indicators: z.array(indicator) });
const goal = z.object({
	code: z.string(),
	title: z.string(),
	short_title: z.string().nullable(),
	targets: z.array(target),
});

export const framework = z.object({
	code: z.enum(frameworkCodes),
	name: z.string(),
	effective_on: z.string().nullable(),
	source_url: z.string().nullable(),
	lang: z.enum(languages),
	counts: z.object({
		goals: z.number().int(),
		targets: z.number().int(),
		indicators: z.number().int(),
	}),
	goals: z.array(goal),
});

export const frameworkList = z.object({
	items: z.array(
		z.object({
			code: z.enum(frameworkCodes),
			name: z.string(),
			effective_on: z.string().nullable(),
			link: z.string(),
		}),
	),
});
