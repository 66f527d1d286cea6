/**
 * Who reports: a maker's focal points and editors report for that maker; a recipient
 * government's focal points and editors report how the commitment shows in its
 * national strategy. A report is updated by the members of the stakeholder that made it.
 */
import type { Actor } from "../../lib/actor.ts";
import { memberOfAny } from "../commitments/commitments.policy.ts";

/** What the rule of recipients needs of a stakeholder. */
export interface ReporterFacts {
	kind: string;
	country: string | null;
}

export const reportPolicy = {
	/** A recipient government of a commitment: a member state among its country recipients. */
	recipientGovernment: (
		s: ReporterFacts,
		recipients: readonly { kind: string; code: string | null }[],
	): boolean =>
		s.kind === "member_state" &&
		s.country !== null &&
		recipients.some((r) => r.kind === "country" && r.code === s.country),
	report: (a: Actor, stakeholderId: number) => memberOfAny(a, [stakeholderId]) || a.via === "cli",
	update: (a: Actor, report: { stakeholder_id: number }) =>
		memberOfAny(a, [report.stakeholder_id]) || a.via === "cli",
};
