/**
 * Someone else's change, told in the page's language: each field that differs between
 * the version a writer started from and the stored one, labelled and shown as the
 * commitment's history shows it (one description of version changes serves both).
 */
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type { PageContext } from "../../context.ts";
import { changesSince, tellChanges, type VersionNames } from "../commitment/version-changes.ts";
import type { ChangeRow } from "./commitment-pages.tsx";

const none = "—";

/** What the versions after `started` changed, with both values as text. */
export function describeChanges(
	ctx: PageContext,
	versions: CommitmentDetail["versions"],
	started: number,
	names: VersionNames,
): ChangeRow[] {
	return tellChanges(ctx, names, changesSince(versions, started)).map((c) => ({
		...c,
		before: c.before ?? none,
		after: c.after ?? none,
	}));
}
