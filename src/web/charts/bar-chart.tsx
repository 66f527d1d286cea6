/**
 * Vertical grouped bars over categories (usually years): per category one bar per series,
 * e.g. committed, expected by then, delivered. Zero is the baseline; negative values go below
 * it. With many categories the bars thin out and only every n-th label is shown (at round
 * years when the categories are consecutive years), so 40 years still fit the viewBox.
 */

import { ink } from "./palette.ts";
import {
	barTitle,
	CategoryAxis,
	type ChartBaseProps,
	Figure,
	NoDataNote,
	safeId,
	styleSeries,
	valueAt,
} from "./parts.tsx";
import { linearScale, niceTicks, px } from "./scale.ts";
import { textWidth } from "./text.ts";

export interface BarChartProps extends ChartBaseProps {
	/** Height of the viewBox in user units (default 300). */
	height?: number;
	/** Whole-number ticks only (for counts rather than money). */
	integer?: boolean;
}

const FONT = 12;
const MAX_BAR = 48;
/** Label intervals tried, smallest first, when not every category label fits. */
const LABEL_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/**
 * Which category labels to show: every one if they fit, else every n-th (`step`), plus the
 * room each shown label has.
 */
export function labelStep(
	categories: readonly string[],
	band: number,
): { step: number; room: number; show: (i: number) => boolean } {
	const widest = Math.max(0, ...categories.map((c) => textWidth(c, FONT)));
	const needed = Math.ceil((widest + 6) / Math.max(band, 1e-6));
	const step = LABEL_STEPS.find((s) => s >= needed) ?? Math.max(1, needed);
	const room = band * step - 6;
	if (step === 1) return { step, room, show: () => true };
	const numbers = categories.map((c) => (/^-?\d+$/.test(c.trim()) ? Number(c) : Number.NaN));
	const first = numbers[0] ?? Number.NaN;
	const consecutive = numbers.every((n, i) => n === first + i);
	const round = (i: number) => (first + i) % step === 0;
	// Consecutive years: label the round ones (2005, 2010…) if there are any; else every step-th.
	const show =
		consecutive && categories.some((_, i) => round(i)) ? round : (i: number) => i % step === 0;
	return { step, room, show };
}

export function BarChart(props: BarChartProps) {
	const id = safeId(props.id);
	const W = props.width ?? 640;
	const H = props.height ?? 300;
	const { categories } = props;
	const styled = styleSeries(id, props.series);
	const all = styled.flatMap((s) => categories.map((_, i) => valueAt(s, i)));
	const hasData = all.some((v) => v !== null);
	const ticks = niceTicks(all, 5, props.integer);
	const tickLabels = ticks.ticks.map((t) => props.format(t));
	const fmt = props.tableFormat ?? props.format;

	const top = 10;
	const bottom = 26;
	const left = Math.min(W * 0.3, Math.max(24, ...tickLabels.map((l) => textWidth(l, FONT))) + 10);
	const right = 8;
	const plotW = W - left - right;
	const y = linearScale([ticks.min, ticks.max], [H - bottom, top]);
	const y0 = y(0);

	const n = Math.max(1, categories.length);
	const k = Math.max(1, styled.length);
	const band = plotW / n;
	const groupW = Math.min(band * 0.8, k * MAX_BAR);
	const slot = groupW / k;
	const gap = k > 1 ? Math.min(2, slot * 0.15) : 0;
	const barW = slot - gap;
	const strokeWidth = barW < 4 ? 0.5 : 1;
	const labels = labelStep(categories, band);

	return (
		<Figure {...props} id={id} kind="bar" viewWidth={W} viewHeight={H} styled={styled}>
			<g class="chart-grid">
				{ticks.ticks.map((t, i) => (
					<g key={t}>
						{t !== 0 && (
							<line
								x1={px(left)}
								x2={px(W - right)}
								y1={px(y(t))}
								y2={px(y(t))}
								stroke={ink.grid}
								stroke-width="1"
							/>
						)}
						<text x={px(left - 6)} y={px(y(t))} dy="0.32em" text-anchor="end" fill="currentColor">
							{tickLabels[i]}
						</text>
					</g>
				))}
			</g>
			<g class="chart-bars">
				{styled.map((s, j) => (
					<g key={s.key} fill={s.paint} stroke={s.style.stroke} stroke-width={strokeWidth}>
						{categories.map((category, i) => {
							const v = valueAt(s, i);
							if (v === null) return null;
							const yv = y(v);
							const x = left + i * band + (band - groupW) / 2 + j * slot + gap / 2;
							return (
								<rect
									key={i}
									x={px(x)}
									y={px(Math.min(yv, y0))}
									width={px(barW)}
									height={px(Math.abs(y0 - yv))}
								>
									<title>{barTitle(props.series, s, category, fmt(v))}</title>
								</rect>
							);
						})}
					</g>
				))}
			</g>
			<line
				x1={px(left)}
				x2={px(W - right)}
				y1={px(y0)}
				y2={px(y0)}
				stroke={ink.axis}
				stroke-width="1"
			/>
			<CategoryAxis
				categories={categories}
				labels={labels}
				center={(i) => left + (i + 0.5) * band}
				width={W}
				height={H}
				bottom={bottom}
				font={FONT}
			/>
			{!hasData && (
				<NoDataNote x={left + plotW / 2} y={(top + H - bottom) / 2} label={props.noDataLabel} />
			)}
		</Figure>
	);
}
