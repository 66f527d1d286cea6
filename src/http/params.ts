/**
 * Zod builders for query-string parameters. Query values arrive as strings (or arrays
 * of strings when repeated); these turn them into typed values with messages that say
 * what was expected, and record how each parameter should read in the OpenAPI document.
 */
import * as z from "zod";

/**
 * A record named in the path by its id or its slug (`/commitments/12`, `/commitments/aid`):
 * the service looks it up, and an id out of range (lib/ids.ts) names none.
 */
export const idParams = z.strictObject({ id: z.string().max(200) });

/** A record named in the path by its numeric id alone. */
export const numericIdParams = z.strictObject({
	id: z
		.string()
		.regex(/^[1-9]\d{0,15}$/, "must be a numeric id")
		.transform(Number),
});

/** OpenAPI schemas for parameters whose zod input type would document them poorly. */
export const docSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

function documented<T extends z.ZodType>(schema: T, doc: Record<string, unknown>): T {
	docSchemas.set(schema, doc);
	return schema;
}

function wholeNumber(min: number, max: number) {
	return z
		.string()
		.regex(/^-?\d+$/, "must be a whole number")
		.transform(Number)
		.pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A whole number within bounds, with a default. */
export function intParam(opts: { min: number; max: number; default: number; description: string }) {
	return documented(wholeNumber(opts.min, opts.max).default(opts.default), {
		type: "integer",
		minimum: opts.min,
		maximum: opts.max,
		default: opts.default,
		description: opts.description,
	});
}

/** A whole number within bounds, or nothing. */
export function optionalIntParam(opts: { min: number; max: number; description: string }) {
	return documented(wholeNumber(opts.min, opts.max).optional(), {
		type: "integer",
		minimum: opts.min,
		maximum: opts.max,
		description: opts.description,
	});
}

/**
 * One or more values: repeated (`?goal=mdg:1&goal=sdg:3`) or comma-separated
 * (`?goal=mdg:1,sdg:3`); a record matches when it matches any of them.
 */
export function listParam<T extends z.ZodType<string, string>>(
	item: T,
	doc: { description: string; items: Record<string, unknown> },
): z.ZodOptional<z.ZodType<z.output<T>[], unknown>> {
	const schema = z
		.union([z.string(), z.array(z.string())])
		.transform((v) =>
			(Array.isArray(v) ? v : [v])
				.flatMap((s) => s.split(","))
				.map((s) => s.trim())
				.filter((s) => s !== ""),
		)
		.pipe(z.array(item).min(1, "must not be empty").max(50, "takes at most 50 values"))
		.optional();
	return documented(schema, { type: "array", items: doc.items, description: doc.description });
}

export function enumListParam<const T extends readonly [string, ...string[]]>(
	values: T,
	description: string,
) {
	return listParam(
		z.enum(values, { error: (i) => `'${String(i.input)}' is not one of ${values.join(", ")}` }),
		{
			description,
			items: { type: "string", enum: values },
		},
	);
}

export function patternListParam(pattern: RegExp, example: string, description: string) {
	return listParam(z.string().regex(pattern, `must look like ${example}`), {
		description,
		items: { type: "string", pattern: pattern.source, examples: [example] },
	});
}

export function textParam(description: string, max = 200) {
	const schema = z
		.string()
		.trim()
		.min(1, "must not be empty")
		.max(max, `must be at most ${max} characters`)
		.optional();
	return documented(schema, { type: "string", minLength: 1, maxLength: max, description });
}

/** One of a set of words, with a default. */
export function enumParam<const T extends readonly [string, ...string[]]>(
	values: T,
	description: string,
	fallback: T[number],
): z.ZodType<T[number], unknown> {
	const schema = z
		.enum(values, { error: (i) => `'${String(i.input)}' is not one of ${values.join(", ")}` })
		.default(fallback as z.output<z.ZodEnum<{ [K in T[number]]: K }>>);
	return documented(schema as z.ZodType<T[number], unknown>, {
		type: "string",
		enum: values,
		default: fallback,
		description,
	});
}
