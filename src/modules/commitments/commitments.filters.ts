/**
 * Normalises the codes people type into the ids stored: MDG targets are upper case
 * letters (mdg:8.B), SDG targets lower case (sdg:3.b), frameworks lower case. And turns
 * a search text into the full-text query of each dialect, from the same tokens.
 */
import { searchTokens } from "../../lib/text.ts";

export function normalizeGoalCode(value: string): string {
	const [fw = "", code = ""] = value.split(":");
	return `${fw.toLowerCase()}:${Number(code)}`;
}

export function normalizeTargetCode(value: string): string {
	const [fw = "", code = ""] = value.split(":");
	const framework = fw.toLowerCase();
	const [goal = "", target = ""] = code.split(".");
	const letterCase = framework === "mdg" ? target.toUpperCase() : target.toLowerCase();
	return `${framework}:${Number(goal)}.${letterCase}`;
}

/** ISO alpha-2 upper case; region codes as given; "global" as such. */
export function normalizeRecipient(value: string): string {
	return /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : value;
}

/** Every word must match, each as a prefix. Tokens are letters and digits only, so nothing needs escaping. */
export function ftsQuery(q: string, dialect: "sqlite" | "postgres"): string | null {
	const tokens = searchTokens(q).slice(0, 20);
	if (tokens.length === 0) return null;
	return dialect === "sqlite"
		? tokens.map((t) => `"${t}"*`).join(" AND ")
		: tokens.map((t) => `${t}:*`).join(" & ");
}
