/**
 * Refuses the NUL character wherever a request carries text (path, query, form or JSON
 * body, keys as well as values), before any route or service sees it. PostgreSQL cannot
 * store NUL in text at all (it answered 500), SQLite would store a string other tools cut
 * short; no real input needs it. One place, so that no route can forget it: a 400 naming
 * the field, on both databases.
 *
 * A lone UTF-16 surrogate (a JSON "\\ud800" escape) is refused the same way: it is no
 * character, and neither database stores it as sent (comments refused it, other fields
 * kept it, differently on each database).
 *
 * The same walk refuses input nested deeper than any form or API body is (maxDepth):
 * a JSON body of 5,000 nested arrays fits the 1 MB body limit, and both this walk and
 * zod's recursive checks would overflow the stack on it (a 500). The walk is a loop, so
 * it never overflows itself.
 */
import type { FastifyInstance } from "fastify";
import { AppError } from "../../lib/errors.ts";
import { loneSurrogate } from "../../lib/text.ts";

const nul = "\u0000";

/** Deepest nesting a request may carry: our deepest body (a report's years) is 3 levels. */
export const maxDepth = 32;

export type InputFault = { kind: "nul" | "surrogate" | "depth"; path: string[] };

/** What a string or key holds that no database stores as written, if anything. */
function textFault(s: string): "nul" | "surrogate" | null {
	if (s.includes(nul)) return "nul";
	return loneSurrogate.test(s) ? "surrogate" : null;
}

/** The first string or key holding NUL or a lone surrogate, or the first value nested deeper than maxDepth, or null. */
export function findInputFault(value: unknown): InputFault | null {
	const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
	for (let next = pending.pop(); next; next = pending.pop()) {
		const { value: v, path } = next;
		if (typeof v === "string") {
			const kind = textFault(v);
			if (kind) return { kind, path };
			continue;
		}
		if (v === null || typeof v !== "object") continue;
		if (path.length >= maxDepth) return { kind: "depth", path };
		const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
		// Pushed last first, so the first field is looked at first and named first.
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, child] = entries[i] as readonly [string, unknown];
			const kind = textFault(key);
			if (kind) return { kind, path: [...path, printable(key)] };
			pending.push({ value: child, path: [...path, key] });
		}
	}
	return null;
}

/** A key named in a message: NUL and lone surrogates written as escapes. */
const printable = (key: string) =>
	key
		.replaceAll(nul, "\\0")
		.replace(
			new RegExp(loneSurrogate.source, "g"),
			(c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`,
		);

const labels = { params: "path parameter", query: "query parameter", body: "field" } as const;

export function registerNulGuard(app: FastifyInstance): void {
	app.addHook("preValidation", async (request) => {
		for (const part of ["params", "query", "body"] as const) {
			const found = findInputFault(request[part]);
			if (!found) continue;
			// Too deep is said of the top field holding the nesting (its full path is 32 keys long).
			const path = found.kind === "depth" ? found.path.slice(0, 1) : found.path;
			const name = (Array.isArray(request[part]) ? "" : path.join(".")) || part;
			const message = {
				nul: `${labels[part]} '${name}' must not contain a NUL character (\\u0000)`,
				surrogate: `${labels[part]} '${name}' must not contain a lone surrogate (half of a UTF-16 pair, no character)`,
				depth: `${labels[part]} '${name}' is nested more than ${maxDepth} levels deep`,
			}[found.kind];
			throw new AppError("invalid_input", message, { fields: [{ name, message }] });
		}
	});
}
