/**
 * The commitment explorer: facet counts are the API's, ticking a value gives the count it
 * showed, search finds a commitment by a word of its title, the CSV link of a selection
 * downloads as many rows as the page counts, htmx gets the form alone, paging keeps the
 * filters, Arabic reads right to left, and a bad parameter is named above the results.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { searchText } from "../../src/lib/text.ts";
import type { DeliveryStatus } from "../../src/modules/analytics/status.ts";
import { deliveryStatusNames } from "../../src/web/i18n/enums.messages.ts";
import { explorer, facetNames } from "../../src/web/i18n/explorer.messages.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { csvRecords } from "../helpers/csv.ts";
import { demo } from "../helpers/demo.ts";
import { assertLangDir, assertPage, decodeHtml, textOf } from "../helpers/pages.ts";

async function page(ctx: TestContext, url: string, status = 200, headers = {}) {
	const res = await ctx.app.inject({ method: "GET", url, headers });
	assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 800)}`);
	return { html: res.body, headers: res.headers };
}

/** The result count the page shows. */
function total(html: string): number {
	const m = /id="result-count" role="status" data-total="(\d+)"/.exec(html);
	assert.ok(m, "a result count");
	return Number(m[1]);
}

interface ShownBucket {
	param: string;
	value: string;
	count: number;
	checked: boolean;
	label: string;
}

/** The values a facet fieldset shows: checkbox name and value, its count, whether ticked. */
function facet(html: string, dimension: string): ShownBucket[] {
	const start = html.indexOf(`<fieldset class="facet" id="facet-${dimension}">`);
	if (start < 0) return [];
	const block = html.slice(start, html.indexOf("</fieldset>", start));
	const re =
		/<li data-count="(\d+)"><input type="checkbox" id="[^"]+" name="([^"]+)" value="([^"]+)"( checked)?\/> <label[^>]*>(.*?)<\/label><\/li>/g;
	return [...block.matchAll(re)].map((m) => ({
		count: Number(m[1]),
		param: decodeHtml(m[2] as string),
		value: decodeHtml(m[3] as string),
		checked: m[4] !== undefined,
		label: textOf(m[5] as string)
			.replace(/\s+/g, " ")
			.trim(),
	}));
}

function href(html: string, id: string): string {
	const m = new RegExp(`<a href="([^"]+)" id="${id}"`).exec(html);
	assert.ok(m, `a link #${id}`);
	return decodeHtml(m[1] as string);
}

const api = async (ctx: TestContext, url: string) => {
	const res = await ctx.get(url);
	assert.equal(res.status, 200, `${url}: ${JSON.stringify(res.body)}`);
	return res.body;
};

