/**
 * Lines over consecutive categories (years): e.g. the share of national income a donor gave
 * each year against the share it promised. Same figure as the bar charts (title and desc on
 * the SVG, HTML legend, the numbers as a table), with what lines need besides:
 * - A missing value breaks the line: the years either side are not joined, so a year that
 *   was never published never reads as a figure (nor as zero). A value with no neighbour
 *   is drawn as a point, or it would vanish.
 * - Colour is never the only channel: a target is dashed, a path dotted, measured values
 *   carry points; the legend draws each line as it is drawn in the chart.
 * - Lines use the palette's outline shade, which reaches 3:1 on white (WCAG 1.4.11).
 * - Zero is on the axis, as in the bar charts: a share of 0.3 % against 0.7 % must look
 *   like less than half, not like a cliff.
 * - Right to left: the SVG keeps `direction="ltr"` (Figure) so time runs left to right and
 *   the text anchors stay where they are computed, as in the other charts; the legend and
 *   the table are HTML and follow the page's direction.
 */
import { labelStep } from "./bar-chart.tsx";
import { ink } from "./palette.ts";
import {
	barTitle,
	CategoryAxis,
	type ChartBaseProps,
	type ChartSeries,
	Figure,
	NoDataNote,
	type StyledSeries,
	safeId,
	styleSeries,
	valueAt,
} from "./parts.tsx";
import { linearScale, niceTicks, px } from "./scale.ts";
import { textWidth } from "./text.ts";

export type LineKind = "solid" | "dashed" | "dotted";

export interface LineSeries extends ChartSeries {
	/** solid (measured values, the default), dashed (a target), dotted (a path towards it). */
	line?: LineKind;
	/** A point on every value; by default only on solid lines. Lone values always get one. */
	points?: boolean;
}

export interface LineChartProps extends Omit<ChartBaseProps, "series"> {
	series: readonly LineSeries[];
	/** Height of the viewBox in user units (default 280). */
	height?: number;
	/** False when the page shows the same numbers (and more) in its own table next to the chart. */
	table?: boolean;
}

const FONT = 12;
const dashes: Record<LineKind, string | undefined> = {
	solid: undefined,
	dashed: "7 4",
	dotted: "2 3",
};

/** Runs of consecutive present values: each run is one line; a missing value ends a run. */
export function segments(values: readonly (number | null)[]): [number, number][][] {
	const runs: [number, number][][] = [];
	let run: [number, number][] = [];
	values.forEach((v, i) => {
		if (typeof v === "number" && Number.isFinite(v)) run.push([i, v]);
		else if (run.length) {
			runs.push(run);
			run = [];
		}
	});
	if (run.length) runs.push(run);
	return runs;
}

const lineOf = (s: LineSeries): LineKind => s.line ?? "solid";
const pointsOf = (s: LineSeries): boolean => s.points ?? lineOf(s) === "solid";

/** The legend: each series drawn as a short stretch of its own line (and point). */
function LineLegend(props: { series: readonly (StyledSeries & LineSeries)[] }) {
	if (props.series.length < 2) return null;
	return (
		<ul class="chart-legend">
			{props.series.map((s) => (
				<li key={s.key}>
					<svg
						class="chart-swatch"
						width="28"
						height="14"
						viewBox="0 0 28 14"
						aria-hidden="true"
						focusable="false"
					>
						<line
							x1="1"
							x2="27"
							y1="7"
							y2="7"
							stroke={s.style.stroke}
							stroke-width="2.5"
							stroke-dasharray={dashes[lineOf(s)]}
						/>
						{pointsOf(s) && <circle cx="14" cy="7" r="3.5" fill={s.style.stroke} />}
					</svg>
					<span>{s.label}</span>
				</li>
			))}
		</ul>
	);
}

export function LineChart(props: LineChartProps) {
	const id = safeId(props.id);
	const W = props.width ?? 640;
	const H = props.height ?? 280;
	const { categories } = props;
	// Lines are never hatched: the dash pattern is their non-colour mark.
	const styled = styleSeries(
		id,
		props.series.map((s) => ({ ...s, hatch: false })),
	) as (StyledSeries & LineSeries)[];
	const all = styled.flatMap((s) => categories.map((_, i) => valueAt(s, i)));
	const hasData = all.some((v) => v !== null);
	const ticks = niceTicks(all, 5);
	const tickLabels = ticks.ticks.map((t) => props.format(t));
	const fmt = props.tableFormat ?? props.format;

	const top = 10;
	const bottom = 26;
	const left = Math.min(W * 0.3, Math.max(24, ...tickLabels.map((l) => textWidth(l, FONT))) + 10);
	const right = 12;
	const inset = 8; // room for the first and last points inside the plot
	const plotW = W - left - right;
	const n = categories.length;
	const step = n > 1 ? (plotW - 2 * inset) / (n - 1) : 0;
	const x = (i: number) => (n > 1 ? left + inset + i * step : left + plotW / 2);
	const y = linearScale([ticks.min, ticks.max], [H - bottom, top]);
	const labels = labelStep(categories, n > 1 ? step : plotW);

	return (
		<Figure
			{...props}
			id={id}
			kind="line"
			viewWidth={W}
			viewHeight={H}
			styled={styled}
			legend={<LineLegend series={styled} />}
		>
			<g class="chart-grid">
				{ticks.ticks.map((t, i) => (
					<g key={t}>
						<line
							x1={px(left)}
							x2={px(W - right)}
							y1={px(y(t))}
							y2={px(y(t))}
							stroke={t === 0 ? ink.axis : ink.grid}
							stroke-width="1"
						/>
						<text x={px(left - 6)} y={px(y(t))} dy="0.32em" text-anchor="end" fill="currentColor">
							{tickLabels[i]}
						</text>
					</g>
				))}
			</g>
			<g class="chart-lines" fill="none" stroke-linejoin="round" stroke-linecap="round">
				{styled.map((s) =>
					segments(categories.map((_, i) => valueAt(s, i)))
						.filter((run) => run.length > 1)
						.map((run) => (
							<polyline
								key={`${s.key}-${run[0]?.[0]}`}
								points={run.map(([i, v]) => `${px(x(i))},${px(y(v))}`).join(" ")}
								stroke={s.style.stroke}
								stroke-width={lineOf(s) === "solid" ? 2.5 : 2}
								stroke-dasharray={dashes[lineOf(s)]}
							/>
						)),
				)}
			</g>
			<g class="chart-points">
				{styled.map((s) => {
					const values = categories.map((_, i) => valueAt(s, i));
					const lone = new Set(
						segments(values)
							.filter((r) => r.length === 1)
							.map((r) => r[0]?.[0]),
					);
					return (
						<g key={s.key} fill={s.style.stroke} stroke={ink.hatch} stroke-width="1">
							{values.map((v, i) => {
								if (v === null || !(pointsOf(s) || lone.has(i))) return null;
								return (
									<circle key={i} cx={px(x(i))} cy={px(y(v))} r="3.5">
										<title>{barTitle(props.series, s, categories[i] ?? "", fmt(v))}</title>
									</circle>
								);
							})}
						</g>
					);
				})}
			</g>
			<CategoryAxis
				categories={categories}
				labels={labels}
				center={x}
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
