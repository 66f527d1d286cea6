import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderToString } from "preact-render-to-string";
import { LineChart, type LineChartProps, segments } from "./line-chart.tsx";
import { colors } from "./palette.ts";

const pct = (n: number) => `${n.toFixed(1)}%`;

function props(over: Partial<LineChartProps> = {}): LineChartProps {
	return {
		id: "share",
		title: "ODA as a share of GNI",
		description: "Below the target most years.",
		categories: ["2010", "2011", "2012", "2013", "2014"],
		series: [
			{ key: "delivered", label: "Achieved", values: [0.5, 0.55, null, 0.7, 0.72] },
			{ key: "gap", label: "Target", values: [null, null, null, 0.7, 0.7], line: "dashed" },
			{ key: "expected", label: "Path", values: [0.5, 0.6, 0.65, 0.7, null], line: "dotted" },
		],
		format: pct,
		tableFormat: (n) => `${n.toFixed(2)}%`,
		tableCaption: "Data table",
		categoryHeader: "Year",
		noDataLabel: "not published",
		...over,
	};
}

/** Every element `tag` inside the group with class `group`, as attribute maps. */
function elements(html: string, group: string, tag: string): Record<string, string>[] {
	const part = html.split(`<g class="${group}"`)[1]?.split('<g class="chart-')[0] ?? "";
	return [...part.matchAll(new RegExp(`<${tag} ([^>]*?)/?>`, "g"))].map((m) =>
		Object.fromEntries([...(m[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
	);
}

function assertFinite(html: string) {
	assert.doesNotMatch(html, /NaN|Infinity|undefined/);
	for (const m of html.matchAll(/\s(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"/g))
		assert.ok(Number.isFinite(Number(m[1])), `finite ${m[1]}`);
	for (const m of html.matchAll(/points="([^"]*)"/g))
		for (const c of (m[1] ?? "").split(/[ ,]/)) assert.ok(Number.isFinite(Number(c)), c);
}

const points = (p: Record<string, string>) =>
	(p.points ?? "").split(" ").map((xy) => xy.split(",").map(Number) as [number, number]);

describe("segments", () => {
	test("a missing value ends a run; lone values are runs of one", () => {
		assert.deepEqual(segments([1, 2, null, 4]), [
			[
				[0, 1],
				[1, 2],
			],
			[[3, 4]],
		]);
		assert.deepEqual(segments([null, null]), []);
		assert.deepEqual(segments([Number.NaN, 3, Number.POSITIVE_INFINITY]), [[[1, 3]]]);
	});
});

describe("LineChart", () => {
	const html = renderToString(<LineChart {...props()} />);

	test("figure, svg with title and desc named through aria-labelledby, no inline style", () => {
		assert.match(html, /^<figure class="chart chart-line">/);
		assert.match(html, /role="img"/);
		assert.match(html, /aria-labelledby="share-title share-desc"/);
		assert.match(html, /<title id="share-title">ODA as a share of GNI<\/title>/);
		assert.match(html, /<desc id="share-desc">Below the target most years.<\/desc>/);
		assert.doesNotMatch(html, /style=|<style/);
		assertFinite(html);
	});

	test("a missing year breaks the line instead of joining or dropping to zero", () => {
		const lines = elements(html, "chart-lines", "polyline");
		const achieved = lines.filter((l) => l.stroke === colors.delivered);
		assert.equal(achieved.length, 2, "two runs around the missing 2012");
		const [first, second] = achieved.map(points);
		assert.equal(first?.length, 2);
		assert.equal(second?.length, 2);
		// No point of the achieved line sits on the zero line.
		const zero = Number(elements(html, "chart-grid", "line")[0]?.y1);
		for (const [, py] of [...(first ?? []), ...(second ?? [])]) assert.notEqual(py, zero);
	});

	test("values are placed proportionally on a zero-based axis, years evenly spaced", () => {
		// Only the solid series carries points: the four achieved values.
		const circles = elements(html, "chart-points", "circle");
		assert.equal(circles.length, 4);
		const ys = circles.map((c) => Number(c.cy));
		const xs = circles.map((c) => Number(c.cx));
		const grid = elements(html, "chart-grid", "line").map((l) => Number(l.y1));
		const y0 = Math.max(...grid);
		const unit = (y0 - (ys[0] ?? 0)) / 0.5;
		[0.5, 0.55, 0.7, 0.72].forEach((v, i) => {
			assert.ok(Math.abs(y0 - (ys[i] ?? 0) - v * unit) < 0.05, `point ${i} at ${v}`);
		});
		const dx = (xs[1] ?? 0) - (xs[0] ?? 0);
		assert.ok(Math.abs((xs[2] ?? 0) - (xs[0] ?? 0) - 3 * dx) < 0.05, "2013 is three steps on");
		assert.ok(html.includes(">0.0%</text>"), "zero tick");
		assert.ok(html.includes(">0.8%</text>"), "top tick covers the max");
	});

	test("a target is dashed, a path dotted, in the chart and in the legend", () => {
		const lines = elements(html, "chart-lines", "polyline");
		const target = lines.find((l) => l.stroke === colors.gap);
		assert.equal(target?.["stroke-dasharray"], "7 4");
		const path = lines.find((l) => l.stroke === "#9A6700");
		assert.equal(path?.["stroke-dasharray"], "2 3");
		assert.match(html, /<ul class="chart-legend">/);
		for (const label of ["Achieved", "Target", "Path"])
			assert.ok(html.includes(`<span>${label}</span>`), label);
		assert.match(
			html,
			/<line x1="1" x2="27" y1="7" y2="7" stroke="#D55E00"[^>]*stroke-dasharray="7 4"/,
		);
	});

	test("points have titles with series, year and exact value; lone values get a point", () => {
		assert.match(html, /<title>Achieved, 2014: 0\.72%<\/title>/);
		assert.doesNotMatch(html, /<title>Achieved, 2012/);
		const lone = renderToString(
			<LineChart
				{...props({
					series: [
						{ key: "gap", label: "Target", values: [null, 0.56, null, null, null], line: "dashed" },
					],
				})}
			/>,
		);
		assert.equal(elements(lone, "chart-lines", "polyline").length, 0);
		assert.match(lone, /<circle [^>]*><title>2011: 0\.56%<\/title>/);
	});

	test("table: one row per year, — with the missing text, or no table when the page has its own", () => {
		const table = html.slice(html.indexOf("<details"));
		assert.match(table, /<summary id="share-table">Data table<\/summary>/);
		assert.equal([...table.matchAll(/<tr><th scope="row">/g)].length, 5);
		assert.match(
			table,
			/<th scope="row">2012<\/th><td class="num"><span aria-hidden="true">—<\/span><span class="chart-sr-only">not published<\/span>/,
		);
		const bare = renderToString(<LineChart {...props({ table: false })} />);
		assert.doesNotMatch(bare, /<details/);
	});

	test("right to left: time still runs left to right, labels in order inside the viewBox", () => {
		const rtl = renderToString(
			<div dir="rtl" lang="ar">
				<LineChart {...props({ categories: ["٢٠١٠", "٢٠١١", "٢٠١٢", "٢٠١٣", "٢٠١٤"] })} />
			</div>,
		);
		assert.match(rtl, /direction="ltr"/);
		const xs = [...(rtl.split('<g class="chart-x"')[1] ?? "").matchAll(/<text x="([^"]+)"/g)].map(
			(m) => Number(m[1]),
		);
		assert.ok(xs.length >= 2);
		for (let i = 1; i < xs.length; i++) assert.ok((xs[i] ?? 0) > (xs[i - 1] ?? 0), "increasing");
		for (const x of xs) assert.ok(x > 0 && x < 640);
		assertFinite(rtl);
	});

	test("empty, all missing, one year and 25 years render without NaN", () => {
		const cases: Partial<LineChartProps>[] = [
			{ categories: [], series: [] },
			{ series: [{ key: "a", label: "A", values: [null, null, null, null, null] }] },
			{ categories: ["2024"], series: [{ key: "a", label: "A", values: [0.5] }] },
			{
				categories: Array.from({ length: 25 }, (_, i) => String(2000 + i)),
				series: [{ key: "a", label: "A", values: Array.from({ length: 25 }, (_, i) => i / 10) }],
			},
		];
		for (const c of cases) assertFinite(renderToString(<LineChart {...props(c)} />));
		const none = renderToString(
			<LineChart {...props({ series: [{ key: "a", label: "A", values: [null, null] }] })} />,
		);
		assert.match(none, />not published<\/text>/);
	});

	test("labels are escaped", () => {
		const out = renderToString(
			<LineChart
				{...props({
					title: "<script>alert(1)</script>",
					series: [{ key: "a", label: "<b>x</b>", values: [1, 2, 3, 4, 5] }],
				})}
			/>,
		);
		assert.doesNotMatch(out, /<script>|<b>/);
	});
});
