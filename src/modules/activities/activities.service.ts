/** Activities and their transactions: recorded one by one, listed, read, and exported. */
import type { Database } from "../../db/database.ts";
import { idsByRef } from "../../db/refs.ts";
import type { Actor } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { searchTokens } from "../../lib/text.ts";
import { parseInput } from "../../lib/validation.ts";
import { Converter, donorSeriesName, transactionUsd } from "../analytics/conversion.ts";
import { refreshDelivery, storedBaseYear } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { publicStatuses } from "../commitments/commitments.schemas.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { activityExportBatches } from "./activities.export.ts";
import { activityPolicy } from "./activities.policy.ts";
import { ActivityQueryRepository } from "./activities.query.repository.ts";
import { ActivityRepository } from "./activities.repository.ts";
import {
	type ActivityDetail,
	type ActivityItem,
	type ActivityListQuery,
	activityInput,
} from "./activities.schemas.ts";
import { IatiRepository } from "./iati.repository.ts";
import { displayTitle, parseNarratives } from "./iati.rows.ts";

export class ActivityService {
	constructor(private readonly database: Database) {}

	/** Creates or replaces an activity and all its transactions; returns its id. */
	async record(input: unknown, actor: Actor): Promise<number> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator records activities");
		const a = parseInput(activityInput, input);
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new ActivityRepository(trx);
			const converter = new Converter(await storedBaseYear(trx));
			const donor = donorSeriesName(await repo.reporterCountry(a.reporting_org_ref));
			const id = await repo.upsert({ ...a, now: nowIso() });
			await repo.replaceTransactions(
				id,
				a.transactions.map((t) => {
					const currency = t.currency ?? a.default_currency;
					const usd = transactionUsd(converter, { ...t, currency }, donor);
					return {
						...t,
						currency,
						usd_current: usd.current,
						usd_constant: usd.constant,
						conversion: usd.status,
					};
				}),
			);
			await recordAudit(trx, actor, {
				action: "activity.record",
				objectId: id,
				after: { iati_identifier: a.iati_identifier, transactions: a.transactions.length },
			});
			await refreshDelivery(trx, await repo.linkedCommitments(id));
			return id;
		});
	}

	async transactionIds(iatiIdentifier: string): Promise<number[]> {
		const repo = new ActivityRepository(this.database.db);
		return repo.transactionIds(await this.requireActivity(repo, iatiIdentifier));
	}

	async removeTransactions(iatiIdentifier: string, ids: number[], actor: Actor): Promise<number> {
		if (!activityPolicy.record(actor))
			throw new AppError("forbidden", "only the secretariat or the operator records activities");
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new ActivityRepository(trx);
			const id = await this.requireActivity(repo, iatiIdentifier);
			const removed = await repo.deleteTransactions(id, ids);
			await recordAudit(trx, actor, {
				action: "activity.record",
				objectId: id,
				after: { removed_transactions: ids },
			});
			await refreshDelivery(trx, await repo.linkedCommitments(id));
			return removed;
		});
	}

	/** Activities, filtered; a filter takes several values, any of which matches. */
	/** The whole selection as rows for the bulk answers (CSV, JSON lines), read page by page. */
	exportBatches(query: Omit<ActivityListQuery, "page" | "limit">) {
		return activityExportBatches(this.database, this, query);
	}

	async list(query: ActivityListQuery) {
		const db = this.database.db;
		let commitmentIds: number[] | undefined;
		if (query.commitment) {
			const refs = query.commitment.flatMap((c) => parseRecordRef(c) ?? []);
			const found = await idsByRef(db, "commitment", refs);
			// A commitment that does not exist delivers nothing: no activity matches it.
			commitmentIds = found.size ? [...found.values()] : [0];
		}
		const filter = {
			reportingOrgs: query.reporting_org,
			recipients: query.recipient?.map((r) => r.toUpperCase()),
			sectors: query.sector,
			sdgGoals: query.sdg?.filter((s) => !s.includes(".")),
			sdgTargets: query.sdg?.filter((s) => s.includes(".")).map((s) => s.toLowerCase()),
			commitmentIds,
			words: query.q ? searchTokens(query.q) : undefined,
		};
		const repo = new ActivityQueryRepository(db);
		const [total, rows] = await Promise.all([
			repo.count(filter),
			repo.page(filter, (query.page - 1) * query.limit, query.limit),
		]);
		const ids = rows.map((r) => r.id);
		const [recipients, counts] = await Promise.all([
			repo.recipientsOf(ids),
			repo.transactionCounts(ids),
		]);
		const items: ActivityItem[] = rows.map((r) => {
			const mine = recipients.get(r.id) ?? [];
			return {
				iati_identifier: r.iati_identifier,
				title: r.title,
				reporting_org: {
					ref: r.reporting_org_ref,
					name: displayTitle(parseNarratives(r.reporting_org_narratives)),
				},
				activity_status: r.activity_status,
				default_currency: r.default_currency,
				recipient_countries: mine.filter((x) => x.kind === "country").map((x) => x.code),
				recipient_regions: mine.filter((x) => x.kind === "region").map((x) => x.code),
				transaction_count: counts.get(r.id) ?? 0,
				updated_at: r.updated_at,
			};
		});
		return { items, total, page: query.page, limit: query.limit };
	}

	/** One activity by IATI identifier, with its transactions in US dollars and its commitments. */
	async get(iatiIdentifier: string): Promise<ActivityDetail> {
		const db = this.database.db;
		const a = await new IatiRepository(db).loadStored(iatiIdentifier);
		if (!a) throw AppError.notFound("activity", iatiIdentifier);
		const { id, ...activity } = a;
		const usd = (cents: number | null) => (cents === null ? null : formatMinorUnits(cents, "USD"));
		const holder = (await new StakeholderRepository(db).holdersOf([a.reporting_org.ref])).get(
			a.reporting_org.ref,
		);
		return {
			...activity,
			reports_for: holder
				? {
						slug: holder.slug,
						name: holder.name,
						agency_name: holder.agency_name,
						via_agency: holder.via_agency,
					}
				: null,
			transactions: activity.transactions.map(
				({ effective_currency, usd_current, usd_constant, conversion, ...t }) => ({
					...t,
					value: formatMinorUnits(t.value_minor, effective_currency ?? "XXX"),
					currency: effective_currency,
					currency_stated: t.currency !== null,
					usd_current: usd(usd_current),
					usd_constant: usd(usd_constant),
					conversion,
				}),
			),
			commitments: await new ActivityQueryRepository(db).acceptedCommitments(id, publicStatuses),
		};
	}

	private async requireActivity(repo: ActivityRepository, iatiIdentifier: string): Promise<number> {
		const id = await repo.findId(iatiIdentifier);
		if (id === null) throw AppError.notFound("activity", iatiIdentifier);
		return id;
	}
}
