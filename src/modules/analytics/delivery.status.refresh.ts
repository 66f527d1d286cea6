/**
 * Keeps the stored statuses (delivery_status) true: recomputed for the commitments whose
 * figures were just written (refreshDelivery, computeBatch) or whose policy evidence
 * changed (an assessment), in the same transaction, read in a few queries per batch.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { DeliveryQueryRepository } from "./delivery.query.repository.ts";
import { DeliveryStatusRepository, type StatusRow } from "./delivery.status.repository.ts";
import { listFiguresOf, type StatusParts, termsOf } from "./delivery.status.ts";
import { DeliveryStoreRepository } from "./delivery.store.repository.ts";
import { measuredShares } from "./share.load.ts";

export async function refreshStatuses(db: Kysely<Tables>, ids: number[]): Promise<void> {
	if (ids.length === 0) return;
	const repo = new DeliveryStatusRepository(db);
	const store = new DeliveryStoreRepository(db);
	const query = new DeliveryQueryRepository(db);
	const rows = await repo.publicRows(ids);
	const publicIds = rows.map((r) => r.id);
	const [states, years, evidence] = await Promise.all([
		store.states(publicIds),
		store.yearsOf(publicIds),
		query.policyEvidenceOf(publicIds),
	]);
	const roots = publicIds.filter((id) => states.get(id)?.reason === "counted");
	const trees = await query.treeFactsOf(roots);
	const shares = await measuredShares(
		db,
		rows.filter((r) => r.gni_share_min !== null && r.amount_minor === null).map((r) => r.id),
	);
	const out: StatusRow[] = [];
	for (const row of rows) {
		const state = states.get(row.id);
		if (!state) continue;
		const measured = shares.get(row.id);
		const share = measured ? { status: measured.m.status, gap: measured.gap } : null;
		const parts: StatusParts = {
			row,
			state,
			years: years.get(row.id) ?? [],
			tree: state.reason === "counted" ? (trees.get(row.id) ?? []) : null,
			evidence: evidence.get(row.id) ?? { report: null, scorecard: null, compliance: null },
			share,
		};
		const figures = listFiguresOf(parts);
		out.push({
			commitment_id: row.id,
			...termsOf(parts).status,
			committed_constant: figures.committed,
			delivered_constant: figures.delivered,
			gap_constant: figures.gap,
		});
	}
	await repo.replace(ids, out);
}
