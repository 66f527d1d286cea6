import assert from "node:assert/strict";
import { it } from "node:test";
import { parseInput } from "../../src/lib/validation.ts";
import { commitmentListQuery } from "../../src/modules/commitments/commitments.schemas.ts";
import {
	CommitmentSearchRepository,
	type CommitmentSort,
} from "../../src/modules/commitments/commitments.search.repository.ts";
import { describeEachDialect } from "../helpers/app.ts";

// A large selection's page is read by walking the sort's index and counted apart; a small
// one in one pass with a window count. The demo is small, so the walk is forced here (from
// one match on) and both ways must give the same rows, in the same order, and the same total.
// Several selective filters together always take the window count: those check that too.
describeEachDialect("commitment list: walking the index and counting apart", (ctx) => {
	const filters: Record<string, string>[] = [
		{ goal: "mdg:8" },
		{ recipient: "TZ" },
		{ stakeholder: "united-kingdom" },
		{ q: "health" },
		{ goal: "mdg:8", kind: "financial" },
		{ goal: "mdg:6,sdg:3", q: "fund" },
		{ recipient: "LDC", forum_kind: "g8_summit,g20_summit" },
	];
	const sorts: CommitmentSort[] = ["-announced_on", "announced_on", "title", "-title"];

	it("gives the same page and total as the window count, for every sort and page", async () => {
		const { services, db } = ctx();
		const windowed = new CommitmentSearchRepository(db.database.db, ctx().dialect);
		const walking = new CommitmentSearchRepository(db.database.db, ctx().dialect, 1);
		let compared = 0;
		for (const query of filters) {
			const filter = await services.commitments.resolveFilter(
				parseInput(commitmentListQuery, query),
			);
			for (const sort of sorts)
				for (const [offset, limit] of [
					[0, 5],
					[5, 5],
					[0, 200],
					[400, 5],
				] as const) {
					const a = await windowed.pageAndTotal(filter, sort, offset, limit);
					const b = await walking.pageAndTotal(filter, sort, offset, limit);
					const what = `${JSON.stringify(query)} ${sort} ${offset}+${limit}`;
					assert.equal(b.total, a.total, what);
					assert.deepEqual(
						b.rows.map((r) => r.id),
						a.rows.map((r) => r.id),
						what,
					);
					if (offset === 0 && a.total > 0) compared++;
				}
		}
		assert.ok(compared >= 40, `${compared} non-empty pages compared`);
	});
});
