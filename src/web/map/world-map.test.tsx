/** The server-rendered world map: codes, markup, links, legend, classes and size. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { renderToString } from "preact-render-to-string";
import { worldDrawing } from "./paths.ts";

import { MAP_COLOURS } from "./scale.ts";
import {
	mapBreaks,
	mapClass,
	mappedCountries,
	WorldMap,
	type WorldMapProps,
} from "./world-map.tsx";

const { paths: countryPaths, viewBox: mapViewBox } = worldDrawing();

const names: Record<string, string> = { KE: "Kenya", FR: "France", BR: "Brazil", US: "USA" };
const money = new Intl.NumberFormat("en", {
	style: "currency",
	currency: "USD",
	notation: "compact",
});

function render(values: ReadonlyMap<string, number>, extra: Partial<WorldMapProps> = {}): string {
	return renderToString(
		<WorldMap
			values={values}
			name={(code) => names[code] ?? code}
			format={(n) => money.format(n)}
			href={(code) => `/countries/${code.toLowerCase()}`}
			title="Delivery by recipient"
			description="US dollars delivered to each recipient country."
			legendTitle="US$ delivered"
			noDataLabel="No data"
			{...extra}
		/>,
	);
}

function pathOf(code: string): string {
	const path = countryPaths.find((p) => p.code === code);
	assert.ok(path, `${code} is drawn`);
	return path.d;
}

test("countries map from ISO numeric to alpha-2 and have a path", () => {
	// Kenya 404, France 250, Brazil 076, Norway 578, United States 840, Kosovo (no id) XK.
	for (const code of ["KE", "FR", "BR", "NO", "US", "XK"]) {
		assert.ok(mappedCountries.has(code), code);
		assert.match(pathOf(code), /^M-?\d+ -?\d+l[-\d ]+z/);
	}
	assert.equal(mappedCountries.has("AQ"), false, "Antarctica is dropped");
	const codes = countryPaths.flatMap((p) => (p.code ? [p.code] : []));
	assert.equal(new Set(codes).size, codes.length, "each code is drawn once");
	assert.ok(codes.length > 170);
	assert.ok(
		countryPaths.some((p) => p.code === null),
		"land without a code is still drawn",
	);
	assert.ok(countryPaths.every((p) => p.d.length > 0 && !p.d.includes("NaN")));
});

test("a country with a value is a link with its name and formatted amount", () => {
	const html = render(new Map([["KE", 1_250_000_000]]));
	assert.match(
		html,
		new RegExp(
			`<a class="map-link" href="/countries/ke"><title>Kenya: \\$1.3B</title><path d="${pathOf("KE")}" fill="#[0-9a-f]{6}"></path></a>`,
		),
	);
	assert.equal(html.match(/<a /g)?.length, 1);
	// France has no value: a plain path, not inside a link.
	assert.ok(html.includes(`<path d="${pathOf("FR")}"></path>`));
	assert.equal(html.includes('href="/countries/fr"'), false);
	assert.equal(html.includes("NaN"), false);
	// With links the svg is a named group (role="img" would hide them).
	assert.match(html, /<svg viewBox="[-\d ]+" role="group" aria-labelledby="world-map-title"/);
	assert.match(html, /<title id="world-map-title">Delivery by recipient<\/title>/);
	assert.match(html, /<desc id="world-map-desc">US dollars delivered/);
});

test("higher values get darker classes, and the legend shows five classes and no data", () => {
	const values = new Map([
		["KE", 10],
		["FR", 20],
		["BR", 30],
		["NO", 40],
		["US", 50],
	]);
	const html = render(values);
	for (const [code, colour] of [
		["KE", MAP_COLOURS[0]],
		["BR", MAP_COLOURS[2]],
		["US", MAP_COLOURS[4]],
	]) {
		assert.ok(html.includes(`<path d="${pathOf(code ?? "")}" fill="${colour}">`), code);
	}
	const legend = html.slice(html.indexOf('<div class="map-legend">'));
	const items = legend.match(/<li>.*?<\/li>/g) ?? [];
	assert.equal(items.length, 6);
	MAP_COLOURS.forEach((colour, i) => {
		assert.ok(items[i]?.includes(`fill="${colour}"`));
	});
	assert.match(items[0] ?? "", /\$10<\/li>$/);
	assert.match(items[4] ?? "", /\$50<\/li>$/);
	assert.match(items[5] ?? "", /No data<\/li>$/);
	assert.match(legend, /<p class="map-legend-title" id="world-map-legend">US\$ delivered<\/p>/);
});

test("an empty map renders every country as no data, as an image", () => {
	const html = render(new Map());
	assert.equal(html.includes("<a "), false);
	assert.equal(html.includes("NaN"), false);
	assert.match(html, /role="img" aria-labelledby="world-map-title world-map-desc"/);
	assert.equal(html.match(/<path d="M-?\d+ -?\d+l/g)?.length, countryPaths.length);
	assert.equal(html.match(/<li>/g)?.length, 6);
});

test("values that are not finite count as no data; zero is data in the lowest class", () => {
	const html = render(
		new Map([
			["KE", Number.NaN],
			["FR", Number.POSITIVE_INFINITY],
			["BR", 0],
			["US", 5],
		]),
	);
	assert.equal(html.includes("NaN"), false);
	assert.equal(html.includes("/countries/ke"), false);
	assert.equal(html.includes("/countries/fr"), false);
	assert.ok(
		html.includes(`<title>Brazil: $0</title><path d="${pathOf("BR")}" fill="${MAP_COLOURS[0]}">`),
	);
});

test("ids take the prefix given", () => {
	const html = render(new Map([["KE", 1]]), { id: "delivery-map" });
	assert.match(html, /<figure class="map" id="delivery-map">/);
	assert.ok(html.includes('aria-labelledby="delivery-map-title"'));
	assert.ok(html.includes('fill="url(#delivery-map-nd)"'));
	assert.equal(html.includes("world-map"), false);
});

test("quintile breaks: ten values make five classes of two", () => {
	const values = new Map(Array.from({ length: 10 }, (_, i) => [`C${i}`, i + 1]));
	const breaks = mapBreaks(values);
	[2.8, 4.6, 6.4, 8.2].forEach((b, i) => {
		assert.ok(Math.abs((breaks[i] ?? 0) - b) < 1e-9, `break ${i}: ${breaks[i]}`);
	});
	const classes = [...values.values()].map((v) => mapClass(v, breaks));
	assert.deepEqual(classes, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
	assert.equal(mapClass(undefined, breaks), 0);
	assert.deepEqual(mapBreaks(new Map()), [0, 0, 0, 0]);
});

test("ties do not swallow the breaks: one pledge to fifteen countries stays apart from smaller ones", () => {
	const values = new Map<string, number>([
		["MG", 142.6e6],
		["GH", 689.2e6],
		["TZ", 20e9],
		...["BW", "CI", "ET", "GY", "HT", "KE", "MZ", "NA", "NG", "RW", "ZA", "UG", "VN", "ZM"].map(
			(c) => [c, 19.1e9] as [string, number],
		),
	]);
	const breaks = mapBreaks(values);
	const classOf = (c: string) => mapClass(values.get(c), breaks);
	assert.ok(classOf("MG") < classOf("GH"), "the two compacts differ");
	assert.ok(classOf("GH") < classOf("KE"), "a compact is lighter than PEPFAR");
	assert.ok(classOf("KE") < classOf("TZ"), "PEPFAR plus a compact is darkest");
	assert.equal(classOf("TZ"), 5);
	assert.equal(classOf("MG"), 1);
});

test("breaks are non-decreasing and classes follow the values (property)", () => {
	fc.assert(
		fc.property(
			// Money to the cent: doubles a few ULPs apart (5e-324, or 1e12 and its neighbour)
			// are no distinct amounts, and the midpoints between them collapse.
			fc.array(
				fc.integer({ min: -100_000, max: 100_000_000_000_000 }).map((cents) => cents / 100),
				{ maxLength: 60 },
			),
			(list) => {
				const breaks = mapBreaks(list);
				assert.equal(breaks.length, 4);
				for (let i = 1; i < breaks.length; i++) {
					assert.ok((breaks[i] ?? 0) >= (breaks[i - 1] ?? 0));
				}
				const sorted = [...list].sort((a, b) => a - b);
				let previous = 1;
				for (const v of sorted) {
					const k = mapClass(v, breaks);
					assert.ok(k >= 1 && k <= 5 && k >= previous);
					previous = k;
				}
				if (new Set(list.filter((v) => v > 0)).size >= 5) {
					const used = new Set(list.filter((v) => v > 0).map((v) => mapClass(v, breaks)));
					assert.equal(used.size, 5, "five distinct positive values fill every class");
				}
			},
		),
	);
});

test("the whole map stays small", () => {
	// Every drawn country a link: the heaviest case. Measured: about 48 KB, 15 KB gzipped.
	const values = new Map([...mappedCountries].map((code, i) => [code, (i + 1) * 9_876_543]));
	const html = render(values);
	const bytes = Buffer.byteLength(html);
	const gzipped = gzipSync(html).length;
	assert.ok(bytes < 56_000, `${bytes} bytes`);
	assert.ok(gzipped < 18_000, `${gzipped} bytes gzipped`);
	assert.equal(html.includes("NaN"), false);
	assert.match(mapViewBox, /^-2 -2 1924 \d{3}$/);
});
