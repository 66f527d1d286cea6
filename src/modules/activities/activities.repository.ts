/**
 * Activities and their transactions (delivery evidence, mostly imported from IATI) and
 * the links that tie an activity to a commitment with a share.
 */
import type { Insertable, Kysely } from "kysely";
import { chunks } from "../../db/batch.ts";
import { stakeholderOrgRefs } from "../../db/org-refs.ts";
import type { ActivityTransactionTable, Tables } from "../../db/tables.ts";
import { toConvertedCentsOrNull, toInt, toIntOrNull } from "../../lib/numbers.ts";

export type NewTransaction = Omit<Insertable<ActivityTransactionTable>, "id" | "activity_id">;

export interface TransactionForConversion {
	id: number;
	value_minor: number;
	currency: string | null;
	transaction_date: string;
	value_date: string | null;
	usd_current: number | null;
	usd_constant: number | null;
	conversion: string;
	reporter_country: string | null;
}

export class ActivityRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async findId(iatiIdentifier: string): Promise<number | null> {
		const row = await this.db
			.selectFrom("activity")
			.select("id")
			.where("iati_identifier", "=", iatiIdentifier)
			.executeTakeFirst();
		return row ? toInt(row.id) : null;
	}

	/** Creates or updates an activity by its IATI identifier; returns its id. */
	async upsert(a: {
		iati_identifier: string;
		reporting_org_ref: string | null;
		title: string | null;
		default_currency: string | null;
		now: string;
	}): Promise<number> {
		const existing = await this.findId(a.iati_identifier);
		if (existing !== null) {
			await this.db
				.updateTable("activity")
				.set({
					reporting_org_ref: a.reporting_org_ref,
					title: a.title,
					default_currency: a.default_currency,
					updated_at: a.now,
				})
				.where("id", "=", existing)
				.execute();
			return existing;
		}
		const row = await this.db
			.insertInto("activity")
			.values({
				iati_identifier: a.iati_identifier,
				reporting_org_ref: a.reporting_org_ref,
				title: a.title,
				default_currency: a.default_currency,
				created_at: a.now,
				updated_at: a.now,
			})
			.returning("id")
			.executeTakeFirstOrThrow();
		return toInt(row.id);
	}

	/** The country of the stakeholder publishing under an IATI organisation identifier (its own or an agency's). */
	async reporterCountry(orgRef: string | null): Promise<string | null> {
		if (!orgRef) return null;
		const row = await this.db
			.selectFrom(stakeholderOrgRefs(this.db).as("r"))
			.innerJoin("stakeholder as s", "s.id", "r.stakeholder_id")
			.select("s.country_code")
			.where("r.ref", "=", orgRef)
			.orderBy("s.id")
			.executeTakeFirst();
		return row?.country_code ?? null;
	}

	async replaceTransactions(activityId: number, rows: NewTransaction[]): Promise<void> {
		await this.db
			.deleteFrom("activity_transaction")
			.where("activity_id", "=", activityId)
			.execute();
		for (const batch of chunks(rows, 500)) {
			await this.db
				.insertInto("activity_transaction")
				.values(batch.map((r) => ({ ...r, activity_id: activityId })))
				.execute();
		}
	}

	async deleteTransactions(activityId: number, ids: number[]): Promise<number> {
		if (ids.length === 0) return 0;
		const r = await this.db
			.deleteFrom("activity_transaction")
			.where("activity_id", "=", activityId)
			.where("id", "in", ids)
			.executeTakeFirst();
		return Number(r.numDeletedRows);
	}

	async transactionIds(activityId: number): Promise<number[]> {
		const rows = await this.db
			.selectFrom("activity_transaction")
			.select("id")
			.where("activity_id", "=", activityId)
			.orderBy("id")
			.execute();
		return rows.map((r) => toInt(r.id));
	}

	async link(l: {
		commitment_id: number;
		activity_id: number;
		share_bp: number;
		status: string;
		include_expenditure: number;
		created_by: number | null;
		created_at: string;
	}): Promise<void> {
		await this.db
			.insertInto("commitment_activity")
			.values(l)
			.onConflict((oc) =>
				oc.columns(["commitment_id", "activity_id"]).doUpdateSet({
					share_bp: l.share_bp,
					status: l.status,
					include_expenditure: l.include_expenditure,
				}),
			)
			.execute();
	}

	async unlink(commitmentId: number, activityId: number): Promise<boolean> {
		const r = await this.db
			.deleteFrom("commitment_activity")
			.where("commitment_id", "=", commitmentId)
			.where("activity_id", "=", activityId)
			.executeTakeFirst();
		return Number(r.numDeletedRows) > 0;
	}

	/** Accepted shares of an activity, other than one commitment's: no more than 100% in all. */
	async acceptedShareElsewhere(activityId: number, commitmentId: number): Promise<number> {
		const row = await this.db
			.selectFrom("commitment_activity")
			.select((eb) => eb.fn.sum<number | string | null>("share_bp").as("total"))
			.where("activity_id", "=", activityId)
			.where("commitment_id", "<>", commitmentId)
			.where("status", "=", "accepted")
			.executeTakeFirst();
		return toIntOrNull(row?.total) ?? 0;
	}

	async linkedCommitments(activityId: number): Promise<number[]> {
		const rows = await this.db
			.selectFrom("commitment_activity")
			.select("commitment_id")
			.where("activity_id", "=", activityId)
			.execute();
		return rows.map((r) => toInt(r.commitment_id));
	}

	/** A page of transactions in id order, with what their conversion needs. */
	async transactionsAfter(afterId: number, limit: number): Promise<TransactionForConversion[]> {
		const rows = await this.db
			.selectFrom("activity_transaction as t")
			.innerJoin("activity as a", "a.id", "t.activity_id")
			.leftJoin(stakeholderOrgRefs(this.db).as("r"), "r.ref", "a.reporting_org_ref")
			.leftJoin("stakeholder as s", "s.id", "r.stakeholder_id")
			.select([
				"t.id",
				"t.value_minor",
				"t.currency",
				"t.transaction_date",
				"t.value_date",
				"t.usd_current",
				"t.usd_constant",
				"t.conversion",
				"s.country_code as reporter_country",
			])
			.where("t.id", ">", afterId)
			.orderBy("t.id")
			.limit(limit)
			.execute();
		return rows.map((r) => ({
			...r,
			id: toInt(r.id),
			value_minor: toInt(r.value_minor),
			usd_current: toConvertedCentsOrNull(r.usd_current),
			usd_constant: toConvertedCentsOrNull(r.usd_constant),
			reporter_country: r.reporter_country ?? null,
		}));
	}

	async setTransactionUsd(
		id: number,
		v: { usd_current: number | null; usd_constant: number | null; conversion: string },
	): Promise<void> {
		await this.db.updateTable("activity_transaction").set(v).where("id", "=", id).execute();
	}
}
