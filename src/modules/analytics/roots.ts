/**
 * No money counted twice: the relation graph decides which commitment carries the money
 * of a group of related ones (its root) and why the others add none (their reason).
 * - "A reaffirms B", "A is part of B", "A overlaps B": A's money is B's; A's delivery
 *   counts towards B.
 * - "A supersedes B": B's money is replaced by A's; B's delivery counts towards A.
 * Only published and completed commitments take part; withdrawn ones count nowhere.
 */

export const countReasons = [
	"counted",
	"reaffirmation",
	"part",
	"overlap",
	"superseded",
	"withdrawn",
	// Not development aid (a guarantee, a loan at market terms): shown, counted apart,
	// never in the aid totals (delivery.compute.ts, groupKeys). A key's reason, not a place.
	"not_aid",
	"not_public",
] as const;
export type CountReason = (typeof countReasons)[number];

/** Reasons whose delivery flows to the root. */
export const treeReasons: readonly CountReason[] = [
	"counted",
	"reaffirmation",
	"part",
	"overlap",
	"superseded",
];

export interface GraphNode {
	id: number;
	status: string;
}

export interface GraphEdge {
	from_id: number;
	to_id: number;
	kind: string;
}

export interface Placement {
	rootId: number;
	reason: CountReason;
	/** The commitment whose money this one's is (null for a root): the tree's edge upwards. */
	parentId: number | null;
}

const liveStatuses = new Set(["published", "completed"]);
/** When a commitment has several parents, the strongest relation wins, then the lowest id. */
const priority: CountReason[] = ["superseded", "part", "reaffirmation", "overlap"];
const reasonOf: Record<string, CountReason> = {
	reaffirms: "reaffirmation",
	part_of: "part",
	overlaps: "overlap",
};

export function placeCommitments(nodes: GraphNode[], edges: GraphEdge[]): Map<number, Placement> {
	const live = new Set(nodes.filter((n) => liveStatuses.has(n.status)).map((n) => n.id));
	const parent = new Map<number, { id: number; reason: CountReason }>();
	const offer = (child: number, id: number, reason: CountReason) => {
		const current = parent.get(child);
		const better =
			!current ||
			priority.indexOf(reason) < priority.indexOf(current.reason) ||
			(reason === current.reason && id < current.id);
		if (better) parent.set(child, { id, reason });
	};
	for (const e of edges) {
		if (!live.has(e.from_id) || !live.has(e.to_id)) continue;
		if (e.kind === "supersedes") offer(e.to_id, e.from_id, "superseded");
		else if (reasonOf[e.kind]) offer(e.from_id, e.to_id, reasonOf[e.kind] as CountReason);
	}
	breakCycles(parent);

	const out = new Map<number, Placement>();
	for (const n of nodes) {
		if (!live.has(n.id)) {
			out.set(n.id, {
				rootId: n.id,
				reason: n.status === "withdrawn" ? "withdrawn" : "not_public",
				parentId: null,
			});
			continue;
		}
		let root = n.id;
		for (let p = parent.get(root); p; p = parent.get(root)) root = p.id;
		const p = parent.get(n.id);
		out.set(n.id, { rootId: root, reason: p?.reason ?? "counted", parentId: p?.id ?? null });
	}
	return out;
}

/**
 * Overlaps may run both ways (and mixed relations may close a loop): in each cycle the
 * commitment with the lowest id keeps its money, so the choice is the same every time.
 */
function breakCycles(parent: Map<number, { id: number }>): void {
	const done = new Set<number>();
	for (const start of [...parent.keys()].sort((a, b) => a - b)) {
		const path: number[] = [];
		const onPath = new Set<number>();
		let node: number | undefined = start;
		while (node !== undefined && !done.has(node) && !onPath.has(node)) {
			path.push(node);
			onPath.add(node);
			node = parent.get(node)?.id;
		}
		if (node !== undefined && onPath.has(node)) {
			const cycle = path.slice(path.indexOf(node));
			parent.delete(Math.min(...cycle));
		}
		for (const p of path) done.add(p);
	}
}
