/**
 * A commitment's text is its source's own words (verbatim, with the source and the place
 * it comes from) or our words (a summary): the API refuses a quotation that does not say
 * where it is from, and the detail, the CSV export and the page say which it is.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import type { CommitmentInput } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { csvRecords } from "../helpers/csv.ts";
import { call, person } from "../helpers/users.ts";

let n = 0;
const base = (): CommitmentInput => ({
	title: `Text kind test ${++n}`,
	text: "We will provide USD 5 million for rural clinics [...] by 2015.",
	kind: "financial",
	makers: ["united-kingdom"],
	goals: ["mdg:6"],
	financial: { amount: "5000000", currency: "USD", frequency: "total" },
	sources: [
		{ title: "Press release", url: "https://example.org/release" },
		{ title: "Communiqué", url: "https://example.org/communique" },
	],
});

describeEachDialect("verbatim or summary", (ctx) => {
	it("refuses a quotation that does not say which source and where, naming the field", async () => {
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const cases: [Partial<CommitmentInput>, string][] = [
			[{ text_kind: "verbatim" }, "quote"],
			[{ text_kind: "verbatim", quote: { source: 2, locator: "para. 4" } }, "quote.source"],
			[{ text_kind: "verbatim", quote: { source: 0, locator: " " } }, "quote.locator"],
			[{ text_kind: "summary", quote: { source: 0, locator: "para. 4" } }, "quote"],
			[{ text_kind: "quotation" as never }, "text_kind"],
		];
		for (const [input, field] of cases) {
			const res = await call(ctx(), focal, "POST", "/api/v1/commitments", {
				...base(),
				...input,
			});
			assert.equal(res.status, 400, JSON.stringify(input));
			assert.ok(
				res.body.errors.some((e: { name: string }) => e.name === field),
				`${JSON.stringify(input)} names ${field}: ${JSON.stringify(res.body.errors)}`,
			);
		}
		const plain = await call(ctx(), focal, "POST", "/api/v1/commitments", base());
		assert.equal(plain.status, 201, "a text that does not say is a summary");
		const detail = await call(ctx(), focal, "GET", `/api/v1/commitments/${plain.body.slug}`);
		assert.equal(detail.body.text_kind, "summary");
		assert.equal(detail.body.quote, null);
	});

	it("says which in the detail, the CSV export and the page", async () => {
		const quoted = await ctx().services.commitments.create(
			{
				...base(),
				text_kind: "verbatim",
				quote: { source: 1, locator: "para. 12" },
				status: "published",
			},
			cliActor,
		);
		const ours = await ctx().services.commitments.create(
			{ ...base(), status: "published" },
			cliActor,
		);
		const detail = (await ctx().get(`/api/v1/commitments/${quoted.slug}`)).body;
		assert.equal(detail.text_kind, "verbatim");
		assert.deepEqual(detail.quote, { source: 1, locator: "para. 12" });

		const csv = await ctx().app.inject({
			method: "GET",
			url: `/api/v1/commitments?format=csv&q=${encodeURIComponent("Text kind test")}`,
		});
		const { rows } = csvRecords(csv.body);
		const bySlug = new Map(rows.map((r) => [r.slug, r]));
		assert.equal(bySlug.get(quoted.slug)?.text_kind, "verbatim");
		assert.equal(bySlug.get(quoted.slug)?.quote_source, "Communiqué");
		assert.equal(bySlug.get(quoted.slug)?.quote_locator, "para. 12");
		assert.equal(bySlug.get(ours.slug)?.text_kind, "summary");
		assert.equal(bySlug.get(ours.slug)?.quote_locator, "");

		const page = await ctx().app.inject({ method: "GET", url: `/en/commitments/${quoted.slug}` });
		assert.match(page.body, /The commitment, in the words of its source/);
		assert.match(page.body, /<blockquote[^>]*cite="https:\/\/example.org\/communique"/);
		assert.match(page.body, /at para\. 12/);
		const summary = await ctx().app.inject({ method: "GET", url: `/en/commitments/${ours.slug}` });
		assert.match(summary.body, /The commitment, in summary/);
		assert.doesNotMatch(summary.body, /<blockquote[^>]*>\s*<p>We will provide/);
		const fr = await ctx().app.inject({ method: "GET", url: `/fr/commitments/${ours.slug}` });
		assert.match(fr.body, /L’engagement, en résumé|L&#39;engagement, en résumé/);
	});
});
