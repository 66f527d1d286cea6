/**
 * What every chart shares: the props, the figure (legend, accessible SVG, data table), the
 * hatch pattern and the value lookup. No inline styles anywhere (the CSP forbids them): SVG
 * presentation attributes and the classes of charts.css only.
 */
import type { ComponentChildren } from "preact";
import { ScrollRegion } from "../components/scroll-region.tsx";
import { ink, type SeriesStyle, seriesStyle } from "./palette.ts";
import { px } from "./scale.ts";
import { textWidth, truncate } from "./text.ts";

export interface ChartSeries {
	/** Stable key; "committed", "expected", "delivered", "gap", "neutral" pick their colour. */
	key: string;
	/** Translated label, shown in the legend, the bar titles and the table header. */
	label: string;
	/** One value per category, same order; null (or a missing/non-finite entry) = no data. */
	values: readonly (number | null)[];
	/** Overrides the palette colour. */
	color?: string;
	/** Overrides the hatching (by default only "expected" is hatched). */
	hatch?: boolean;
}

export interface ChartBaseProps {
	/** Unique in the page; prefixes every id inside the chart. */
	id: string;
	/** Short name of the chart: the SVG `<title>`. */
	title: string;
	/** The text alternative: a sentence or two that say what the chart shows. */
	description: string;
	/** Category labels (years, goals…), in display order; already translated. */
	categories: readonly string[];
	series: readonly ChartSeries[];
	/** Localised value formatter for axis and bar labels, e.g. compact US$. */
	format: (n: number) => string;
	/** Formatter for the data table and bar tooltips (exact numbers); defaults to `format`. */
	tableFormat?: (n: number) => string;
	/** Text of the `<summary>` that opens the data table (also the table's name). */
	tableCaption: string;
	/** Header of the table's first column (e.g. "Year", "Goal"). */
	categoryHeader: string;
	/** Said for a missing value in the table (shown "—") and shown when there is no data. */
	noDataLabel: string;
	/** Width of the viewBox in user units (default 640); the SVG scales to its container. */
	width?: number;
}

/** Ids must be valid and unique; anything odd in the caller's id becomes "-". */
export function safeId(id: string): string {
	const s = id.replace(/[^A-Za-z0-9_-]/g, "-");
	return /^[A-Za-z]/.test(s) ? s : `c-${s}`;
}

