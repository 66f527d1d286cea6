/**
 * Every IATI organisation identifier a stakeholder reports under: its own (an organisation
 * that publishes as itself) and its agencies' (a state publishes through its aid agencies).
 * Repositories join this instead of `stakeholder.iati_org_id` so that an activity
 * reported by an agency is the state's.
 */
import type { Kysely } from "kysely";
import type { Tables } from "./tables.ts";

export function stakeholderOrgRefs(db: Kysely<Tables>) {
	return db
		.selectFrom("stakeholder")
		.select(["stakeholder.id as stakeholder_id", "stakeholder.iati_org_id as ref"])
		.where("stakeholder.iati_org_id", "is not", null)
		.$narrowType<{ ref: string }>()
		.unionAll(
			db
				.selectFrom("stakeholder_agency")
				.select(["stakeholder_agency.stakeholder_id", "stakeholder_agency.iati_org_id as ref"]),
		);
}
