/**
 * Who may do what to a commitment. Makers' focal points and editors draft, submit,
 * update and relate; the secretariat (and the admin) publishes or returns submissions;
 * only a maker's focal point closes a commitment as completed or withdrawn. Drafts and
 * submissions are seen by their makers' members and the secretariat alone.
 */
import type { Actor, MembershipRole } from "../../lib/actor.ts";
import { isPublicStatus } from "./commitments.schemas.ts";

export const isStaff = (a: Actor | null): boolean =>
	a?.role === "secretariat" || a?.role === "admin";

export function memberOfAny(
	a: Actor | null,
	stakeholderIds: readonly number[],
	roles: readonly MembershipRole[] = ["focal_point", "editor"],
): boolean {
	return (
		a?.memberships.some(
			(m) => stakeholderIds.includes(m.stakeholderId) && roles.includes(m.role),
		) ?? false
	);
}

/** The operator's CLI (seed, imports) writes as the system. */
const isSystem = (a: Actor | null): boolean => a?.via === "cli";

export interface CommitmentFacts {
	status: string;
	makerIds: number[];
}

export const commitmentPolicy = {
	/** Sees drafts, submissions and the draft-stage history of a commitment. */
	seesDrafts: (a: Actor | null, c: { makerIds: number[] }) =>
		isStaff(a) || memberOfAny(a, c.makerIds) || isSystem(a),
	view: (a: Actor | null, c: CommitmentFacts) =>
		isPublicStatus(c.status) || commitmentPolicy.seesDrafts(a, c),
	/** A draft names the writer's own stakeholder among its makers. */
	create: (a: Actor, makerIds: number[]) => memberOfAny(a, makerIds) || isStaff(a) || isSystem(a),
	update: (a: Actor, c: CommitmentFacts) => memberOfAny(a, c.makerIds) || isSystem(a),
	submit: (a: Actor, c: CommitmentFacts) => memberOfAny(a, c.makerIds) || isSystem(a),
	publish: (a: Actor, _c: CommitmentFacts) => isStaff(a) || isSystem(a),
	return: (a: Actor, _c: CommitmentFacts) => isStaff(a) || isSystem(a),
	complete: (a: Actor, c: CommitmentFacts) =>
		memberOfAny(a, c.makerIds, ["focal_point"]) || isSystem(a),
	withdraw: (a: Actor, c: CommitmentFacts) =>
		memberOfAny(a, c.makerIds, ["focal_point"]) || isSystem(a),
	relate: (a: Actor, from: CommitmentFacts) =>
		memberOfAny(a, from.makerIds) || isStaff(a) || isSystem(a),
	/** Accepts or rejects a proposed change (commitments.review.ts says which wait). */
	reviewProposal: (a: Actor) => isStaff(a) || isSystem(a),
	/** Whoever proposed a change, or a maker's focal point, takes it back before review. */
	withdrawProposal: (a: Actor, c: { makerIds: number[] }, proposedBy: number | null) =>
		(proposedBy !== null && a.userId === proposedBy && a.via !== "cli") ||
		memberOfAny(a, c.makerIds, ["focal_point"]) ||
		isSystem(a),
};

/** The workflow: which status each step starts from and leads to, and whether it needs a reason. */
export const transitions = {
	submit: { from: ["draft"], to: "submitted", reason: false },
	publish: { from: ["submitted"], to: "published", reason: false },
	return: { from: ["submitted"], to: "draft", reason: true },
	complete: { from: ["published"], to: "completed", reason: true },
	withdraw: { from: ["published"], to: "withdrawn", reason: true },
} as const;

export type Transition = keyof typeof transitions;

/** Where an update may be made: a submission waits for the secretariat; a closed commitment stays closed. */
export const editableStatuses = ["draft", "published"] as const;
