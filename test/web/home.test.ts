/**
 * The home page in several languages: the headline (promised, delivered, the gap and where
 * delivered comes from, for MDG 8 and each goal with money, and the registry's total) is
 * the delivery API's figures formatted in the language, a goal without delivery data says
 * so instead of a zero, the statistics' latest year shows; the goals and MDG 8's themes
 * are linked; the latest commitments and the latest public changes (what the Atom feed lists) show with
 * their links; the demo notice shows only when the demo is loaded.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { components } from "../../src/web/i18n/components.messages.ts";
import { formattersFor } from "../../src/web/i18n/format.ts";
import { home } from "../../src/web/i18n/home.messages.ts";
import type { Language } from "../../src/web/i18n/locale.ts";
import { translate } from "../../src/web/i18n/messages.ts";
import { themes } from "../../src/web/i18n/themes.messages.ts";
import { describeEachDialect } from "../helpers/app.ts";
import {
	assertLangDir,
	assertNoPlaceholder,
	escapeHtml,
	htmlPage,
	textOf,
} from "../helpers/pages.ts";
import { call, person } from "../helpers/users.ts";

/** The part of a page from one marker to the next. */
function between(html: string, from: string, to: string): string {
	const start = html.indexOf(from);
	assert.ok(start >= 0, `no ${from}`);
	const end = html.indexOf(to, start + from.length);
	return html.slice(start, end < 0 ? undefined : end);
}

