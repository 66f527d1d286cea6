/**
 * IATI activities, stored whole: saving replaces an activity's lists and transactions
 * (matched by IATI identifier, so its id and its links to commitments stay), loading
 * gives back the IatiActivity that was saved. Saving and loading work a batch at a time:
 * one statement per table for many activities, which is what makes a large import fast.
 */
import type { Kysely } from "kysely";
import { insertLiterals, insertRows } from "../../db/batch.ts";
import { stakeholderOrgRefs } from "../../db/org-refs.ts";
import type { Tables } from "../../db/tables.ts";
import type { IatiActivity, Transaction } from "../../interchange/iati/activity.model.ts";
import { toInt } from "../../lib/numbers.ts";
import type { PgBatchColumns } from "./iati.pg-columns.ts";
import {
	type ActivityRows,
	activityRows,
	childTables,
	columns,
	columnType,
	type StoredActivities,
	type StoredActivity,
	type TransactionMoney,
	toActivity,
} from "./iati.rows.ts";

/** On a known identifier, the activity's row is updated in place: its id and links stay. */
const upsertActivity = ` on conflict ("iati_identifier") do update set ${columns.activity
	.filter((c) => c !== "iati_identifier" && c !== "created_at")
	.map((c) => `"${c}" = excluded."${c}"`)
	.join(", ")} returning "id", "iati_identifier"`;

export interface ActivityToSave {
	activity: IatiActivity;
	/** One per transaction, in order. */
	money: TransactionMoney[];
}

export interface SaveResult {
	/** Ids of the activities saved, by IATI identifier. */
	ids: Map<string, number>;
	created: number;
	/** Ids of activities that existed before: only they can be linked to commitments. */
	updatedIds: number[];
}

type SavedActivity = { id: number | string; iati_identifier: string };

const emptySave = (): SaveResult => ({ ids: new Map(), created: 0, updatedIds: [] });

export interface ActivityFilter {
	reporting_org?: string[];
}

