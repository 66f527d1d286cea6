/**
 * What a page that misses 50 ms at 100,000 commitments spends its time on, as last
 * measured (the services timed one by one, and EXPLAIN ANALYZE), by section and page.
 * bench:pages lists every miss with its entry here, or says that none was measured: a
 * cause is only written down after it was measured, and dated.
 */
export const measuredCauses: Record<string, Record<string, string>> = {
	"SQLite, 100,000 commitments": {
		"explorer, filtered + text":
			"2026-12-07: the list 14 ms, the facets 35-48 ms. Three filters differ among the ten facets (all of them, all but the goal, all but the kind): each runs the word search and intersects its sets once, then every facet counts those ids.",
		forum:
			"2026-12-07: the list 12 ms, delivery by maker 40 ms: 13,500 yearly facts of the forum's 3,327 commitments, joined to their makers.",
	},
	"PostgreSQL, 100,000 commitments": {
		"explorer with facets":
			"2026-12-07: p50 under 50 ms in both runs of the day, p95 44.8 ms in one and 57.7 in the other: the facets come from the rollups (15 ms); what varies is the list and the rendering under the machine's other load.",
		"explorer, filtered + text":
			"2026-12-07: the list 57-85 ms, the facets 110-190 ms: each of the three distinct filters matches the words through the GIN index and intersects the goal; the ids go back to the server as arrays for the ten counts.",
		stakeholder:
			"2026-12-07: the list of 5,362 by walking the date index 30-40 ms, the share-of-income record 40 ms (its targets' delivery, one commitment at a time).",
		forum:
			"2026-12-07, after the list is sorted apart and the makers' facts read per commitment: the list 11 ms (was 104: the planner walked the date index through 32,000 later commitments), delivery by maker 23 ms (was 54: it read all 120,000 makers' keys to hash-join them) and the makers' counts 20 ms (EXPLAIN ANALYZE each). What is left is summing 13,500 yearly facts of the forum's 3,327 commitments by maker at each request; a rollup kept per forum and maker would answer from a few hundred rows.",
	},
};
