/** The envelope of every paged list the API answers. */
import * as z from "zod";

export function pageOf<T extends z.ZodType>(item: T) {
	return z.object({
		items: z.array(item),
		total: z.number().int().meta({ description: "How many items match, over all pages." }),
		page: z.number().int(),
		limit: z.number().int(),
	});
}
