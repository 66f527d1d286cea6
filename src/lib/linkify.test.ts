import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commentHtml, escapeHtml } from "./linkify.ts";

const link = (href: string, text = href) =>
	`<a href="${href}" rel="nofollow ugc noopener">${text}</a>`;

/** Every tag in the output: only <a ...>, </a> and <br> may ever appear. */
const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];
const onlyAllowedTags = (html: string) =>
	tags(html).every((t) => t === "<br>" || t === "</a>" || /^<a href="[^"]*" rel="[^"]*">$/.test(t));

describe("escapeHtml", () => {
	it("escapes the five HTML-significant characters and nothing else", () => {
		assert.equal(
			escapeHtml(`<a href="x" title='y'>&amp;</a> é`),
			"&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; é",
		);
	});
});

describe("commentHtml", () => {
	it("leaves plain text as it is, escaped", () => {
		assert.equal(commentHtml("Plain words, 0.7% of GNI."), "Plain words, 0.7% of GNI.");
		assert.equal(commentHtml("a & b < c > d"), "a &amp; b &lt; c &gt; d");
		assert.equal(commentHtml(""), "");
	});

	it("keeps a script tag as text", () => {
		const html = commentHtml("<script>alert(1)</script>");
		assert.equal(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
		assert.deepEqual(tags(html), []);
	});

	it("keeps markup of every kind as text: images, event handlers, entities, comments", () => {
		for (const attack of [
			`<img src=x onerror="alert(1)">`,
			`<a href="https://evil.example">click</a>`,
			"&lt;b&gt;already escaped&lt;/b&gt;",
			"<!-- hidden --><svg onload=alert(1)>",
			"<<script>>",
		]) {
			const html = commentHtml(attack);
			assert.ok(!/<(img|svg|script|b|!--)/i.test(html), `${attack} -> ${html}`);
			assert.ok(onlyAllowedTags(html), `${attack} -> ${html}`);
		}
		assert.equal(commentHtml("&lt;"), "&amp;lt;");
	});

	it("makes http and https URLs links, with the link text the URL", () => {
		assert.equal(
			commentHtml("See https://example.org/report and http://x.org"),
			`See ${link("https://example.org/report")} and ${link("http://x.org")}`,
		);
		assert.equal(commentHtml("HTTPS://EXAMPLE.ORG"), link("HTTPS://EXAMPLE.ORG"));
	});

	it("does not link javascript:, data:, ftp: or scheme-less addresses", () => {
		for (const text of [
			"javascript:alert(1)",
			"JaVaScRiPt:alert(document.cookie)",
			"data:text/html;base64,PHNjcmlwdD4=",
			"ftp://files.example.org",
			"www.example.org",
			"//evil.example/x",
		]) {
			const html = commentHtml(text);
			assert.ok(!html.includes("<a"), `${text} -> ${html}`);
		}
	});

	it("links only the http URL inside a javascript: URL, never the javascript: part", () => {
		const html = commentHtml("javascript:fetch('https://evil.example/steal')");
		assert.equal(html, `javascript:fetch(&#39;${link("https://evil.example/steal")}&#39;)`);
	});

	it("cannot be broken out of the href by quotes or angle brackets", () => {
		const dq = commentHtml('https://x.org/a"onmouseover="alert(1)');
		assert.equal(dq, `${link("https://x.org/a")}&quot;onmouseover=&quot;alert(1)`);
		const sq = commentHtml("https://x.org/a'onmouseover='alert(1)");
		assert.equal(
			sq,
			link("https://x.org/a&#39;onmouseover=&#39;alert(1)"),
			"a single quote stays inside the URL, escaped",
		);
		const gt = commentHtml("https://x.org/<script>alert(1)</script>");
		assert.equal(gt, `${link("https://x.org/")}&lt;script&gt;alert(1)&lt;/script&gt;`);
		for (const html of [dq, sq, gt]) assert.ok(onlyAllowedTags(html), html);
	});

	it("escapes ampersands in the href and the text of a link", () => {
		assert.equal(commentHtml("https://x.org/?a=1&b=2"), link("https://x.org/?a=1&amp;b=2"));
	});

	it("leaves trailing punctuation out of the link", () => {
		for (const p of [".", ",", ")", ";", ":", "!", "?", "'", "..."]) {
			assert.equal(
				commentHtml(`https://x.org/a${p}`),
				`${link("https://x.org/a")}${escapeHtml(p)}`,
				p,
			);
		}
		assert.equal(
			commentHtml("(see https://x.org/report)."),
			`(see ${link("https://x.org/report")}).`,
		);
	});

	it("keeps a closing bracket that closes one in the URL", () => {
		assert.equal(commentHtml("https://x.org/a_(b)."), `${link("https://x.org/a_(b)")}.`);
		assert.equal(
			commentHtml("(https://en.wikipedia.org/wiki/Aid_(disambiguation))"),
			`(${link("https://en.wikipedia.org/wiki/Aid_(disambiguation)")})`,
		);
	});

	it("needs a host after the scheme, and a scheme not glued to a word", () => {
		assert.equal(commentHtml("https://"), "https://");
		assert.equal(commentHtml("https://."), "https://.");
		assert.equal(commentHtml("xhttps://x.org"), "xhttps://x.org");
	});

	it("turns newlines (\\n, \\r\\n, \\r) into <br> and nothing else into markup", () => {
		assert.equal(commentHtml("one\ntwo\r\nthree\rfour"), "one<br>two<br>three<br>four");
		assert.equal(commentHtml("a\n\nb"), "a<br><br>b");
		assert.equal(
			commentHtml("https://x.org/a\nhttps://y.org/b"),
			`${link("https://x.org/a")}<br>${link("https://y.org/b")}`,
		);
	});

	it("keeps tabs, spaces and other scripts as written", () => {
		assert.equal(commentHtml("  a\tb  ع 中文 "), "  a\tb  ع 中文 ");
	});
});
