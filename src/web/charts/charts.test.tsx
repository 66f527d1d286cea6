import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderToString } from "preact-render-to-string";
import { BarChart, type BarChartProps } from "./bar-chart.tsx";
import { HBarChart, type HBarChartProps } from "./hbar-chart.tsx";
import { colors, seriesStyle } from "./palette.ts";
import { linearScale, niceStep, niceTicks } from "./scale.ts";
import { textWidth, truncate } from "./text.ts";

const usd = new Intl.NumberFormat("en", {
	style: "currency",
	currency: "USD",
	notation: "compact",
	minimumFractionDigits: 0,
	maximumFractionDigits: 1,
});
const exact = new Intl.NumberFormat("en", { style: "currency", currency: "USD" });

function barProps(over: Partial<BarChartProps> = {}): BarChartProps {
	return {
		id: "flows",
		title: "Promised and delivered, by year",
		description: "Delivery lags commitments every year.",
		categories: ["2019", "2020", "2021"],
		series: [
			{ key: "committed", label: "Committed", values: [100, 200, 400] },
			{ key: "expected", label: "Expected", values: [50, 150, 300] },
			{ key: "delivered", label: "Delivered", values: [25, null, 0] },
		],
		format: (n) => usd.format(n),
		tableFormat: (n) => exact.format(n),
		tableCaption: "Data table",
		categoryHeader: "Year",
		noDataLabel: "no data",
		...over,
	};
}

function hbarProps(over: Partial<HBarChartProps> = {}): HBarChartProps {
	return {
		...barProps(),
		id: "goals",
		categories: ["Goal 1", "Goal 2"],
		series: [
			{ key: "committed", label: "Promised", values: [1e9, 5e8] },
			{ key: "delivered", label: "Delivered", values: [4e8, 5e8] },
		],
		categoryHeader: "Goal",
		...over,
	};
}

