/**
 * The portal as people use it, in Chromium with JavaScript (htmx) against the real server
 * on both databases: browsing the explorer with facets and search, a commitment's page, a
 * focal point signing in through the form to update a commitment and report progress, a
 * late save told what changed meanwhile, commenting and replying in place, a flagged
 * comment hidden by the secretariat, and the switch to Arabic and Chinese.
 */
import assert from "node:assert/strict";
import { afterEach, before, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { cm } from "../../src/web/i18n/commitment.messages.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { facetNames, explorer as m } from "../../src/web/i18n/explorer.messages.ts";
import { nativeNames } from "../../src/web/i18n/locale.ts";
import {
	apiGet,
	type DemoPages,
	describeInBrowser,
	findDemoPages,
	type NewPageOptions,
	signInPage,
	signInThroughForm,
} from "./harness.ts";

interface Listed {
	slug: string;
	title: string;
	kind: string;
}

/** Whitespace as the reader sees it: runs folded to one space. */
const flat = (s: string) => s.replace(/\s+/g, " ").trim();

/** The most frequent word (5 letters or more) of the titles: a search with several results. */
function commonWord(titles: string[]): string {
	const counts = new Map<string, number>();
	for (const t of titles)
		for (const w of new Set(t.toLowerCase().match(/[a-z]{5,}/g) ?? []))
			counts.set(w, (counts.get(w) ?? 0) + 1);
	const [word] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
	if (!word) throw new Error("no word to search for in the demo titles");
	return word;
}

/** The text of an element as rendered for the reader, whitespace folded. */
async function seen(locator: Locator): Promise<string> {
	// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; the rendered text is what a reader sees
	return flat(await locator.innerText());
}

/** What the page's <html> says of its language and direction. */
async function htmlLanguage(page: Page) {
	return page.evaluate(() => ({
		lang: document.documentElement.lang,
		dir: document.documentElement.dir,
		direction: getComputedStyle(document.body).direction,
	}));
}

/** Clicks and waits for the POST it sends, returning its answer's status. */
async function postStatus(page: Page, click: () => Promise<void>): Promise<number> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === "POST"),
		click(),
	]);
	return response.status();
}