/** The value of a series at a category, or null when missing or not a finite number. */
export function valueAt(series: ChartSeries, index: number): number | null {
	const v = series.values[index];
	return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export interface StyledSeries extends ChartSeries {
	style: SeriesStyle;
	/** The `fill` attribute to use: the colour, or the url() of its hatch pattern. */
	paint: string;
	/** Id of the hatch pattern (when hatched). */
	patternId: string;
}

export function styleSeries(id: string, series: readonly ChartSeries[]): StyledSeries[] {
	return series.map((s, i) => {
		const style = seriesStyle(s.key, i, { color: s.color, hatch: s.hatch });
		const patternId = `${id}-hatch-${i}`;
		return { ...s, style, patternId, paint: style.hatch ? `url(#${patternId})` : style.fill };
	});
}

/** Diagonal white lines over the fill: the non-colour mark of a hatched series. */
export function Hatch(props: { id: string; fill: string }) {
	return (
		<pattern
			id={props.id}
			patternUnits="userSpaceOnUse"
			width="6"
			height="6"
			patternTransform="rotate(45)"
		>
			<rect width="6" height="6" fill={props.fill} />
			<rect width="2" height="6" fill={ink.hatch} />
		</pattern>
	);
}

export function HatchDefs(props: { series: readonly StyledSeries[] }) {
	const hatched = props.series.filter((s) => s.style.hatch);
	if (!hatched.length) return null;
	return (
		<defs>
			{hatched.map((s) => (
				<Hatch key={s.key} id={s.patternId} fill={s.style.fill} />
			))}
		</defs>
	);
}

/** Series labels with swatches, in HTML so long translations wrap and stay legible. */
export function Legend(props: { id: string; series: readonly StyledSeries[] }) {
	if (props.series.length < 2) return null;
	return (
		<ul class="chart-legend">
			{props.series.map((s, i) => {
				const pid = `${props.id}-swatch-${i}`;
				return (
					<li key={s.key}>
						<svg
							class="chart-swatch"
							width="14"
							height="14"
							viewBox="0 0 14 14"
							aria-hidden="true"
							focusable="false"
						>
							{s.style.hatch && (
								<defs>
									<Hatch id={pid} fill={s.style.fill} />
								</defs>
							)}
							<rect
								x="0.5"
								y="0.5"
								width="13"
								height="13"
								fill={s.style.hatch ? `url(#${pid})` : s.style.fill}
								stroke={s.style.stroke}
							/>
						</svg>
						<span>{s.label}</span>
					</li>
				);
			})}
		</ul>
	);
}

/** The exact numbers, one row per category, behind a disclosure. Flows with the page. */
export function DataTable(props: ChartBaseProps & { id: string }) {
	const fmt = props.tableFormat ?? props.format;
	const captionId = `${props.id}-table`;
	if (!props.categories.length) return null;
	return (
		<details class="chart-data">
			<summary id={captionId}>{props.tableCaption}</summary>
			<table aria-labelledby={captionId}>
				<thead>
					<tr>
						<th scope="col">{props.categoryHeader}</th>
						{props.series.map((s) => (
							<th key={s.key} scope="col" class="num">
								{s.label}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{props.categories.map((category, i) => (
						<tr key={i}>
							<th scope="row">{category}</th>
							{props.series.map((s) => {
								const v = valueAt(s, i);
								return (
									<td key={s.key} class="num">
										{v === null ? (
											<>
												<span aria-hidden="true">—</span>
												<span class="chart-sr-only">{props.noDataLabel}</span>
											</>
										) : (
											fmt(v)
										)}
									</td>
								);
							})}
						</tr>
					))}
				</tbody>
			</table>
		</details>
	);
}

/** `<figure>`: legend, then the SVG (role="img", named by its title and desc), then the table. */
export function Figure(
	props: ChartBaseProps & {
		id: string;
		kind: string;
		viewWidth: number;
		viewHeight: number;
		styled: readonly StyledSeries[];
		children: ComponentChildren;
		/** Replaces the swatch legend (a line chart shows line swatches). */
		legend?: ComponentChildren;
		/** False when the page shows the same numbers in a fuller table of its own. */
		table?: boolean;
	},
) {
	const { id } = props;
	return (
		<figure class={`chart chart-${props.kind}`}>
			{props.legend ?? <Legend id={id} series={props.styled} />}
			<ScrollRegion label={props.title}>
				<svg
					class="chart-svg"
					viewBox={`0 0 ${props.viewWidth} ${props.viewHeight}`}
					width={props.viewWidth}
					height={props.viewHeight}
					role="img"
					aria-labelledby={`${id}-title ${id}-desc`}
					direction="ltr"
					font-size="12"
				>
					<title id={`${id}-title`}>{props.title}</title>
					<desc id={`${id}-desc`}>{props.description}</desc>
					<HatchDefs series={props.styled} />
					{props.children}
				</svg>
			</ScrollRegion>
			{props.table !== false && <DataTable {...props} />}
		</figure>
	);
}

/** Bar tooltip text: "Series, category: value" (just "category: value" for one series). */
export function barTitle(
	series: readonly ChartSeries[],
	s: ChartSeries,
	category: string,
	text: string,
): string {
	return series.length > 1 ? `${s.label}, ${category}: ${text}` : `${category}: ${text}`;
}

/**
 * The category axis under a chart: a tick and a label per shown category, each label
 * cut to the room it has (its full text as a tooltip) and kept inside the drawing.
 */
export function CategoryAxis(props: {
	categories: readonly string[];
	labels: { room: number; show: (i: number) => boolean };
	/** The x of category i's centre. */
	center: (i: number) => number;
	width: number;
	height: number;
	bottom: number;
	font: number;
}) {
	const { width: W, height: H, bottom, font } = props;
	return (
		<g class="chart-x" text-anchor="middle" fill="currentColor">
			{props.categories.map((category, i) => {
				if (!props.labels.show(i)) return null;
				const cx = props.center(i);
				const label = truncate(category, props.labels.room, font);
				const half = textWidth(label, font) / 2;
				const x = Math.min(Math.max(cx, half + 1), W - half - 1);
				return (
					<g key={i}>
						<line
							x1={px(cx)}
							x2={px(cx)}
							y1={px(H - bottom)}
							y2={px(H - bottom + 4)}
							stroke={ink.axis}
						/>
						<text x={px(x)} y={H - 8}>
							{label}
							{label !== category && <title>{category}</title>}
						</text>
					</g>
				);
			})}
		</g>
	);
}

/** Said in the middle of the plot when there is nothing to draw. */
export function NoDataNote(props: { x: number; y: number; label: string }) {
	return (
		<text x={px(props.x)} y={px(props.y)} text-anchor="middle" fill="currentColor">
			{props.label}
		</text>
	);
}
