/**
 * Who may tie delivery evidence to a commitment: the secretariat, or a focal point of
 * one of its makers (the maker vouches that the activity delivers its promise).
 */
import type { Actor } from "../../lib/actor.ts";
import { isStaff, memberOfAny } from "../commitments/commitments.policy.ts";

export const activityPolicy = {
	/** Recording activities and transactions is the importer's job: the operator or staff. */
	record: (a: Actor) => a.via === "cli" || isStaff(a),
	link: (a: Actor, c: { makerIds: number[] }) =>
		a.via === "cli" || isStaff(a) || memberOfAny(a, c.makerIds, ["focal_point"]),
};
