/**
 * The commitment page through HTTP on both databases: a demo commitment in three
 * languages (text, makers, money in the page's number format, chart and table, status,
 * Open Graph, feed), comments and replies posted as forms (and through htmx), their
 * errors, reporting a comment, the version history after an update, drafts and 404s.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { ImportService } from "../../src/modules/activities/import.service.ts";
import { activities as am } from "../../src/web/i18n/activities.messages.ts";
import { cm, flagReasons } from "../../src/web/i18n/commitment.messages.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { components } from "../../src/web/i18n/components.messages.ts";
import {
	deliveryStatusNames,
	scorecardScoreNames,
	trafficLightNoReportNames,
	trafficLightRules,
} from "../../src/web/i18n/enums.messages.ts";
import { formattersFor } from "../../src/web/i18n/format.ts";
import { intlTag, type Language } from "../../src/web/i18n/locale.ts";
import { problems } from "../../src/web/i18n/problems.messages.ts";
import { share as sm } from "../../src/web/i18n/share.messages.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";
import {
	assertNoPlaceholder,
	assertPage,
	escapeHtml,
	getHtml,
	postForm,
} from "../helpers/pages.ts";
import { call, createUser, type Person, person, signIn } from "../helpers/users.ts";

const slug = "canada-muskoka-2010-mnch";
const page = (lang: string, s = slug) => `/${lang}/commitments/${s}`;

/** A share of GNI as the page writes it: percent at two decimals, the language's way. */
const pct = (lang: Language, share: number) =>
	new Intl.NumberFormat(intlTag(lang), {
		style: "percent",
		minimumFractionDigits: 2,
		maximumFractionDigits: 2,
	}).format(share / 100);

