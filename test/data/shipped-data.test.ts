/** The data the product ships is complete and consistent, before any database sees it. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { dataDir, readMdg, readSdg } from "../../src/modules/reference/reference.data.ts";
import { demo, goalsOf } from "../helpers/demo.ts";

describe("shipped reference data", () => {
	it("holds the MDG official list of 2008: 8 goals, 21 targets, 60 indicators, all linked", () => {
		const mdg = readMdg();
		assert.deepEqual(
			mdg.goals.map((g) => g.code),
			["1", "2", "3", "4", "5", "6", "7", "8"],
		);
		assert.equal(mdg.targets.length, 21);
		assert.deepEqual(
			mdg.targets.map((t) => t.code),
			[
				"1.A",
				"1.B",
				"1.C",
				"2.A",
				"3.A",
				"4.A",
				"5.A",
				"5.B",
				"6.A",
				"6.B",
				"6.C",
				"7.A",
				"7.B",
				"7.C",
				"7.D",
				"8.A",
				"8.B",
				"8.C",
				"8.D",
				"8.E",
				"8.F",
			],
		);
		assert.equal(new Set(mdg.indicators.map((i) => i.code)).size, 60);
		const perGoal = mdg.goals.map((g) => mdg.indicators.filter((i) => i.goal === g.code).length);
		assert.deepEqual(perGoal, [9, 3, 3, 3, 6, 10, 10, 16]);
		for (const i of mdg.indicators)
			for (const t of i.targets)
				assert.ok(t.startsWith(`${i.goal}.`) && mdg.targets.some((x) => x.code === t), i.code);
		for (const t of mdg.targets)
			assert.ok(
				mdg.indicators.some((i) => i.targets.includes(t.code)),
				`${t.code} has an indicator`,
			);
		assert.equal(
			mdg.targets.find((t) => t.code === "7.C")?.title,
			"Halve, by 2015, the proportion of people without sustainable access to safe drinking water and basic sanitation",
		);
	});

	it("holds the SDG framework with titles in the six UN languages", () => {
		const sdg = readSdg();
		assert.equal(sdg.goals.length, 17);
		assert.equal(sdg.targets.length, 169);
		assert.ok(sdg.indicators.length >= 231);
		for (const lang of ["ar", "zh", "fr", "ru", "es"]) {
			assert.equal(
				sdg.translations.filter((t) => t.lang === lang && t.entity === "target").length,
				169,
				lang,
			);
		}
	});

	it("carries the licences of what it copies", () => {
		for (const f of [
			"sdg/LICENSE-open-sdg.txt",
			"iati/LICENSE-IATI.txt",
			"iati/codelists/LICENSE-codeforIATI.txt",
			"NOTICE.md",
		])
			assert.ok(existsSync(join(dataDir, f)), f);
	});
});

describe("demo dataset", () => {
	const stakeholders = new Set(demo.stakeholders.map((s) => s.slug));
	const forums = new Set(demo.forums.map((f) => f.slug));
	const commitments = new Set(demo.commitments.map((c) => c.slug));

	it("has at least 30 documented commitments made between 2000 and 2015", () => {
		assert.ok(demo.commitments.length >= 30);
		for (const c of demo.commitments) {
			assert.ok(c.announced_on >= "2000-01-01" && c.announced_on <= "2015-12-31", c.slug);
			assert.ok(
				c.sources.length > 0 && c.sources.every((s) => /^https?:\/\//.test(s.url)),
				`${c.slug} cites a source`,
			);
			assert.ok(goalsOf(c).size > 0, `${c.slug} serves a goal`);
			assert.ok(c.makers.length > 0, `${c.slug} has a maker`);
			if (c.kind !== "policy")
				assert.ok(
					c.financial && (c.financial.amount !== null || c.financial.gni_share_min !== null),
					`${c.slug} has financial terms`,
				);
			if (c.kind !== "financial") assert.ok(c.policy?.target, `${c.slug} has a policy target`);
		}
		assert.equal(commitments.size, demo.commitments.length, "slugs are unique");
	});

	it("says of every text whether it is its source's words, and where they are", () => {
		for (const c of demo.commitments) {
			assert.ok(c.sources.length > 0, `${c.slug} cites a source`);
			assert.ok(
				c.text_kind === "verbatim" || c.text_kind === "summary",
				`${c.slug}: text_kind is verbatim or summary, not ${c.text_kind}`,
			);
			if (c.text_kind === "verbatim") {
				const q = c.quote;
				assert.ok(
					q && q.source >= 0 && q.source < c.sources.length,
					`${c.slug}: quotes a source it cites`,
				);
				assert.ok(q.locator.trim().length > 0, `${c.slug}: says where the words are`);
			} else assert.ok(!c.quote, `${c.slug}: a summary quotes nothing`);
			// A quotation trimmed marks its cuts; a bare ellipsis in the middle would hide one.
			if (c.text_kind === "verbatim")
				assert.ok(
					!/\.\.\.(?!\])/.test(c.text.replace(/\[\.\.\.\]/g, "")),
					`${c.slug}: cuts marked [...]`,
				);
		}
	});

	it("refers only to what it defines, with relations between commitments", () => {
		for (const c of demo.commitments) {
			assert.ok(forums.has(c.forum), `${c.slug}: forum ${c.forum}`);
			for (const m of c.makers) assert.ok(stakeholders.has(m), `${c.slug}: maker ${m}`);
			for (const r of c.relations)
				assert.ok(commitments.has(r.to), `${c.slug}: relation to ${r.to}`);
		}
		const relations = demo.commitments.flatMap((c) => c.relations.map((r) => r.kind));
		for (const kind of ["reaffirms", "part_of"]) assert.ok(relations.includes(kind), kind);
	});

	it("records the documented figures of the best-known pledges", () => {
		const bySlug = new Map(demo.commitments.map((c) => [c.slug, c]));
		assert.equal(bySlug.get("gleneagles-2005-oda-increase")?.financial?.amount, "50000000000");
		assert.equal(
			bySlug.get("gleneagles-2005-africa-oda-increase")?.financial?.amount,
			"25000000000",
		);
		assert.equal(bySlug.get("monterrey-2002-oda-0-7-target")?.financial?.gni_share_min, 0.7);
		assert.equal(
			bySlug.get("laquila-2009-food-security-initiative")?.financial?.amount,
			"20000000000",
		);
		assert.equal(bySlug.get("gavi-2011-pledging-conference")?.financial?.amount, "4300000000");
		assert.equal(bySlug.get("istanbul-2011-oda-to-ldcs")?.financial?.gni_share_min, 0.15);
	});
});
