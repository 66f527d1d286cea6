/**
 * The home page in several languages: the registry's headline figures are the delivery
 * API's totals, formatted in the language; the chart's goals link to their pages; the
 * latest commitments and the latest public changes (what the Atom feed lists) show with
 * their links; the demo notice shows only when the demo is loaded.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { formattersFor } from "../../src/web/i18n/format.ts";
import { home } from "../../src/web/i18n/home.messages.ts";
import type { Language } from "../../src/web/i18n/locale.ts";
import { describeEachDialect } from "../helpers/app.ts";
import {
	assertLangDir,
	assertNoPlaceholder,
	escapeHtml,
	htmlPage,
	textOf,
} from "../helpers/pages.ts";
import { call, person } from "../helpers/users.ts";

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
		it(`shows the registry's promised, delivered, due and gap in ${lang}`, async () => {
			const html = await htmlPage(ctx(), `/${lang}/`);
			assertLangDir(html, `/${lang}/`, lang);
			const api = await ctx().get("/api/v1/analytics/delivery?group_by=goal");
			assert.equal(api.status, 200);
			const fmt = formattersFor(lang);
			const section = html.slice(html.indexOf('id="headline"'), html.indexOf('id="by-goal"'));
			for (const key of ["committed", "delivered", "expected", "gap"] as const) {
				const figure = fmt.moneyCompact(Number(api.body.total[key]), "USD");
				assert.ok(
					section.includes(`<div class="figure-big">${escapeHtml(figure)}</div>`),
					`${lang}: ${key} ${figure}`,
				);
			}
			assert.ok(Number(api.body.total.committed) > 0, "the demo promises money");
			assert.ok(html.includes(escapeHtml(common.demo_notice[lang])), "the demo notice");
			assert.ok(html.includes(escapeHtml(home.latest_updates[lang])));
			assertNoPlaceholder(html, `/${lang}/`);
		});
	}

	it("charts promised and delivered by goal, each goal linking to its page", async () => {
		const html = await htmlPage(ctx(), "/fr/");
		const api = await ctx().get("/api/v1/analytics/delivery?group_by=goal");
		const top = api.body.groups[0];
		assert.ok(top, "a goal with money");
		assert.match(html, /<figure class="chart chart-hbar"/);
		assert.match(html, /<svg[^>]*role="img"/);
		assert.ok(html.includes(`href="/fr/goals/${top.key}"`), `link to ${top.key}`);
		const fmt = formattersFor("fr");
		const row = html.slice(html.indexOf(`href="/fr/goals/${top.key}"`));
		assert.ok(
			row.slice(0, 600).includes(escapeHtml(fmt.moneyCompact(Number(top.committed), "USD"))),
			"the goal's promised amount in its row",
		);
		assert.ok(html.includes(`href="/fr/goals"`), "a link to every goal");
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