describeEachDialect("home page", (ctx) => {
	let slug: string;
	let commenter: string;

	before(async () => {
		// A public change of each kind the page lists: a new commitment, a report, a comment.
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const citizen = await person(ctx());
		const created = await ctx().services.commitments.create(
			{
				title: "Home test: UK clinics for Kenya",
				text: "The UK will fund clinics in Kenya.",
				kind: "policy",
				makers: ["united-kingdom"],
				goals: ["mdg:6"],
				recipients: [{ kind: "country", code: "KE" }],
				policy: { target: "100 clinics open", deadline: "2015-12-31" },
				status: "published",
			},
			cliActor,
		);
		slug = created.slug;
		const report = await call(ctx(), focal, "POST", `/api/v1/commitments/${slug}/reports`, {
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			policy_status: "in_progress",
			narrative: "Forty clinics open.",
		});
		assert.equal(report.status, 201, JSON.stringify(report.body));
		const comment = await call(ctx(), citizen, "POST", `/api/v1/commitments/${slug}/comments`, {
			body: "Which clinics?",
		});
		assert.equal(comment.status, 201, JSON.stringify(comment.body));
		const [newest] = await ctx().services.feeds.recent({ kind: "all" }, 1);
		commenter = newest?.by ?? "";
		assert.match(commenter, /^Person \d+$/, "the newest change is the comment, by its author");
	});

	for (const lang of ["en", "ar", "zh"] as Language[]) {
		it(`shows promised, delivered and the gap for MDG 8 and each goal with money in ${lang}`, async () => {
			const html = await htmlPage(ctx(), `/${lang}/`);
			assertLangDir(html, `/${lang}/`, lang);
			const api = await ctx().get("/api/v1/analytics/delivery?group_by=goal");
			assert.equal(api.status, 200);
			const fmt = formattersFor(lang);
			const usd = (amount: string) => escapeHtml(fmt.moneyCompact(Number(amount), "USD"));
			const headline = between(html, 'id="headline"', 'id="latest-commitments"');
			// MDG 8: its promised, delivered and gap as big figures, and where delivered comes from.
			const mdg8 = api.body.groups.find((g: { key: string }) => g.key === "mdg:8");
			assert.ok(mdg8 && Number(mdg8.delivered) > 0, "the demo delivers for MDG 8");
			const cards = between(headline, 'id="headline-mdg8"', 'id="headline-goals"');
			for (const key of ["committed", "delivered", "gap"] as const)
				assert.ok(
					cards.includes(`<div class="figure-big">${usd(mdg8[key])}</div>`),
					`${lang}: MDG 8 ${key}`,
				);
			const sources = mdg8.delivered_by_source;
			assert.ok(
				cards.includes(
					escapeHtml(
						translate(themes.by_source, lang, {
							report: fmt.moneyCompact(Number(sources.report), "USD"),
							iati: fmt.moneyCompact(Number(sources.iati), "USD"),
							statistics: fmt.moneyCompact(Number(sources.statistics), "USD"),
						}),
					),
				),
				`${lang}: MDG 8's delivered by source`,
			);
			// Every goal with money has its row: its figures, or "not available" without delivery.
			const withMoney = api.body.groups.filter(
				(g: { committed: string }) => Number(g.committed) > 0,
			);
			assert.ok(withMoney.length > 1);
			let unmeasured = 0;
			for (const g of withMoney) {
				const row = between(headline, `data-goal="${g.key}"`, "</tr>");
				assert.ok(row.includes(`href="/${lang}/goals/${g.key}"`), `${lang}: ${g.key} links`);
				const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((x) => x[1]);
				assert.equal(cells[0], usd(g.committed), `${lang}: ${g.key} promised`);
				if (Number(g.delivered) > 0) {
					assert.deepEqual(
						cells.slice(1),
						[
							usd(g.committed_with_data),
							usd(g.delivered),
							usd(g.gap),
							escapeHtml(fmt.percent(g.ratio)),
							usd(g.delivered_by_source.report),
							usd(g.delivered_by_source.iati),
							usd(g.delivered_by_source.statistics),
						],
						`${lang}: ${g.key} with data, delivered, gap, share, sources`,
					);
				} else {
					unmeasured++;
					// No delivery data: said so, and no zero, gap or ratio made up from it.
					assert.equal(cells.length, 2, `${lang}: ${g.key} has one cell for delivery`);
					assert.ok(cells[1]?.includes(escapeHtml(components.not_available[lang])));
				}
			}
			assert.ok(unmeasured > 0, "the demo has a goal without delivery data");
			// The registry's total, last.
			const total = between(headline, 'data-goal="total"', "</tr>");
			for (const key of ["committed", "delivered", "gap"] as const)
				assert.ok(total.includes(usd(api.body.total[key])), `${lang}: total ${key}`);
			// The year of the latest data: the official statistics' coverage.
			const coverage = await ctx().services.statistics.coverage();
			assert.ok(coverage.latest_year !== null && coverage.published_on !== null);
			assert.ok(
				headline.includes(
					escapeHtml(
						translate(themes.latest_data, lang, {
							year: fmt.year(coverage.latest_year),
							date: fmt.date(coverage.published_on),
						}),
					),
				),
				`${lang}: the statistics' latest year and publication date`,
			);
			assert.ok(html.includes(escapeHtml(common.demo_notice[lang])), "the demo notice");
			assert.ok(html.includes(escapeHtml(home.latest_updates[lang])));
			assertNoPlaceholder(html, `/${lang}/`);
		});
	}

	it("links MDG 8's five themes and every goal", async () => {
		const html = await htmlPage(ctx(), "/fr/");
		for (const slug of ["aid", "trade", "debt", "medicines", "technology"])
			assert.ok(html.includes(`href="/fr/goals/mdg:8/themes/${slug}"`), slug);
		assert.ok(html.includes(`href="/fr/goals"`), "a link to every goal");
		assert.doesNotMatch(html, /<figure class="chart/, "no chart: the table carries the figures");
	});

	it("lists the latest commitments, linking to them and to the explorer", async () => {
		const html = await htmlPage(ctx(), "/en/");
		const api = await ctx().get("/api/v1/commitments?limit=8");
		for (const c of api.body.items)
			assert.ok(html.includes(`href="/en/commitments/${c.slug}"`), c.slug);
		assert.ok(html.includes(`href="/en/commitments" id="explore-all"`));
		assert.ok(textOf(html).includes(`Explore all ${api.body.total} commitments`));
	});

	it("lists the latest public changes (the feed's entries) with dates and links", async () => {
		const html = await htmlPage(ctx(), "/en/");
		const list = html.slice(html.indexOf('class="recent-changes"'));
		const text = textOf(list);
		assert.ok(text.includes(`Comment by ${commenter}`), "the comment");
		assert.ok(text.includes("Progress report by United Kingdom"), "the report");
		assert.ok(text.includes("New commitment"), "the new commitment");
		assert.ok(list.includes(`href="/en/commitments/${slug}"`), "links to the commitment");
		assert.match(list, /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+"/);
		// The same events, in the same order, as the Atom feed.
		const recent = await ctx().services.feeds.recent({ kind: "all" }, 5);
		const feed = await ctx().services.feeds.feed({ kind: "all" });
		assert.equal(recent.length, 5);
		assert.deepEqual(
			recent.map((r) => r.at),
			feed.entries.slice(0, 5).map((e) => e.updated),
		);
		assert.equal(recent[0]?.type, "comment");
		assert.equal(recent[0]?.by, commenter);
		assert.equal(recent[1]?.type, "report");
		assert.equal(recent[1]?.by, "United Kingdom");
		// The feed is announced to readers and linked.
		assert.match(
			html,
			/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/feeds\/all.atom"/,
		);
		assert.ok(list.includes(`href="/feeds/all.atom"`));
	});
});

describeEachDialect(
	"home page of an empty registry",
	(ctx) => {
		it("says there is nothing yet, and no demo notice", async () => {
			assert.equal(await ctx().services.demo.loadedAt(), null);
			const html = await htmlPage(ctx(), "/es/");
			assert.ok(!html.includes(escapeHtml(common.demo_notice.es)));
			assert.ok(html.includes(escapeHtml(home.no_updates.es)));
			assertNoPlaceholder(html, "/es/");
		});
	},
	{ demo: false },
);
