/**
 * The rules of the explorer's facets, apart from any database: which part of the list
 * filter each dimension drops (disjunctive faceting: a dimension's counts apply every
 * filter but its own, so choosing one goal still shows what the others would give), which
 * values the query selects, the English labels, and the order and cut of the buckets.
 */
import type { DeliveryStatus } from "../analytics/status.ts";
import { type StakeholderKind, stakeholderKindNames } from "../stakeholders/stakeholders.kinds.ts";
import type { FacetCount } from "./commitments.facets.repository.ts";
import {
	type CommitmentFacetQuery,
	type CommitmentKind,
	type CommitmentStatus,
	type FacetBucket,
	type FacetDimension,
	type ForumKind,
	facetDimensions,
	publicStatuses,
} from "./commitments.schemas.ts";
import type { CommitmentFilter } from "./commitments.search.repository.ts";

const forumKindNames: Record<ForumKind, string> = {
	general_assembly: "General Assembly",
	g8_summit: "G8 summit",
	g20_summit: "G20 summit",
	special_initiative: "Special initiative",
	high_level_task_force: "High-level task force",
	un_conference: "UN conference",
	replenishment: "Replenishment",
	other: "Other",
};
const commitmentKindNames: Record<CommitmentKind, string> = {
	financial: "Financial",
	policy: "Policy",
	both: "Financial and policy",
};
const deliveryStatusNames: Record<DeliveryStatus, string> = {
	met: "Met",
	not_met: "Not met",
	on_track: "On track",
	off_track: "Off track",
	no_data: "No data",
};
const statusNames: Record<CommitmentStatus, string> = {
	draft: "Draft",
	submitted: "Submitted",
	published: "Published",
	completed: "Completed",
	withdrawn: "Withdrawn",
};

/** Dimensions with many values: the page shows the largest ones (and what is selected). */
const bucketLimit = 50;
const limited: ReadonlySet<FacetDimension> = new Set(["forum", "maker", "target", "recipient"]);

/** The part of the list filter that is each dimension's own (statuses are dealt with apart). */
const ownFilter: Record<Exclude<FacetDimension, "status">, (keyof CommitmentFilter)[]> = {
	goal: ["goalIds"],
	target: ["targetIds"],
	forum_kind: ["forumKinds"],
	forum: ["forumIds"],
	maker_kind: ["makerKinds"],
	maker: ["stakeholderIds"],
	recipient: ["recipients"],
	kind: ["kinds"],
	delivery: ["deliveryStatuses"],
	year: ["announcedFrom", "announcedTo"],
};

/** The filter a dimension is counted under: every other filter, and always public commitments only. */
export function filterWithout(f: CommitmentFilter, dimension: FacetDimension): CommitmentFilter {
	if (dimension === "status") return { ...f, statuses: [...publicStatuses] };
	const out: Partial<CommitmentFilter> = { ...f };
	for (const key of ownFilter[dimension]) delete out[key];
	return { ...out, statuses: f.statuses };
}

/**
 * Whether a filter selects every public commitment and nothing else: the selection whose
 * facet counts the delivery rollups keep (CommitmentFacetRepository.countsOfEveryPublic).
 */
export function selectsEveryPublic(f: CommitmentFilter): boolean {
	const { statuses, walkInOrder: _order, today: _today, ...rest } = f;
	const chosen = new Set(statuses);
	return (
		chosen.size === publicStatuses.length &&
		publicStatuses.every((s) => chosen.has(s)) &&
		Object.values(rest).every((v) => v === undefined || (Array.isArray(v) && v.length === 0))
	);
}

/** Results in the order of facetDimensions, keyed by dimension. */
export function keyedByDimension<T>(results: T[]): Record<FacetDimension, T> {
	return byDimension((d) => results[facetDimensions.indexOf(d)] as T);
}

