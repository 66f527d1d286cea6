/**
 * Who may assess a commitment. An assessment is independent: only users with the global
 * role assessor write one (not the admin, not the secretariat that publishes commitments),
 * never on a commitment of a stakeholder they are focal point or editor of, and only on a
 * public commitment. Assessments are public, like the commitments they score.
 */
import type { Actor } from "../../lib/actor.ts";
import { type CommitmentFacts, memberOfAny } from "../commitments/commitments.policy.ts";
import { isPublicStatus } from "../commitments/commitments.schemas.ts";

export const assessmentPolicy = {
	/** Holds the role that assesses. */
	assess: (a: Actor): boolean => a.role === "assessor" && a.via !== "cli",
	/** No one assesses their own commitment. */
	independentOf: (a: Actor, c: CommitmentFacts): boolean => !memberOfAny(a, c.makerIds),
	/** Only what the public sees is assessed; a draft or submission does not exist for it. */
	assessable: (c: CommitmentFacts): boolean => isPublicStatus(c.status),
};
