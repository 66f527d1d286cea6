import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { placeCommitments } from "./roots.ts";

const live = (...ids: number[]) => ids.map((id) => ({ id, status: "published" }));

describe("which commitment carries the money", () => {
	it("follows a reaffirmation chain to its first pledge", () => {
		const p = placeCommitments(live(1, 2, 3), [
			{ from_id: 2, to_id: 1, kind: "reaffirms" },
			{ from_id: 3, to_id: 2, kind: "reaffirms" },
		]);
		assert.deepEqual(p.get(3), { rootId: 1, reason: "reaffirmation", parentId: 2 });
		assert.deepEqual(p.get(1), { rootId: 1, reason: "counted", parentId: null });
	});

	it("gives a superseded pledge's money to the one that replaced it", () => {
		const p = placeCommitments(live(1, 2), [{ from_id: 2, to_id: 1, kind: "supersedes" }]);
		assert.deepEqual(p.get(1), { rootId: 2, reason: "superseded", parentId: 2 });
		assert.deepEqual(p.get(2), { rootId: 2, reason: "counted", parentId: null });
	});

	it("breaks a loop of overlaps at the lowest id", () => {
		const p = placeCommitments(live(5, 7), [
			{ from_id: 5, to_id: 7, kind: "overlaps" },
			{ from_id: 7, to_id: 5, kind: "overlaps" },
		]);
		assert.equal(p.get(5)?.reason, "counted");
		assert.deepEqual(p.get(7), { rootId: 5, reason: "overlap", parentId: 5 });
	});

	it("prefers part of a whole over a reaffirmation when both are recorded", () => {
		const p = placeCommitments(live(1, 2, 3), [
			{ from_id: 3, to_id: 1, kind: "reaffirms" },
			{ from_id: 3, to_id: 2, kind: "part_of" },
		]);
		assert.deepEqual(p.get(3), { rootId: 2, reason: "part", parentId: 2 });
	});

	it("ignores relations to withdrawn or unpublished commitments", () => {
		const p = placeCommitments(
			[
				{ id: 1, status: "withdrawn" },
				{ id: 2, status: "published" },
				{ id: 3, status: "draft" },
			],
			[
				{ from_id: 2, to_id: 1, kind: "reaffirms" },
				{ from_id: 3, to_id: 2, kind: "reaffirms" },
			],
		);
		assert.deepEqual(p.get(1), { rootId: 1, reason: "withdrawn", parentId: null });
		assert.deepEqual(p.get(2), { rootId: 2, reason: "counted", parentId: null });
		assert.deepEqual(p.get(3), { rootId: 3, reason: "not_public", parentId: null });
	});
});
