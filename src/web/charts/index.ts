/** Accessible server-rendered SVG charts (see bar-chart.tsx, hbar-chart.tsx, palette.ts). */
export { BarChart, type BarChartProps } from "./bar-chart.tsx";
export { HBarChart, type HBarChartProps } from "./hbar-chart.tsx";
export { LineChart, type LineChartProps, type LineKind, type LineSeries } from "./line-chart.tsx";
export { colors, type SeriesStyle, seriesStyle } from "./palette.ts";
export type { ChartBaseProps, ChartSeries } from "./parts.tsx";
export { linearScale, niceStep, niceTicks, type Ticks } from "./scale.ts";
