/**
 * Douglas-Peucker simplification of a topology's arcs, measured after projection.
 *
 * Arcs are the borders shared by neighbouring countries, so simplifying arcs (not each
 * country's rings) keeps neighbours exactly matched: no slivers, no gaps. Arc ends (where
 * three countries meet) are always kept. A closed arc (an island) is anchored at its start
 * and at the point farthest from it, so it never collapses to a line.
 */
import type { Position } from "geojson";
import type { Arc, Topology } from "topojson-specification";

type Project = (p: [number, number]) => [number, number] | null;

/** Absolute positions of every arc (TopoJSON quantizes and delta-encodes them). */
function decode(topology: Topology): Position[][] {
	const t = topology.transform;
	if (!t) return topology.arcs;
	const [sx, sy] = t.scale;
	const [tx, ty] = t.translate;
	return topology.arcs.map((arc) => {
		let x = 0;
		let y = 0;
		return arc.map(([dx = 0, dy = 0]) => {
			x += dx;
			y += dy;
			return [x * sx + tx, y * sy + ty];
		});
	});
}

type XY = readonly [number, number];

/** Distance from p to the line through a and b; infinite when a point could not be projected. */
function distance(p: XY, a: XY, b: XY): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const length = Math.hypot(dx, dy);
	const d =
		length === 0
			? Math.hypot(p[0] - a[0], p[1] - a[1])
			: Math.abs(dy * (p[0] - a[0]) - dx * (p[1] - a[1])) / length;
	return Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
}

/** Which points of one projected arc to keep. */
function keep(xy: readonly XY[], tolerance: number): boolean[] {
	const last = xy.length - 1;
	const kept = xy.map((_, i) => i === 0 || i === last);
	const first = xy[0];
	const end = xy[last];
	if (!first || !end) return kept;
	const spans: [number, number][] = [[0, last]];
	if (last > 2 && first[0] === end[0] && first[1] === end[1]) {
		let far = 1;
		let max = -1;
		for (let i = 1; i < last; i++) {
			const p = xy[i];
			const d = p ? Math.hypot(p[0] - first[0], p[1] - first[1]) : 0;
			if (d > max) {
				max = d;
				far = i;
			}
		}
		kept[far] = true;
		spans.splice(0, 1, [0, far], [far, last]);
	}
	for (let span = spans.pop(); span; span = spans.pop()) {
		const [a, b] = span;
		const pa = xy[a];
		const pb = xy[b];
		if (!pa || !pb) continue;
		let far = -1;
		let max = tolerance;
		for (let i = a + 1; i < b; i++) {
			const p = xy[i];
			const d = p ? distance(p, pa, pb) : Number.POSITIVE_INFINITY;
			if (d > max) {
				max = d;
				far = i;
			}
		}
		if (far >= 0) {
			kept[far] = true;
			spans.push([a, far], [far, b]);
		}
	}
	return kept;
}

/**
 * A copy of the topology (unquantized) whose arcs keep only the points that lie more than
 * `tolerance` projected units off the simplified line. A point the projection cannot place
 * is always kept.
 */
export function simplifyTopology<T extends Topology>(
	topology: T,
	project: Project,
	tolerance: number,
): T {
	const arcs: Arc[] = decode(topology).map((arc) => {
		const xy = arc.map((p): XY => project([p[0] ?? 0, p[1] ?? 0]) ?? [Number.NaN, Number.NaN]);
		const kept = keep(xy, tolerance);
		return arc.filter((_, i) => kept[i]);
	});
	const { transform: _, ...rest } = topology;
	return { ...rest, arcs } as T;
}
