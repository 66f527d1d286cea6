/**
 * SVG path data for every country, projected and written once at module load.
 *
 * Equal Earth is an equal-area projection, so the size of a shaded country is its true size:
 * what a choropleth needs. It is fitted to a width of 1920 units and every point rounded to
 * whole units: the map is drawn about 960 CSS pixels wide, so that is half-pixel accuracy with
 * integers only. Before that the shared borders are simplified (simplify.ts, tolerance one
 * unit), points that round to the same unit are dropped, rings that collapse to fewer than
 * three points (specks of islands) are dropped, and the path data is written in relative
 * coordinates. Measured: 30 KB of path data for the 176 shapes (11 KB gzipped); the whole
 * svg 30 KB with no values, 47 KB with every country a link (14 KB gzipped).
 */
import { type GeoContext, geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import { countryCodes, worldTopology } from "./countries.ts";
import { simplifyTopology } from "./simplify.ts";

export interface CountryPath {
	/** ISO 3166-1 alpha-2, or null for land with no code. */
	readonly code: string | null;
	/** SVG path data, never empty. */
	readonly d: string;
}

/** Width of the drawing in user units. */
export const MAP_WIDTH = 1920;
/** Douglas-Peucker tolerance in units: a quarter of a pixel at 960 pixels wide. */
const TOLERANCE = 1;
/** Room left around the drawing so the outline stroke of edge countries is not cut. */
const MARGIN = 2;

type Point = readonly [number, number];

/** Writes rings of rounded points as compact relative path data. */
function ringWriter() {
	let out = "";
	let ring: Point[] = [];
	// Where the previous ring started: `z` returns there, so the next `m` is relative to it.
	let start: Point | null = null;

	function add(x: number, y: number): void {
		const p: Point = [Math.round(x), Math.round(y)];
		const last = ring[ring.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
	}

	function flush(): void {
		const points = ring;
		ring = [];
		const first = points[0];
		const last = points[points.length - 1];
		if (first && last && points.length > 1 && first[0] === last[0] && first[1] === last[1]) {
			points.pop();
		}
		if (points.length < 3 || !first) return;
		out += start
			? `m${pair(first[0] - start[0], first[1] - start[1])}`
			: `M${pair(first[0], first[1])}`;
		start = first;
		let previous = first;
		let line = "";
		for (const p of points.slice(1)) {
			const xy = pair(p[0] - previous[0], p[1] - previous[1]);
			// Numbers need a separator unless the next one carries its own minus sign.
			line += line && !xy.startsWith("-") ? ` ${xy}` : xy;
			previous = p;
		}
		out += `l${line}z`;
	}

	const context: GeoContext = {
		beginPath() {},
		moveTo(x: number, y: number) {
			flush();
			add(x, y);
		},
		lineTo: add,
		closePath: flush,
		// Only called for Point geometries, which the map has none of.
		arc() {},
	};

	return {
		context,
		take(): string {
			flush();
			const d = out;
			out = "";
			start = null;
			return d;
		},
	};
}

function pair(x: number, y: number): string {
	return y < 0 ? `${x}${y}` : `${x} ${y}`;
}

function build() {
	const land = feature(worldTopology, worldTopology.objects.countries);
	const projection = geoEqualEarth().fitWidth(MAP_WIDTH, land);
	const height = Math.ceil(geoPath(projection).bounds(land)[1][1]);
	const simple = simplifyTopology(worldTopology, projection, TOLERANCE);
	const shapes = feature(simple, simple.objects.countries).features;
	const writer = ringWriter();
	const draw = geoPath(projection, writer.context);
	const paths: CountryPath[] = [];
	shapes.forEach((shape, i) => {
		draw(shape);
		const d = writer.take();
		if (d) paths.push({ code: countryCodes[i] ?? null, d });
	});
	return { paths, height };
}

/** The drawing, projected and simplified on first use: a start need not wait for the map. */
export interface WorldDrawing {
	/** One entry per country drawn, in world-atlas order. */
	paths: readonly CountryPath[];
	/** Height of the drawing in user units (the width is MAP_WIDTH). */
	height: number;
	/** The svg viewBox: the drawing plus a thin margin. */
	viewBox: string;
}

let drawing: WorldDrawing | undefined;

export function worldDrawing(): WorldDrawing {
	if (!drawing) {
		const { paths, height } = build();
		drawing = {
			paths,
			height,
			viewBox: `${-MARGIN} ${-MARGIN} ${MAP_WIDTH + 2 * MARGIN} ${height + 2 * MARGIN}`,
		};
	}
	return drawing;
}
