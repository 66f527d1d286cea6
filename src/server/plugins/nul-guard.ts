/**
 * Refuses the NUL character wherever a request carries text (path, query, form or JSON
 * body, keys as well as values), before any route or service sees it. PostgreSQL cannot
 * store NUL in text at all (it answered 500), SQLite would store a string other tools cut
 * short; no real input needs it. One place, so that no route can forget it: a 400 naming
 * the field, on both databases.
 */
import type { FastifyInstance } from "fastify";
import { AppError } from "../../lib/errors.ts";

const nul = "\u0000";

/** The path (a.b[0].c) of the first string or key holding NUL, or null. */
export function findNul(value: unknown, path: string[] = []): string[] | null {
	if (typeof value === "string") return value.includes(nul) ? path : null;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = findNul(value[i], [...path, String(i)]);
			if (found) return found;
		}
		return null;
	}
	if (value !== null && typeof value === "object") {
		for (const [key, v] of Object.entries(value)) {
			if (key.includes(nul)) return [...path, key.replaceAll(nul, "\\0")];
			const found = findNul(v, [...path, key]);
			if (found) return found;
		}
	}
	return null;
}

const labels = { params: "path parameter", query: "query parameter", body: "field" } as const;

export function registerNulGuard(app: FastifyInstance): void {
	app.addHook("preValidation", async (request) => {
		for (const part of ["params", "query", "body"] as const) {
			const found = findNul(request[part]);
			if (!found) continue;
			const name = found.join(".") || part;
			const message = `${labels[part]} '${name}' must not contain a NUL character (\\u0000)`;
			throw new AppError("invalid_input", message, { fields: [{ name, message }] });
		}
	});
}
