/**
 * The map's colour classes, shared with any table that shows the same figures.
 *
 * Five classes split at the quintiles of the distinct positive values (type-7 quantiles:
 * linear interpolation between order statistics, as in R's default and d3.quantile).
 * Distinct, because one pledge naming fifteen countries gives fifteen equal values: over
 * all values the ties would swallow the breaks and put $140 million and $19 billion in the
 * same class. Positive only, because a run of zeros would otherwise collapse the lower
 * classes; a zero or negative value falls in class 1. Class k holds the values v with
 * breaks[k-2] < v <= breaks[k-1]. With five or more distinct positive values no class is
 * empty; with fewer some are, and the legend says so.
 *
 * Colours: a single-hue sequential blue ramp, ColorBrewer "Blues" resampled at evenly spaced
 * CIELAB lightness (L* 86, 70, 55, 40, 24). One hue ordered by lightness reads the same for
 * every kind of colour vision deficiency and in greyscale print, and every class differs from
 * the next by a contrast ratio of at least 1.5. No data is a light neutral grey with a
 * darker hatch, so it differs from the lightest blue by texture, not by hue alone.
 */

/** Class 0 is "no data"; 1 (lowest) to 5 (highest) hold values. */
export type MapClass = 0 | 1 | 2 | 3 | 4 | 5;

export const MAP_CLASS_COUNT = 5;

/** Fill of classes 1..5, lightest first. */
export const MAP_COLOURS: readonly string[] = [
	"#c4daee",
	"#77b4d8",
	"#3b8ac2",
	"#155ea6",
	"#083776",
];

/** Background and hatch of "no data". */
export const NO_DATA_FILL = "#e6e6e6";
export const NO_DATA_HATCH = "#b3b3b3";

function numbers(values: ReadonlyMap<string, number> | Iterable<number>): number[] {
	const list: number[] = [];
	const source = isMap(values) ? values.values() : values;
	for (const v of source) if (Number.isFinite(v)) list.push(v);
	return list;
}

function isMap(
	values: ReadonlyMap<string, number> | Iterable<number>,
): values is ReadonlyMap<string, number> {
	return typeof (values as ReadonlyMap<string, number>).get === "function";
}

/** Type-7 quantile k/q of an ascending, non-empty list (k/q kept apart: exact when whole). */
function quantile(sorted: readonly number[], k: number, q: number): number {
	const h = ((sorted.length - 1) * k) / q;
	const lo = Math.floor(h);
	const a = sorted[lo] ?? 0;
	const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
	return a + (h - lo) * (b - a);
}

/**
 * The four upper bounds of classes 1..4, non-decreasing, from the distinct positive values
 * (a map of values, as given to WorldMap, or plain numbers). All zero when none is positive.
 */
export function mapBreaks(values: ReadonlyMap<string, number> | Iterable<number>): number[] {
	const positive = [...new Set(numbers(values).filter((v) => v > 0))].sort((a, b) => a - b);
	const breaks: number[] = [];
	for (let k = 1; k < MAP_CLASS_COUNT; k++) {
		breaks.push(positive.length ? quantile(positive, k, MAP_CLASS_COUNT) : 0);
	}
	return breaks;
}

/** The class of a value: 0 when there is no (finite) value. */
export function mapClass(value: number | undefined, breaks: readonly number[]): MapClass {
	if (value === undefined || !Number.isFinite(value)) return 0;
	let k = 1;
	for (const b of breaks) if (value > b) k++;
	return Math.min(k, MAP_CLASS_COUNT) as MapClass;
}

/** The fill of a class. */
export function mapColour(k: MapClass): string {
	return k === 0 ? NO_DATA_FILL : (MAP_COLOURS[k - 1] ?? NO_DATA_FILL);
}

export interface MapLegendClass {
	readonly class: Exclude<MapClass, 0>;
	readonly colour: string;
	/** Smallest and largest value in the class, or null when the class is empty. */
	readonly min: number | null;
	readonly max: number | null;
	readonly count: number;
}

/** For each class 1..5, the range of the values that fall in it. */
export function mapLegend(
	values: ReadonlyMap<string, number> | Iterable<number>,
	breaks: readonly number[] = mapBreaks(values),
): MapLegendClass[] {
	const classes = MAP_COLOURS.map((colour, i) => ({
		class: (i + 1) as Exclude<MapClass, 0>,
		colour,
		min: null as number | null,
		max: null as number | null,
		count: 0,
	}));
	for (const v of numbers(values)) {
		const c = classes[mapClass(v, breaks) - 1];
		if (!c) continue;
		c.min = c.min === null ? v : Math.min(c.min, v);
		c.max = c.max === null ? v : Math.max(c.max, v);
		c.count++;
	}
	return classes;
}
