/**
 * A commitment by id or slug, as one actor may see it: one they may not see (a draft of
 * someone else's) does not exist for them, so the answer is the same 404 as for none.
 * This is the only place that decides it; a page showing many parts of one commitment
 * resolves it once and hands the result to each service.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef, type RecordRef } from "../../lib/ids.ts";
import { commitmentPolicy } from "./commitments.policy.ts";
import { CommitmentRepository, type CommitmentRow } from "./commitments.repository.ts";

export interface VisibleCommitment {
	id: number;
	row: CommitmentRow;
	makerIds: number[];
}

/** What services take to name a commitment: its id or slug as written, or one already resolved. */
export type CommitmentRef = string | VisibleCommitment;

const mayView = (actor: Actor | null, c: VisibleCommitment) =>
	commitmentPolicy.view(actor, { status: c.row.status, makerIds: c.makerIds });

/** The commitment `ref` names, if it exists and this actor may see it; null otherwise. */
export async function findVisibleCommitment(
	db: Kysely<Tables>,
	ref: RecordRef,
	actor: Actor | null,
): Promise<VisibleCommitment | null> {
	const commitments = new CommitmentRepository(db);
	const id = await commitments.findId(ref);
	const row = id === null ? null : await commitments.findRow(id);
	if (id === null || !row) return null;
	const found = { id, row, makerIds: (await commitments.makerIdsOf([id])).get(id) ?? [] };
	return mayView(actor, found) ? found : null;
}

/**
 * The commitment named, as this actor may see it, or 404; 400 when `ref` is neither an id
 * nor a slug (`field` names the input it came from). One already resolved is not looked
 * up again, only checked against this actor.
 */
export async function visibleCommitment(
	db: Kysely<Tables>,
	ref: CommitmentRef,
	actor: Actor | null,
	field = "id",
): Promise<VisibleCommitment> {
	if (typeof ref !== "string") {
		if (!mayView(actor, ref)) throw AppError.notFound("commitment", ref.row.slug);
		return ref;
	}
	const parsed = parseRecordRef(ref);
	if (!parsed) throw AppError.invalid(field, `'${ref}' is not a commitment id or slug`);
	const found = await findVisibleCommitment(db, parsed, actor);
	if (!found) throw AppError.notFound("commitment", ref);
	return found;
}
