/**
 * The profile pages (stakeholder, country, goals, goal, target, forum) and the world map,
 * in English, Arabic and one more language: real demo data shows, every figure is the
 * analytics API's for the same key formatted in the language, links go where they should,
 * no placeholder is left untranslated, and an unknown key is a localised 404 page.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { components } from "../../src/web/i18n/components.messages.ts";
import { formattersFor } from "../../src/web/i18n/format.ts";
import type { Language } from "../../src/web/i18n/locale.ts";
import { intlTag } from "../../src/web/i18n/locale.ts";
import { translate } from "../../src/web/i18n/messages.ts";
import { profiles } from "../../src/web/i18n/profiles.messages.ts";
import { share as sm } from "../../src/web/i18n/share.messages.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { assertPage, escapeHtml, htmlPage } from "../helpers/pages.ts";
import { call, type Person, person } from "../helpers/users.ts";

const usd = (lang: Language, amount: string) =>
	formattersFor(lang).moneyCompact(Number(amount), "USD");

const langs: Language[] = ["en", "ar", "fr"];

/** A share of GNI as the page writes it: percent at two decimals, the language's way. */
const pct = (lang: Language, share: number) =>
	new Intl.NumberFormat(intlTag(lang), {
		style: "percent",
		minimumFractionDigits: 2,
		maximumFractionDigits: 2,
	}).format(share / 100);

