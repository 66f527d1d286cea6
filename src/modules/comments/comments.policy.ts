/**
 * Who may do what to a comment. Any signed-in user comments on a public commitment or
 * report and replies; the author alone edits (for a short while) and deletes; anyone but
 * the author flags a comment as abuse; the secretariat (and the admin) hides and shows
 * comments again, and sees what is hidden and how often a comment was flagged.
 */
import type { Actor } from "../../lib/actor.ts";
import { isStaff } from "../commitments/commitments.policy.ts";
import { isPublicStatus } from "../commitments/commitments.schemas.ts";

/** How long after writing it the author may still edit a comment. */
export const editWindowMinutes = 15;

export interface CommentFacts {
	authorId: number;
}

/** A comment is a person's voice: the operator's CLI neither writes nor flags one. */
const isPerson = (a: Actor): boolean => a.via !== "cli";

const isAuthor = (a: Actor, c: CommentFacts): boolean => isPerson(a) && a.userId === c.authorId;

export const commentPolicy = {
	/** Comments are open on what the public sees; a draft or submission has none, for anyone. */
	open: (commitmentStatus: string): boolean => isPublicStatus(commitmentStatus),
	create: (a: Actor): boolean => isPerson(a),
	edit: isAuthor,
	delete: isAuthor,
	/** Still inside the edit window, at `now` (ms since the epoch). */
	editable: (createdAt: string, now: number): boolean =>
		now - Date.parse(createdAt) <= editWindowMinutes * 60_000,
	flag: (a: Actor, c: CommentFacts): boolean => isPerson(a) && a.userId !== c.authorId,
	hide: (a: Actor): boolean => isStaff(a),
	unhide: (a: Actor): boolean => isStaff(a),
	dismissFlags: (a: Actor): boolean => isStaff(a),
	/** Sees hidden text, the reason for hiding, flag counts and the queue of flagged comments. */
	moderate: (a: Actor | null): boolean => isStaff(a),
};