/** The table row of one year in a share-of-income section. */
function shareRow(html: string, year: number, prefix = "share"): string {
	const row = new RegExp(`<tr id="${prefix}-${year}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0];
	assert.ok(row, `row of ${year}`);
	return row;
}

interface Session {
	cookie: string;
	csrf: string;
	userId: number;
}

async function session(c: TestContext, opts: Parameters<typeof createUser>[1] = {}) {
	const u = await createUser(c, opts);
	const h = await signIn(c, u.email, u.password);
	return { cookie: h.cookie as string, csrf: h["x-csrf-token"] as string, userId: u.id };
}

/** A form post as a browser sends it, as this session (or nobody). */
function postAs(
	c: TestContext,
	s: Session | null,
	url: string,
	fields: Record<string, string>,
	headers: Record<string, string> = {},
) {
	return postForm(c, url, fields, { ...(s ? { cookie: s.cookie } : {}), ...headers });
}

function getPage(c: TestContext, url: string, s: Session | null = null) {
	return getHtml(c, url, s?.cookie);
}

describeEachDialect("commitment page", (ctx) => {
	const commitment = demo.commitments.find((c) => c.slug === slug);
	let alice: Session;
	let bob: Session;

	before(async () => {
		alice = await session(ctx());
		bob = await session(ctx());
	});

	for (const lang of ["en", "fr", "ar"] as const) {
		it(`shows the commitment in ${lang}`, async () => {
			assert.ok(commitment);
			const res = await getPage(ctx(), page(lang));
			assert.equal(res.statusCode, 200, res.body.slice(0, 500));
			const html = res.body;
			assertPage(html, page(lang), lang);
			// The verbatim text, in a blockquote that lets the browser pick its direction.
			assert.match(html, /<blockquote dir="auto"/);
			assert.ok(html.includes(escapeHtml(commitment.text.slice(0, 60))), "verbatim text");
			assert.ok(html.includes(`<h1 dir="auto">${escapeHtml(commitment.title)}</h1>`), "title");
			// Makers, forum, goals and targets link to their pages in the same language.
			assert.ok(html.includes(`href="/${lang}/stakeholders/canada"`), "maker link");
			assert.ok(html.includes(`href="/${lang}/forums/${commitment.forum}"`), "forum link");
			assert.ok(html.includes(`href="/${lang}/goals/mdg:4"`), "goal link");
			assert.ok(html.includes(`href="/${lang}/targets/mdg:4.A"`), "target link");
			// The amount as stated, written the way the language writes money.
			const amount = formattersFor(lang).money(1100000000, "CAD");
			assert.ok(html.includes(escapeHtml(amount)), `amount ${amount}`);
			// The delivery chart: an accessible SVG and the numbers as a table.
			assert.match(html, /<svg class="chart-svg"[^>]*role="img"/);
			assert.ok(
				html.includes(`<title id="commitment-delivery-title">${escapeHtml(cm.chart_title[lang])}`),
			);
			assert.match(html, /<details class="chart-data">[\s\S]*?<table[\s\S]*?<\/table>/);
			// The delivery status, named in the page's language, with its rule.
			const delivery = await ctx().services.analytics.commitmentDelivery(slug, null);
			assert.ok(
				html.includes(escapeHtml(deliveryStatusNames[delivery.status][lang])),
				"status name",
			);
			assert.ok(html.includes(escapeHtml(cm.rule_financial_heading[lang])), "rule explained");
			// Open Graph: title, the start of the text, the page's address.
			assert.ok(
				html.includes(`<meta property="og:title" content="${escapeHtml(commitment.title)}"`),
			);
			const og = /<meta property="og:description" content="([^"]*)"/.exec(html)?.[1] ?? "";
			assert.ok(og.length > 50 && og.length <= 260, `og:description of ${og.length}`);
			assert.ok(
				commitment.text.replace(/\s+/g, " ").startsWith(og.slice(0, 40).replace(/&amp;/g, "&")),
			);
			assert.match(
				html,
				new RegExp(`<meta property="og:url" content="https?://[^"]+/${lang}/commitments/${slug}"`),
			);
			// The Atom feed of this commitment, in the head and on the page.
			const detail = await ctx().services.commitments.get(slug, null);
			const feed = `/feeds/commitments/${detail.id}.atom`;
			assert.ok(html.includes(`type="application/atom+xml"`) && html.includes(`href="${feed}"`));
			// It is part of the Muskoka initiative, and counted through another commitment.
			assert.ok(html.includes(`href="/${lang}/commitments/muskoka-2010-mnch-initiative"`));
			assert.ok(html.includes(escapeHtml(cm.counting_heading[lang])));
			// Anonymous readers are asked to sign in to comment, and come back here after.
			assert.ok(
				html.includes(
					`href="/${lang}/sign-in?next=${encodeURIComponent(`/${lang}/commitments/${slug}`)}"`,
				),
			);
			assert.equal(res.headers["cache-control"], "public, max-age=60");
		});
	}

	for (const lang of ["en", "fr", "ar"] as const) {
		it(`measures a share-of-income target on official statistics, as the API does (${lang})`, async () => {
			const target = "uk-2010-oda-0-7-from-2013";
			const api = (await ctx().get(`/api/v1/commitments/${target}/delivery`)).body;
			const share = api.share;
			assert.ok(share, "the API measures it as a share");
			const url = page(lang, target);
			const res = await getPage(ctx(), url);
			assert.equal(res.statusCode, 200);
			const html = res.body;
			assertPage(html, url, lang);
			const fmt = formattersFor(lang);
			// A line chart of the share, not the money bars: GNI × target is no amount promised.
			assert.ok(html.includes('<figure class="chart chart-line">'), "line chart");
			assert.ok(
				html.includes(`<title id="share-chart-title">${escapeHtml(sm.chart_title_oda[lang])}`),
			);
			assert.ok(!html.includes('id="commitment-delivery-title"'), "no money bars");
			// Status, the deciding year's share against the target, the gap in money.
			assert.ok(html.includes(`class="badge status-${share.status}"`));
			assert.ok(html.includes(escapeHtml(deliveryStatusNames[share.status as "off_track"][lang])));
			const latest = share.years.find((y: { year: number }) => y.year === share.latest_year);
			assert.ok(html.includes(escapeHtml(pct(lang, latest.share))), "latest share");
			assert.ok(html.includes(escapeHtml(pct(lang, share.target.min))), "target");
			assert.ok(
				html.includes(
					`<strong class="share-gap">${escapeHtml(fmt.money(Number(share.gap), "USD"))}`,
				),
				`gap ${share.gap}`,
			);
			assert.ok(
				html.includes(escapeHtml(sm.rule_heading[lang])),
				"the share rule, not the pro-rata one",
			);
			assert.ok(!html.includes(escapeHtml(cm.rule_financial_heading[lang])));
			// Every year: ODA, GNI, share, target, gap, basis and sources, each the API's.
			for (const y of share.years) {
				const row = shareRow(html, y.year);
				assert.ok(row.includes(`>${fmt.year(y.year)}</th>`), `${y.year}: year`);
				for (const money of [y.oda, y.gni, y.due ? y.gap : null])
					if (money !== null)
						assert.ok(
							row.includes(escapeHtml(fmt.money(Number(money), "USD"))),
							`${y.year}: ${money}`,
						);
				assert.ok(row.includes(escapeHtml(pct(lang, y.share))), `${y.year}: share ${y.share}`);
				if (y.target !== null) assert.ok(row.includes(escapeHtml(pct(lang, y.target))));
				else assert.ok(row.includes(sm.not_due[lang]), `${y.year}: not due`);
				assert.equal((row.match(/href="#share-source-\d+"/g) ?? []).length, y.sources.length);
			}
			// Each source once, with its link and publication date.
			const sources = new Set<string>();
			for (const y of share.years)
				for (const s of y.sources) {
					sources.add(s.source_url);
					assert.ok(html.includes(`href="${escapeHtml(s.source_url)}"`), s.source_url);
					assert.ok(html.includes(escapeHtml(fmt.date(s.published_on))));
				}
			assert.equal((html.match(/<li id="share-source-\d+"/g) ?? []).length, sources.size);
		});
	}

	for (const lang of ["en", "ar"] as const) {
		it(`shows a year not published as missing, never as zero (${lang})`, async () => {
			const target = "istanbul-2011-oda-to-ldcs";
			const share = (await ctx().get(`/api/v1/commitments/${target}/delivery`)).body.share;
			assert.ok(share.missing_years.length > 0, "the demo has missing years");
			const url = page(lang, target);
			const html = (await getPage(ctx(), url)).body;
			assertPage(html, url, lang);
			assert.ok(html.includes(escapeHtml(sm.chart_title_ldc[lang])));
			const zero = [pct(lang, 0), formattersFor(lang).money(0, "USD")];
			for (const year of share.missing_years) {
				const row = shareRow(html, year);
				assert.match(row, /class="share-due share-missing"/);
				assert.ok(row.includes('<span aria-hidden="true">—</span>'), `${year}: —`);
				assert.ok(row.includes(sm.not_published[lang]), `${year}: not published`);
				for (const z of zero) assert.ok(!row.includes(escapeHtml(z)), `${year}: no ${z}`);
			}
			// Listed as missing beside the status, in the language's list form.
			const list = /<dd class="share-missing-years">([^<]*)<\/dd>/.exec(html)?.[1] ?? "";
			for (const year of share.missing_years)
				assert.ok(list.includes(formattersFor(lang).year(year)), `${year} listed`);
			// The chart breaks its line there: no point titled with a missing year.
			for (const year of share.missing_years)
				assert.ok(!html.includes(`, ${formattersFor(lang).year(year)}: `), `${year}: no point`);
		});
	}

	it("sets each member's own share beside a collective's", async () => {
		const target = "eu-council-2005-oda-0-56-by-2010";
		const share = (await ctx().get(`/api/v1/commitments/${target}/delivery`)).body.share;
		assert.equal(share.provider.collective, true);
		const html = (await getPage(ctx(), page("en", target))).body;
		const table = /<table class="share-members">[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
		const year = share.latest_year;
		const row = share.years.find((y: { year: number }) => y.year === year);
		assert.ok(html.includes(`Members in ${year}`));
		assert.match(
			table,
			new RegExp(`share-collective[\\s\\S]*?${pct("en", row.share).replace(".", "\\.")}`),
		);
		const members = new Set([...row.included, ...row.missing]);
		for (const m of share.members) {
			const name = formattersFor("en").country(m.code);
			const own = m.years.find((y: { year: number }) => y.year === year)?.share ?? null;
			if (!members.has(m.code)) {
				assert.ok(
					!table.includes(`<th scope="row">${escapeHtml(name)}</th>`),
					`${m.code} not a member`,
				);
				continue;
			}
			const cells = new RegExp(
				`<th scope="row">${escapeHtml(name)}</th><td class="num">([\\s\\S]*?)</td>`,
			).exec(table)?.[1];
			assert.ok(cells !== undefined, `${m.code} listed`);
			assert.ok(
				cells.includes(own === null ? sm.not_published.en : pct("en", own)),
				`${m.code}: ${own}`,
			);
		}
	});

	it("promises an increase once, in its target year, and says how it is measured", async () => {
		const target = "gleneagles-2005-oda-increase";
		const api = (await ctx().get(`/api/v1/commitments/${target}/delivery`)).body;
		// "+$50bn a year by 2010 over 2004": promised for 2010 alone, not for 2005-2010.
		assert.deepEqual(
			api.series.filter((y: any) => Number(y.committed.constant) !== 0).map((y: any) => y.year),
			[2010],
		);
		// Russia and "other donors" have no statistics: the record names the DAC's, as the OECD measured it.
		assert.deepEqual(
			[api.increase.baseline_year, api.increase.target_year, api.increase.measured_on],
			[2004, 2010, "statistics"],
		);
		assert.equal(api.increase.not_on_statistics, null);
		// The Heiligendamm reaffirmation names no provider: its makers' statistics leave Russia out.
		const reaffirmed = "heiligendamm-2007-reaffirm-gleneagles-africa";
		const other = (await ctx().get(`/api/v1/commitments/${reaffirmed}/delivery`)).body;
		assert.equal(other.increase.measured_on, "reports");
		assert.match(other.increase.not_on_statistics, /do not cover every maker/);
		for (const lang of ["en", "fr"] as const) {
			const line = (m: Record<string, string>) =>
				escapeHtml(
					(m[lang] as string)
						.replace(/\{baseline\}/g, formattersFor(lang).year(2004))
						.replace(/\{target\}/g, formattersFor(lang).year(2010)),
				);
			const html = (await getPage(ctx(), page(lang, target))).body;
			assert.ok(html.includes(line(cm.increase_statistics)), `${lang}: the increase is explained`);
			assert.match(html, /id="statistics-of" data-provider="DAC"/);
			assert.match(html, /id="increase-figures" data-measure="oda"/);
			const reports = (await getPage(ctx(), page(lang, reaffirmed))).body;
			assert.ok(reports.includes(line(cm.increase_reports)), `${lang}: on reports`);
			// Nothing reported on it: its delivered money is not available, never "$0".
			const table = /<table class="normalised">[\s\S]*?<\/table>/.exec(reports)?.[0] ?? "";
			assert.ok(table.includes(escapeHtml(components.not_available[lang])), `${lang}: no data`);
		}
	});

	it("never shows a reporting light that contradicts 'no progress report yet'", async () => {
		let checked = 0;
		for (const c of demo.commitments) {
			const dl = (await ctx().get(`/api/v1/commitments/${c.slug}/delivery`)).body;
			if (dl.reporting.last_report_on !== null) continue;
			const light = dl.reporting.light as "amber" | "red";
			for (const lang of ["en", "fr"] as const) {
				const html = (await getPage(ctx(), page(lang, c.slug))).body;
				const badge =
					/<span class="badge light light-[a-z]+">([\s\S]*?)<\/span>\s*<div class="small">([\s\S]*?)<\/div>/.exec(
						html,
					);
				assert.ok(badge, `${c.slug}: a light`);
				assert.ok(
					(badge[1] as string).includes(escapeHtml(trafficLightNoReportNames[light][lang])),
					`${c.slug} ${lang}: ${badge[1]}`,
				);
				assert.ok((badge[2] as string).includes(escapeHtml(cm.no_report_yet[lang])));
				// The light's rule list says what applies when nothing was reported.
				assert.ok(html.includes(escapeHtml(trafficLightRules[light][lang])));
			}
			checked++;
			if (checked >= 3) break;
		}
		assert.ok(checked > 0, "a demo commitment nothing was reported on");
	});

	it("lists the IATI activities a commitment is delivered through, and each activity has its page", async () => {
		const withNone = (await getPage(ctx(), page("fr", "gleneagles-2005-oda-increase"))).body;
		assert.ok(withNone.includes(escapeHtml(am.section_none.fr)), "no linked activity is said");
		const identifier = "XM-PAGES-1/KE";
		await ctx().services.activities.record(
			{
				iati_identifier: identifier,
				reporting_org_ref: "CA-1",
				default_currency: "CAD",
				title: "Santé maternelle au Kenya",
				transactions: [
					{ transaction_type: "3", transaction_date: "2011-05-01", value_minor: 2_500_000_00 },
				],
			},
			cliActor,
		);
		await ctx().services.links.link(slug, { activity: identifier, share: 40 }, cliActor);
		const listed = (await getPage(ctx(), page("fr", slug))).body;
		const href = `/fr/activities/${encodeURIComponent(identifier)}`;
		assert.ok(listed.includes(`href="${href}"`), "the commitment links to its activity");
		assert.ok(listed.includes(escapeHtml(am.section_intro.fr)));
		const activity = await getPage(ctx(), href);
		assert.equal(activity.statusCode, 200);
		assertPage(activity.body, href, "fr");
		assert.ok(
			activity.body.includes("Santé maternelle au Kenya"),
			"the title in the page's language",
		);
		assert.ok(activity.body.includes(`href="/fr/commitments/${slug}"`), "it leads back");
		assert.ok(activity.body.includes(formattersFor("fr").money(2_500_000, "CAD")));
		const gone = await getPage(ctx(), `/en/activities/${encodeURIComponent("XM-NOT-THERE")}`);
		assert.equal(gone.statusCode, 404);
		await ctx().services.links.unlink(slug, { activity: identifier }, cliActor);
	});

	it("lists the IATI activities, searched by words, publisher and country, as the API does", async () => {
		const xml = [
			["XM-LIST-1/KE", "CA-1", "KE", "Maternal health in Kenya, listed"],
			["XM-LIST-2/CD", "GB-GOV-1", "CD", "Health systems in the Congo, listed"],
		]
			.map(
				([id, org, country, title]) => `<iati-activity default-currency="USD">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="${org}" type="10"><narrative>Reporter</narrative></reporting-org>
  <title><narrative>${title}</narrative></title>
  <description type="1"><narrative>What it does.</narrative></description>
  <participating-org ref="${org}" role="4" type="10"><narrative>Implementer</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2012-01-01" type="2"/>
  <recipient-country code="${country}" percentage="100"/>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2012-05-01"/><value value-date="2012-05-01">1000000</value></transaction>
 </iati-activity>`,
			)
			.join("\n");
		const file = join(mkdtempSync(join(tmpdir(), "iif-activities-")), "list.xml");
		writeFileSync(
			file,
			`<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">${xml}</iati-activities>`,
		);
		await new ImportService(ctx().db.database).importFiles([file], cliActor);
		// The demo holds a donor's real file too: its activities fill the first pages.
		const all = (await getPage(ctx(), "/en/activities?q=listed")).body;
		assertPage(all, "/en/activities", "en");
		const api = (await ctx().get("/api/v1/activities?q=listed&limit=200")).body;
		assert.equal(api.total, 2);
		assert.ok(all.includes(escapeHtml(am.list_count.en.replace("{n}", String(api.total)))));
		for (const id of ["XM-LIST-1/KE", "XM-LIST-2/CD"])
			assert.ok(all.includes(`href="/en/activities/${encodeURIComponent(id)}"`), id);
		const byOrg = (await getPage(ctx(), "/en/activities?reporting_org=GB-GOV-1")).body;
		assert.ok(byOrg.includes("Health systems in the Congo, listed"));
		assert.ok(!byOrg.includes("Maternal health in Kenya, listed"));
		const byCountry = (await getPage(ctx(), "/fr/activities?recipient=KE&q=listed")).body;
		assertPage(byCountry, "/fr/activities", "fr");
		assert.ok(byCountry.includes("Maternal health in Kenya, listed"));
		assert.ok(!byCountry.includes("Health systems in the Congo, listed"));
		assert.ok(byCountry.includes("Kenya"), "the country by its name");
		const bad = await getPage(ctx(), "/en/activities?recipient=K%21");
		assert.equal(bad.statusCode, 400);
		assert.match(bad.body, /<p class="error" id="activities-recipient-error">/);
		assert.match(bad.body, /id="activities-recipient" name="recipient" value="K!"/);
	});

	it("says how far a commitment's delivery data go when they stop early: DFID's DRC file ends in March 2013", async () => {
		const slug = "united-kingdom-drc-bilateral-2011-2015";
		const api = await ctx().get(`/api/v1/commitments/${slug}/delivery`);
		assert.equal(api.body.data_through, "2013-03-31");
		assert.equal(api.body.status, "off_track", "judged up to the data's last day, not not_met");
		const due = Number(api.body.expected_through_data.constant);
		const delivered = Number(api.body.delivered.constant);
		assert.ok(due > delivered && delivered < 0.9 * due, "off track by what was due then");
		assert.ok(due < Number(api.body.expected.constant), "less than was due by today");
		const ratioLine = cm.ratio_line.en
			.replace("{pct}", formattersFor("en").percent(api.body.ratio))
			.replace("{pct2}", formattersFor("en").percent(delivered / due))
			.replace("{date}", formattersFor("en").date("2013-03-31"));
		for (const lang of ["en", "fr"] as const) {
			const res = await getPage(ctx(), page(lang, slug));
			assertPage(res.body, page(lang, slug), lang);
			const line = cm.data_through[lang].replace("{date}", formattersFor(lang).date("2013-03-31"));
			assert.ok(res.body.includes(escapeHtml(line)), `${lang}: ${line}`);
		}
		const en = await getPage(ctx(), page("en", slug));
		assert.ok(en.body.includes(escapeHtml(ratioLine)), ratioLine);
		// A commitment whose data reach its end says nothing of the kind.
		const whole = await getPage(ctx(), page("en", "united-states-global-fund-2010"));
		assert.ok(!whole.body.includes("Delivery data up to"));
	});

	it("answers the localised 404 page for an unknown commitment", async () => {
		const res = await getPage(ctx(), page("ar", "no-such-commitment"));
		assert.equal(res.statusCode, 404);
		assertPage(res.body, page("ar", "no-such-commitment"), "ar");
	});

	it("sends an id to the commitment's one address", async () => {
		const detail = await ctx().services.commitments.get(slug, null);
		const res = await getPage(ctx(), `/fr/commitments/${detail.id}`);
		assert.equal(res.statusCode, 301);
		assert.equal(res.headers.location, page("fr"));
	});

	let aliceComment = 0;

	it("posts a comment as a registered user, then shows it with its links", async () => {
		const body = "Which countries received it? See https://example.org/mnch <b>now</b>";
		const res = await postAs(ctx(), alice, `${page("en")}/comments`, {
			body,
			_csrf: alice.csrf,
		});
		assert.equal(res.statusCode, 303, res.body.slice(0, 300));
		const m = /^\/en\/commitments\/canada-muskoka-2010-mnch#comment-(\d+)$/.exec(
			String(res.headers.location),
		);
		assert.ok(m, String(res.headers.location));
		aliceComment = Number(m[1]);
		const html = (await getPage(ctx(), page("en"), alice)).body;
		assert.ok(html.includes(`id="comment-${aliceComment}"`));
		assert.ok(
			html.includes(
				'<a href="https://example.org/mnch" rel="nofollow ugc noopener">https://example.org/mnch</a>',
			),
		);
		assert.ok(html.includes("&lt;b&gt;now&lt;/b&gt;"), "markup is shown, not obeyed");
		// The signed-in reader gets the form, and nothing is cached for them.
		assert.match(
			html,
			/<form method="post" action="\/en\/commitments\/canada-muskoka-2010-mnch\/comments" id="comment-form"/,
		);
		assert.ok(html.includes('hx-post="/en/commitments/canada-muskoka-2010-mnch/comments"'));
		const anon = (await getPage(ctx(), page("en"))).body;
		assert.ok(anon.includes(`id="comment-${aliceComment}"`), "public after posting");
	});

	it("refuses an empty comment with the error next to the textarea", async () => {
		const res = await postAs(ctx(), alice, `${page("fr")}/comments`, {
			body: "   ",
			_csrf: alice.csrf,
		});
		assert.equal(res.statusCode, 400);
		assert.match(res.body, /<html lang="fr"/);
		assert.match(
			res.body,
			new RegExp(
				`<div class="field invalid">[\\s\\S]*?<p class="error" id="body-error">${escapeHtml(problems.empty.fr)}</p><textarea id="body" name="body"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*body-error`,
			),
		);
	});

	it("keeps the text of a comment that is too long", async () => {
		const long = `${"Lorem ipsum ".repeat(420)}end`;
		const res = await postAs(ctx(), alice, `${page("ar")}/comments`, {
			body: long,
			_csrf: alice.csrf,
		});
		assert.equal(res.statusCode, 400);
		assert.match(
			res.body,
			new RegExp(
				`<p class="error" id="body-error">${escapeHtml(problems.at_most.ar.replace("{n}", "5000"))}`,
			),
		);
		assert.ok(res.body.includes(`${long}</textarea>`), "what was typed is kept");
	});

	it("refuses a comment without the CSRF token", async () => {
		const res = await postAs(ctx(), alice, `${page("en")}/comments`, { body: "Hello" });
		assert.equal(res.statusCode, 403);
		assert.match(res.body, /<html lang="en"/);
	});

	it("sends an anonymous poster to sign in", async () => {
		const res = await postAs(ctx(), null, `${page("en")}/comments`, { body: "Hello" });
		assert.equal(res.statusCode, 303);
		assert.match(String(res.headers.location), /^\/en\/sign-in\?next=/);
	});

	it("shows a reply under the comment it answers", async () => {
		const res = await postAs(ctx(), bob, `${page("es")}/comments`, {
			body: "A reply from Bob",
			parent_id: String(aliceComment),
			_csrf: bob.csrf,
		});
		assert.equal(res.statusCode, 303, res.body.slice(0, 300));
		const reply = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
		const html = (await getPage(ctx(), page("es"))).body;
		const parentAt = html.indexOf(`<li id="comment-${aliceComment}"`);
		const replyAt = html.indexOf(`<li id="comment-${reply}"`);
		assert.ok(parentAt > 0 && replyAt > parentAt, "the reply follows its parent");
		const between = html.slice(parentAt, replyAt);
		assert.match(between, /<ol class="comment-list replies"/);
		assert.doesNotMatch(between, /<\/li>\s*<li id="comment-/, "nested, not a sibling");
		assert.ok(html.includes("A reply from Bob"));
	});

	it("answers htmx with the updated thread alone", async () => {
		const res = await postAs(
			ctx(),
			bob,
			`${page("en")}/comments`,
			{ body: "Posted with htmx", _csrf: bob.csrf },
			{ "hx-request": "true" },
		);
		assert.equal(res.statusCode, 200);
		assert.match(res.body, /^<section id="comments"/);
		assert.ok(res.body.includes("Posted with htmx"));
		assert.ok(res.body.includes(escapeHtml(cm.comment_posted.en)));
		assert.doesNotMatch(res.body, /<html/);
		const bad = await postAs(
			ctx(),
			bob,
			`${page("en")}/comments`,
			{ body: "", _csrf: bob.csrf },
			{ "hx-request": "true" },
		);
		assert.match(
			bad.body,
			/^<section id="comments"/,
			`${bad.statusCode} ${bad.body.slice(0, 300)}`,
		);
		assert.match(bad.body, /id="body-error"/);
	});

	it("reports a comment to the moderators, and says so", async () => {
		const url = `/en/comments/${aliceComment}/flag`;
		const missing = await postAs(ctx(), bob, url, {
			commitment: slug,
			reason: "",
			_csrf: bob.csrf,
		});
		assert.equal(missing.statusCode, 400);
		assert.ok(
			missing.body.includes(
				`<p class="error" id="flag-${aliceComment}-reason-error">${escapeHtml(cm.flag_reason_required.en)}</p>`,
			),
		);
		const res = await postAs(ctx(), bob, url, {
			commitment: slug,
			reason: "spam",
			details: "Advertises a product",
			_csrf: bob.csrf,
		});
		assert.equal(res.statusCode, 303, res.body.slice(0, 300));
		assert.equal(
			res.headers.location,
			`/en/commitments/${slug}?notice=flagged#comment-${aliceComment}`,
		);
		const html = (await getPage(ctx(), String(res.headers.location).split("#")[0] ?? "", bob)).body;
		assert.ok(html.includes(escapeHtml(cm.flag_sent.en)));
		const secretariat = await person(ctx(), { role: "secretariat" });
		const queue = await call(ctx(), secretariat, "GET", "/api/v1/moderation/flags");
		const flagged = queue.body.items.find((i: { id: number }) => i.id === aliceComment);
		assert.equal(flagged?.flags[0]?.reason, `${flagReasons.spam.en}: Advertises a product`);
		// The author sees no report form on their own comment.
		const own = (await getPage(ctx(), page("en"), alice)).body;
		assert.ok(!own.includes(`id="flag-${aliceComment}-reason"`));
	});

	it("shows what changed between versions after an update", async () => {
		const target = "australia-gavi-2011";
		const focal: Person = await person(ctx(), {
			memberships: [{ stakeholder: "australia", role: "focal_point" }],
		});
		const current = await call(ctx(), focal, "GET", `/api/v1/commitments/${target}`);
		const title = `${current.body.title} (revised)`;
		const updated = await call(ctx(), focal, "PATCH", `/api/v1/commitments/${target}`, {
			version: current.body.version,
			reason: "Title clarified",
			changes: {
				title,
				financial: { ...current.body.financial, amount: "250000000", amount_minor: undefined },
			},
		});
		assert.equal(updated.status, 200, JSON.stringify(updated.body));
		const html = (await getPage(ctx(), `/fr/commitments/${target}`)).body;
		assertNoPlaceholder(html, `/fr/commitments/${target}`);
		const version = current.body.version + 1;
		assert.ok(html.includes(`id="version-${version}"`));
		const table =
			/<table class="diff" id="version-\d+-changes">[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
		assert.ok(
			table.includes(escapeHtml(cm.col_before.fr)) && table.includes(escapeHtml(cm.col_after.fr)),
		);
		assert.match(table, /data-field="title"[\s\S]*?<ins>[^<]*\(revised\)<\/ins>/);
		assert.match(table, /data-field="financial.amount_minor"[\s\S]*?<del>[\s\S]*?<ins>/);
		const rows = [...table.matchAll(/<tr data-field="([^"]+)"><th scope="row">([^<]*)<\/th>/g)];
		assert.ok(rows.length >= 2, "title and amount rows");
		for (const [, field, label] of rows) assert.notEqual(label, field, `${field} is labelled`);
		assert.match(table, new RegExp(`<th scope="row">${escapeHtml(common.amount.fr)}</th>`));
		assert.ok(table.includes(escapeHtml(formattersFor("fr").money(250000000, "AUD"))));
		assert.ok(html.includes("Title clarified"));
	});

	it("shows progress reports and independent assessments", async () => {
		const target = "united-kingdom-gavi-2011";
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const report = await call(ctx(), focal, "POST", `/api/v1/commitments/${target}/reports`, {
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2011-01-01",
			period_end: "2011-12-31",
			disbursed: {
				amount: "120000000",
				currency: "GBP",
				by_year: [{ year: 2011, amount: "120000000" }],
			},
			narrative: "First tranche paid to the GAVI Alliance.",
		});
		assert.equal(report.status, 201, JSON.stringify(report.body));
		const assessor = await person(ctx(), { role: "assessor" });
		const assessment = await call(
			ctx(),
			assessor,
			"POST",
			`/api/v1/commitments/${target}/assessments`,
			{
				scheme: "scorecard",
				score: "good",
				rationale: "Disbursed on schedule according to the GAVI annual report.",
				assessed_on: "2012-06-30",
			},
		);
		assert.equal(assessment.status, 201, JSON.stringify(assessment.body));
		const html = (await getPage(ctx(), `/ru/commitments/${target}`)).body;
		assertNoPlaceholder(html, `/ru/commitments/${target}`);
		assert.ok(html.includes(`id="report-${report.body.id}"`));
		assert.ok(html.includes("First tranche paid to the GAVI Alliance."));
		assert.ok(html.includes(escapeHtml(formattersFor("ru").money(120000000, "GBP"))));
		assert.ok(html.includes(`href="/ru/stakeholders/united-kingdom"`));
		assert.ok(html.includes(`id="assessment-${assessment.body.id}"`));
		assert.ok(html.includes(escapeHtml(scorecardScoreNames.good?.ru ?? "")));
		assert.ok(html.includes("Disbursed on schedule according to the GAVI annual report."));
	});

	it("shows a hidden comment as hidden, its text to the secretariat only", async () => {
		const posted = await postAs(ctx(), alice, `${page("en")}/comments`, {
			body: "A remark the moderators will hide",
			_csrf: alice.csrf,
		});
		const id = Number(/#comment-(\d+)$/.exec(String(posted.headers.location))?.[1]);
		const secretariat = await person(ctx(), { role: "secretariat" });
		const hidden = await call(ctx(), secretariat, "POST", `/api/v1/comments/${id}/hide`, {
			reason: "Personal attack",
		});
		assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
		const html = (await getPage(ctx(), page("en"))).body;
		assert.ok(html.includes(`id="comment-${id}"`));
		assert.ok(html.includes(escapeHtml(cm.comment_hidden.en)));
		assert.ok(!html.includes("A remark the moderators will hide"));
		const staff = await ctx().app.inject({
			method: "GET",
			url: page("en"),
			headers: { accept: "text/html", ...secretariat.headers },
		});
		assert.ok(staff.body.includes("A remark the moderators will hide"));
		assert.ok(staff.body.includes("Personal attack"));
	});

	it("lets an author edit (for 15 minutes) and delete a comment, and a moderator hide and show it, in the page", async () => {
		const posted = await postAs(ctx(), alice, `${page("en")}/comments`, {
			body: "A first wording",
			_csrf: alice.csrf,
		});
		const id = Number(/#comment-(\d+)$/.exec(String(posted.headers.location))?.[1]);
		const form = (action: string) => `action="/en/comments/${id}/${action}"`;
		// The author sees Edit and Delete; another reader sees neither, nor a moderator's Hide.
		const mine = (await getPage(ctx(), page("en"), alice)).body;
		assert.ok(mine.includes(form("edit")) && mine.includes(form("delete")));
		assert.ok(!mine.includes(form("hide")));
		assert.ok(mine.includes(escapeHtml("You can change it until")));
		const theirs = (await getPage(ctx(), page("en"), bob)).body;
		assert.ok(!theirs.includes(form("edit")) && !theirs.includes(form("delete")));
		// An empty edit comes back with its error in place, what was typed kept.
		const empty = await postAs(ctx(), alice, `/en/comments/${id}/edit`, {
			commitment: slug,
			body: " ",
			_csrf: alice.csrf,
		});
		assert.equal(empty.statusCode, 400);
		assert.match(
			empty.body,
			new RegExp(`<p class="error" id="edit-${id}-error">[^<]*This must be filled in`),
		);
		assert.match(
			empty.body,
			/<details class="comment-action" open(?:="")?><summary>Edit<\/summary>/,
		);
		// Someone else's edit is refused, and nothing changes.
		const stolen = await postAs(ctx(), bob, `/en/comments/${id}/edit`, {
			commitment: slug,
			body: "Not my words",
			_csrf: bob.csrf,
		});
		assert.equal(stolen.statusCode, 403);
		const edited = await postAs(ctx(), alice, `/en/comments/${id}/edit`, {
			commitment: slug,
			body: "A second wording",
			_csrf: alice.csrf,
		});
		assert.equal(edited.statusCode, 303);
		assert.equal(edited.headers.location, `${page("en")}?notice=edited#comment-${id}`);
		const after = (await getPage(ctx(), `${page("en")}?notice=edited`, alice)).body;
		assert.ok(after.includes("A second wording") && !after.includes("A first wording"));
		assert.ok(after.includes(escapeHtml(cm.comment_edited_notice.en)));
		// The secretariat hides it with a reason (refused without one), then shows it again.
		const staff = await session(ctx(), { role: "secretariat" });
		const staffPage = (await getPage(ctx(), page("en"), staff)).body;
		assert.ok(staffPage.includes(form("hide")));
		const noReason = await postAs(ctx(), staff, `/en/comments/${id}/hide`, {
			commitment: slug,
			reason: "",
			_csrf: staff.csrf,
		});
		assert.equal(noReason.statusCode, 400);
		assert.match(noReason.body, new RegExp(`id="hide-${id}-error"`));
		const hid = await postAs(ctx(), staff, `/en/comments/${id}/hide`, {
			commitment: slug,
			reason: "Off topic",
			_csrf: staff.csrf,
		});
		assert.equal(hid.statusCode, 303);
		assert.ok(!(await getPage(ctx(), page("en"))).body.includes("A second wording"));
		assert.ok((await getPage(ctx(), page("en"), staff)).body.includes(form("unhide")));
		const shown = await postAs(ctx(), staff, `/en/comments/${id}/unhide`, {
			commitment: slug,
			_csrf: staff.csrf,
		});
		assert.equal(shown.statusCode, 303);
		assert.ok((await getPage(ctx(), page("en"))).body.includes("A second wording"));
		// The author deletes it: answered, its place stays, marked deleted, its words gone.
		const reply = await postAs(ctx(), bob, `${page("en")}/comments`, {
			body: "A reply that keeps the place",
			parent_id: String(id),
			_csrf: bob.csrf,
		});
		assert.equal(reply.statusCode, 303);
		const deleted = await postAs(ctx(), alice, `/en/comments/${id}/delete`, {
			commitment: slug,
			_csrf: alice.csrf,
		});
		assert.equal(deleted.statusCode, 303);
		const gone = (await getPage(ctx(), page("en"))).body;
		assert.ok(gone.includes(`id="comment-${id}"`));
		assert.ok(gone.includes(escapeHtml(cm.comment_deleted.en)));
		assert.ok(!gone.includes("A second wording"));
		// Without the CSRF token, nothing is done.
		const forged = await postAs(ctx(), alice, `/en/comments/${id}/delete`, { commitment: slug });
		assert.equal(forged.statusCode, 403);
	});

	it("shows a draft to its makers only", async () => {
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "japan", role: "focal_point" }],
		});
		const draft = await call(ctx(), focal, "POST", "/api/v1/commitments", {
			title: "Japan: a draft pledge for the page test",
			text: "Japan will do more.",
			kind: "policy",
			makers: ["japan"],
			policy: { target: "More" },
		});
		assert.equal(draft.status, 201, JSON.stringify(draft.body));
		const url = `/en/commitments/${draft.body.slug}`;
		assert.equal((await getPage(ctx(), url)).statusCode, 404);
		const mine = await ctx().app.inject({
			method: "GET",
			url,
			headers: { accept: "text/html", ...focal.headers },
		});
		assert.equal(mine.statusCode, 200);
		assert.equal(mine.headers["cache-control"], "private, no-store");
		assert.ok(mine.body.includes(escapeHtml(cm.comments_closed.en)));
		assert.ok(!mine.body.includes("/feeds/commitments/"), "no feed for a draft");
	});
});