/** The stored keys the query selects, by dimension (FacetCount.key). */
export function selectedKeys(
	f: CommitmentFilter,
	q: CommitmentFacetQuery,
): Record<FacetDimension, Set<string>> {
	const from = q.year_from ?? (q.year_to === undefined ? undefined : 1900);
	const to = q.year_to ?? 2100;
	const years = from === undefined ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
	return {
		goal: new Set(f.goalIds),
		target: new Set(f.targetIds),
		forum_kind: new Set(f.forumKinds),
		forum: new Set(f.forumIds?.map(String)),
		maker_kind: new Set(f.makerKinds),
		maker: new Set(f.stakeholderIds?.map(String)),
		recipient: new Set(f.recipients?.map((r) => `${r.kind}:${r.code}`)),
		kind: new Set(f.kinds),
		// The filter holds every public status when none is asked for: none is selected then.
		status: new Set(q.status),
		delivery: new Set(f.deliveryStatuses),
		year: new Set(years.map(String)),
	};
}

/**
 * Selected values the other filters leave no commitment for, by dimension: they still
 * show, at 0, so the page can offer to clear them. A year range selects no single year.
 */
export function uncounted(
	counts: Record<FacetDimension, FacetCount[]>,
	selected: Record<FacetDimension, Set<string>>,
): Record<FacetDimension, string[]> {
	const absent = (d: FacetDimension) => {
		const seen = new Set(counts[d].map((c) => c.key));
		return d === "year" ? [] : [...selected[d]].filter((key) => !seen.has(key));
	};
	return byDimension(absent);
}

function byDimension<T>(each: (d: FacetDimension) => T): Record<FacetDimension, T> {
	return Object.fromEntries(facetDimensions.map((d) => [d, each(d)])) as Record<FacetDimension, T>;
}

/** A recipient's key in the counts is kind:code. */
export function recipientOfKey(key: string): { kind: string; code: string } {
	const at = key.indexOf(":");
	return { kind: key.slice(0, at), code: key.slice(at + 1) };
}

/** "sdg:3" -> "SDG 3", "mdg:8.B" -> "MDG 8.B": pages translate goal titles themselves. */
function codeLabel(id: string): string {
	const [framework = "", code = ""] = id.split(":");
	return `${framework.toUpperCase()} ${code}`;
}

/** What the list filter takes for a stored key, and its English label. */
function describe(
	dimension: FacetDimension,
	c: FacetCount,
	recipientNames: ReadonlyMap<string, string>,
): { value: string; label: string } {
	switch (dimension) {
		case "goal":
		case "target":
			return { value: c.key, label: codeLabel(c.key) };
		case "forum":
		case "maker":
			return { value: c.slug ?? c.key, label: c.name ?? c.slug ?? c.key };
		case "recipient": {
			// The filter takes the code alone (a country, region or group, or global).
			const { code } = recipientOfKey(c.key);
			return { value: code, label: recipientNames.get(c.key) ?? code };
		}
		case "forum_kind":
			return { value: c.key, label: forumKindNames[c.key as ForumKind] ?? c.key };
		case "maker_kind":
			return { value: c.key, label: stakeholderKindNames[c.key as StakeholderKind] ?? c.key };
		case "kind":
			return { value: c.key, label: commitmentKindNames[c.key as CommitmentKind] ?? c.key };
		case "status":
			return { value: c.key, label: statusNames[c.key as CommitmentStatus] ?? c.key };
		case "delivery":
			return { value: c.key, label: deliveryStatusNames[c.key as DeliveryStatus] ?? c.key };
		case "year":
			return { value: c.key, label: c.key };
	}
}

/** Buckets of every dimension: largest first, then by label; the long ones cut, keeping what is selected. */
export function facetBuckets(
	counts: Record<FacetDimension, FacetCount[]>,
	selected: Record<FacetDimension, Set<string>>,
	recipientNames: ReadonlyMap<string, string>,
): Record<FacetDimension, FacetBucket[]> {
	const bucketsOf = (dimension: FacetDimension): FacetBucket[] => {
		const chosen = selected[dimension];
		const all = counts[dimension]
			.map((c) => ({
				...describe(dimension, c, recipientNames),
				count: c.count,
				selected: chosen.has(c.key),
			}))
			.sort(
				(a, b) =>
					b.count - a.count ||
					a.label.localeCompare(b.label, "en") ||
					(a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
			);
		return limited.has(dimension) ? all.filter((b, i) => i < bucketLimit || b.selected) : all;
	};
	return byDimension(bucketsOf);
}
