/**
 * Records tests write again and again, each valid as it stands, for a test to change
 * the one field it is about: a UK commitment draft, a requirement, and the dump of
 * `iif export all` read back from its folder.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { TestContext } from "./app.ts";
import { runIif } from "./cli.ts";

/** A financial commitment of the United Kingdom, as a focal point drafts it through the API. */
export const commitmentDraft = {
	title: "UK pledge for maternal health in Ethiopia",
	text: "The United Kingdom will provide GBP 20 million over 2016-2018 for maternal health services in Ethiopia.",
	kind: "financial",
	forum: "g8-muskoka-2010",
	announced_on: "2015-09-25",
	makers: ["united-kingdom"],
	targets: ["sdg:3.1"],
	recipients: [{ kind: "country", code: "ET" }],
	financial: {
		amount: "20000000",
		currency: "GBP",
		frequency: "total",
		period_start: "2016-01-01",
		period_end: "2018-12-31",
	},
	sources: [{ title: "Announcement", url: "https://example.org/uk-ethiopia" }],
};

/** A global requirement for goal 8 (services.requirements.create's input). */
export const requirementInput = (slug: string, fields: Record<string, string> = {}) => ({
	slug,
	title: "Guard test requirement",
	goal: "mdg:8",
	scope: "global",
	amount: "1000",
	currency: "USD",
	frequency: "total",
	price_basis: "current",
	period_start: "2020-01-01",
	period_end: "2020-12-31",
	...fields,
});

/** Runs `iif export all --out OUT` on the test's database and gives the dump's folder. */
export async function exportAll(ctx: TestContext, out: string): Promise<string> {
	const dump = await runIif(["export", "all", "--out", out], {
		IIF_DATABASE_URL: ctx.db.url,
		IIF_DEMO: "off",
	});
	assert.equal(dump.code, 0, dump.stderr);
	const [stem] = readdirSync(out).filter((n) => n.startsWith("iif-dump-"));
	assert.ok(stem, `no dump in ${out}`);
	return join(out, stem);
}