describeEachDialect("commitment explorer", (ctx) => {
	it("shows every public commitment, the API's facet counts and each value's label", async () => {
		const { html } = await page(ctx(), "/en/commitments");
		const facets = await api(ctx(), "/api/v1/commitments/facets");
		const list = await api(ctx(), "/api/v1/commitments?limit=1");
		assert.equal(total(html), list.total);
		assert.equal(total(html), facets.total);
		for (const d of ["goal", "forum_kind", "maker_kind", "kind", "status", "delivery"]) {
			const shown = facet(html, d);
			assert.deepEqual(
				shown.map((b) => [b.value, b.count]),
				facets.facets[d].map((b: { value: string; count: number }) => [b.value, b.count]),
				d,
			);
		}
		// Long facets show ten values, the rest behind "n more".
		const makers = facets.facets.maker.length;
		assert.ok(makers > 12, "the demo has many makers");
		assert.equal(facet(html, "maker").length, makers);
		assert.match(html, /<details class="facet-more"><summary>\d+ more<\/summary>/);
		// Labels: goals with their short titles, kinds translated, countries by name.
		assert.ok(facet(html, "goal").some((b) => b.label.startsWith("MDG 8 · Global partnership")));
		assert.ok(facet(html, "recipient").every((b) => !/^[A-Z]{2} \(/.test(b.label)));
		assert.match(html, /<legend>Goal<\/legend>/);
		assert.match(html, /<script src="\/assets\/htmx\.min\.js\?v=[0-9a-f]+" defer/);
		assertPage(html, "/en/commitments", "en");
	});

	it("ticking a facet value gives the count it showed, and the API list's total", async () => {
		const { html } = await page(ctx(), "/en/commitments");
		for (const d of [
			"goal",
			"forum_kind",
			"maker_kind",
			"maker",
			"recipient",
			"kind",
			"delivery",
		]) {
			const buckets = facet(html, d);
			for (const b of [buckets[0], buckets.at(-1)]) {
				assert.ok(b, `${d} has values`);
				const qs = new URLSearchParams({ [b.param]: b.value });
				const filtered = await page(ctx(), `/en/commitments?${qs}`);
				assert.equal(total(filtered.html), b.count, `${d}=${b.value}`);
				const list = await api(ctx(), `/api/v1/commitments?${qs}&limit=1`);
				assert.equal(list.total, b.count, `API ${d}=${b.value}`);
				assert.ok(
					facet(filtered.html, d).some((x) => x.value === b.value && x.checked),
					"the value is ticked",
				);
			}
		}
	});

	it("combines filters: the counts of one facet follow the others", async () => {
		const qs = "goal=mdg:8&kind=financial";
		const { html } = await page(ctx(), `/en/commitments?${qs}`);
		const facets = await api(ctx(), `/api/v1/commitments/facets?${qs}`);
		assert.equal(total(html), facets.total);
		for (const b of facet(html, "maker_kind")) {
			const list = await api(ctx(), `/api/v1/commitments?${qs}&maker_kind=${b.value}&limit=1`);
			assert.equal(list.total, b.count, b.value);
		}
		// Each active filter has a link that removes it, and one clears all.
		assert.match(
			html,
			/<a href="\/en\/commitments\?kind=financial" class="filter-chip" aria-label="Remove filter: Goal: MDG 8/,
		);
		assert.match(html, /<a href="\/en\/commitments\?goal=mdg%3A8" class="filter-chip"/);
		assert.equal(href(html, "clear-filters"), "/en/commitments");
	});

	it("finds a demo commitment by a word of its title", async () => {
		const c = demo.commitments.find((x) => x.status !== "draft" && /Nutrition/.test(x.title));
		assert.ok(c, "a demo commitment about nutrition");
		const { html } = await page(ctx(), "/en/commitments?q=nutrition");
		assert.ok(html.includes(`href="/en/commitments/${c.slug}"`), c.slug);
		const list = await api(ctx(), "/api/v1/commitments?q=nutrition&limit=1");
		assert.equal(total(html), list.total);
		assert.ok(total(html) < demo.commitments.length);
		// Best match is the default order when searching (the default has no value, so that
		// searching from a page without words gets it), newest first the default without.
		assert.match(html, /<option value(?:="")? selected>Best match<\/option>/);
		assert.match(html, /<option value="-announced_on">Newest announced first<\/option>/);
		const plain = await page(ctx(), "/en/commitments");
		assert.match(plain.html, /<option value(?:="")? selected>Newest announced first<\/option>/);
		assert.ok(!plain.html.includes("Best match"), "no best match without words");
		const newest = await page(ctx(), "/en/commitments?q=nutrition&sort=-announced_on");
		assert.match(newest.html, /<option value="-announced_on" selected>/);
		assert.equal(
			(await ctx().app.inject({ method: "GET", url: "/en/commitments?q=nutrition&sort=" }))
				.statusCode,
			302,
			"an empty order is the default: tidied away",
		);
		assert.match(html, /<input type="search" id="q" name="q" value="nutrition"/);
		// Largest first lists the same commitments as the API's amount order.
		const largest = await page(ctx(), "/en/commitments?sort=-committed_usd&limit=5");
		assert.match(
			largest.html,
			/<option value="-committed_usd" selected>Largest amount \(US\$\)<\/option>/,
		);
		const byAmount = (await ctx().get("/api/v1/commitments?sort=-committed_usd&limit=5")).body
			.items;
		const slugs = [...largest.html.matchAll(/href="\/en\/commitments\/([a-z0-9-]+)"/g)].map(
			(x) => x[1],
		);
		assert.deepEqual(
			slugs.filter((s) => byAmount.some((i: { slug: string }) => i.slug === s)),
			byAmount.map((i: { slug: string }) => i.slug),
		);
	});

	it("downloads the selection as CSV and JSON, as many rows as the page counts", async () => {
		const { html } = await page(ctx(), "/en/commitments?goal=mdg:6&kind=financial&sort=title");
		const csvUrl = href(html, "download-csv");
		assert.match(csvUrl, /^\/api\/v1\/commitments\?format=csv&/);
		assert.ok(!/[?&](page|limit)=/.test(csvUrl), "no paging with a format");
		const csv = await ctx().app.inject({ method: "GET", url: csvUrl });
		assert.equal(csv.statusCode, 200, csv.body);
		assert.match(String(csv.headers["content-type"]), /^text\/csv/);
		const { rows } = csvRecords(csv.body);
		assert.ok(rows.length > 0);
		assert.equal(rows.length, total(html));
		const json = await ctx().get(href(html, "download-json"));
		assert.equal(json.status, 200);
		assert.equal(json.body.items.length, total(html));
		// In the list's title order: letters and digits, no case or accents (searchText).
		const titles = json.body.items.map((i: { title: string }) => searchText(i.title));
		assert.deepEqual(titles, [...titles].sort());
	});

	it("answers htmx with the form alone, and the address to show", async () => {
		const { html, headers } = await page(ctx(), "/en/commitments?goal=mdg:4&q=&year_from=", 200, {
			"hx-request": "true",
		});
		assert.ok(!html.includes("<html"), "no document");
		assert.ok(!html.includes("<!doctype"), "no doctype");
		assert.match(html, /^<form id="explorer"/);
		assert.match(
			html,
			/hx-get="\/en\/commitments" hx-trigger="change from:.facets, change delay:700ms from:#sort, submit"/,
		);
		assert.equal(headers["hx-push-url"], "/en/commitments?goal=mdg%3A4");
		assert.match(String(headers.vary), /HX-Request/);
		const full = await page(ctx(), "/en/commitments?goal=mdg:4");
		assert.equal(total(html), total(full.html));
		// History restoration asks for the whole page.
		const restore = await page(ctx(), "/en/commitments?goal=mdg:4", 200, {
			"hx-request": "true",
			"hx-history-restore-request": "true",
		});
		assert.match(restore.html, /^<!doctype html><html/);
	});

	it("sends a form's empty fields to the tidy address", async () => {
		const res = await ctx().app.inject({
			method: "GET",
			url: "/en/commitments?q=&goal=mdg:1&year_from=&year_to=&sort=-announced_on",
		});
		assert.equal(res.statusCode, 302);
		assert.equal(res.headers.location, "/en/commitments?goal=mdg%3A1");
	});

	it("pages through the selection, keeping the filters", async () => {
		const qs = "goal=mdg:8&sort=title&limit=5";
		const first = await page(ctx(), `/en/commitments?${qs}`);
		const n = total(first.html);
		assert.ok(n > 5, "more than one page");
		const next = /<a href="([^"]+)" rel="next">/.exec(first.html);
		assert.ok(next, "a next link");
		const url = decodeHtml(next[1] as string);
		const params = new URL(url, "http://x").searchParams;
		assert.equal(params.get("goal"), "mdg:8");
		assert.equal(params.get("sort"), "title");
		assert.equal(params.get("limit"), "5");
		assert.equal(params.get("page"), "2");
		const second = await page(ctx(), url);
		assert.equal(total(second.html), n);
		assert.match(second.html, /Page 2 of \d+/);
		const list = await api(ctx(), `/api/v1/commitments?${qs}&page=2`);
		for (const c of list.items)
			assert.ok(second.html.includes(`href="/en/commitments/${c.slug}"`), c.slug);
		assert.match(second.html, /<a href="[^"]*goal=mdg%3A8[^"]*" rel="prev">/);
	});

	it("shows each commitment's delivered money, gap and status as the list API gives them, sorted by gap", async () => {
		const { html } = await page(ctx(), "/en/commitments?sort=-gap_usd");
		const list = await api(ctx(), "/api/v1/commitments?sort=-gap_usd&limit=20");
		const tbody = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
		const rows = [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
			[...(m[1] as string).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1] as string),
		);
		assert.equal(rows.length, list.items.length);
		let unknownGaps = 0;
		list.items.forEach((item: any, i: number) => {
			const cells = rows[i] as string[];
			assert.ok(
				(cells[1] as string).includes(`/en/commitments/${item.slug}"`),
				`row ${i} is ${item.slug}`,
			);
			const [delivered, gap, status] = cells.slice(-3).map((c) => textOf(c).trim());
			assert.equal(
				status,
				deliveryStatusNames[item.delivery.status as DeliveryStatus].en,
				item.slug,
			);
			if (item.delivery.delivered_usd === null)
				assert.equal(delivered, "Information not available", item.slug);
			else assert.match(delivered as string, /\$/, item.slug);
			if (item.delivery.gap_usd === null) {
				unknownGaps++;
				assert.equal(gap, "Information not available", item.slug);
			} else assert.match(gap as string, /\$/, item.slug);
		});
		// Largest gap first: the first rows have one, and no data comes after every known gap.
		assert.notEqual(list.items[0].delivery.gap_usd, null);
		assert.ok(unknownGaps < list.items.length);
		assert.match(
			html,
			/<option value="-gap_usd" selected>Largest gap still to deliver \(US\$\)<\/option>/,
		);
		// The status facet filters the table; French names it and its values.
		const offTrack = facet(html, "delivery").find((b) => b.value !== "no_data");
		assert.ok(offTrack, "a status with a verdict");
		const chosen = await page(ctx(), `/en/commitments?delivery=${offTrack.value}`);
		assert.equal(total(chosen.html), offTrack.count);
		const fr = await page(ctx(), "/fr/commitments");
		assert.ok(fr.html.includes("<legend>État de la réalisation</legend>"));
		const frBuckets = facet(fr.html, "delivery");
		assert.ok(frBuckets.length >= 3);
		for (const b of frBuckets)
			assert.ok(b.label.startsWith(deliveryStatusNames[b.value as DeliveryStatus].fr), b.label);
	});

	it("reads right to left in Arabic, every label translated", async () => {
		const { html } = await page(ctx(), "/ar/commitments?kind=policy");
		assertPage(html, "/ar/commitments", "ar");
		assert.ok(html.includes(`<legend>${facetNames.goal.ar}</legend>`));
		assert.ok(html.includes(explorer.apply.ar));
		assert.ok(facet(html, "kind").some((b) => b.label.startsWith("سياساتي") && b.checked));
		assert.ok(html.includes('href="/ar/commitments/'), "links stay in Arabic");
		const zh = await page(ctx(), "/zh/commitments?forum_kind=g8_summit");
		assertPage(zh.html, "/zh/commitments", "zh");
	});

	it("names a bad parameter above the results, and keeps the rest of the search", async () => {
		const bad = await page(ctx(), "/en/commitments?year_from=abc&goal=mdg:4", 400);
		assert.match(bad.html, /<div class="error-summary" role="alert" id="explorer-errors">/);
		assert.match(
			bad.html,
			/query parameter &#39;year_from&#39; must be a whole number|query parameter 'year_from' must be a whole number/,
		);
		assert.match(bad.html, /<p class="error" id="year_from-error">/);
		assert.match(bad.html, /id="year_from" name="year_from"[^>]* value="abc" aria-invalid="true"/);
		const good = await page(ctx(), "/en/commitments?goal=mdg:4");
		assert.equal(total(bad.html), total(good.html), "the goal filter still applies");
		// What only the service can tell: an unknown goal, a range the wrong way round.
		const unknown = await page(ctx(), "/fr/commitments?goal=sdg:99", 400);
		assert.ok(textOf(unknown.html).includes("goal 'sdg:99' does not exist"));
		assertLangDir(unknown.html, "/fr/commitments", "fr");
		const reversed = await page(ctx(), "/en/commitments?year_from=2010&year_to=2005", 400);
		assert.match(reversed.html, /id="year_to-error"/);
		// With htmx the refusal is swapped in too (htmx leaves 4xx answers unswapped).
		const htmx = await page(ctx(), "/en/commitments?year_from=abc", 200, { "hx-request": "true" });
		assert.match(htmx.html, /id="explorer-errors"/);
		// A parameter the list does not know.
		const stray = await page(ctx(), "/en/commitments?colour=blue", 400);
		assert.ok(textOf(stray.html).includes("unknown query parameter 'colour'"));
	});
});