describeInBrowser(
	"portal flows",
	(ctx) => {
		let demo: DemoPages;
		/** Published financial commitments of the focal point's stakeholder, one per flow that changes one. */
		let editable: Listed[];

		/** Script errors and console errors (a CSP refusal among them) of the test's pages. */
		let errors: string[] = [];
		const newPage = async (options?: NewPageOptions) => {
			const page = await ctx().newPage(options);
			page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
			page.on("console", (m) => {
				// The late save's answer is a 409 page, as intended.
				if (m.type() === "error" && !/status of 409/.test(m.text()))
					errors.push(`${page.url()}: ${m.text()}`);
			});
			return page;
		};
		afterEach(() => {
			const seen = errors;
			errors = [];
			assert.deepEqual(seen, [], "no script or console error");
		});

		before(async () => {
			demo = await findDemoPages(ctx().baseUrl);
			editable = demo.others.filter((c) => c.kind === "financial");
			assert.ok(editable.length >= 2, "the demo has financial commitments to edit");
		});

		test("explorer: a facet and a search narrow the list, the URL carries the state, a result opens", async () => {
			const { baseUrl } = ctx();
			const page = await newPage();
			await page.goto("/en/commitments");
			const all = await apiGet<{ total: number }>(baseUrl, "/api/v1/commitments?limit=1");
			await page.locator(`#result-count[data-total="${all.total}"]`).waitFor();

			// A marker that a full page load would lose: htmx answers in place.
			await page.evaluate(() => {
				(window as unknown as { stayed: boolean }).stayed = true;
			});
			const stayed = () => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed);

			// Ticking a facet value: htmx replaces the form, the address follows.
			const facets = await apiGet<{ facets: { kind: { value: string; count: number }[] } }>(
				baseUrl,
				"/api/v1/commitments/facets",
			);
			const financial = facets.facets.kind.find((b) => b.value === "financial");
			assert.ok(financial && financial.count < all.total, "the kind facet narrows the list");
			const kindFacet = page.getByRole("group", { name: facetNames.kind.en, exact: true });
			await kindFacet.getByRole("checkbox", { name: /^Financial \(/ }).click();
			await page.waitForURL((u) => u.searchParams.getAll("kind").includes("financial"));
			await page.locator(`#result-count[data-total="${financial.count}"]`).waitFor();
			assert.match(await seen(page.locator("#result-count")), new RegExp(`: ${financial.count}$`));
			assert.ok(await kindFacet.getByRole("checkbox", { name: /^Financial \(/ }).isChecked());
			const rows = page.locator("table.commitments tbody tr");
			assert.equal(await rows.count(), Math.min(financial.count, 20));

			// Searching within the selection: the same commitments as the API gives.
			const financialTitles = (
				await apiGet<{ items: Listed[] }>(baseUrl, "/api/v1/commitments?kind=financial&limit=100")
			).items.map((c) => c.title);
			const word = commonWord(financialTitles);
			const expected = await apiGet<{ items: Listed[]; total: number }>(
				baseUrl,
				`/api/v1/commitments?kind=financial&q=${word}&sort=relevance&limit=20`,
			);
			assert.ok(expected.total > 0 && expected.total < financial.count, `searching '${word}'`);
			await page.getByRole("searchbox", { name: m.search_label.en }).fill(word);
			await page.getByRole("button", { name: m.search_button.en, exact: true }).click();
			await page.waitForURL((u) => u.searchParams.get("q") === word);
			await page.locator(`#result-count[data-total="${expected.total}"]`).waitFor();
			const shown = await page
				.locator("table.commitments tbody tr td:nth-child(2) a")
				.allInnerTexts();
			assert.deepEqual(
				shown.map(flat),
				expected.items.map((c) => flat(c.title)),
			);

			assert.equal(await stayed(), true, "the facet and the search were applied in place");

			// The address is the state: opened afresh, it shows the same selection.
			const url = new URL(page.url());
			assert.deepEqual(url.searchParams.getAll("kind"), ["financial"]);
			assert.equal(url.searchParams.get("q"), word);
			const again = await newPage();
			await again.goto(url.pathname + url.search);
			await again.locator(`#result-count[data-total="${expected.total}"]`).waitFor();
			assert.ok(
				await again
					.getByRole("group", { name: facetNames.kind.en, exact: true })
					.getByRole("checkbox", { name: /^Financial \(/ })
					.isChecked(),
			);
			assert.equal(
				await again.getByRole("searchbox", { name: m.search_label.en }).inputValue(),
				word,
			);
			await again.context().close();

			// Back goes to the state before the search, as the address said it.
			await page.goBack();
			await page.waitForURL((u) => !u.searchParams.has("q") && u.searchParams.has("kind"));
			await page.locator(`#result-count[data-total="${financial.count}"]`).waitFor();
			await page.goForward();
			await page.waitForURL((u) => u.searchParams.get("q") === word);
			await page.locator(`#result-count[data-total="${expected.total}"]`).waitFor();

			// A result opens its commitment.
			const first = expected.items[0] as Listed;
			await rows.first().getByRole("link", { name: first.title }).click();
			await page.waitForURL((u) => u.pathname === `/en/commitments/${first.slug}`);
			assert.equal(await seen(page.getByRole("heading", { level: 1 })), flat(first.title));
			await page.context().close();
		});

		test("explorer: arrow keys through the sort menu ask for one page, once they stop; the results are one link away", async () => {
			const page = await newPage();
			await page.goto("/en/commitments");
			await page.locator("#result-count").waitFor();
			// The link to the results shows on a wide screen too.
			assert.ok(await page.locator(".to-results a").isVisible());
			const asked: string[] = [];
			page.on("request", (r) => {
				if (r.headers()["hx-request"] === "true") asked.push(r.url());
			});
			await page.locator("#sort").focus();
			for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
			await page.waitForURL((u) => u.searchParams.has("sort"));
			await page.waitForTimeout(1000);
			assert.equal(asked.length, 1, `one request for three arrow keys: ${asked.join(", ")}`);
			assert.equal(
				new URL(asked[0] as string).searchParams.get("sort"),
				await page.locator("#sort").inputValue(),
			);
			await page.context().close();
		});

		test("on a phone: results on the first screen, filters in a drawer kept open through a tick, chart text at 12px or more, nothing wider than the screen", async () => {
			const phone = { width: 390, height: 844 };
			const page = await newPage({ viewport: phone });
			await page.goto("/en/commitments");
			const drawer = page.locator("#filters-drawer");
			// The drawer is closed at load: the results start on the first screen.
			assert.equal(await drawer.evaluate((d) => (d as HTMLDetailsElement).open), false);
			const results = await page.locator("#results-heading").boundingBox();
			assert.ok(results && results.y + results.height < phone.height, `results at ${results?.y}`);
			assert.ok(await page.locator("table.commitments tbody tr").first().isVisible());
			// Opened, it shows the filters; ticking one keeps it open as htmx swaps the form.
			await page.locator("#filters-drawer > summary").click();
			const kindFacet = page.getByRole("group", { name: facetNames.kind.en, exact: true });
			await kindFacet.getByRole("checkbox", { name: /^Financial \(/ }).click();
			await page.waitForURL((u) => u.searchParams.getAll("kind").includes("financial"));
			await page.locator("#result-count").waitFor();
			assert.equal(
				await page.locator("#filters-drawer").evaluate((d) => (d as HTMLDetailsElement).open),
				true,
			);
			assert.match(await seen(page.locator("#filters-drawer > summary")), /1 chosen/);
			// The page never scrolls sideways: wide tables and charts scroll in their own region.
			let chartTexts = 0;
			for (const path of [
				"/en/commitments",
				"/en",
				"/en/goals/mdg:8",
				"/en/stakeholders",
				"/en/activities",
				"/en/forums",
				"/ar/commitments?sort=-gap_usd",
				`/en/commitments/${demo.commitment.slug}`,
			]) {
				await page.goto(path);
				const widths = await page.evaluate(() => ({
					page: document.documentElement.scrollWidth,
					screen: document.documentElement.clientWidth,
				}));
				assert.ok(widths.page <= widths.screen, `${path}: ${widths.page} > ${widths.screen}`);
				// Every chart's text is drawn at 12px or more (its viewBox never shrinks below its width).
				const sizes = await page.evaluate(() =>
					Array.from(document.querySelectorAll("svg.chart-svg text")).map((t) => {
						const svg = (t as SVGTextElement).ownerSVGElement as SVGSVGElement;
						const scale = svg.getScreenCTM()?.a ?? 1;
						const size = Number.parseFloat(getComputedStyle(t).fontSize);
						return size * scale;
					}),
				);
				assert.ok(
					sizes.every((px) => px >= 11.99),
					`${path}: ${Math.min(...sizes)}px`,
				);
				chartTexts += sizes.length;
			}
			assert.ok(chartTexts >= 10, `${chartTexts} chart labels measured`);
			await page.context().close();
		});

		test("a commitment page shows its verbatim text, its delivery chart and its status", async () => {
			const page = await newPage();
			const response = await page.goto(`/en/commitments/${demo.commitment.slug}`);
			assert.equal(response?.status(), 200);
			assert.equal(
				await seen(page.getByRole("heading", { level: 1 })),
				flat(demo.commitment.title),
			);
			// A quotation in a blockquote under "in the words of its source"; a summary not quoted.
			const verbatim = (await page.locator("#text").getAttribute("data-text-kind")) === "verbatim";
			const text = page.getByRole("region", {
				name: (verbatim ? cm.verbatim_heading : cm.summary_heading).en,
			});
			assert.equal(
				await seen(text.locator(verbatim ? "blockquote" : ".summary-text")),
				flat(demo.commitment.text),
			);

			const delivery = page.getByRole("region", { name: cm.delivery_heading.en });
			const chart = delivery.getByRole("img", { name: cm.chart_title.en });
			assert.ok(await chart.isVisible(), "the delivery chart is drawn");
			const box = await chart.boundingBox();
			assert.ok(box && box.width > 100 && box.height > 50, "the chart has a size");
			assert.ok((await chart.locator("rect").count()) > 0, "the chart has bars");
			// The numbers behind the chart are there as a table.
			assert.ok((await delivery.locator("table tbody tr").count()) > 0);

			const status = page.getByRole("region", { name: cm.status_heading.en });
			assert.ok(await status.isVisible());
			assert.ok((await status.locator(".badge").count()) > 0, "a status badge");
			assert.ok((await status.locator(".light").count()) > 0, "a traffic light");
			assert.match(await seen(page.locator(".commitment-head")), /Published/);
			await page.context().close();
		});

		test("a focal point signs in through the form, updates a commitment and files a progress report", async () => {
			const { focalPoint } = await ctx().users();
			const target = editable[0] as Listed;
			const page = await newPage();
			await signInThroughForm(page, focalPoint);
			assert.ok(await page.getByRole("heading", { name: "My stakeholders" }).isVisible());
			const row = page.locator(`#commitment-${target.slug}`);
			await row.getByRole("link", { name: "Edit" }).click();
			await page.waitForURL((u) => u.pathname === `/en/workspace/commitments/${target.slug}/edit`);

			const form = page.locator("#commitment-form");
			const version = Number(await form.locator('input[name="version"]').inputValue());
			const title = `${target.title} (updated in the browser)`;
			await form.getByRole("textbox", { name: /^Title/ }).fill(title);
			await form.getByLabel("What changed and why").fill("Corrected after the donor's report");
			await form.getByRole("button", { name: "Save the changes" }).click();
			await page.waitForURL((u) => u.searchParams.get("done") === "saved");
			assert.match(await seen(page.getByRole("status")), /Your changes are saved as a new version/);
			assert.equal(await seen(page.getByRole("heading", { level: 1 })), title);
			assert.ok(await page.getByText(`Version ${version + 1}`, { exact: true }).isVisible());

			// The public page shows the new version.
			const detail = await apiGet<{ title: string; version: number }>(
				ctx().baseUrl,
				`/api/v1/commitments/${target.slug}`,
			);
			assert.equal(detail.title, title);
			assert.equal(detail.version, version + 1);

			// A progress report, from the commitment's workspace page.
			await page.getByRole("link", { name: "Report progress" }).click();
			await page.waitForURL((u) => u.pathname.endsWith(`/${target.slug}/reports/new`));
			const report = page.locator("#report-form");
			await report.getByLabel("Period from").fill("2012-01-01");
			await report.getByLabel("Period to").fill("2012-12-31");
			await report.getByLabel("Amount disbursed").fill("150000000");
			await report.getByLabel("Year 1", { exact: true }).fill("2012");
			await report.getByLabel("Disbursed in year 1", { exact: true }).fill("150000000");
			const narrative = `Disbursed in full in 2012, reported from the browser (${ctx().dialect}).`;
			await report.getByLabel("What was done").fill(narrative);
			await report.getByRole("button", { name: "File the report" }).click();
			await page.waitForURL(
				(u) => u.pathname === `/en/commitments/${target.slug}` && u.hash === "#reports",
			);
			const reports = page.getByRole("region", { name: cm.reports_heading.en });
			assert.match(await seen(reports), new RegExp(narrative.replace(/[().]/g, "\\$&")));
			await page.context().close();
		});

		test("a late save is refused with the other change shown, and what was typed is kept", async () => {
			const { focalPoint } = await ctx().users();
			const target = editable[1] as Listed;
			const edit = `/en/workspace/commitments/${target.slug}/edit`;
			const [first, second] = [await newPage(), await newPage()];
			for (const p of [first, second]) {
				await signInPage(p, ctx().baseUrl, focalPoint);
				await p.goto(edit);
			}
			const titleOf = (p: Page) =>
				p.locator("#commitment-form").getByRole("textbox", { name: /^Title/ });

			const theirs = `${target.title} (saved first)`;
			await titleOf(first).fill(theirs);
			assert.equal(
				await postStatus(first, () =>
					first.getByRole("button", { name: "Save the changes" }).click(),
				),
				303,
			);
			await first.waitForURL((u) => u.searchParams.get("done") === "saved");

			const mine = `${target.title} (saved second)`;
			await titleOf(second).fill(mine);
			assert.equal(
				await postStatus(second, () =>
					second.getByRole("button", { name: "Save the changes" }).click(),
				),
				409,
			);
			const conflict = second.getByRole("alert").filter({
				has: second.getByRole("heading", { name: "Someone else saved this commitment first" }),
			});
			assert.ok(await conflict.isVisible(), "the conflict is explained");
			assert.match(await seen(conflict), /You started from version 1; the stored version is now 2/);
			const change = conflict.locator('tr[data-field="title"]');
			assert.equal(await seen(change.locator(".before")), flat(target.title));
			assert.equal(await seen(change.locator(".after")), flat(theirs));
			assert.equal(await titleOf(second).inputValue(), mine, "what was typed is kept");

			// Saved again over the new version, it goes through.
			await second.getByRole("button", { name: "Save the changes" }).click();
			await second.waitForURL((u) => u.searchParams.get("done") === "saved");
			assert.equal(await seen(second.getByRole("heading", { level: 1 })), mine);
			await first.context().close();
			await second.context().close();
		});

		test("a registered user comments and replies in place; a flagged comment is hidden by the secretariat", async () => {
			const users = await ctx().users();
			const slug = demo.commitment.slug;
			const page = await newPage();
			await signInPage(page, ctx().baseUrl, users.commenter);
			await page.goto(`/en/commitments/${slug}`);
			const url = page.url();
			// A marker that a full page load would lose: htmx answers in place.
			await page.evaluate(() => {
				(window as unknown as { stayed: boolean }).stayed = true;
			});
			const stayed = () => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed);

			const body = `A browser comment on ${ctx().dialect}: where is the 2014 disbursement?`;
			const form = page.locator("#comment-form");
			await form.getByLabel("Your comment").fill(body);
			const [posted] = await Promise.all([
				page.waitForRequest((r) => r.method() === "POST"),
				form.getByRole("button", { name: "Post comment" }).click(),
			]);
			assert.equal(posted.headers()["hx-request"], "true", "htmx posted the comment");
			const comment = page.locator("#comments li.comment").filter({ hasText: body });
			await comment.waitFor();
			assert.equal(await stayed(), true, "the comment was posted without leaving the page");
			assert.equal(page.url(), url);
			assert.match(
				await seen(page.locator("#comments").getByRole("status")),
				/Your comment is posted/,
			);
			assert.equal(await page.locator("#comment-form textarea").inputValue(), "");
			const commentId = Number((await comment.getAttribute("id"))?.replace("comment-", ""));
			assert.ok(commentId > 0);

			// A reply, through the form under the comment.
			const own = page.locator(`#comment-${commentId}`);
			await own.locator("summary", { hasText: "Reply" }).first().click();
			const replyBody = "Answering myself: found it in the 2015 report.";
			const replyForm = own.locator("form.reply-form").first();
			await replyForm.getByLabel(/^Your reply to /).fill(replyBody);
			await replyForm.getByRole("button", { name: "Post reply" }).click();
			await page
				.locator(`#comment-${commentId} ol.replies li.comment`)
				.filter({ hasText: replyBody })
				.waitFor();
			assert.equal(await stayed(), true, "the reply was posted without leaving the page");
			await page.context().close();

			// Another registered user reports the comment to the moderators.
			const flagger = await newPage();
			await signInPage(flagger, ctx().baseUrl, users.editor);
			await flagger.goto(`/en/commitments/${slug}`);
			const theirs = flagger.locator(`#comment-${commentId}`);
			await theirs.locator("summary", { hasText: "Report this comment" }).first().click();
			const flagForm = theirs.locator("form.flag-form").first();
			await flagForm.getByLabel("What is wrong with it").selectOption({ index: 1 });
			await flagForm.getByLabel("Details (optional)").fill("Flagged from the browser test");
			await flagForm.getByRole("button", { name: "Send to the moderators" }).click();
			await flagger.waitForURL((u) => u.searchParams.get("notice") === "flagged");
			assert.match(await seen(flagger.getByRole("status").first()), /moderators will review/);
			await flagger.context().close();

			// The secretariat hides it from the queue of flagged comments.
			const staff = await newPage();
			await signInPage(staff, ctx().baseUrl, users.secretariat);
			await staff.goto("/en/workspace");
			await staff.getByRole("link", { name: "Flagged comments" }).click();
			await staff.waitForURL((u) => u.pathname === "/en/workspace/moderation");
			const item = staff.locator(`#flagged-${commentId}`);
			assert.match(await seen(item), /Flagged from the browser test/);
			assert.ok((await item.getByText(body).count()) > 0, "the flagged comment is quoted");
			await item.getByLabel("Why it is hidden").fill("Off topic (browser test)");
			await item.getByRole("button", { name: "Hide the comment" }).click();
			await staff.waitForURL((u) => u.searchParams.get("done") === "hidden");
			assert.equal(await staff.locator(`#flagged-${commentId}`).count(), 0);
			assert.ok(await staff.getByRole("button", { name: "Show it again" }).first().isVisible());
			await staff.context().close();

			// The public page shows it as hidden, without its text.
			const reader = await newPage();
			await reader.goto(`/en/commitments/${slug}`);
			const hidden = reader.locator(`#comment-${commentId}`);
			assert.match(
				await seen(hidden.locator(":scope > article")),
				new RegExp(cm.comment_hidden.en.replace(/[.]/g, "\\.")),
			);
			assert.equal(await reader.getByText(body).count(), 0, "the hidden text is not shown");
			// Its reply is still there.
			assert.ok(await reader.getByText(replyBody).isVisible());
			await reader.context().close();
		});

		test("the language switcher goes to Arabic (right to left) and to Chinese", async () => {
			const page = await newPage();
			const path = `/commitments/${demo.commitment.slug}`;
			await page.goto(`/en${path}`);
			assert.deepEqual(await htmlLanguage(page), { lang: "en", dir: "ltr", direction: "ltr" });

			const switcher = (lang: "en" | "ar") =>
				page.getByRole("navigation", { name: common.language[lang] });
			await switcher("en").getByRole("link", { name: nativeNames.ar }).click();
			await page.waitForURL((u) => u.pathname === `/ar${path}`);
			assert.deepEqual(await htmlLanguage(page), { lang: "ar", dir: "rtl", direction: "rtl" });
			const textHeading = async (lang: "ar" | "zh") =>
				(await page.locator("#text").getAttribute("data-text-kind")) === "verbatim"
					? cm.verbatim_heading[lang]
					: cm.summary_heading[lang];
			assert.ok(await page.getByRole("heading", { name: await textHeading("ar") }).isVisible());
			assert.match(
				await seen(page.getByRole("navigation", { name: common.nav_main.ar })),
				/[\u0600-\u06ff]/,
			);
			assert.equal(await page.locator("html").getAttribute("lang"), "ar");

			await switcher("ar").getByRole("link", { name: nativeNames.zh }).click();
			await page.waitForURL((u) => u.pathname === `/zh${path}`);
			assert.deepEqual(await htmlLanguage(page), { lang: "zh-Hans", dir: "ltr", direction: "ltr" });
			assert.ok(await page.getByRole("heading", { name: await textHeading("zh") }).isVisible());
			assert.match(
				await seen(page.getByRole("navigation", { name: common.nav_main.zh })),
				/[\u4e00-\u9fff]/,
			);
			await page.context().close();
		});
	},
	{ dialects: ["sqlite", "postgres"] },
);
