/**
 * Which updates wait for the secretariat. A published commitment is on the public record:
 * its verbatim text (text_kind, with the source and place it quotes) is what its makers
 * are held to, and a commitment made jointly belongs
 * to every maker, so neither is rewritten by one focal point alone. Such an update is kept
 * as a proposal (commitments.proposals.service.ts) until the secretariat accepts it; other
 * updates, and every update of a draft, apply at once. The operator's CLI (seed, imports)
 * writes as the system and is not held.
 */
import type { Actor } from "../../lib/actor.ts";
import type { CommitmentState } from "./commitments.state.ts";

export const reviewReasons = ["text", "collective"] as const;
export type ReviewReason = (typeof reviewReasons)[number];

export function reviewNeeded(
	actor: Actor,
	before: CommitmentState,
	after: CommitmentState,
): ReviewReason | null {
	if (actor.via === "cli" || before.status !== "published") return null;
	// Collective before or after: adding makers to one's own pledge makes it theirs too.
	if (before.maker_ids.length > 1 || after.maker_ids.length > 1) return "collective";
	// A quotation is what its makers are held to: its words, and the claim that they are the
	// source's (made or withdrawn), change only after review. A summary is our words.
	const quoted = before.text_kind === "verbatim" || after.text_kind === "verbatim";
	const changed =
		before.text !== after.text ||
		before.text_kind !== after.text_kind ||
		JSON.stringify(before.quote) !== JSON.stringify(after.quote);
	return quoted && changed ? "text" : null;
}
