import assert from "node:assert/strict";
import { it } from "node:test";
import { sql } from "kysely";
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
		{ measure: "gni_share" },
		{ stakeholder: "united-kingdom", measure: "gni_share" },
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

	it("sorts a forum's commitments apart, in the same order as the sort's index gives", async () => {
		const { services, db } = ctx();
		const repo = new CommitmentSearchRepository(db.database.db, ctx().dialect);
		for (const query of [
			{ forum: "g8-gleneagles-2005" },
			{ forum: "gavi-pledging-conference-2011", kind: "financial" },
		]) {
			const filter = await services.commitments.resolveFilter(
				parseInput(commitmentListQuery, query),
			);
			for (const sort of sorts)
				for (const [offset, limit] of [
					[0, 3],
					[3, 3],
					[0, 200],
				] as const) {
					const apart = await repo.pageAndTotal(filter, sort, offset, limit);
					const inIndex = await repo.page(filter, sort, offset, limit);
					const what = `${JSON.stringify(query)} ${sort} ${offset}+${limit}`;
					assert.deepEqual(
						apart.rows.map((r) => r.id),
						inIndex.map((r) => r.id),
						what,
					);
					assert.equal(apart.total, await repo.count(filter), what);
				}
			assert.ok((await repo.count(filter)) > 3, `${JSON.stringify(query)} matches several`);
		}
	});

	it("orders by relevance as the full-text index ranks each match, page after page", async () => {
		const { services, db } = ctx();
		const repo = new CommitmentSearchRepository(db.database.db, ctx().dialect);
		for (const query of [{ q: "health" }, { q: "fund" }, { goal: "mdg:6,sdg:3", q: "fund" }]) {
			const filter = await services.commitments.resolveFilter(
				parseInput(commitmentListQuery, { ...query, sort: "relevance" }),
			);
			const fts = filter.fts ?? "";
			// The rank of each match, as each dialect's full-text search gives it, by id.
			const ranked = await sql<{ id: unknown; rank: number }>`${
				ctx().dialect === "postgres"
					? sql`select id, -ts_rank(search, to_tsquery('simple', ${fts})) as rank from commitment`
					: sql`select rowid as id, bm25(commitment_fts) as rank from commitment_fts where commitment_fts match ${fts}`
			}`.execute(db.database.db);
			const rank = new Map(ranked.rows.map((r) => [Number(r.id), Number(r.rank)]));
			const all = await repo.pageAndTotal(filter, "relevance", 0, 1000);
			assert.ok(all.total > 1, `${JSON.stringify(query)} matches several`);
			assert.equal(all.rows.length, all.total);
			const expected = all.rows
				.map((r) => r.id)
				.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || b - a);
			assert.deepEqual(
				all.rows.map((r) => r.id),
				expected,
				JSON.stringify(query),
			);
			const second = await repo.pageAndTotal(filter, "relevance", 2, 2);
			assert.deepEqual(
				second.rows.map((r) => r.id),
				expected.slice(2, 4),
			);
			assert.equal(second.total, all.total);
			assert.deepEqual(
				(await repo.page(filter, "relevance", 1, 3)).map((r) => r.id),
				expected.slice(1, 4),
			);
		}
	});
});
