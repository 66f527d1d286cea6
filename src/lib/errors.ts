/**
 * The one error type of IIF. Services and routes throw AppError with a code from
 * a closed set; the HTTP layer maps each code to a status once (server/plugins/errors.ts).
 */
export const errorCodes = {
	invalid_input: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	rate_limited: 429,
	internal: 500,
	/**
	 * The database cannot take the request now: busy with another writer, out of disk
	 * space, read-only. Not a bug: answered with Retry-After so that clients try again.
	 */
	unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** A problem with one named input (a query parameter, a path segment, a body field). */
export interface FieldProblem {
	name: string;
	message: string;
}

export class AppError extends Error {
	readonly code: ErrorCode;
	readonly fields: FieldProblem[];
	/** Extra members for the problem document (e.g. the current version on a conflict). */
	readonly extra: Record<string, unknown>;

	constructor(
		code: ErrorCode,
		message: string,
		options: { fields?: FieldProblem[]; extra?: Record<string, unknown>; cause?: unknown } = {},
	) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = "AppError";
		this.code = code;
		this.fields = options.fields ?? [];
		this.extra = options.extra ?? {};
	}

	get status(): number {
		return errorCodes[this.code];
	}

	static invalid(name: string, message: string): AppError {
		return new AppError("invalid_input", message, { fields: [{ name, message }] });
	}

	static notFound(what: string, id: string | number): AppError {
		return new AppError("not_found", `${what} '${id}' does not exist`);
	}
}
