import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	ftsQuery,
	normalizeGoalCode,
	normalizeRecipient,
	normalizeTargetCode,
} from "./commitments.filters.ts";
import { commitmentListQuery } from "./commitments.schemas.ts";

describe("commitment filters", () => {
	it("normalises goal and target codes to the stored ids", () => {
		assert.equal(normalizeGoalCode("MDG:08"), "mdg:8");
		assert.equal(normalizeTargetCode("mdg:8.b"), "mdg:8.B");
		assert.equal(normalizeTargetCode("SDG:3.B"), "sdg:3.b");
		assert.equal(normalizeTargetCode("sdg:17.19"), "sdg:17.19");
		assert.equal(normalizeRecipient("ke"), "KE");
		assert.equal(normalizeRecipient("298"), "298");
	});

	it("builds the same word-prefix search for both dialects", () => {
		assert.equal(
			ftsQuery("Nutrition for Growth", "sqlite"),
			'"nutrition"* AND "for"* AND "growth"*',
		);
		assert.equal(ftsQuery("Nutrition for Growth", "postgres"), "nutrition:* & for:* & growth:*");
		assert.equal(ftsQuery("Côte d'Ivoire", "postgres"), "cote:* & d:* & ivoire:*");
		assert.equal(ftsQuery('"* OR NEAR(', "sqlite"), '"or"* AND "near"*');
		assert.equal(ftsQuery("!!! ???", "sqlite"), null);
	});

	it("parses repeated and comma-separated filter values, with defaults", () => {
		const q = commitmentListQuery.parse({
			goal: ["mdg:8,sdg:3", "mdg:1"],
			kind: "policy",
			limit: "50",
		});
		assert.deepEqual(q.goal, ["mdg:8", "sdg:3", "mdg:1"]);
		assert.deepEqual(q.kind, ["policy"]);
		assert.equal(q.limit, 50);
		assert.equal(q.page, 1);
		assert.equal(q.sort, "-announced_on");
	});

	it("rejects bad values with messages that name what was expected", () => {
		const messages = (input: Record<string, unknown>) =>
			commitmentListQuery
				.safeParse(input)
				.error?.issues.map((i) => `${String(i.path[0] ?? "")}: ${i.message}`) ?? [];
		assert.deepEqual(messages({ limit: "100000" }), ["limit: must be at most 200"]);
		assert.deepEqual(messages({ limit: "ten" }), ["limit: must be a whole number"]);
		assert.deepEqual(messages({ goal: "goal8" }), ["goal: must look like mdg:8"]);
		assert.match(
			messages({ forum_kind: "summit" })[0] ?? "",
			/^forum_kind: 'summit' is not one of general_assembly/,
		);
		assert.equal(messages({ colour: "red" }).length, 1);
		assert.deepEqual(messages({ q: "   " }), ["q: must not be empty"]);
	});
});
