/**
 * The end-to-end harness itself: a real server and Chromium, page weight over the wire,
 * axe, and contexts without JavaScript. On SQLite only: the database is not what it tests.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeInBrowser, formatWeight, pageWeight, seriousA11yViolations } from "./harness.ts";

describeInBrowser(
	"e2e harness smoke",
	(ctx) => {
		test("/api/docs loads, is light over the wire and has no serious accessibility violation", async (t) => {
			const page = await ctx().newPage();
			const weight = await pageWeight(page, "/api/docs");
			t.diagnostic(formatWeight(weight));
			assert.match(await page.title(), /API/);

			const doc = weight.resources.find((r) => r.type === "Document");
			assert.ok(doc, formatWeight(weight));
			assert.equal(doc.status, 200);
			// Chromium sent Accept-Encoding and the server compressed: the weight is the wire's.
			assert.ok(doc.encoding, `the document came uncompressed\n${formatWeight(weight)}`);
			assert.ok(weight.total > 0, formatWeight(weight));
			assert.ok(weight.total < 150 * 1024, formatWeight(weight));
			assert.ok(
				weight.resources.every((r) => !r.failed && (r.status ?? 0) < 400),
				formatWeight(weight),
			);

			const { violations, message } = await seriousA11yViolations(page);
			assert.equal(violations.length, 0, message);
		});

		test("a context without JavaScript runs no script and still gets the page", async () => {
			const probe = "<title>before</title><script>document.title = 'after'</script>";
			const probeTitle = async (javaScriptEnabled: boolean) => {
				const page = await ctx().newPage({ javaScriptEnabled });
				// Served by the browser itself, without the site's CSP, so only the option decides.
				await page.route("**/__script-probe", (route) =>
					route.fulfill({ contentType: "text/html", body: probe }),
				);
				await page.goto("/__script-probe");
				return page.title();
			};
			assert.equal(await probeTitle(true), "after");
			assert.equal(await probeTitle(false), "before");

			const page = await ctx().newPage({ javaScriptEnabled: false });
			const response = await page.goto("/api/docs");
			assert.equal(response?.status(), 200);
			assert.match(await page.title(), /API/);
			assert.ok(await page.locator("h1").first().isVisible());
			await assert.rejects(seriousA11yViolations(page), /axe needs JavaScript/);
		});
	},
	{ dialects: ["sqlite"] },
);
