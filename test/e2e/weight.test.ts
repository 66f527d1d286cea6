/**
 * Page weight: each public page type, in English and in Arabic, loaded in Chromium with
 * the cache disabled; what crossed the wire (HTML, CSS, scripts, fonts, images: headers
 * and compressed bodies, as Chromium counts them) stays under the budget of 150 KB, every
 * text resource came compressed, and nothing failed. The figures are printed.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
	type DemoPages,
	describeInBrowser,
	findDemoPages,
	formatWeight,
	linkedActivity,
	type PageWeight,
	pageWeight,
} from "./harness.ts";

/** The budget of a public page, everything included. */
const budget = 150 * 1024;

/** The page of an IATI activity linked to a demo commitment (set up in `before`). */
let activityPath = "";

const pageTypes: [string, (d: DemoPages) => string][] = [
	["home", () => "/"],
	["explorer", () => "/commitments"],
	["commitment", (d) => `/commitments/${d.commitment.slug}`],
	["commitment, share target", () => "/commitments/uk-2010-oda-0-7-from-2013"],
	["commitment, collective share target", () => "/commitments/istanbul-2011-oda-to-ldcs"],
	[
		"commitment, increase measured on the DAC's statistics",
		() => "/commitments/gleneagles-2005-africa-oda-increase",
	],
	["stakeholder", (d) => `/stakeholders/${d.stakeholder}`],
	["stakeholder, collective donor", () => "/stakeholders/european-union"],
	["country", (d) => `/countries/${d.country}`],
	["goals", () => "/goals"],
	["goal", (d) => `/goals/${d.goal}`],
	["target", (d) => `/targets/${d.target}`],
	["theme (aid)", () => "/goals/mdg:8/themes/aid"],
	["forums", () => "/forums"],
	["stakeholders", () => "/stakeholders"],
	["IATI activity", () => activityPath],
	["IATI activities", () => "/activities"],
	["forum", (d) => `/forums/${d.forum}`],
	["map", () => "/map"],
	["methodology", () => "/methodology"],
	["api", () => "/api"],
	["about", () => "/about"],
];

/** Text formats, which the server must compress (images and fonts are compressed already). */
function isText(mimeType: string | null): boolean {
	return (
		mimeType !== null &&
		/^(text\/|application\/(javascript|json|xml|atom\+xml|[\w.+-]*\+json)|image\/svg\+xml)/.test(
			mimeType,
		)
	);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describeInBrowser(
	"page weight",
	(ctx) => {
		let demo: DemoPages;
		const figures: { page: string; lang: string; weight: PageWeight }[] = [];

		before(async () => {
			demo = await findDemoPages(ctx().baseUrl);
			activityPath = await linkedActivity(ctx().services, demo.commitment.slug);
		});

		after(() => {
			if (figures.length === 0) return;
			const byType = (type: string) =>
				figures
					.map((f) => f.weight.resources.filter((r) => r.type === type))
					.map((rs) => rs.reduce((s, r) => s + r.bytes, 0));
			const documents = byType("Document");
			const lines = figures.map((f, i) => {
				const doc = documents[i] ?? 0;
				return `  ${`${f.page} [${f.lang}]`.padEnd(22)} ${kb(f.weight.total).padStart(9)}  (document ${kb(doc)}, ${f.weight.resources.length} resources)`;
			});
			const heaviest = figures.reduce((a, b) => (b.weight.total > a.weight.total ? b : a));
			console.log(
				[
					`page weight (budget ${kb(budget)}, transferred, cache disabled):`,
					...lines,
					`  heaviest: ${heaviest.page} [${heaviest.lang}], ${kb(heaviest.weight.total)}`,
				].join("\n"),
			);
		});

		for (const [name, path] of pageTypes)
			for (const lang of ["en", "ar"] as const)
				test(`${name} [${lang}] is under ${kb(budget)} on the wire, text compressed`, async (t) => {
					const page = await ctx().newPage();
					try {
						const url = `/${lang}${path(demo)}`;
						const weight = await pageWeight(page, url);
						figures.push({ page: name, lang, weight });
						const report = formatWeight(weight);
						t.diagnostic(report);
						const doc = weight.resources.find((r) => r.type === "Document");
						assert.equal(doc?.status, 200, `${url}\n${report}`);
						for (const r of weight.resources) {
							assert.ok(!r.failed && (r.status ?? 0) < 400, `${r.url} failed\n${report}`);
							// The server sends bodies under 1 KB as they are (plugins/compression.ts):
							// with its headers, such an answer stays under 2 KB on the wire.
							if (isText(r.mimeType) && r.bytes > 2048)
								assert.ok(r.encoding, `${r.url} (${r.mimeType}) came uncompressed\n${report}`);
						}
						assert.ok(
							weight.total < budget,
							`${url}: ${kb(weight.total)} is over the budget of ${kb(budget)}\n${report}`,
						);
					} finally {
						await page.context().close();
					}
				});
	},
	{ dialects: ["sqlite"] },
);
