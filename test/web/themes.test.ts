/**
 * The MDG 8 theme pages (aid, trade, debt, medicines, technology): each renders in English
 * and Arabic with its targets, indicators and commitments linked; the aid box's figures are
 * the statistics API's for the DAC countries (ODA/GNI in the latest year, the gap to 0.7%
 * as a share and in money) and its registry money the analytics API's for the theme's
 * query; a theme nothing measures says the information is not available; the MDG 8 goal
 * page links the themes, and another goal or an unknown theme is a 404 page.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { components } from "../../src/web/i18n/components.messages.ts";
import { formattersFor } from "../../src/web/i18n/format.ts";
import type { Language } from "../../src/web/i18n/locale.ts";
import { translate } from "../../src/web/i18n/messages.ts";
import { themes as m, themeNames } from "../../src/web/i18n/themes.messages.ts";
import { themeQuery, themes } from "../../src/web/pages/profiles/themes.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { assertPage, escapeHtml, htmlPage } from "../helpers/pages.ts";

const usd = (lang: Language, amount: string | number) =>
	escapeHtml(formattersFor(lang).moneyCompact(Number(amount), "USD"));

/** The part of a page from one marker to the next. */
function between(html: string, from: string, to: string): string {
	const start = html.indexOf(from);
	assert.ok(start >= 0, `no ${from}`);
	const end = html.indexOf(to, start + from.length);
	return html.slice(start, end < 0 ? undefined : end);
}

describeEachDialect("MDG 8 theme pages", (ctx) => {
	for (const theme of themes)
		for (const lang of ["en", "ar"] as Language[])
			it(`${theme.slug} [${lang}]: targets, indicators, the box and the commitments`, async () => {
				const url = `/${lang}/goals/mdg:8/themes/${theme.slug}`;
				const html = await htmlPage(ctx(), url);
				assertPage(html, url, lang);
				assert.ok(html.includes(`<h1>${escapeHtml(themeNames[theme.slug][lang])}</h1>`));
				const framework = between(html, 'id="framework"', 'id="theme-box"');
				for (const t of theme.targets) assert.ok(framework.includes(` ${t}</span>`), t);
				for (const i of theme.indicators) assert.ok(framework.includes(`>${i}</span>`), i);
				if (lang === "ar") assert.ok(framework.includes('lang="en"'), "English MDG texts marked");
				// The commitments the explorer lists for the theme's query, each linked.
				const list = await ctx().get(`/api/v1/commitments?${themeQuery(theme)}&limit=200`);
				assert.equal(list.status, 200);
				const section = between(html, 'id="commitments"', "</article>");
				for (const c of list.body.items)
					assert.ok(section.includes(`href="/${lang}/commitments/${c.slug}"`), c.slug);
				assert.ok(html.includes(`aria-current="page"`), "the current theme is marked");
				assert.ok(between(html, 'id="theme-box"', 'id="registry-money"').includes("<table"));
			});

	it("aid: the box is the statistics API's DAC series, the money the analytics API's", async () => {
		const aid = themes.find((t) => t.slug === "aid");
		assert.ok(aid);
		const series = await ctx().get("/api/v1/statistics/providers/DAC");
		assert.equal(series.status, 200);
		const latest = series.body.years
			.filter((y: { share: number | null }) => y.share !== null)
			.at(-1);
		assert.ok(latest, "the DAC countries have a measured year");
		for (const lang of ["en", "ar"] as Language[]) {
			const fmt = formattersFor(lang);
			const html = await htmlPage(ctx(), `/${lang}/goals/mdg:8/themes/aid`);
			const box = between(html, 'id="theme-box"', 'id="registry-money"');
			const year = fmt.year(latest.year);
			assert.ok(box.includes(escapeHtml(translate(m.col_delivery_year, lang, { year }))));
			assert.ok(box.includes(escapeHtml(translate(m.col_gap_year, lang, { year }))));
			const delivery = between(box, 'id="oda-delivery"', "</td>");
			assert.ok(delivery.includes(escapeHtml(fmt.number(latest.share))), "ODA/GNI");
			assert.ok(delivery.includes(usd(lang, latest.oda)), "ODA");
			assert.ok(delivery.includes(usd(lang, latest.gni)), "GNI");
			assert.ok(delivery.includes('href="/api/v1/statistics/providers/DAC"'));
			for (const s of latest.sources)
				if (s.source_url) assert.ok(delivery.includes(`href="${escapeHtml(s.source_url)}"`));
			const gap = between(box, 'id="oda-gap"', "</td>");
			const points = Math.round((0.7 - latest.share) * 10_000) / 10_000;
			assert.ok(gap.includes(escapeHtml(fmt.number(points))), `${lang}: share gap ${points}`);
			const money = Number(latest.gni) * 0.007 - Number(latest.oda);
			assert.ok(gap.includes(usd(lang, money)), `${lang}: gap in money ${money}`);
			// The 0.7% commitments are linked from the box.
			assert.ok(box.includes(`href="/${lang}/commitments/monterrey-2002-oda-0-7-target"`));
			// The registry's money for the theme's commitments: the analytics API's.
			const api = await ctx().get(`/api/v1/analytics/delivery?group_by=goal&${themeQuery(aid)}`);
			assert.equal(api.status, 200);
			const money2 = between(html, 'id="registry-money"', "</section>");
			for (const key of ["committed", "delivered", "gap"] as const)
				assert.ok(
					money2.includes(`<div class="figure-big">${usd(lang, api.body.total[key])}</div>`),
					`${lang}: registry ${key}`,
				);
			assert.ok(
				money2.includes(usd(lang, api.body.total.delivered_by_source.statistics)),
				"delivered from the statistics",
			);
		}
	});

	it("a theme nothing measures says the information is not available", async () => {
		for (const slug of ["technology", "debt"] as const) {
			const theme = themes.find((t) => t.slug === slug);
			assert.ok(theme);
			const api = await ctx().get(`/api/v1/analytics/delivery?group_by=goal&${themeQuery(theme)}`);
			assert.equal(Number(api.body.total.delivered), 0, `${slug}: nothing delivered`);
			for (const lang of ["en", "ar"] as Language[]) {
				const html = await htmlPage(ctx(), `/${lang}/goals/mdg:8/themes/${slug}`);
				const box = between(html, 'id="theme-box"', 'id="registry-money"');
				// Delivery and gap say so, and no zero or ratio is made up from absent data.
				const cells = [...box.matchAll(/<td>(.*?)<\/td>/g)].map((x) => x[1]);
				const notAvailable = `<span class="not-available">${escapeHtml(components.not_available[lang])}</span>`;
				assert.deepEqual(cells.slice(1), [notAvailable, notAvailable], `${slug} ${lang}`);
				assert.ok(box.includes(escapeHtml(m.no_delivery_data[lang])));
				assert.doesNotMatch(box, /class="figure-big"/, "no figure made up");
			}
		}
	});

	it("the MDG 8 goal page links its themes; others are not found", async () => {
		const goal = await htmlPage(ctx(), "/fr/goals/mdg:8");
		for (const t of themes) assert.ok(goal.includes(`href="/fr/goals/mdg:8/themes/${t.slug}"`));
		const other = await htmlPage(ctx(), "/fr/goals/mdg:6");
		assert.ok(!other.includes("/themes/"), "only MDG 8 has themes");
		await htmlPage(ctx(), "/en/goals/mdg:6/themes/aid", 404);
		await htmlPage(ctx(), "/en/goals/mdg:8/themes/agriculture", 404);
		await htmlPage(ctx(), "/en/goals/sdg:17/themes/aid", 404);
	});
});
