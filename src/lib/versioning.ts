/**
 * Versioned records (commitments, reports): the conflict a stale edit gets, and the
 * history of versions with the differences between each and the one before.
 */
import { canonicalJson } from "./canonical.ts";
import { AppError } from "./errors.ts";

/** Stored field names that the API calls otherwise. */
const apiNames = {
	forum_id: "forum",
	maker_ids: "makers",
	goal_ids: "goals",
	target_ids: "targets",
	stakeholder_id: "stakeholder",
} as const;
const renamed: Readonly<Record<string, string>> = apiNames;

/** The name a stored field goes by in the differences: forum_id is forum, title is title. */
export type ApiName<K extends string> = K extends keyof typeof apiNames ? (typeof apiNames)[K] : K;

export function staleVersion(current: number, given: number): AppError {
	return new AppError(
		"conflict",
		`version ${given} is not the current version (${current}): reload and apply your change again`,
		{
			fields: [{ name: "version", message: `is ${current} now` }],
			extra: { current_version: current },
		},
	);
}

/** What changed between two snapshots, field by field (API names), in a stable order. */
export function differences(
	before: Record<string, unknown> | null,
	after: Record<string, unknown>,
): { field: string; before: unknown; after: unknown }[] {
	if (before === null) return [];
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...keys]
		.filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]))
		.map((k) => ({ field: renamed[k] ?? k, before: before[k] ?? null, after: after[k] ?? null }))
		.sort((a, b) => a.field.localeCompare(b.field));
}

/** Stored versions (JSON snapshots, oldest first) as the API shows them. */
export function versionHistory(
	versions: {
		version: number;
		snapshot: string;
		created_at: string;
		by: string | null;
		reason: string | null;
	}[],
) {
	let previous: Record<string, unknown> | null = null;
	return versions.map((v) => {
		const snapshot = JSON.parse(v.snapshot) as Record<string, unknown>;
		const diff = differences(previous, snapshot);
		previous = snapshot;
		return {
			version: v.version,
			created_at: v.created_at,
			by: v.by,
			reason: v.reason,
			changed: diff.map((d) => d.field),
			differences: diff,
		};
	});
}
