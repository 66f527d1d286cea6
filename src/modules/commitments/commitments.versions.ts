/**
 * Writing a commitment's next version: the stored state and its immutable snapshot, only
 * if the version edited is still the stored one. Shared by direct updates and workflow
 * steps (commitments.service.ts) and by accepted proposals.
 */
import { nowIso } from "../../lib/dates.ts";
import { staleVersion } from "../../lib/versioning.ts";
import type { CommitmentRepository } from "./commitments.repository.ts";
import type { CommitmentState } from "./commitments.state.ts";

export async function writeNextVersion(
	repo: CommitmentRepository,
	id: number,
	current: { state: CommitmentState; version: number },
	state: CommitmentState,
	reason: string | null,
	/** Who wrote the version: for an accepted proposal, who proposed it. */
	createdBy: number | null,
): Promise<number> {
	const now = nowIso();
	if (!(await repo.update(id, state, current.version, now))) {
		const latest = (await repo.findRow(id))?.version ?? current.version;
		throw staleVersion(latest, current.version);
	}
	const version = current.version + 1;
	await repo.insertVersion({
		commitment_id: id,
		version,
		snapshot: JSON.stringify(state),
		reason,
		created_at: now,
		created_by: createdBy,
	});
	return version;
}
