/** Turns zod's verdict into the one error type, naming each offending field. */
import type * as z from "zod";
import { AppError, type FieldProblem } from "./errors.ts";

/** How a field is called in messages: "query parameter 'limit' must be at most 200". */
export type FieldLabel = "query parameter" | "path parameter" | "field";

export function fieldProblems(error: z.ZodError, label: FieldLabel = "field"): FieldProblem[] {
	return error.issues.flatMap((issue) => {
		const path = issue.path.map(String);
		if (issue.code === "unrecognized_keys") {
			return issue.keys.map((key) => {
				const name = [...path, key].join(".");
				return { name, message: `unknown ${label} '${name}'` };
			});
		}
		// List parameters report the index of the bad value; the parameter's name is what a user knows.
		const name =
			(label === "field" ? path : path.filter((p) => !/^\d+$/.test(p))).join(".") || "input";
		return [{ name, message: `${label} '${name}' ${issue.message}` }];
	});
}

/** Parses `input`, or throws invalid_input with one problem per field. */
export function parseInput<T extends z.ZodType>(
	schema: T,
	input: unknown,
	label: FieldLabel = "field",
): z.output<T> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields = fieldProblems(result.error, label);
	throw new AppError("invalid_input", fields.map((f) => f.message).join("; "), { fields });
}
