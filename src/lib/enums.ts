/**
 * Whether a string read from the database or a request is one of a closed set of words
 * (`as const` lists such as the public statuses). A type guard, so that callers narrow
 * the value instead of widening the list with a cast.
 */
export function isOneOf<const T extends string>(values: readonly T[], value: unknown): value is T {
	return typeof value === "string" && (values as readonly string[]).includes(value);
}
