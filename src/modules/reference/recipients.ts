/**
 * Recipients (countries, regions, groups, or the whole world) as writers give them,
 * checked against the reference data and normalised for storage.
 */
import type { ReferenceRepository } from "./reference.repository.ts";

export interface RecipientIn {
	kind: "country" | "region" | "group" | "global";
	code?: string | null | undefined;
}

/** The stored recipients (deduplicated) and the codes that do not exist, as messages. */
export async function checkRecipients(
	reference: ReferenceRepository,
	given: readonly RecipientIn[],
): Promise<{ recipients: { kind: string; code: string }[]; problems: string[] }> {
	const recipients: { kind: string; code: string }[] = [];
	const problems: string[] = [];
	const byKind = (kind: string) =>
		given
			.filter((r) => r.kind === kind)
			.map((r) => (kind === "country" ? (r.code ?? "").toUpperCase() : (r.code ?? "")));
	const checks: [string, string[], Set<string>][] = [
		["country", byKind("country"), await reference.existingCodes("Country", byKind("country"))],
		["region", byKind("region"), await reference.existingCodes("Region", byKind("region"))],
		["group", byKind("group"), await reference.existingGroups(byKind("group"))],
	];
	for (const [kind, codes, known] of checks) {
		for (const code of codes) {
			if (!known.has(code)) problems.push(`${kind} '${code}' is not a known ${kind} code`);
			else if (!recipients.some((r) => r.kind === kind && r.code === code))
				recipients.push({ kind, code });
		}
	}
	if (given.some((r) => r.kind === "global")) recipients.push({ kind: "global", code: "global" });
	return { recipients, problems };
}
