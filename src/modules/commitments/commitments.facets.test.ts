import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FacetCount } from "./commitments.facets.repository.ts";
import { facetBuckets, filterWithout, keyedByDimension, uncounted } from "./commitments.facets.ts";
import { facetDimensions } from "./commitments.schemas.ts";

const none = () => keyedByDimension(facetDimensions.map(() => new Set<string>()));
const empty = () => keyedByDimension(facetDimensions.map((): FacetCount[] => []));

describe("commitment facets", () => {
	it("drops only the dimension's own filter, and keeps to public statuses", () => {
		const f = {
			goalIds: ["mdg:8"],
			stakeholderIds: [3],
			statuses: ["completed"],
			announcedFrom: "2005-01-01",
			announcedTo: "2006-12-31",
			fts: '"aid"*',
		};
		assert.deepEqual(filterWithout(f, "goal"), (({ goalIds: _, ...rest }) => rest)(f));
		assert.deepEqual(filterWithout(f, "maker"), (({ stakeholderIds: _, ...rest }) => rest)(f));
		assert.deepEqual(
			filterWithout(f, "year"),
			(({ announcedFrom: _, announcedTo: __, ...rest }) => rest)(f),
		);
		assert.deepEqual(filterWithout(f, "status").statuses, ["published", "completed", "withdrawn"]);
		assert.deepEqual(filterWithout(f, "kind"), f);
	});

	it("orders by count then label, and cuts long dimensions to 50 keeping the selected", () => {
		const counts = empty();
		counts.maker = Array.from({ length: 60 }, (_, i) => ({
			key: String(i + 1),
			count: 100 - i,
			slug: `maker-${i + 1}`,
			name: `Maker ${i + 1}`,
		}));
		counts.kind = [
			{ key: "policy", count: 2 },
			{ key: "financial", count: 2 },
			{ key: "both", count: 5 },
		];
		const selected = none();
		selected.maker.add("58");
		const out = facetBuckets(counts, selected, new Map());
		assert.equal(out.maker.length, 51);
		assert.deepEqual(out.maker.at(-1), {
			value: "maker-58",
			label: "Maker 58",
			count: 43,
			selected: true,
		});
		assert.deepEqual(
			out.kind.map((b) => b.label),
			["Financial and policy", "Financial", "Policy"],
		);
	});

	it("names the selected values nothing is counted for", () => {
		const counts = empty();
		counts.goal = [{ key: "mdg:8", count: 3 }];
		const selected = none();
		selected.goal = new Set(["mdg:8", "sdg:3"]);
		selected.year = new Set(["2005"]);
		const absent = uncounted(counts, selected);
		assert.deepEqual(absent.goal, ["sdg:3"]);
		assert.deepEqual(absent.year, []);
	});
});