describeEachDialect("profile pages and the map", (ctx) => {
	let kenyaFocal: Person;
	let ukFocal: Person;
	let kenyaId: number;
	let ukId: number;
	let kenyaSlug: string;
	const kenyaTitle = "Profiles test: UK support to Kenya's education sector plan";
	const strategyDocument = "National Education Sector Plan 2013-2018";

	before(async () => {
		// A country recipient (the demo names regions and groups only), with a recipient
		// government that reports where the commitment shows in its national strategy.
		kenyaId = await ctx().services.stakeholders.create(
			{ slug: "kenya", name: "Kenya", kind: "member_state", country: "KE", groups: ["AU"] },
			cliActor,
		);
		ukId = (await ctx().services.stakeholders.get("united-kingdom")).id;
		kenyaFocal = await person(ctx(), {
			memberships: [{ stakeholder: "kenya", role: "focal_point" }],
		});
		ukFocal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const c = await ctx().services.commitments.create(
			{
				title: kenyaTitle,
				text: "The UK will provide GBP 50 million for Kenya's national education sector plan 2013-2018.",
				kind: "financial",
				forum: "g8-gleneagles-2005",
				makers: ["united-kingdom"],
				goals: ["mdg:2"],
				recipients: [{ kind: "country", code: "KE" }],
				financial: {
					amount: "50000000",
					currency: "GBP",
					frequency: "total",
					period_start: "2013-01-01",
					period_end: "2018-12-31",
				},
				status: "published",
			},
			cliActor,
		);
		kenyaSlug = c.slug;
		const strategy = await call(
			ctx(),
			kenyaFocal,
			"POST",
			`/api/v1/commitments/${kenyaSlug}/reports`,
			{
				kind: "recipient",
				stakeholder: "kenya",
				period_start: "2014-01-01",
				period_end: "2014-12-31",
				narrative: "Budgeted in the sector plan.",
				national_strategy: {
					document: strategyDocument,
					section: "4.2 Financing",
					url: "https://example.org/nesp",
				},
			},
		);
		assert.equal(strategy.status, 201, JSON.stringify(strategy.body));
		const made = await call(ctx(), ukFocal, "POST", `/api/v1/commitments/${kenyaSlug}/reports`, {
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			disbursed: {
				amount: "10000000",
				currency: "GBP",
				recipients: [{ kind: "country", code: "KE" }],
			},
			narrative: "First tranche paid.",
		});
		assert.equal(made.status, 201, JSON.stringify(made.body));
	});

	it("lists a recipient government's national strategy reports, and nobody else's (service)", async () => {
		const kenya = await ctx().services.reports.nationalStrategies(kenyaId);
		assert.equal(kenya.items.length, 1);
		assert.equal(kenya.items[0]?.national_strategy?.document, strategyDocument);
		assert.equal(kenya.items[0]?.commitment.slug, kenyaSlug);
		// The UK reported as a maker on the same commitment: that is no national strategy.
		assert.deepEqual((await ctx().services.reports.nationalStrategies(ukId)).items, []);
	});

	it("shows a stakeholder: facts, its delivery record as the API gives it, its commitments", async () => {
		const api = (await ctx().get("/api/v1/stakeholders/united-kingdom")).body;
		for (const lang of langs) {
			const url = `/${lang}/stakeholders/united-kingdom`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			// A member state by its country's name in the page's language.
			const name = new Intl.DisplayNames([lang === "zh" ? "zh-Hans" : lang], { type: "region" }).of(
				"GB",
			);
			assert.ok(
				html.includes(`<h1 dir="auto">${escapeHtml(name ?? "")}</h1>`),
				`${url}: h1 ${name}`,
			);
			assert.ok(
				html.includes(
					escapeHtml("United Kingdom: additional GBP 814 million to the GAVI Alliance, 2011-2015"),
				),
			);
			assert.ok(
				html.includes(usd(lang, api.delivery.committed)),
				`${url}: promised ${api.delivery.committed}`,
			);
			assert.ok(html.includes(`href="/${lang}/countries/GB"`));
			assert.ok(html.includes(formattersFor(lang).country("GB")));
			assert.ok(html.includes('href="/feeds/stakeholders/united-kingdom.atom"'));
			assert.ok(html.includes(`href="/${lang}/commitments?stakeholder=united-kingdom"`));
			// The chart by year, with its text alternative.
			assert.ok(/<svg[^>]*role="img"/.test(html), `${url}: chart`);
			assert.ok(html.includes(profiles.by_year_title[lang]));
			assert.ok(
				html.includes(
					profiles.commitments_n[lang].replace(
						"{n}",
						formattersFor(lang).number(api.commitment_count),
					),
				),
			);
		}
		// A page number that is not one shows the first page.
		const odd = await htmlPage(ctx(), "/en/stakeholders/united-kingdom?page=abc");
		assert.ok(
			odd.includes(
				escapeHtml("United Kingdom: additional GBP 814 million to the GAVI Alliance, 2011-2015"),
			),
		);
	});

	it("shows a donor's ODA/GNI by year against the share targets it made, as the statistics give them", async () => {
		const series = (await ctx().get("/api/v1/statistics/providers/GB")).body;
		const years: {
			year: number;
			oda: string | null;
			gni: string | null;
			share: number | null;
			oda_ldc_share: number | null;
			sources: { source_url: string; published_on: string }[];
		}[] = series.years;
		assert.ok(years.length > 10, "the demo has the UK's series");
		const first = years[0]?.year ?? 0;
		const last = years.at(-1)?.year ?? 0;
		const target = (await ctx().get("/api/v1/commitments/uk-2010-oda-0-7-from-2013/delivery")).body
			.share;
		for (const lang of langs) {
			const url = `/${lang}/stakeholders/united-kingdom`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			const fmt = formattersFor(lang);
			const section =
				/<section aria-labelledby="share-record-h"[\s\S]*?<\/section>\s*<section/.exec(html)?.[0] ??
				"";
			assert.ok(section.includes(escapeHtml(sm.record_heading[lang])), `${url}: heading`);
			assert.ok(section.includes('<figure class="chart chart-line">'), `${url}: line chart`);
			// One row per year from the first to the latest; each figure the API's, a gap "not published".
			const rows = section.match(/<tr id="share-record-\d+"/g) ?? [];
			assert.equal(rows.length, last - first + 1);
			for (let year = first; year <= last; year++) {
				const row =
					new RegExp(`<tr id="share-record-${year}"[^>]*>[\\s\\S]*?</tr>`).exec(section)?.[0] ?? "";
				const y = years.find((x) => x.year === year);
				if (!y || y.share === null) {
					assert.ok(row.includes(sm.not_published[lang]), `${year}: not published`);
					continue;
				}
				assert.ok(row.includes(escapeHtml(pct(lang, y.share))), `${year}: ${y.share}`);
				for (const money of [y.oda, y.gni])
					if (money !== null)
						assert.ok(
							row.includes(escapeHtml(fmt.money(Number(money), "USD"))),
							`${year}: ${money}`,
						);
				if (y.oda_ldc_share !== null)
					assert.ok(row.includes(escapeHtml(pct(lang, y.oda_ldc_share))));
				for (const s of y.sources) {
					assert.ok(section.includes(`href="${escapeHtml(s.source_url)}"`));
					assert.ok(section.includes(escapeHtml(fmt.date(s.published_on))));
				}
			}
			assert.ok(
				section.includes(escapeHtml(sm.col_ldc_gni[lang])),
				"the LDC column, as the UK has figures",
			);
			// The 0.7 % target, drawn from its first due year and linked with its status.
			assert.ok(section.includes(`href="/${lang}/commitments/uk-2010-oda-0-7-from-2013"`));
			const dueYears = target.years.filter((y: { target: number | null }) => y.target !== null);
			assert.equal(dueYears[0].year, target.first_due_year);
			assert.ok(section.includes(`class="badge status-${target.status}"`));
			const dashed = section.match(/<polyline [^>]*stroke-dasharray="7 4"/g) ?? [];
			assert.equal(dashed.length, 1, "one target line");
		}
		// A stakeholder without official statistics has no such section.
		const gates = await htmlPage(ctx(), "/en/stakeholders/bill-melinda-gates-foundation");
		assert.ok(!gates.includes('id="share-record"'));
	});

	it("shows a country: its name in the language, what targets it, delivery to it, its national strategies and a map", async () => {
		const api = (await ctx().get("/api/v1/countries/KE")).body;
		assert.notEqual(api.delivery.received.committed, "0.00");
		for (const lang of ["en", "ar", "es"] as Language[]) {
			const url = `/${lang}/countries/KE`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			const name = formattersFor(lang).country("KE");
			assert.ok(html.includes(`<h1>${name}</h1>`), `${url}: name ${name}`);
			assert.ok(html.includes(escapeHtml(kenyaTitle)));
			assert.ok(html.includes(strategyDocument));
			assert.ok(html.includes("4.2 Financing"));
			assert.ok(html.includes(usd(lang, api.delivery.received.committed)));
			assert.ok(html.includes(`href="/${lang}/stakeholders/kenya"`));
			assert.ok(html.includes(usd(lang, api.delivery.made.committed)));
			assert.ok(html.includes('href="/feeds/countries/KE.atom"'));
			assert.ok(
				new RegExp(`<svg[^>]*>[\\s\\S]*<a class="map-link" href="/${lang}/countries/KE"`).test(
					html,
				),
				`${url}: map link to Kenya`,
			);
		}
		// A country with nothing yet says so.
		const quiet = await htmlPage(ctx(), "/fr/countries/BO");
		assertPage(quiet, "/fr/countries/BO", "fr");
		assert.ok(quiet.includes(profiles.strategies_none.fr));
		assert.ok(quiet.includes(escapeHtml(profiles.no_government.fr)));
		// One address per country.
		const lower = await ctx().app.inject({ method: "GET", url: "/en/countries/ke" });
		assert.equal(lower.statusCode, 301);
		assert.equal(lower.headers.location, "/en/countries/KE");
	});

	it("indexes both frameworks with titles in the language and each goal's figures from the API", async () => {
		const byGoal = (await ctx().get("/api/v1/analytics/delivery?group_by=goal")).body;
		const mdg8 = byGoal.groups.find((g: { key: string }) => g.key === "mdg:8");
		for (const lang of langs) {
			const url = `/${lang}/goals`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			const sdg = (await ctx().get(`/api/v1/frameworks/sdg?lang=${lang}`)).body;
			const sdg3 = sdg.goals.find((g: { code: string }) => g.code === "3");
			assert.ok(html.includes(escapeHtml(sdg3.title)), `${url}: SDG 3 title`);
			assert.ok(html.includes(`href="/${lang}/goals/sdg:3"`));
			assert.ok(html.includes(`href="/${lang}/goals/mdg:8"`));
			assert.ok(html.includes(usd(lang, mdg8.committed)));
			assert.ok(html.includes(common.framework_mdg[lang]));
			assert.ok(html.includes(common.framework_sdg[lang]));
		}
		// The French title of SDG 3, from the shipped translations.
		assert.ok(
			(await htmlPage(ctx(), "/fr/goals")).includes("Permettre à tous de vivre en bonne santé"),
		);
		// MDG titles where a UN page gives them in the language (data/mdg/translations.json):
		// every French goal, the Spanish goal 1, a French target on the goal's page.
		const frGoals = await htmlPage(ctx(), "/fr/goals");
		assert.ok(frGoals.includes("Mettre en place un partenariat mondial pour le développement"));
		assert.ok(!frGoals.includes("Develop a global partnership for development"));
		assert.ok(
			(await htmlPage(ctx(), "/es/goals")).includes("Erradicar la pobreza extrema y el hambre"),
		);
		const mdg = (await ctx().get("/api/v1/frameworks/mdg?lang=fr")).body;
		const t8a = mdg.goals.find((g: { code: string }) => g.code === "8").targets[0];
		assert.match(t8a.title, /^Poursuivre la mise en place/);
		assert.ok((await htmlPage(ctx(), "/fr/goals/mdg:8")).includes(escapeHtml(t8a.title)));
	});

	it("shows a goal: targets, delivery as the API gives it, required vs provided, commitments", async () => {
		const summary = (await ctx().get("/api/v1/analytics/delivery?group_by=goal")).body.groups.find(
			(g: { key: string }) => g.key === "mdg:8",
		);
		const requirements = (await ctx().get("/api/v1/requirements?goal=mdg:8")).body.items;
		assert.ok(requirements.length > 0);
		for (const lang of langs) {
			const url = `/${lang}/goals/mdg:8`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			// The goal's title in the language where a UN page gives it, else in English.
			const mdg = (await ctx().get(`/api/v1/frameworks/mdg?lang=${lang}`)).body;
			const title = mdg.goals.find((g: { code: string }) => g.code === "8").title;
			assert.ok(html.includes(escapeHtml(title)), `${url}: ${title}`);
			assert.equal(title === "Develop a global partnership for development", lang !== "fr");
			assert.ok(html.includes(usd(lang, summary.committed)));
			assert.ok(html.includes(`href="/${lang}/targets/mdg:8.A"`));
			assert.ok(html.includes(`href="/${lang}/targets/mdg:8.F"`));
			for (const r of requirements) {
				assert.ok(html.includes(escapeHtml(r.title)), `${url}: requirement ${r.title}`);
				if (r.gap.gap !== null) assert.ok(html.includes(usd(lang, r.gap.gap)));
				if (r.gap.required !== null) assert.ok(html.includes(usd(lang, r.gap.required)));
			}
			// Its commitments, a page of them in the list's order: the first is the API's first.
			const first = (await ctx().get("/api/v1/commitments?goal=mdg:8&limit=1")).body.items[0];
			assert.ok(html.includes(escapeHtml(first.title)), `${url}: lists ${first.title}`);
			assert.ok(html.includes('href="/feeds/goals/mdg-8.atom"'));
			// "Provided" (the sources' figures) is told apart from "Delivered" (the registry's).
			const intro = translate(profiles.requirements_intro, lang, { year: 2020 });
			assert.ok(html.includes(escapeHtml(intro)), `${url}: provided reconciled with delivered`);
			assert.ok(intro.includes(components.delivered[lang]));
		}
		// An SDG page in French: its title from the shipped translations.
		const sdg3 = await htmlPage(ctx(), "/fr/goals/sdg:3");
		assertPage(sdg3, "/fr/goals/sdg:3", "fr");
		assert.ok(sdg3.includes("Permettre à tous de vivre en bonne santé"));
		assert.ok(sdg3.includes('href="/fr/targets/sdg:3.b"'));
	});

	it("shows a target with its goal, its figures and its requirements", async () => {
		const target = (await ctx().get("/api/v1/analytics/delivery?group_by=target")).body.groups.find(
			(g: { key: string }) => g.key === "mdg:8.A",
		);
		for (const lang of langs) {
			const url = `/${lang}/targets/mdg:8.A`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			assert.ok(html.includes(`href="/${lang}/goals/mdg:8"`));
			assert.ok(html.includes(usd(lang, target.committed)));
		}
		const b = await htmlPage(ctx(), "/en/targets/mdg:8.b");
		assert.ok(b.includes("Address the special needs of the least developed countries"));
		// The 0.7% requirement is filed under 8.A, with the pledges of ODA volume.
		const a = await htmlPage(ctx(), "/en/targets/mdg:8.A");
		assert.ok(
			a.includes("ODA required to meet the 0.7% of GNI target in 2013 (MDG Gap Task Force)"),
		);
		const fr = await htmlPage(ctx(), "/fr/targets/sdg:3.b");
		assert.ok(fr.includes("ODD 3.b"));
	});

	it("shows a forum: everything promised there and what came of it, as the API gives it", async () => {
		const api = (await ctx().get("/api/v1/forums/g8-gleneagles-2005")).body;
		for (const lang of langs) {
			const url = `/${lang}/forums/g8-gleneagles-2005`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			assert.ok(html.includes("G8 Gleneagles Summit"));
			assert.ok(
				html.includes(
					escapeHtml(
						"G8 Gleneagles: ODA to Africa to rise by $25 billion a year by 2010, more than doubling aid to Africa compared to 2004",
					),
				),
			);
			assert.ok(html.includes(escapeHtml(kenyaTitle)));
			assert.ok(html.includes(usd(lang, api.delivery.committed)));
			assert.ok(html.includes(formattersFor(lang).date("2005-07-06")));
			assert.ok(html.includes("Gleneagles, United Kingdom"));
			assert.ok(html.includes(`href="${api.url}"`));
			// The G8's pledges are collective: the chart by maker shows only pledges made alone
			// there (the UK's to Kenya, Japan's +US$10bn), never the G8's billed to each member.
			assert.ok(html.includes(profiles.by_maker_title[lang]));
		}
		const byMaker = (
			await ctx().get(
				"/api/v1/analytics/delivery?group_by=stakeholder&forum=g8-gleneagles-2005&basis=current",
			)
		).body;
		const own = byMaker.groups.filter((g: { committed: string }) => Number(g.committed) > 0);
		assert.deepEqual(own.map((g: { slug: string }) => g.slug).sort(), ["japan", "united-kingdom"]);
		const kenya = (await ctx().get(`/api/v1/commitments/${kenyaSlug}/delivery`)).body;
		const uk = own.find((g: { slug: string }) => g.slug === "united-kingdom");
		assert.equal(uk.committed, kenya.committed.current);
		const france = byMaker.groups.find((g: { slug: string }) => g.slug === "france");
		assert.deepEqual([france.committed, france.counts.collective], ["0.00", 4]);
	});

	it("lists the forums, most promised first, with delivery or 'not available', as the API gives them", async () => {
		const byForum = (await ctx().get("/api/v1/analytics/delivery?group_by=forum&limit=100")).body;
		assert.ok(byForum.groups.length > 3);
		const withData = byForum.groups.find((g: { delivered: string | null }) => g.delivered !== null);
		const without = byForum.groups.find((g: { delivered: string | null }) => g.delivered === null);
		assert.ok(withData && without, "the demo has forums with and without delivery data");
		for (const lang of langs) {
			const url = `/${lang}/forums`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			assert.ok(html.includes(escapeHtml(profiles.forums_title[lang])));
			const table = html.slice(html.indexOf('id="forums-table"'));
			// In the API's order: the first forum's link comes before the second's.
			const at = (slug: string) => table.indexOf(`href="/${lang}/forums/${slug}"`);
			assert.ok(at(byForum.groups[0].slug) >= 0);
			assert.ok(at(byForum.groups[0].slug) < at(byForum.groups[1].slug));
			const row = (slug: string) => table.slice(at(slug), table.indexOf("</tr>", at(slug)));
			assert.ok(row(withData.slug).includes(usd(lang, withData.delivered)));
			assert.ok(row(without.slug).includes(escapeHtml(components.not_available[lang])));
			assert.doesNotMatch(row(without.slug), /\$0(?![.,\d])/);
			// A gap over part of the promise says which part.
			const partial = byForum.groups.filter(
				(x: { gap: string | null; committed_without_data: string }) =>
					x.gap !== null && Number(x.committed_without_data) !== 0,
			);
			assert.ok(partial.length > 0, "the demo has a forum with delivery data for part of it");
			for (const g of partial)
				assert.ok(
					row(g.slug).includes(
						escapeHtml(
							translate(components.gap_over, lang, { covered: usd(lang, g.committed_with_data) }),
						),
					),
					`${lang}: ${g.slug} gap over its covered part`,
				);
		}
		const countries = await ctx().app.inject({ method: "GET", url: "/fr/countries" });
		assert.deepEqual(
			[countries.statusCode, countries.headers.location],
			[301, "/fr/map#countries"],
		);
	});

	it("names an agency or fund as recorded, in English, marked so on other pages", async () => {
		const html = await htmlPage(ctx(), "/fr/stakeholders/bill-melinda-gates-foundation");
		assert.match(html, /<h1 dir="auto" lang="en">[^<]+<\/h1>/);
		const en = await htmlPage(ctx(), "/en/stakeholders/bill-melinda-gates-foundation");
		assert.match(en, /<h1 dir="auto">[^<]+<\/h1>/);
	});

	it("ranks the makers by their own pledges, sorted by any money column, as the API gives them", async () => {
		const api = async (sort: string) =>
			(await ctx().get(`/api/v1/analytics/delivery?group_by=stakeholder&sort=${sort}&limit=100`))
				.body;
		const byGap = await api("gap");
		// Known gaps first, largest first; unknown ones (no delivery data) after them.
		const gaps = byGap.groups.map((g: { gap: string | null }) => g.gap);
		const known = gaps.filter((g: string | null) => g !== null).map(Number);
		assert.ok(known.length >= 3, "the demo has makers with a gap");
		assert.deepEqual(
			known,
			[...known].sort((a, b) => b - a),
		);
		assert.deepEqual(gaps.slice(0, known.length).map(Number), known);
		const uk = byGap.groups.find((g: { key: string }) => g.key === String(ukId));
		assert.ok(uk.counts.collective > 0, "the UK shares collective pledges");
		const series = (await ctx().get("/api/v1/statistics/providers/GB")).body;
		const latest = series.years.filter((y: { share: number | null }) => y.share !== null).at(-1);
		const reportedUpTo = (await ctx().services.reports.reportedUpTo([ukId])).get(ukId);
		assert.ok(reportedUpTo && reportedUpTo >= "2014-12-31", `UK reported up to ${reportedUpTo}`);
		for (const lang of langs) {
			const url = `/${lang}/stakeholders?sort=gap`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			assert.ok(html.includes(escapeHtml(profiles.stakeholders_title[lang])));
			const table = html.slice(html.indexOf('id="stakeholders-table"'), html.indexOf("</table>"));
			assert.match(table, /aria-sort="descending"/);
			assert.ok(table.includes(`href="/${lang}/stakeholders?sort=delivered"`));
			const at = (slug: string) => table.indexOf(`href="/${lang}/stakeholders/${slug}"`);
			const [first, second] = byGap.groups;
			assert.ok(
				at(first.slug) >= 0 && at(first.slug) < at(second.slug),
				`${lang}: in the API's order`,
			);
			const row = table.slice(at("united-kingdom"), table.indexOf("</tr>", at("united-kingdom")));
			const f = formattersFor(lang);
			for (const text of [
				usd(lang, uk.committed),
				usd(lang, uk.delivered),
				f.number(uk.counts.collective),
				pct(lang, latest.share),
				f.year(latest.year),
				f.date(reportedUpTo),
			])
				assert.ok(row.includes(escapeHtml(text)), `${lang}: the UK row shows ${text}`);
			// A maker with no delivery data says so, never $0 delivered.
			const none = byGap.groups.find((g: { delivered: string | null }) => g.delivered === null);
			const noneRow = table.slice(at(none.slug), table.indexOf("</tr>", at(none.slug)));
			assert.ok(noneRow.includes(escapeHtml(components.not_available[lang])));
		}
		// The default order is by promise; an unknown sort falls back to it.
		const plain = await htmlPage(ctx(), "/en/stakeholders?sort=nonsense");
		const byPromise = await api("committed");
		const t = plain.slice(plain.indexOf('id="stakeholders-table"'));
		const [a, b] = byPromise.groups;
		assert.ok(t.indexOf(`/en/stakeholders/${a.slug}"`) < t.indexOf(`/en/stakeholders/${b.slug}"`));
		const bad = await ctx().get("/api/v1/analytics/delivery?group_by=stakeholder&sort=name");
		assert.equal(bad.status, 400);
		assert.match(JSON.stringify(bad.body), /sort/);
	});

	it("draws the world map: countries linked to their pages, the numbers as tables", async () => {
		const byRecipient = (await ctx().get("/api/v1/analytics/delivery?group_by=recipient")).body;
		const kenya = byRecipient.groups.find((g: { key: string }) => g.key === "country:KE");
		const developing = byRecipient.groups.find((g: { key: string }) => g.key === "region:998");
		for (const lang of langs) {
			const url = `/${lang}/map`;
			const html = await htmlPage(ctx(), url);
			assertPage(html, url, lang);
			assert.ok(
				new RegExp(`<svg[^>]*>[\\s\\S]*<a class="map-link" href="/${lang}/countries/KE"`).test(
					html,
				),
				`${url}: map link to Kenya`,
			);
			const table = html.slice(html.indexOf('id="countries-table"'));
			assert.ok(table.includes(`href="/${lang}/countries/KE"`));
			assert.ok(table.includes(usd(lang, kenya.committed)));
			const others = html.slice(html.indexOf('id="others-table"'));
			assert.ok(others.includes(usd(lang, developing.committed)));
			assert.ok(others.includes(`href="/${lang}/commitments?recipient=998"`));
			// Every country is one link away, even those no commitment names.
			assert.ok(html.includes(`href="/${lang}/countries/BO"`));
		}
		assert.ok((await htmlPage(ctx(), "/en/map")).includes("Developing countries, unspecified"));
		const delivered = await htmlPage(ctx(), "/es/map?measure=delivered");
		assertPage(delivered, "/es/map?measure=delivered", "es");
		assert.ok(delivered.includes('href="/es/map?measure=delivered" aria-current="page"'));
	});

	it("answers an unknown stakeholder, country, goal, target or forum with a localised 404 page", async () => {
		for (const url of [
			"/en/stakeholders/no-such-stakeholder",
			"/ar/stakeholders/Not%20A%20Slug",
			"/fr/countries/QQ",
			"/en/countries/KEN",
			"/ar/goals/sdg:18",
			"/en/goals/xyz",
			"/fr/targets/sdg:3.z",
			"/en/targets/sdg:3",
			"/ar/forums/no-such-forum",
		]) {
			const html = await htmlPage(ctx(), url, 404);
			const lang = url.split("/")[1] as Language;
			assert.ok(html.includes(common.error_not_found[lang]), `${url}: localised 404`);
		}
	});
});
