/**
 * A commitment by id or slug, as one actor may see it: one they may not see (a draft of
 * someone else's) does not exist for them, so the answer is the same 404 as for none.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { commitmentPolicy } from "./commitments.policy.ts";
import { CommitmentRepository, type CommitmentRow } from "./commitments.repository.ts";

/** Ids are 32-bit integers on PostgreSQL: a larger number names no commitment. */
const maxId = 2_147_483_647;

export async function visibleCommitment(
	db: Kysely<Tables>,
	refText: string,
	actor: Actor | null,
	field = "id",
): Promise<{ id: number; row: CommitmentRow; makerIds: number[] }> {
	const ref = parseRecordRef(refText);
	if (!ref) throw AppError.invalid(field, `'${refText}' is not a commitment id or slug`);
	const commitments = new CommitmentRepository(db);
	const id = "id" in ref && ref.id > maxId ? null : await commitments.findId(ref);
	const row = id === null ? null : await commitments.findRow(id);
	if (id === null || !row) throw AppError.notFound("commitment", refText);
	const makerIds = (await commitments.makerIdsOf([id])).get(id) ?? [];
	if (!commitmentPolicy.view(actor, { status: row.status, makerIds }))
		throw AppError.notFound("commitment", refText);
	return { id, row, makerIds };
}
