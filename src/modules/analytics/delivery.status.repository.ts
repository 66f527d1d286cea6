/**
 * The stored delivery statuses (migration 0011): written with the figures they come
 * from, read by the commitment list for a day. `statusAt` is statusOn (status.terms.ts)
 * in SQL, so a filter or a count by status needs no row read into the application.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { chunks } from "../../db/batch.ts";
import { setMeta } from "../../db/meta.ts";
import type { Tables } from "../../db/tables.ts";
import { toConvertedCentsOrNull, toInt, toIntOrNull } from "../../lib/numbers.ts";
import type { StatusTerms } from "./status.terms.ts";

/** app_meta: changes whenever a stored status does (any write that refreshes one). */
export const statusVersionKey = "delivery_status_version";

export interface StatusRow extends StatusTerms {
	commitment_id: number;
	committed_constant: number | null;
	delivered_constant: number | null;
	gap_constant: number | null;
}

/** The status on `today` of the delivery_status row aliased `alias` (statusOn in SQL). */
export function statusAt(alias: string, today: string): RawBuilder<string> {
	const t = (column: string) => sql.ref(`${alias}.${column}`);
	return sql<string>`(case
		when ${t("status")} not in ('on_track', 'off_track') then ${t("status")}
		when ${t("due_by")} is not null and ${t("due_by")} < ${today} then 'not_met'
		when ${t("on_track_until")} is null then ${t("status")}
		when ${today} <= ${t("on_track_until")} then 'on_track'
		else 'off_track' end)`;
}

export class DeliveryStatusRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/** What the terms are decided on, of each commitment that is public. */
	async publicRows(ids: number[]) {
		const out = [];
		for (const part of chunks(ids))
			out.push(
				...(await this.db
					.selectFrom("commitment")
					.select(["id", "kind", "amount_minor", "gni_share_min", "period_end", "policy_deadline"])
					.where("id", "in", part)
					.where("status", "in", ["published", "completed", "withdrawn"])
					.execute()),
			);
		return out.map((r) => ({
			...r,
			id: toInt(r.id),
			amount_minor: toIntOrNull(r.amount_minor),
			gni_share_min: r.gni_share_min === null ? null : Number(r.gni_share_min),
		}));
	}

	/**
	 * Replaces the statuses of these commitments (those not in `rows` are left with none),
	 * and marks the stored statuses changed: a new version, in the same transaction, so
	 * that counts kept for a day (the explorer's first page) are counted again.
	 */
	async replace(ids: number[], rows: StatusRow[]): Promise<void> {
		for (const part of chunks(ids, 1000))
			await this.db.deleteFrom("delivery_status").where("commitment_id", "in", part).execute();
		for (const batch of chunks(rows, 500))
			await this.db.insertInto("delivery_status").values(batch).execute();
		await setMeta(this.db, statusVersionKey, randomUUID());
	}

	/** The stored statuses of a page of commitments, read for `today`. */
	async forPage(ids: number[], today: string) {
		if (ids.length === 0) return new Map<number, PageStatus>();
		const rows = await this.db
			.selectFrom("delivery_status as ds")
			.select([
				"ds.commitment_id",
				statusAt("ds", today).as("status"),
				"ds.committed_constant",
				"ds.delivered_constant",
				"ds.gap_constant",
			])
			.where("ds.commitment_id", "in", ids)
			.execute();
		return new Map<number, PageStatus>(
			rows.map((r) => [
				toInt(r.commitment_id),
				{
					status: r.status,
					committed: toConvertedCentsOrNull(r.committed_constant),
					delivered: toConvertedCentsOrNull(r.delivered_constant),
					gap: toConvertedCentsOrNull(r.gap_constant),
				},
			]),
		);
	}
}

export interface PageStatus {
	status: string;
	committed: number | null;
	delivered: number | null;
	gap: number | null;
}
