/** The IATI codelists IIF ships, as the API lists them. */
import * as z from "zod";
import { enumParam } from "../../http/params.ts";
import { languages } from "../../lib/languages.ts";
import { codelistNames } from "./reference.data.ts";

export const codelistParams = z.strictObject({
	list: z.enum(codelistNames, {
		error: (i) => `'${String(i.input)}' is not a codelist: use one of ${codelistNames.join(", ")}`,
	}),
});

export const codelistQuery = z.strictObject({
	lang: enumParam(
		languages,
		"Language of the names; English where the codelist has none in that language (IATI ships en, fr, es).",
		"en",
	),
});

export const codelist = z.object({
	list: z.enum(codelistNames),
	lang: z.enum(languages),
	items: z.array(
		z.object({
			code: z.string(),
			name: z.string(),
			status: z.string(),
			category: z.string().nullable(),
		}),
	),
});

export const groupList = z.object({
	items: z.array(z.object({ code: z.string(), name: z.string() })),
});
