/**
 * The methodology, API and about pages in all six languages, the full methodology rendered
 * from docs/methodology.md, and the Markdown subset that renders it: everything escaped,
 * only safe links.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderToString } from "preact-render-to-string";
import { common } from "../../src/web/i18n/common.messages.ts";
import { info } from "../../src/web/i18n/info.messages.ts";
import { languages } from "../../src/web/i18n/locale.ts";
import { markdown, renderMarkdown, safeHref } from "../../src/web/pages/info/markdown.tsx";
import { loadMethodology } from "../../src/web/routes/info.routes.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { assertPage, escapeHtml, htmlPage } from "../helpers/pages.ts";

describeEachDialect(
	"methodology, API and about pages",
	(ctx) => {
		it("renders the methodology summary in all six languages, linking the full text", async () => {
			for (const lang of languages) {
				const url = `/${lang}/methodology`;
				const html = await htmlPage(ctx(), url);
				assertPage(html, url, lang);
				assert.ok(html.includes(`<h1>${escapeHtml(info.methodology_title[lang])}</h1>`), url);
				for (const heading of [
					info.m1_h,
					info.m3_h,
					info.m4_h,
					common.required_and_provided,
					info.m7_h,
				])
					assert.ok(html.includes(escapeHtml(heading[lang])), `${url}: ${heading.en}`);
				assert.ok(html.includes(escapeHtml(info.m4_supersedes[lang])), `${url}: relations table`);
				assert.ok(html.includes(`href="/${lang}/methodology/full"`), `${url}: full text`);
				assert.ok(html.includes('aria-current="page">'), `${url}: nav`);
			}
		});

		it("serves the full methodology, in English, rendered from docs/methodology.md", async () => {
			const en = await htmlPage(ctx(), "/en/methodology/full");
			assertPage(en, "/en/methodology/full", "en");
			assert.ok(en.includes("<h1>How IIF measures delivery</h1>"));
			assert.ok(en.includes('<h2 id="5-no-money-counted-twice">5. No money counted twice</h2>'));
			assert.ok(en.includes('href="#4-status-and-traffic-light"'));
			assert.ok(en.includes('<th scope="col">whose money counts</th>'));
			assert.ok(en.includes("<code>src/modules/analytics/conversion.ts</code>"));
			assert.ok(en.includes("<strong>not converted</strong>"));
			const ar = await htmlPage(ctx(), "/ar/methodology/full");
			assertPage(ar, "/ar/methodology/full", "ar");
			assert.ok(
				ar.includes('<article class="pf-prose" id="methodology-full" lang="en" dir="ltr">'),
			);
			assert.ok(ar.includes(info.full_english_only.ar));
			assert.ok(ar.includes(`href="/ar/methodology"`));
		});

		it("explains the open API and downloads in all six languages", async () => {
			for (const lang of languages) {
				const url = `/${lang}/api`;
				const html = await htmlPage(ctx(), url);
				assertPage(html, url, lang);
				assert.ok(html.includes(`<h1>${escapeHtml(info.api_title[lang])}</h1>`), url);
				for (const href of [
					'href="/api/docs"',
					'href="/api/openapi.json"',
					'href="/api/v1/export/iati.xml"',
					'href="/feeds/all.atom"',
					'href="/api/v1/commitments?goal=mdg:8&amp;format=csv"',
					`href="/${lang}/about#data"`,
				])
					assert.ok(html.includes(href), `${url}: ${href}`);
				assert.ok(html.includes("iif export all --out DIR"), `${url}: dump command`);
			}
			// The addresses it names answer.
			for (const url of [
				"/api/docs",
				"/api/openapi.json",
				"/api/v1/export/iati.xml",
				"/feeds/all.atom",
			])
				assert.equal((await ctx().app.inject({ method: "GET", url })).statusCode, 200, url);
		});

		it("says what IIF is and how its data are licensed, in all six languages", async () => {
			for (const lang of languages) {
				const url = `/${lang}/about`;
				const html = await htmlPage(ctx(), url);
				assertPage(html, url, lang);
				assert.ok(html.includes(`<h1>${escapeHtml(info.about_title[lang])}</h1>`), url);
				assert.ok(html.includes('<section aria-labelledby="data-h" id="data">'), `${url}: #data`);
				assert.ok(html.includes(escapeHtml(info.about_register_h[lang])), url);
				assert.ok(html.includes(escapeHtml(info.src_codelists_licence[lang])), url);
				assert.ok(html.includes(`href="/${lang}/register"`), url);
				assert.ok(html.includes(`href="/${lang}/api"`), url);
			}
		});
	},
	{ demo: false },
);

describe("the Markdown subset of the methodology", () => {
	const html = (source: string) => renderToString(markdown(source));

	it("escapes everything that is not Markdown", () => {
		const out = html('<script>alert(1)</script>\n\n# A <b>title</b>\n\n`<i>` & "quotes"');
		assert.ok(!out.includes("<script>"));
		assert.ok(out.includes("&lt;script>alert(1)&lt;/script>") || out.includes("&lt;script&gt;"));
		assert.ok(
			out.includes('<h1 id="a-b-title-b">A &lt;b>title&lt;/b></h1>') || out.includes("A &lt;b&gt;"),
		);
		assert.ok(out.includes("<code>&lt;i></code>") || out.includes("<code>&lt;i&gt;</code>"));
		const fenced = html("```\n<img src=x onerror=alert(1)>\n```");
		assert.ok(fenced.startsWith("<pre><code>&lt;img"));
	});

	it("keeps only links that cannot run script", () => {
		assert.equal(safeHref("javascript:alert(1)"), null);
		assert.equal(safeHref("JaVaScRiPt:alert(1)"), null);
		assert.equal(safeHref("data:text/html,x"), null);
		assert.equal(safeHref("//evil.example"), null);
		assert.equal(safeHref("https://example.org/a"), "https://example.org/a");
		assert.equal(safeHref("/en/about#data"), "/en/about#data");
		assert.equal(safeHref("#section"), "#section");
		const out = html("[click](javascript:alert(1)) and [docs](https://example.org)");
		assert.ok(!out.includes("javascript:"));
		assert.ok(out.includes('<a href="https://example.org">docs</a>'));
	});

	it("renders headings with ids, lists with continuation lines, tables, emphasis", () => {
		const out = html(
			"## 2. When money is due\n\n- **A total** is spread\n  over its years;\n- an _annual_ amount.\n\n1. one\n2. two\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n\nD(_y_) and *z*.",
		);
		assert.ok(out.includes('<h2 id="2-when-money-is-due">2. When money is due</h2>'));
		assert.ok(
			out.includes(
				"<ul><li><strong>A total</strong> is spread over its years;</li><li>an <em>annual</em> amount.</li></ul>",
			),
		);
		assert.ok(out.includes("<ol><li>one</li><li>two</li></ol>"));
		assert.ok(out.includes('<th scope="col" class="num">b</th>'));
		assert.ok(out.includes("<p>D(<em>y</em>) and <em>z</em>.</p>"));
	});

	it("renders the shipped methodology with its title apart and an outline of its sections", () => {
		const doc = loadMethodology();
		assert.ok(doc, "docs/methodology.md is shipped");
		assert.equal(doc.title, "How IIF measures delivery");
		assert.ok(!doc.html.includes("<h1"));
		assert.deepEqual(doc.outline.map((o) => o.id).slice(0, 3), [
			"1-money-on-one-scale",
			"2-when-money-is-due",
			"3-delivered",
		]);
		assert.equal(renderMarkdown("no title").title, null);
		assert.equal(loadMethodology(new URL("file:///nonexistent/methodology.md")), null);
	});
});
