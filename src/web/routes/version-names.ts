/**
 * The names a told change needs (commitment/version-changes.ts): each maker and forum a
 * set of differences names by id, from names already at hand or looked up one by one.
 */
import type { CommitmentDetail } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { VersionNames } from "../pages/commitment/version-changes.ts";

type Differences = CommitmentDetail["versions"][number]["differences"];

export async function versionNames(
	services: Services,
	lists: readonly Differences[],
	known: { stakeholders?: ReadonlyMap<number, string>; forums?: ReadonlyMap<number, string> } = {},
): Promise<VersionNames> {
	const stakeholders = new Map(known.stakeholders);
	const forums = new Map(known.forums);
	const makerIds = new Set<number>();
	const forumIds = new Set<number>();
	for (const differences of lists)
		for (const d of differences)
			for (const x of [d.before, d.after]) {
				if (d.field === "makers" && Array.isArray(x)) for (const id of x) makerIds.add(Number(id));
				if (d.field === "forum" && typeof x === "number") forumIds.add(x);
			}
	const lookUp = async (
		ids: Set<number>,
		names: Map<number, string>,
		get: (id: string) => Promise<{ name: string }>,
	) =>
		Promise.all(
			[...ids]
				.filter((id) => !names.has(id))
				.map(async (id) => {
					const found = await get(String(id)).catch(() => null);
					if (found) names.set(id, found.name);
				}),
		);
	await Promise.all([
		lookUp(makerIds, stakeholders, (id) => services.stakeholders.get(id)),
		lookUp(forumIds, forums, (id) => services.forums.get(id)),
	]);
	return { stakeholders, forums };
}
