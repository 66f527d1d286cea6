/**
 * Who may record a requirement. A requirement is reference data taken from a documented
 * source (a task force report, a replenishment's needs estimate), set beside the
 * commitments to show the gap: the secretariat (and the admin) records it, as does the
 * operator's CLI that loads the demo and official data. Requirements are public.
 */
import type { Actor } from "../../lib/actor.ts";
import { isStaff } from "../commitments/commitments.policy.ts";

export const requirementPolicy = {
	create: (a: Actor): boolean => isStaff(a) || a.via === "cli",
};
