/**
 * Someone else's change, told in the page's language: each field that differs between
 * the version a writer started from and the stored one, labelled and shown as the
 * commitment's history shows it (one description of version changes serves both); and
 * what a proposed change would change, told the same way.
 */
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type { PageContext } from "../../context.ts";
import {
	changesSince,
	tellChanges,
	termByTerm,
	type VersionChange,
	type VersionNames,
} from "../commitment/version-changes.ts";
import type { ChangeRow } from "./changes-table.tsx";

const none = "—";

/** What the versions after `started` changed, with both values as text. */
export function describeChanges(
	ctx: PageContext,
	versions: CommitmentDetail["versions"],
	started: number,
	names: VersionNames,
): ChangeRow[] {
	return rows(ctx, names, changesSince(versions, started));
}

/** What a proposal would change, from the differences it was made with. */
export function describeProposal(
	ctx: PageContext,
	differences: CommitmentDetail["versions"][number]["differences"],
	names: VersionNames,
): ChangeRow[] {
	return rows(ctx, names, termByTerm(differences));
}

function rows(ctx: PageContext, names: VersionNames, changes: VersionChange[]): ChangeRow[] {
	return tellChanges(ctx, names, changes).map((c) => ({
		...c,
		before: c.before ?? none,
		after: c.after ?? none,
	}));
}
