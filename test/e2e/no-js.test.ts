/**
 * The portal in a browser with JavaScript disabled: browsing from the home page, filtering
 * the explorer with its GET form (the Apply button), searching, opening a result, signing
 * in through the form, commenting, and drafting, correcting, submitting and publishing a
 * commitment through the workspace's forms. Plain HTML must do it all.
 */
import assert from "node:assert/strict";
import { afterEach, before, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { cm } from "../../src/web/i18n/commitment.messages.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { facetNames, explorer as m } from "../../src/web/i18n/explorer.messages.ts";
import {
	apiGet,
	type DemoPages,
	describeInBrowser,
	findDemoPages,
	signInThroughForm,
} from "./harness.ts";

interface Listed {
	slug: string;
	title: string;
}

const flat = (s: string) => s.replace(/\s+/g, " ").trim();

/** The text of an element as rendered for the reader, whitespace folded. */
async function seen(locator: Locator): Promise<string> {
	// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; the rendered text is what a reader sees
	return flat(await locator.innerText());
}

/** Clicks and waits for the navigation it causes, returning the final answer's status. */
async function navigate(page: Page, click: () => Promise<void>): Promise<number> {
	const [response] = await Promise.all([page.waitForNavigation(), click()]);
	return response?.status() ?? 0;
}

describeInBrowser(
	"portal without JavaScript",
	(ctx) => {
		let demo: DemoPages;
		const pages: Page[] = [];
		const newPage = async () => {
			const page = await ctx().newPage({ javaScriptEnabled: false });
			pages.push(page);
			return page;
		};
		before(async () => {
			demo = await findDemoPages(ctx().baseUrl);
		});
		afterEach(async () => {
			for (const p of pages.splice(0)) await p.context().close();
		});

		test("browse from the home page, filter with the Apply button, search and open a result", async () => {
			const { baseUrl } = ctx();
			const page = await newPage();
			const home = await page.goto("/en/");
			assert.equal(home?.status(), 200);
			assert.ok(await page.getByRole("heading", { level: 1 }).isVisible());

			await navigate(page, () =>
				page
					.getByRole("navigation", { name: common.nav_main.en })
					.getByRole("link", { name: common.nav_explore.en })
					.click(),
			);
			assert.equal(new URL(page.url()).pathname, "/en/commitments");
			const all = await apiGet<{ total: number }>(baseUrl, "/api/v1/commitments?limit=1");
			assert.equal(
				await page.locator("#result-count").getAttribute("data-total"),
				String(all.total),
			);

			// Ticking a box does nothing by itself; the Apply button sends the GET form.
			const facets = await apiGet<{ facets: { kind: { value: string; count: number }[] } }>(
				baseUrl,
				"/api/v1/commitments/facets",
			);
			const financial = facets.facets.kind.find((b) => b.value === "financial");
			assert.ok(financial && financial.count < all.total);
			const box = page
				.getByRole("group", { name: facetNames.kind.en, exact: true })
				.getByRole("checkbox", { name: /^Financial \(/ });
			await box.check();
			assert.equal(new URL(page.url()).search, "", "nothing sent before Apply");
			assert.equal(
				await navigate(page, () => page.getByRole("button", { name: m.apply.en }).click()),
				200,
			);
			// The form's empty fields are tidied away: the address to share names the filter alone.
			const url = new URL(page.url());
			assert.equal(url.search, "?kind=financial");
			assert.equal(
				await page.locator("#result-count").getAttribute("data-total"),
				String(financial.count),
			);
			assert.match(await seen(page.locator("#result-count")), new RegExp(`: ${financial.count}$`));

			// Searching keeps the ticked facet.
			const financialTitles = (
				await apiGet<{ items: Listed[] }>(baseUrl, "/api/v1/commitments?kind=financial&limit=100")
			).items.map((c) => c.title);
			const word = /[A-Za-z]{4,}/.exec(financialTitles[0] ?? "")?.[0] ?? "";
			const expected = await apiGet<{ items: Listed[]; total: number }>(
				baseUrl,
				`/api/v1/commitments?kind=financial&q=${encodeURIComponent(word)}&sort=relevance&limit=20`,
			);
			assert.ok(expected.total > 0);
			await page.getByRole("searchbox", { name: m.search_label.en }).fill(word);
			await navigate(page, () =>
				page.getByRole("button", { name: m.search_button.en, exact: true }).click(),
			);
			const searched = new URL(page.url());
			assert.equal(searched.searchParams.get("q"), word);
			assert.deepEqual(searched.searchParams.getAll("kind"), ["financial"]);
			assert.equal(
				await page.locator("#result-count").getAttribute("data-total"),
				String(expected.total),
			);
			const shown = await page
				.locator("table.commitments tbody tr td:nth-child(2) a")
				.allTextContents();
			assert.deepEqual(
				shown.map(flat),
				expected.items.map((c) => flat(c.title)),
			);

			// A removable filter chip is a plain link.
			await navigate(page, () =>
				page.getByRole("link", { name: new RegExp(`^Remove filter: .*${word}`, "i") }).click(),
			);
			assert.equal(new URL(page.url()).search, "?kind=financial");

			const first = page.locator("table.commitments tbody tr").first().getByRole("link").first();
			const title = await seen(first);
			await navigate(page, () => first.click());
			assert.match(new URL(page.url()).pathname, /^\/en\/commitments\/[a-z0-9-]+$/);
			assert.equal(await seen(page.getByRole("heading", { level: 1 })), title);
		});

		test("sign in through the form and post a comment", async () => {
			const { commenter } = await ctx().users();
			const page = await newPage();
			await signInThroughForm(page, commenter);
			assert.ok(await page.getByRole("button", { name: common.sign_out.en }).isVisible());

			const slug = demo.commitment.slug;
			await page.goto(`/en/commitments/${slug}`);
			// An empty comment comes back with its error next to the field.
			const form = page.locator("#comment-form");
			await form.getByLabel(cm.your_comment.en).fill("   ");
			assert.equal(
				await navigate(page, () => form.getByRole("button", { name: cm.post_comment.en }).click()),
				400,
			);
			const field = page.locator("#comment-form").getByLabel(cm.your_comment.en);
			assert.equal(await field.getAttribute("aria-invalid"), "true");
			assert.ok(await page.locator("#comment-form .error").isVisible(), "the error is shown");

			const body = `Posted without JavaScript on ${ctx().dialect}.`;
			await field.fill(body);
			assert.equal(
				await navigate(page, () =>
					page.locator("#comment-form").getByRole("button", { name: cm.post_comment.en }).click(),
				),
				200,
			);
			const url = new URL(page.url());
			assert.equal(url.pathname, `/en/commitments/${slug}`);
			assert.match(url.hash, /^#comment-\d+$/);
			const comment = page.locator(url.hash);
			assert.match(await seen(comment), new RegExp(body.replace(/\./g, "\\.")));
		});

		test("draft a commitment with an error corrected, submit it, and the secretariat publishes it", async () => {
			const { editor, secretariat } = await ctx().users();
			const page = await newPage();
			await signInThroughForm(page, editor);
			await navigate(page, () => page.getByRole("link", { name: "Draft a commitment" }).click());
			assert.equal(new URL(page.url()).pathname, "/en/workspace/commitments/new");

			const form = () => page.locator("#commitment-form");
			const title = `Browser draft without JavaScript (${ctx().dialect})`;
			await form()
				.getByRole("textbox", { name: /^Title/ })
				.fill(title);
			await form()
				.getByRole("textbox", { name: /^Text of the commitment/ })
				.fill("We will provide GBP 5 million for maternal health clinics over 2016-2018.");
			await form()
				.getByRole("checkbox", { name: /^SDG 3:/ })
				.check();
			await form()
				.getByRole("textbox", { name: /^Amount/ })
				.fill("five million");
			await form()
				.getByRole("textbox", { name: /^Currency/ })
				.fill("GBP");
			await form()
				.getByRole("combobox", { name: /^The amount is/ })
				.selectOption({ label: "a total for the period" });
			// A wrong amount: the form comes back with what was typed and the error at the field.
			assert.equal(
				await navigate(page, () => form().getByRole("button", { name: "Save the draft" }).click()),
				400,
			);
			const amount = form().getByRole("textbox", { name: /^Amount/ });
			assert.equal(await amount.getAttribute("aria-invalid"), "true");
			assert.ok(await page.locator("#financial\\.amount-error").isVisible());
			assert.equal(
				await form()
					.getByRole("textbox", { name: /^Title/ })
					.inputValue(),
				title,
			);
			assert.ok(
				await form()
					.getByRole("checkbox", { name: /^SDG 3:/ })
					.isChecked(),
			);

			await amount.fill("5000000");
			await navigate(page, () => form().getByRole("button", { name: "Save the draft" }).click());
			const edit = new URL(page.url());
			assert.equal(edit.searchParams.get("done"), "created");
			const slug = /^\/en\/workspace\/commitments\/([a-z0-9-]+)\/edit$/.exec(edit.pathname)?.[1];
			assert.ok(slug, edit.pathname);
			assert.equal(await seen(page.getByRole("heading", { level: 1 })), title);

			await navigate(page, () =>
				page.getByRole("button", { name: "Submit to the secretariat" }).click(),
			);
			assert.equal(new URL(page.url()).searchParams.get("done"), "submitted");
			const draft = await ctx()
				.services.commitments.get(slug, null)
				.catch(() => null);
			assert.equal(draft, null, "not public until published");

			// The secretariat publishes it from its queue.
			const staff = await newPage();
			await signInThroughForm(staff, secretariat);
			await navigate(staff, () =>
				staff.getByRole("link", { name: "Submissions to publish" }).click(),
			);
			const item = staff.locator(`#submission-${slug}`);
			assert.match(await seen(item), new RegExp(title.replace(/[()]/g, "\\$&")));
			await navigate(staff, () => item.getByRole("button", { name: "Publish" }).click());
			assert.equal(new URL(staff.url()).searchParams.get("done"), "published");

			const reader = await newPage();
			const published = await reader.goto(`/en/commitments/${slug}`);
			assert.equal(published?.status(), 200);
			assert.equal(await seen(reader.getByRole("heading", { level: 1 })), title);
		});
	},
	{ dialects: ["sqlite"] },
);
