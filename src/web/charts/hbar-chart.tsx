/**
 * Horizontal bars, one group per category (e.g. per goal: promised and delivered, or a
 * single series). Category labels sit before the bars (truncated to at most a third of the
 * width, full text in a `<title>`, the bar titles and the table); each bar ends with its value.
 * Negative values go left of the zero line. The height grows with the number of categories.
 */

import { ink } from "./palette.ts";
import { barTitle, type ChartBaseProps, Figure, safeId, styleSeries, valueAt } from "./parts.tsx";
import { linearScale, niceTicks, px } from "./scale.ts";
import { textWidth, truncate } from "./text.ts";

export interface HBarChartProps extends ChartBaseProps {
	/** Whole-number ticks only (for counts rather than money). */
	integer?: boolean;
	/** Show the value at the end of each bar (default true). */
	valueLabels?: boolean;
}

const FONT = 12;
const VALUE_FONT = 12;

export function HBarChart(props: HBarChartProps) {
	const id = safeId(props.id);
	const W = props.width ?? 640;
	const { categories } = props;
	const styled = styleSeries(id, props.series);
	const all = styled.flatMap((s) => categories.map((_, i) => valueAt(s, i)));
	const hasData = all.some((v) => v !== null);
	const hasNegative = all.some((v) => v !== null && v < 0);
	const ticks = niceTicks(all, 5, props.integer);
	const fmt = props.tableFormat ?? props.format;
	const showValues = props.valueLabels ?? true;

	const k = Math.max(1, styled.length);
	const barH = k === 1 ? 16 : Math.max(6, Math.min(12, 26 / k));
	const rowGap = 10;
	const rowH = k * barH + rowGap;
	const top = 4;
	const bottom = 22;
	const rowsH = Math.max(categories.length * rowH, 40);
	const H = top + rowsH + bottom;

	const labelRoom = W / 3;
	const labelW = Math.min(labelRoom, Math.max(0, ...categories.map((c) => textWidth(c, FONT))));
	const valueText = (v: number) => props.format(v);
	const valueW = showValues
		? Math.max(0, ...all.map((v) => (v === null ? 0 : textWidth(valueText(v), VALUE_FONT)))) + 6
		: 0;
	const x0 = labelW + 10 + (hasNegative ? valueW : 0);
	const tickLabels = ticks.ticks.map((t) => props.format(t));
	const widestTick = Math.max(0, ...tickLabels.map((l) => textWidth(l, FONT)));
	const x1 = W - 6 - Math.max(valueW, widestTick / 2); // room for the last tick label too
	const x = linearScale([ticks.min, ticks.max], [x0, x1]);
	const zero = x(0);

	const tickGap =
		ticks.ticks.length > 1 ? (x1 - x0) / (ticks.ticks.length - 1) : Number.POSITIVE_INFINITY;
	const zeroTick = ticks.ticks.indexOf(0); // thinned tick labels keep the zero one
	const tickEvery = widestTick + 8 > tickGap ? Math.ceil((widestTick + 8) / tickGap) : 1;

	return (
		<Figure {...props} id={id} kind="hbar" viewWidth={W} viewHeight={H} styled={styled}>
			<g class="chart-grid">
				{ticks.ticks.map((t, i) => (
					<g key={t}>
						{t !== 0 && (
							<line
								x1={px(x(t))}
								x2={px(x(t))}
								y1={top}
								y2={px(top + rowsH)}
								stroke={ink.grid}
								stroke-width="1"
							/>
						)}
						{(i - zeroTick) % tickEvery === 0 && (
							<text x={px(x(t))} y={px(H - 6)} text-anchor="middle" fill="currentColor">
								{tickLabels[i]}
							</text>
						)}
					</g>
				))}
			</g>
			<g class="chart-labels" text-anchor="end" fill="currentColor">
				{categories.map((category, i) => {
					const label = truncate(category, labelRoom, FONT);
					return (
						<text key={i} x={px(labelW)} y={px(top + i * rowH + rowH / 2)} dy="0.32em">
							{label}
							{label !== category && <title>{category}</title>}
						</text>
					);
				})}
			</g>
			<g class="chart-bars">
				{styled.map((s, j) => (
					<g key={s.key} fill={s.paint} stroke={s.style.stroke} stroke-width="1">
						{categories.map((category, i) => {
							const v = valueAt(s, i);
							if (v === null) return null;
							const xv = x(v);
							const y = top + i * rowH + rowGap / 2 + j * barH;
							return (
								<rect
									key={i}
									x={px(Math.min(xv, zero))}
									y={px(y)}
									// From the rounded ends: a negative bar meets the zero line exactly.
									width={px(px(Math.max(xv, zero)) - px(Math.min(xv, zero)))}
									height={px(barH - (k > 1 ? 1 : 0))}
								>
									<title>{barTitle(props.series, s, category, fmt(v))}</title>
								</rect>
							);
						})}
					</g>
				))}
			</g>
			{showValues && (
				<g class="chart-values" font-size={VALUE_FONT} fill="currentColor">
					{styled.map((s, j) =>
						categories.map((_, i) => {
							const v = valueAt(s, i);
							if (v === null) return null;
							const xv = x(v);
							const y = top + i * rowH + rowGap / 2 + j * barH + (barH - (k > 1 ? 1 : 0)) / 2;
							return (
								<text
									key={`${s.key}-${i}`}
									x={px(v < 0 ? xv - 4 : xv + 4)}
									y={px(y)}
									dy="0.32em"
									text-anchor={v < 0 ? "end" : "start"}
								>
									{valueText(v)}
								</text>
							);
						}),
					)}
				</g>
			)}
			<line
				x1={px(zero)}
				x2={px(zero)}
				y1={top}
				y2={px(top + rowsH)}
				stroke={ink.axis}
				stroke-width="1"
			/>
			{!hasData && (
				<text
					x={px((x0 + x1) / 2)}
					y={px(top + rowsH / 2)}
					dy="0.32em"
					text-anchor="middle"
					fill="currentColor"
				>
					{props.noDataLabel}
				</text>
			)}
		</Figure>
	);
}
