/**
 * Linear scales with "nice" ticks: steps of 1, 2, 2.5 or 5 times a power of ten, so the axis
 * reads 0, 250 M, 500 M, 750 M, 1 B rather than 0, 237 M, 474 M.
 *
 * Decisions:
 * - Zero is always in the domain and always a tick: bars start from it, and a bar chart whose
 *   axis does not start at zero misleads about proportions.
 * - Negative values are drawn below (or, horizontally, before) the zero line, not clamped:
 *   money data does hold negatives (reversed or repaid disbursements in IATI), and hiding them
 *   would misstate the total. The domain simply extends below zero when there are any.
 * - No data, or data that are all zero, gives the domain [0, 1] with the single tick 0, so
 *   every position is finite and zero bars sit on the baseline.
 * - Non-finite inputs (NaN, ±Infinity) are ignored, like missing values.
 * - Huge (1e12) and tiny (1e-6) values work: ticks are computed as i × step, never by adding
 *   steps up, and rounded to 12 significant digits to drop float noise (0.30000000000000004).
 */

export interface Ticks {
	/** Low end of the domain: a tick, ≤ 0. */
	min: number;
	/** High end of the domain: ≥ 0 and > min. */
	max: number;
	/** Distance between ticks (0 when the data are all zero). */
	step: number;
	/** Tick values from min to max, zero included. */
	ticks: number[];
}

/** Drops the float noise that i × step can leave (2.5e-7 × 3 = 7.499999999999999e-7). */
export function clean(n: number): number {
	const c = Number(n.toPrecision(12));
	return c === 0 ? 0 : c; // no -0
}

/** The smallest step of 1, 2, 2.5, 5 or 10 × 10^n that is ≥ raw (raw > 0). */
export function niceStep(raw: number, integer = false): number {
	if (!(raw > 0) || !Number.isFinite(raw)) return 1;
	const exponent = Math.floor(Math.log10(raw));
	const power = 10 ** exponent;
	const fraction = raw / power;
	const mantissas = integer && exponent === 0 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
	const m = mantissas.find((c) => fraction <= c * (1 + 1e-9)) ?? 10;
	const step = clean(m * power);
	return integer ? Math.max(1, step) : step;
}

/**
 * Nice ticks covering all values and zero, about `count` intervals (never fewer than needed
 * to keep the steps nice). `integer` keeps steps whole (for counts).
 */
export function niceTicks(
	values: Iterable<number | null | undefined>,
	count = 5,
	integer = false,
): Ticks {
	let lo = 0;
	let hi = 0;
	for (const v of values) {
		if (typeof v !== "number" || !Number.isFinite(v)) continue;
		if (v < lo) lo = v;
		if (v > hi) hi = v;
	}
	if (lo === 0 && hi === 0) return { min: 0, max: 1, step: 0, ticks: [0] };
	const step = niceStep((hi - lo) / Math.max(1, count), integer);
	const first = Math.floor(lo / step + 1e-9);
	const last = Math.ceil(hi / step - 1e-9);
	const ticks: number[] = [];
	for (let i = first; i <= last; i++) ticks.push(clean(i * step));
	return { min: clean(first * step), max: clean(last * step), step, ticks };
}

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(
	domain: readonly [number, number],
	range: readonly [number, number],
): (v: number) => number {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	const span = d1 - d0;
	if (!(span !== 0) || !Number.isFinite(span)) return () => r0;
	const k = (r1 - r0) / span;
	return (v) => r0 + (v - d0) * k;
}

/** Rounds a coordinate to 0.01 user unit: small markup, no visible difference. */
export function px(n: number): number {
	if (!Number.isFinite(n)) return 0;
	const r = Math.round(n * 100) / 100;
	return r === 0 ? 0 : r;
}
