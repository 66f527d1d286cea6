/**
 * Transactions of the IATI activities IIF holds (delivery evidence): the paged list and
 * the whole selection for exports. Public data: IATI publishes it openly.
 */
import type { Database } from "../../db/database.ts";
import { type Batches, keysetBatches, mapBatches } from "../../lib/batches.ts";
import { AppError } from "../../lib/errors.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { displayTitle, parseNarratives } from "../activities/iati.rows.ts";
import {
	type TransactionFilter,
	TransactionRepository,
	type TransactionRow,
} from "./transactions.repository.ts";
import type { TransactionItem, TransactionListQuery } from "./transactions.schemas.ts";

const money = (minor: number | null, currency: string | null) =>
	minor === null || currency === null ? null : formatMinorUnits(minor, currency);

/** The name an IATI publisher gave an organisation, in the default language or the first. */
const orgName = (narratives: string | null) => displayTitle(parseNarratives(narratives));

function item(r: TransactionRow): TransactionItem {
	return {
		id: r.id,
		activity: { iati_identifier: r.iati_identifier, title: r.activity_title },
		reporting_org: {
			ref: r.reporting_org_ref,
			name: r.reporting_org_name ?? orgName(r.reporting_org_narratives),
		},
		type: { code: r.transaction_type, name: r.type_name },
		date: r.transaction_date,
		value: money(r.value_minor, r.currency),
		value_minor: r.value_minor,
		currency: r.currency,
		value_date: r.value_date,
		usd_current: money(r.usd_current, "USD"),
		usd_constant: money(r.usd_constant, "USD"),
		conversion: r.conversion,
		provider_org: { ref: r.provider_org_ref, name: orgName(r.provider_org_narratives) },
		receiver_org: { ref: r.receiver_org_ref, name: orgName(r.receiver_org_narratives) },
	};
}

export class TransactionService {
	constructor(private readonly database: Database) {}

	private get repo() {
		return new TransactionRepository(this.database.db);
	}

	/** An unknown activity is a 400 that names it, not an empty list. */
	private async filter(
		q: Omit<TransactionListQuery, "page" | "limit">,
	): Promise<TransactionFilter> {
		if (q.activity) {
			const known = await this.repo.existingActivities(q.activity);
			const unknown = q.activity.find((a) => !known.has(a));
			if (unknown)
				throw AppError.invalid(
					"activity",
					`query parameter 'activity': activity '${unknown}' is not held by IIF`,
				);
		}
		return {
			activities: q.activity,
			reportingOrgs: q.reporting_org,
			types: q.type?.map((t) => String(Number(t))),
			years: q.year?.map(Number),
		};
	}

	async list(
		query: TransactionListQuery,
	): Promise<{ items: TransactionItem[]; total: number; page: number; limit: number }> {
		const filter = await this.filter(query);
		const [total, rows] = await Promise.all([
			this.repo.count(filter),
			this.repo.page(filter, { offset: (query.page - 1) * query.limit, limit: query.limit }),
		]);
		return { items: rows.map(item), total, page: query.page, limit: query.limit };
	}

	/** The whole selection in id order, a batch at a time, each batch read after the last id of the one before. */
	async exportBatches(
		query: Omit<TransactionListQuery, "page" | "limit">,
	): Promise<Batches<TransactionItem>> {
		const filter = await this.filter(query);
		const repo = this.repo;
		return mapBatches(
			keysetBatches(
				(afterId, limit) => repo.page(filter, { afterId, limit }),
				(r) => r.id,
			),
			(rows) => rows.map(item),
		);
	}
}
