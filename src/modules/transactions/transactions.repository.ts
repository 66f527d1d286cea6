/** Reads activity transactions with their activity, reporting organisation and type name. */
import type { Kysely } from "kysely";
import { stakeholderOrgRefs } from "../../db/org-refs.ts";
import type { Tables } from "../../db/tables.ts";
import { toConvertedCentsOrNull, toInt } from "../../lib/numbers.ts";

export interface TransactionFilter {
	activities?: string[];
	reportingOrgs?: string[];
	types?: string[];
	years?: number[];
}

export interface TransactionRow {
	id: number;
	iati_identifier: string;
	activity_title: string | null;
	reporting_org_ref: string | null;
	reporting_org_name: string | null;
	/** JSON lists of IATI narratives: names as the publisher gave them. */
	reporting_org_narratives: string | null;
	transaction_type: string;
	type_name: string | null;
	transaction_date: string;
	value_minor: number;
	currency: string | null;
	value_date: string | null;
	usd_current: number | null;
	usd_constant: number | null;
	conversion: string;
	provider_org_ref: string | null;
	provider_org_narratives: string | null;
	receiver_org_ref: string | null;
	receiver_org_narratives: string | null;
}

export class TransactionRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	private filtered(f: TransactionFilter) {
		let q = this.db
			.selectFrom("activity_transaction as t")
			.innerJoin("activity as a", "a.id", "t.activity_id");
		if (f.activities?.length) q = q.where("a.iati_identifier", "in", f.activities);
		if (f.reportingOrgs?.length) q = q.where("a.reporting_org_ref", "in", f.reportingOrgs);
		if (f.types?.length) q = q.where("t.transaction_type", "in", f.types);
		if (f.years?.length) {
			const years = f.years;
			// Dates are ISO text: a year is a range, which an index on the date could serve.
			q = q.where((eb) =>
				eb.or(
					years.map((y) =>
						eb.and([
							eb("t.transaction_date", ">=", `${y}-01-01`),
							eb("t.transaction_date", "<=", `${y}-12-31`),
						]),
					),
				),
			);
		}
		return q;
	}

	async count(f: TransactionFilter): Promise<number> {
		const row = await this.filtered(f)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	/** In id order (the order recorded), after `afterId`: pages by offset, exports by keyset. */
	async page(
		f: TransactionFilter,
		opts: { afterId?: number; offset?: number; limit: number },
	): Promise<TransactionRow[]> {
		let q = this.filtered(f)
			.leftJoin("code_name as n", (j) =>
				j
					.onRef("n.code", "=", "t.transaction_type")
					.on("n.list", "=", "TransactionType")
					.on("n.lang", "=", "en"),
			)
			.select((eb) => [
				"t.id",
				"a.iati_identifier",
				"a.title as activity_title",
				"a.reporting_org_ref",
				// A subquery, not a join: two stakeholders may share an identifier, and a join would repeat the row.
				eb
					.selectFrom(stakeholderOrgRefs(this.db).as("r"))
					.innerJoin("stakeholder as s", "s.id", "r.stakeholder_id")
					.select("s.name")
					.whereRef("r.ref", "=", "a.reporting_org_ref")
					.orderBy("s.id")
					.limit(1)
					.as("reporting_org_name"),
				"a.reporting_org_narratives",
				"t.transaction_type",
				"n.name as type_name",
				"t.transaction_date",
				"t.value_minor",
				"t.currency",
				"t.value_date",
				"t.usd_current",
				"t.usd_constant",
				"t.conversion",
				"t.provider_org_ref",
				"t.provider_org_narratives",
				"t.receiver_org_ref",
				"t.receiver_org_narratives",
			]);
		if (opts.afterId !== undefined) q = q.where("t.id", ">", opts.afterId);
		q = q.orderBy("t.id").limit(opts.limit);
		if (opts.offset) q = q.offset(opts.offset);
		const rows = await q.execute();
		return rows.map((r) => ({
			...r,
			id: toInt(r.id),
			reporting_org_name: r.reporting_org_name ?? null,
			type_name: r.type_name ?? null,
			value_minor: toInt(r.value_minor),
			usd_current: toConvertedCentsOrNull(r.usd_current),
			usd_constant: toConvertedCentsOrNull(r.usd_constant),
		}));
	}

	/** Which of these IATI identifiers are activities IIF holds. */
	async existingActivities(identifiers: string[]): Promise<Set<string>> {
		if (identifiers.length === 0) return new Set();
		const rows = await this.db
			.selectFrom("activity")
			.select("iati_identifier")
			.where("iati_identifier", "in", identifiers)
			.execute();
		return new Set(rows.map((r) => r.iati_identifier));
	}
}
