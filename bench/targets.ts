/**
 * What to ask for: the endpoints of the benchmark, with values chosen from the loaded
 * data so that each call does real work (the most-targeted country, the commitment with
 * the most linked transactions, list filters that match some commitments).
 */
import { type Kysely, sql } from "kysely";
import type { Tables } from "../src/db/tables.ts";

export interface Endpoint {
	name: string;
	path: string;
	/** An aggregate DuckDB computes too. */
	dim?: "goal" | "stakeholder" | "recipient";
}

export async function chooseEndpoints(db: Kysely<Tables>): Promise<Endpoint[]> {
	const country = await sql<{ code: string }>`select code from commitment_recipient
		where kind = 'country' group by code order by count(*) desc, code limit 1`.execute(db);
	const busiest = await sql<{ id: number | string }>`select l.commitment_id as id
		from commitment_activity l join activity_transaction t on t.activity_id = l.activity_id
		group by l.commitment_id order by count(*) desc, l.commitment_id limit 1`.execute(db);
	// The forum kind and country where SDG 3 commitments about health are most frequent.
	const filter = await sql<{ kind: string; code: string }>`select f.kind, r.code
		from commitment c
		join forum f on f.id = c.forum_id
		join commitment_goal g on g.commitment_id = c.id and g.goal_id = 'sdg:3'
		join commitment_recipient r on r.commitment_id = c.id and r.kind = 'country'
		where c.search_text like '%health%' and c.status in ('published', 'completed', 'withdrawn')
		group by f.kind, r.code order by count(*) desc, f.kind, r.code limit 1`.execute(db);
	const code = country.rows[0]?.code;
	const id = busiest.rows[0]?.id;
	const f = filter.rows[0];
	if (!code || id === undefined || !f)
		throw new Error("the loaded data has no country, link or SDG 3 commitment to ask for");
	return [
		{ name: "delivery by goal", path: "/api/v1/analytics/delivery?group_by=goal", dim: "goal" },
		{
			name: "delivery by stakeholder",
			path: "/api/v1/analytics/delivery?group_by=stakeholder",
			dim: "stakeholder",
		},
		{
			name: "delivery by recipient",
			path: "/api/v1/analytics/delivery?group_by=recipient",
			dim: "recipient",
		},
		{ name: `country profile (${code})`, path: `/api/v1/countries/${code}` },
		{ name: `commitment delivery (#${id})`, path: `/api/v1/commitments/${id}/delivery` },
		{
			name: "commitment list, 3 filters + q",
			path: `/api/v1/commitments?goal=sdg:3&forum_kind=${f.kind}&recipient=${f.code}&q=health`,
		},
		// The delivery status is read for today from stored terms (status.terms.ts): a filter
		// by status and a sort by gap over a whole goal, with each item's delivery.
		{
			name: "commitment list, goal + off track, by gap",
			path: "/api/v1/commitments?goal=sdg:3&delivery=off_track,not_met&sort=-gap_usd",
		},
		{ name: "commitment facets, every public", path: "/api/v1/commitments/facets" },
	];
}
