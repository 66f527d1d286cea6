/**
 * Who reports: a maker's focal points and editors report for that maker; a recipient
 * government's focal points and editors report how the commitment shows in its
 * national strategy. A report is updated by the members of the stakeholder that made it.
 */
import type { Actor } from "../../lib/actor.ts";
import { memberOfAny } from "../commitments/commitments.policy.ts";

export const reportPolicy = {
	report: (a: Actor, stakeholderId: number) => memberOfAny(a, [stakeholderId]) || a.via === "cli",
	update: (a: Actor, report: { stakeholder_id: number }) =>
		memberOfAny(a, [report.stakeholder_id]) || a.via === "cli",
};
