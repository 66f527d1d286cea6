/**
 * Chart colours. The hues are the Okabe-Ito palette (Okabe & Ito, "Color Universal Design",
 * 2008): eight colours chosen to stay distinguishable for the common colour-vision
 * deficiencies (protanopia, deuteranopia, tritanopia) and in greyscale print. Roughly one
 * reader in twelve men sees red and green alike, and the charts' whole point is to set
 * "promised" against "delivered", so those two must never depend on a red/green contrast.
 *
 * Colour is never the only channel. Every chart also has:
 * - a text legend (series label next to a swatch) and, on horizontal bars, direct value labels;
 * - a fixed series order inside each group, the same as the legend's order;
 * - a hatch pattern on one series (by default "expected": money foreseen, not yet moved);
 * - a `<title>` on each bar ("label, category: value") and the full numbers in a table.
 *
 * WCAG 1.4.11 asks 3:1 contrast for graphical objects. Orange (#E69F00) and sky blue reach
 * only about 2.3:1 on white, so every bar is outlined with `stroke`, a darker shade of its own
 * hue that reaches at least 3:1 on white; the fills that already pass keep their own colour.
 * Grey is #767676 rather than Okabe-Ito's #999999 (2.8:1) for the same reason.
 */

export interface SeriesStyle {
	/** Fill of the bar (and its swatch). */
	fill: string;
	/** Outline, at least 3:1 against the white page. */
	stroke: string;
	/** Draw the bar with diagonal white hatching over the fill. */
	hatch: boolean;
}

/** Okabe-Ito hues by meaning. */
export const colors = {
	committed: "#0072B2", // blue
	expected: "#E69F00", // orange
	delivered: "#009E73", // bluish green
	gap: "#D55E00", // vermillion
	other: "#CC79A7", // reddish purple
	sky: "#56B4E9", // sky blue
	neutral: "#767676", // grey (darker than Okabe-Ito's, for contrast)
} as const;

/** Chart furniture: axis text uses currentColor; these are the lines. */
export const ink = {
	grid: "#d5dae0",
	axis: "#59636e",
	/** The lines of the hatch pattern, drawn over the fill. */
	hatch: "#ffffff",
} as const;

const styles = {
	committed: { fill: colors.committed, stroke: colors.committed, hatch: false },
	expected: { fill: colors.expected, stroke: "#9A6700", hatch: true },
	delivered: { fill: colors.delivered, stroke: colors.delivered, hatch: false },
	gap: { fill: colors.gap, stroke: colors.gap, hatch: false },
	other: { fill: colors.other, stroke: "#9E4F7D", hatch: false },
	sky: { fill: colors.sky, stroke: "#2D6F96", hatch: false },
	neutral: { fill: colors.neutral, stroke: colors.neutral, hatch: false },
} as const satisfies Record<string, SeriesStyle>;

/** Series with another key get these, in order, by their position. */
const fallback: readonly SeriesStyle[] = [
	styles.committed,
	styles.expected,
	styles.delivered,
	styles.gap,
	styles.other,
	styles.sky,
	styles.neutral,
];

/**
 * The style of a series: by its key when it is a known meaning ("committed", "expected",
 * "delivered", "gap", "neutral"), else by its position. `color` and `hatch` override.
 */
export function seriesStyle(
	key: string,
	index: number,
	override?: { color?: string | undefined; hatch?: boolean | undefined },
): SeriesStyle {
	const known = Object.hasOwn(styles, key) ? styles[key as keyof typeof styles] : undefined;
	const style: SeriesStyle = { ...(known ?? fallback[index % fallback.length] ?? styles.neutral) };
	if (override?.color) {
		style.fill = override.color;
		style.stroke = override.color;
	}
	if (override?.hatch !== undefined) style.hatch = override.hatch;
	return style;
}