/** Attributes of every element `tag` inside the chart's bars group(s). */
function rects(html: string): Record<string, string>[] {
	const bars = html.split('<g class="chart-bars">')[1]?.split('<g class="chart-')[0] ?? "";
	return [...bars.matchAll(/<rect ([^>]*)>/g)].map((m) =>
		Object.fromEntries([...(m[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
	);
}

function viewBox(html: string): [number, number, number, number] {
	const m = /<svg class="chart-svg" viewBox="([^"]+)"/.exec(html);
	assert.ok(m, "main svg has a viewBox");
	return (m[1] ?? "").split(" ").map(Number) as [number, number, number, number];
}

/** Every numeric coordinate attribute in the markup. */
function coordinates(html: string): number[] {
	return [...html.matchAll(/\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g)].map((m) =>
		Number(m[1]),
	);
}

function assertFinite(html: string) {
	assert.doesNotMatch(html, /NaN|Infinity|undefined/);
	for (const c of coordinates(html)) assert.ok(Number.isFinite(c), `finite coordinate ${c}`);
}

describe("scale", () => {
	test("steps are 1, 2, 2.5 or 5 × 10^n", () => {
		for (const raw of [0.003, 0.7, 1, 1.3, 2.2, 3, 7, 42, 1234, 9.99e11, 3.3e12]) {
			const step = niceStep(raw);
			assert.ok(step >= raw, `${step} ≥ ${raw}`);
			const mantissa = step / 10 ** Math.floor(Math.log10(step));
			assert.ok(
				[1, 2, 2.5, 5].some((m) => Math.abs(m - mantissa) < 1e-9),
				`${step} is nice`,
			);
		}
		assert.equal(niceStep(0.24, true), 1);
		assert.equal(niceStep(2.2, true), 5);
	});

	test("ticks are nice, include zero, and cover the data", () => {
		for (const values of [
			[7],
			[100, 200, 400],
			[0.3],
			[1e12],
			[999_999_999_999],
			[-30, 80],
			[-5],
		]) {
			const t = niceTicks(values);
			assert.ok(t.ticks.includes(0), `0 in ${t.ticks}`);
			assert.ok(t.max >= Math.max(...values), `${t.max} covers ${values}`);
			assert.ok(t.min <= Math.min(0, ...values), `${t.min} covers ${values}`);
			assert.equal(t.ticks.at(0), t.min);
			assert.equal(t.ticks.at(-1), t.max);
			assert.ok(t.ticks.length >= 2 && t.ticks.length <= 8, `${t.ticks.length} ticks`);
			for (let i = 1; i < t.ticks.length; i++) {
				const d = (t.ticks[i] ?? 0) - (t.ticks[i - 1] ?? 0);
				assert.ok(Math.abs(d - t.step) <= t.step * 1e-9, "evenly spaced");
			}
		}
		assert.deepEqual(niceTicks([100, 200, 400]).ticks, [0, 100, 200, 300, 400]);
		assert.deepEqual(niceTicks([1e12]).ticks, [0, 2e11, 4e11, 6e11, 8e11, 1e12]);
		assert.deepEqual(niceTicks([0.3]).ticks, [0, 0.1, 0.2, 0.3]);
		assert.deepEqual(niceTicks([9]).ticks, [0, 2, 4, 6, 8, 10]);
		assert.deepEqual(niceTicks([1]).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
		assert.deepEqual(niceTicks([-30, 80]).ticks, [-50, -25, 0, 25, 50, 75, 100]);
	});

	test("no data, all zero and non-finite values give a safe domain", () => {
		for (const values of [[], [0, 0], [null, null], [Number.NaN, Number.POSITIVE_INFINITY]]) {
			assert.deepEqual(niceTicks(values), { min: 0, max: 1, step: 0, ticks: [0] });
		}
		assert.equal(linearScale([0, 0], [10, 20])(5), 10);
		assert.equal(linearScale([0, 10], [100, 0])(5), 50);
	});
});

describe("palette and text", () => {
	test("known keys get their colour, others go by position, overrides win", () => {
		assert.equal(seriesStyle("delivered", 0).fill, colors.delivered);
		assert.equal(seriesStyle("expected", 5).hatch, true);
		assert.equal(seriesStyle("whatever", 0).fill, colors.committed);
		assert.equal(seriesStyle("delivered", 0, { color: "#000000", hatch: true }).fill, "#000000");
		assert.equal(seriesStyle("delivered", 0, { hatch: true }).hatch, true);
	});

	test("truncation keeps within the width, at grapheme boundaries", () => {
		const long = "Goal 17: Strengthen the means of implementation and revitalize the partnership";
		const cut = truncate(long, 100, 12);
		assert.ok(cut.endsWith("…"), `cut.endsWith("…")`);
		assert.ok(textWidth(cut, 12) <= 100, `textWidth(cut, 12) <= 100`);
		assert.equal(truncate("Goal 1", 100, 12), "Goal 1");
		assert.ok(
			textWidth("目标一", 12) > textWidth("abc", 12),
			`textWidth("目标一", 12) > textWidth("abc", 12)`,
		);
		assert.doesNotMatch(truncate("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 30, 12), /\u200D…/);
	});
});

describe("BarChart", () => {
	const html = renderToString(<BarChart {...barProps()} />);

	test("figure, svg with title and desc named through aria-labelledby", () => {
		assert.match(html, /^<figure class="chart chart-bar">/);
		assert.match(html, /role="img"/);
		assert.match(html, /aria-labelledby="flows-title flows-desc"/);
		assert.match(html, /direction="ltr"/);
		assert.match(html, /<title id="flows-title">Promised and delivered, by year<\/title>/);
		assert.match(html, /<desc id="flows-desc">Delivery lags commitments every year.<\/desc>/);
		assert.doesNotMatch(html, /style=|<style/);
	});

	test("bar heights are proportional to the values", () => {
		const bars = rects(html);
		// committed 100, 200, 400; expected 50, 150, 300; delivered 25, (null), 0
		const heights = bars.map((b) => Number(b.height));
		assert.equal(heights.length, 8, "null draws nothing");
		const unit = (heights[0] ?? 0) / 100;
		const expected = [100, 200, 400, 50, 150, 300, 25, 0];
		expected.forEach((v, i) => {
			assert.ok(Math.abs((heights[i] ?? -1) - v * unit) < 0.02, `bar ${i}: ${heights[i]} ~ ${v}`);
		});
		// all bars stand on the same baseline
		const bottoms = bars.map((b) => Number(b.y) + Number(b.height));
		for (const b of bottoms)
			assert.ok(Math.abs(b - (bottoms[0] ?? 0)) < 0.02, `Math.abs(b - (bottoms[0] ?? 0)) < 0.02`);
	});

	test("each bar has a title with series, category and value", () => {
		assert.match(html, /<title>Committed, 2021: \$400\.00<\/title>/);
		assert.match(html, /<title>Delivered, 2021: \$0\.00<\/title>/);
		assert.doesNotMatch(html, /<title>Delivered, 2020/);
	});

	test("y axis has formatted nice ticks covering the max", () => {
		for (const label of ["$0", "$100", "$200", "$300", "$400"]) {
			assert.ok(html.includes(`>${label}</text>`), label);
		}
	});

	test("legend lists the series, hatches the expected series", () => {
		assert.match(html, /<ul class="chart-legend">/);
		for (const label of ["Committed", "Expected", "Delivered"])
			assert.ok(html.includes(`<span>${label}</span>`), `html.includes(<span>{label}</span>)`);
		assert.match(html, /<pattern id="flows-hatch-1"/);
		assert.match(html, /fill="url\(#flows-hatch-1\)"/);
	});

	test("table: header, one row per category, exact numbers, — for null", () => {
		const table = html.slice(html.indexOf("<details"));
		assert.match(table, /<summary id="flows-table">Data table<\/summary>/);
		assert.match(table, /<table aria-labelledby="flows-table">/);
		assert.match(
			table,
			/<th scope="col">Year<\/th><th scope="col" class="num">Committed<\/th><th scope="col" class="num">Expected<\/th><th scope="col" class="num">Delivered<\/th>/,
		);
		const rows = [...table.matchAll(/<tr><th scope="row">/g)];
		assert.equal(rows.length, 3);
		assert.match(
			table,
			/<th scope="row">2019<\/th><td class="num">\$100\.00<\/td><td class="num">\$50\.00<\/td><td class="num">\$25\.00<\/td>/,
		);
		assert.match(
			table,
			/<span aria-hidden="true">—<\/span><span class="chart-sr-only">no data<\/span>/,
		);
	});

	test("labels are escaped", () => {
		const evil = renderToString(
			<BarChart
				{...barProps({
					id: 'x" onload="alert(1)',
					title: "<script>alert(1)</script>",
					categories: ["<script>x</script>", "2020", "2021"],
					series: [{ key: "a", label: "<b>bold</b>", values: [1, 2, 3] }],
				})}
			/>,
		);
		assert.doesNotMatch(evil, /<script>|<b>|onload="/);
		assert.match(
			evil,
			/&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/,
		);
		assert.match(evil, /aria-labelledby="x--onload--alert-1--title x--onload--alert-1--desc"/);
	});

	test("zero, empty, null and all-zero data render without NaN or Infinity", () => {
		const cases: Partial<BarChartProps>[] = [
			{ categories: [], series: [] },
			{ categories: [], series: [{ key: "committed", label: "C", values: [] }] },
			{ categories: ["2020"], series: [] },
			{ series: [{ key: "committed", label: "C", values: [null, null, null] }] },
			{ series: [{ key: "committed", label: "C", values: [0, 0, 0] }] },
			{
				series: [
					{ key: "committed", label: "C", values: [Number.NaN, 1, Number.POSITIVE_INFINITY] },
				],
			},
			{ series: [{ key: "committed", label: "C", values: [-5, 10] }] },
			{ series: [{ key: "committed", label: "C", values: [1e12, 2.5e12, 9.99e12] }] },
			{ categories: ["2020"], series: [{ key: "committed", label: "C", values: [3] }] },
		];
		for (const c of cases) {
			const out = renderToString(<BarChart {...barProps(c)} />);
			assertFinite(out);
		}
		const none = renderToString(
			<BarChart
				{...barProps({ series: [{ key: "c", label: "C", values: [null, null, null] }] })}
			/>,
		);
		assert.match(none, />no data<\/text>/);
		const empty = renderToString(<BarChart {...barProps({ categories: [], series: [] })} />);
		assert.doesNotMatch(empty, /<details/);
		const zeros = renderToString(
			<BarChart {...barProps({ series: [{ key: "c", label: "C", values: [0, 0, 0] }] })} />,
		);
		assert.ok(
			rects(zeros).every((r) => r.height === "0"),
			`rects(zeros).every((r) => r.height === "0")`,
		);
	});

	test("negative values are drawn below the zero line", () => {
		const out = renderToString(
			<BarChart {...barProps({ series: [{ key: "c", label: "C", values: [-50, 100, 0] }] })} />,
		);
		const [neg, pos] = rects(out);
		assert.ok(neg && pos, `neg && pos`);
		assert.equal(neg.y, String(Number(pos.y) + Number(pos.height)), "both start at zero");
		assert.ok(
			Math.abs(Number(neg.height) * 2 - Number(pos.height)) < 0.02,
			`Math.abs(Number(neg.height) * 2 - Number(pos.height)) < 0.02`,
		);
		assert.ok(out.includes(">-$50</text>"), `out.includes(">-$50</text>")`);
	});

	test("40 categories stay inside the viewBox, with fewer labels", () => {
		const years = Array.from({ length: 40 }, (_, i) => String(2001 + i));
		const values = years.map((_, i) => (i + 1) * 1e9);
		const out = renderToString(
			<BarChart
				{...barProps({
					categories: years,
					series: [
						{ key: "committed", label: "C", values },
						{ key: "expected", label: "E", values },
						{ key: "delivered", label: "D", values },
					],
				})}
			/>,
		);
		assertFinite(out);
		const [, , w, h] = viewBox(out);
		const bars = rects(out);
		assert.equal(bars.length, 120);
		for (const b of bars) {
			const x = Number(b.x);
			const y = Number(b.y);
			assert.ok(x >= 0 && x + Number(b.width) <= w, `x ${x} in 0..${w}`);
			assert.ok(y >= 0 && y + Number(b.height) <= h, `y ${y} in 0..${h}`);
			assert.ok(Number(b.width) > 0, `Number(b.width) > 0`);
		}
		// bars do not overlap
		const xs = bars.map((b) => [Number(b.x), Number(b.x) + Number(b.width)] as const);
		xs.sort((a, b) => a[0] - b[0]);
		for (let i = 1; i < xs.length; i++)
			assert.ok(
				(xs[i]?.[0] ?? 0) >= (xs[i - 1]?.[1] ?? 0) - 0.01,
				`(xs[i]?.[0] ?? 0) >= (xs[i - 1]?.[1] ?? 0) - 0.01`,
			);
		const xLabels = out.split('<g class="chart-x"')[1] ?? "";
		const shown = [...xLabels.matchAll(/<text [^>]*>(\d{4})</g)].map((m) => m[1]);
		assert.ok(shown.length >= 4 && shown.length <= 20, `${shown.length} labels`);
		assert.ok(shown.includes("2010") && shown.includes("2020"), "round years are labelled");
		for (const m of xLabels.matchAll(/<text x="([^"]+)"/g)) {
			const x = Number(m[1]);
			assert.ok(x > 0 && x < w, `x > 0 && x < w`);
		}
		assert.equal([...out.matchAll(/<tr><th scope="row">/g)].length, 40);
	});
});

describe("HBarChart", () => {
	const html = renderToString(<HBarChart {...hbarProps()} />);

	test("same figure structure, ids in aria-labelledby", () => {
		assert.match(html, /^<figure class="chart chart-hbar">/);
		assert.match(html, /aria-labelledby="goals-title goals-desc"/);
		assert.match(html, /<title id="goals-title">/);
		assert.match(html, /<desc id="goals-desc">/);
		assert.match(html, /<summary id="goals-table">/);
		assert.doesNotMatch(html, /style=|<style/);
		assertFinite(html);
	});

	test("bar widths are proportional, value labels at bar ends", () => {
		const bars = rects(html);
		const widths = bars.map((b) => Number(b.width));
		assert.equal(widths.length, 4);
		const unit = (widths[0] ?? 0) / 1e9;
		[1e9, 5e8, 4e8, 5e8].forEach((v, i) => {
			assert.ok(
				Math.abs((widths[i] ?? -1) - v * unit) < 0.02,
				`Math.abs((widths[i] ?? -1) - v * unit) < 0.02`,
			);
		});
		for (const label of ["$1B", "$500M", "$400M"])
			assert.ok(html.includes(`>${label}</text>`), label);
		const [, , w] = viewBox(html);
		for (const b of bars)
			assert.ok(Number(b.x) + Number(b.width) <= w, `Number(b.x) + Number(b.width) <= w`);
	});

	test("long labels are truncated in the SVG, full in titles and table", () => {
		const long =
			"Goal 17: Strengthen the means of implementation and revitalize the Global Partnership for Sustainable Development";
		const out = renderToString(
			<HBarChart
				{...hbarProps({
					categories: [long],
					series: [{ key: "delivered", label: "Delivered", values: [3e9] }],
				})}
			/>,
		);
		const labels = out.split('<g class="chart-labels"')[1]?.split("</g>")[0] ?? "";
		assert.match(labels, /…<title>Goal 17: .*Development<\/title>/);
		assert.ok(
			out.includes(`<title>${long}: $3,000,000,000.00</title>`),
			`out.includes(<title>{long}: $3,000,000,000.00</title>)`,
		);
		assert.ok(
			out.includes(`<th scope="row">${long}</th>`),
			`out.includes(<th scope="row">{long}</th>)`,
		);
		assert.doesNotMatch(out, /<ul class="chart-legend">/, "one series: no legend");
	});

	test("empty, null, zero and negative data render without NaN or Infinity", () => {
		const cases: Partial<HBarChartProps>[] = [
			{ categories: [], series: [] },
			{ series: [{ key: "c", label: "C", values: [null, null] }] },
			{ series: [{ key: "c", label: "C", values: [0, 0] }] },
			{ series: [{ key: "c", label: "C", values: [-3e6, 1e12] }] },
		];
		for (const c of cases) assertFinite(renderToString(<HBarChart {...hbarProps(c)} />));
		const neg = renderToString(
			<HBarChart {...hbarProps({ series: [{ key: "c", label: "C", values: [-50, 100] }] })} />,
		);
		const [a, b] = rects(neg);
		assert.ok(a && b, `a && b`);
		// Drawn to the hundredth of a unit: the sum may differ from the zero line by float error only.
		assert.ok(
			Math.abs(Number(a.x) + Number(a.width) - Number(b.x)) < 1e-9,
			`negative bar ends at zero: ${a.x} + ${a.width} against ${b.x}`,
		);
		assert.match(neg, /text-anchor="end">-\$50<\/text>/);
	});

	test("labels are escaped", () => {
		const out = renderToString(
			<HBarChart {...hbarProps({ categories: ["<script>alert(1)</script>", "x"] })} />,
		);
		assert.doesNotMatch(out, /<script>/);
	});
});