export class IatiRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async save(item: ActivityToSave, now: string): Promise<SaveResult> {
		return this.saveMany([item], now);
	}

	/** Saves activities with distinct identifiers, creating or replacing each. */
	async saveMany(items: ActivityToSave[], now: string): Promise<SaveResult> {
		return this.saveRows(items.map((i) => activityRows(i.activity, i.money, now)));
	}

	/** Saves activities already turned into rows (the import does that off the main thread). */
	async saveRows(rows: ActivityRows[]): Promise<SaveResult> {
		if (rows.length === 0) return emptySave();
		const result = await this.replacing(rows.map((r) => r.identifier));
		const saved = await insertRows<SavedActivity>(
			this.db,
			"activity",
			columns.activity,
			rows.map((r) => r.activity),
			columnType,
			upsertActivity,
		);
		for (const s of saved) result.ids.set(s.iati_identifier, toInt(s.id));
		for (const table of childTables) {
			const all: unknown[][] = [];
			for (const r of rows) {
				const id = result.ids.get(r.identifier) as number;
				for (const row of r.children[table]) {
					row[0] = id;
					all.push(row);
				}
			}
			await insertRows(this.db, table, columns[table], all, columnType);
		}
		return result;
	}

	/**
	 * PostgreSQL: saves a batch given as its columns' array literals (the import's
	 * reading worker builds them), as saveRows saves the same rows.
	 */
	async saveColumns(batch: PgBatchColumns): Promise<SaveResult> {
		if (batch.identifiers.length === 0) return emptySave();
		const result = await this.replacing(batch.identifiers);
		for (const statement of batch.activity) {
			const saved = await insertLiterals<SavedActivity>(
				this.db,
				"activity",
				columns.activity,
				statement.literals,
				columnType,
				upsertActivity,
			);
			for (const s of saved) result.ids.set(s.iati_identifier, toInt(s.id));
		}
		const idAt = batch.identifiers.map((i) => result.ids.get(i) as number);
		for (const table of childTables)
			for (const statement of batch.children[table] ?? []) {
				const ids = `{${statement.owners.map((o) => idAt[o]).join(",")}}`;
				await insertLiterals(
					this.db,
					table,
					columns[table],
					[ids, ...statement.literals],
					columnType,
				);
			}
		return result;
	}

	/** Before activities are saved: which exist (their children go), which are new. */
	private async replacing(identifiers: string[]): Promise<SaveResult> {
		const existing = await this.idsOf(identifiers);
		const result: SaveResult = {
			ids: new Map(),
			created: identifiers.length - existing.size,
			updatedIds: [...existing.values()],
		};
		for (const part of chunked(result.updatedIds, 1000))
			for (const table of childTables)
				await this.db.deleteFrom(table).where("activity_id", "in", part).execute();
		return result;
	}

	async idsOf(identifiers: string[]): Promise<Map<string, number>> {
		const out = new Map<string, number>();
		for (const part of chunked(identifiers, 1000)) {
			const rows = await this.db
				.selectFrom("activity")
				.select(["id", "iati_identifier"])
				.where("iati_identifier", "in", part)
				.execute();
			for (const r of rows) out.set(r.iati_identifier, toInt(r.id));
		}
		return out;
	}

	/** One activity as it was saved, or null. */
	async load(identifier: string): Promise<IatiActivity | null> {
		const id = (await this.idsOf([identifier])).get(identifier);
		if (id === undefined) return null;
		const [found] = await this.loadMany([id]);
		return found ? plain(found) : null;
	}

	/** One activity with what IIF computed of its transactions (ids, US dollars). */
	async loadStored(identifier: string): Promise<(StoredActivity & { id: number }) | null> {
		const id = (await this.idsOf([identifier])).get(identifier);
		if (id === undefined) return null;
		const [found] = await this.loadMany([id]);
		return found ? { ...found, id } : null;
	}

	/**
	 * Every activity (of the filter) in id order, loaded 500 at a time: the exporter
	 * writes them out as they come, so memory holds one page whatever the registry's size.
	 */
	async *all(filter: ActivityFilter = {}, pageSize = 500): AsyncGenerator<IatiActivity> {
		let after = 0;
		for (;;) {
			let q = this.db.selectFrom("activity").select("id").where("id", ">", after);
			if (filter.reporting_org?.length)
				q = q.where("reporting_org_ref", "in", filter.reporting_org);
			const ids = (await q.orderBy("id").limit(pageSize).execute()).map((r) => toInt(r.id));
			if (ids.length === 0) return;
			for (const a of await this.loadMany(ids)) yield plain(a);
			after = ids[ids.length - 1] as number;
		}
	}

	/** Activities by id, in the order asked. */
	async loadMany(ids: number[]): Promise<StoredActivity[]> {
		if (ids.length === 0) return [];
		// Kysely cannot type a table chosen by a type parameter: the casts below say the rows
		// are of table T, which the query selected; the signature keeps callers typed.
		const byActivity = async <T extends keyof Tables & (typeof childTables)[number]>(
			table: T,
			order: string[],
		) => {
			const out = new Map<number, Tables[T][]>();
			for (const part of chunked(ids, 1000)) {
				let q = this.db
					.selectFrom(table as "activity_date")
					.selectAll()
					.where("activity_id", "in", part);
				for (const column of ["activity_id", ...order]) q = q.orderBy(column as "position");
				for (const row of await q.execute()) {
					const key = toInt(row.activity_id);
					const list = out.get(key) ?? [];
					list.push(row as never);
					out.set(key, list);
				}
			}
			return out as never;
		};
		const activities: StoredActivities["activities"] = [];
		for (const part of chunked(ids, 1000))
			activities.push(
				...(await this.db.selectFrom("activity").selectAll().where("id", "in", part).execute()),
			);
		const stored: StoredActivities = {
			activities,
			participating: await byActivity("activity_participating_org", ["position"]),
			dates: await byActivity("activity_date", ["position"]),
			recipients: await byActivity("activity_recipient", ["kind", "position"]),
			sectors: await byActivity("activity_sector", ["position"]),
			tags: await byActivity("activity_tag", ["position"]),
			markers: await byActivity("activity_policy_marker", ["position"]),
			aidTypes: await byActivity("activity_aid_type", ["position"]),
			transactions: await byActivity("activity_transaction", ["position", "id"]),
			transactionSectors: await byActivity("activity_transaction_sector", [
				"transaction_position",
				"position",
			]),
		};
		const byId = new Map(activities.map((a) => [toInt(a.id), a]));
		return ids.flatMap((id) => {
			const row = byId.get(id);
			return row ? [toActivity(row, stored)] : [];
		});
	}

	/** The commitments linked to any of these activities (whatever the link's status). */
	async linkedCommitments(activityIds: number[]): Promise<number[]> {
		const out = new Set<number>();
		for (const part of chunked(activityIds, 1000)) {
			const rows = await this.db
				.selectFrom("commitment_activity")
				.select("commitment_id")
				.distinct()
				.where("activity_id", "in", part)
				.execute();
			for (const r of rows) out.add(toInt(r.commitment_id));
		}
		return [...out].sort((a, b) => a - b);
	}

	/** Every IATI organisation identifier a stakeholder publishes under (its own or an agency's), with its country. */
	async allReporterCountries(): Promise<[string, string | null][]> {
		const rows = await this.db
			.selectFrom(stakeholderOrgRefs(this.db).as("r"))
			.innerJoin("stakeholder as s", "s.id", "r.stakeholder_id")
			.select(["r.ref", "s.country_code"])
			.orderBy("s.id")
			.execute();
		const out = new Map<string, string | null>();
		// Two stakeholders may share an identifier recorded before agencies: the first speaks for it.
		for (const r of rows) if (!out.has(r.ref)) out.set(r.ref, r.country_code);
		return [...out];
	}

	/** The country of the stakeholder publishing under each IATI organisation identifier. */
	async reporterCountries(refs: string[]): Promise<Map<string, string | null>> {
		const out = new Map<string, string | null>(refs.map((r) => [r, null]));
		for (const part of chunked(refs, 1000)) {
			const rows = await this.db
				.selectFrom(stakeholderOrgRefs(this.db).as("r"))
				.innerJoin("stakeholder as s", "s.id", "r.stakeholder_id")
				.select(["r.ref", "s.country_code"])
				.where("r.ref", "in", part)
				.orderBy("s.id")
				.execute();
			for (const r of rows) if (out.get(r.ref) === null) out.set(r.ref, r.country_code);
		}
		return out;
	}
}

/** The model's value alone, without what IIF computed alongside. */
export function plain(a: StoredActivity): IatiActivity {
	return {
		...a,
		transactions: a.transactions.map(
			({
				id: _,
				effective_currency: _c,
				usd_current: _u,
				usd_constant: _k,
				conversion: _v,
				...t
			}) => t satisfies Transaction,
		),
	};
}

function chunked<T>(list: T[], size: number): T[][] {
	if (list.length <= size) return list.length ? [list] : [];
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
