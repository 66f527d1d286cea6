/**
 * Whether a commitment's recipient country belonged to a recipient group (the LDCs) when
 * the commitment was made: judged in the year it was announced, else its period's first
 * year, else the present year. One SQL rule for the list filter, its facets and the
 * analytics keys, so they count the same commitments.
 */
import { type Kysely, type OperandValueExpressionOrList, type RawBuilder, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";

const thisYear = () => new Date().getUTCFullYear();

/** The year `commitment` (an alias of the commitment table) is judged in. */
export function membershipYear(commitment: string): RawBuilder<number> {
	const year = (column: string) =>
		sql`cast(substr(${sql.ref(`${commitment}.${column}`)}, 1, 4) as integer)`;
	return sql<number>`coalesce(${year("announced_on")}, ${year("period_start")}, ${thisYear()})`;
}

/** `member` (an alias of recipient_group_member) held its country in `year`. */
export function memberIn(member: string, year: RawBuilder<number>): RawBuilder<boolean> {
	const until = sql.ref(`${member}.until_year`);
	return sql<boolean>`(${sql.ref(`${member}.from_year`)} <= ${year} and (${until} is null or ${year} < ${until}))`;
}

type CommitmentIds = OperandValueExpressionOrList<
	Tables & { r: Tables["commitment_recipient"] },
	"r",
	"r.commitment_id"
>;

/**
 * For each of these commitments, the groups its recipient countries belonged to when it
 * was made, as recipient keys (`group:LDC`): one row per commitment, country and group.
 */
export function groupsViaCountries(db: Kysely<Tables>, ids: CommitmentIds) {
	return db
		.selectFrom("commitment_recipient as r")
		.innerJoin("commitment as gc", "gc.id", "r.commitment_id")
		.innerJoin("recipient_group_member as m", "m.country_code", "r.code")
		.select(["r.commitment_id", sql<string>`'group:' || m.group_code`.as("key")])
		.where("r.kind", "=", "country")
		.where("r.commitment_id", "in", ids)
		.where(memberIn("m", membershipYear("gc")));
}
