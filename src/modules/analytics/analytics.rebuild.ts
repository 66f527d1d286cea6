/**
 * The full recomputation: every normalised value (transactions, requirements) and every
 * delivery figure and rollup, from the records, in one transaction. For a new base year
 * or new rate tables (`iif analytics rebuild`), and the check the maintained rollups
 * must always equal.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { ActivityRepository } from "../activities/activities.repository.ts";
import { IatiOrganisationRepository } from "../activities/iati.organisations.repository.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { convertRequirements } from "../requirements/requirements.conversion.ts";
import { Converter, donorSeriesName, totalDac, transactionUsd } from "./conversion.ts";
import { DeliveryInputsRepository } from "./delivery.inputs.repository.ts";
import { baseYearKey, computeBatch, ratesHashKey, storedBaseYear } from "./delivery.refresh.ts";
import { DeliveryStoreRepository } from "./delivery.store.repository.ts";
import { rateTables, rateTablesHash } from "./rates.data.ts";

export class DeliveryRebuilder {
	constructor(private readonly database: Database) {}

	/** Does the stored state come from other tables or another base year than these? */
	async rebuildDue(): Promise<boolean> {
		const store = new DeliveryStoreRepository(this.database.db);
		return (await store.getMeta(ratesHashKey)) !== rateTablesHash();
	}

	/**
	 * Recomputes every normalised value and every delivery figure and rollup from the
	 * records, in one transaction: readers see the old figures until it commits.
	 */
	async rebuild(
		options: { baseYear?: number; reconvert?: boolean } = {},
		actor: Actor | null = null,
	) {
		const started = Date.now();
		const tables = rateTables();
		const dac = tables.deflators.get(totalDac);
		const years = dac ? [...dac.keys()] : [];
		const [first, last] = [Math.min(...years), Math.max(...years)];
		return this.database.db.transaction().execute(async (trx) => {
			const store = new DeliveryStoreRepository(trx);
			const stored = await store.getMeta(baseYearKey);
			const baseYear = options.baseYear ?? (stored ? Number(stored) : await storedBaseYear(trx));
			if (!Number.isInteger(baseYear) || baseYear < first || baseYear > last)
				throw AppError.invalid(
					"base_year",
					`base year must be a year the DAC deflators cover, ${first} to ${last}; got ${baseYear}`,
				);
			const converter = new Converter(baseYear);
			const reconvert =
				options.reconvert ??
				(stored !== String(baseYear) || (await store.getMeta(ratesHashKey)) !== tables.hash);
			const transactions = reconvert ? await this.reconvertTransactions(trx, converter) : 0;
			const budgets = reconvert ? await this.reconvertBudgets(trx, converter) : 0;
			await store.clearAll();
			const inputs = new DeliveryInputsRepository(trx);
			const all = await inputs.allCommitmentIds();
			for (const batch of componentBatches(all, await inputs.allRelations(), 2000))
				await computeBatch(trx, batch, converter);
			await store.recomputeRollups();
			const requirements = await convertRequirements(trx, converter);
			await store.setMeta(baseYearKey, String(baseYear));
			await store.setMeta(ratesHashKey, tables.hash);
			if (actor)
				await recordAudit(trx, actor, {
					action: "analytics.rebuild",
					objectId: "delivery",
					after: {
						base_year: baseYear,
						commitments: all.length,
						transactions_converted: transactions,
					},
				});
			return {
				base_year: baseYear,
				commitments: all.length,
				transactions_converted: transactions,
				budgets_converted: budgets,
				requirements,
				seconds: (Date.now() - started) / 1000,
			};
		});
	}

	/** Organisation budgets, converted like transactions at their value date or period start. */
	private async reconvertBudgets(trx: Kysely<Tables>, converter: Converter): Promise<number> {
		const repo = new IatiOrganisationRepository(trx);
		let changed = 0;
		for (const b of await repo.budgetsForConversion()) {
			const v = transactionUsd(
				converter,
				{ ...b, transaction_date: b.period_start },
				donorSeriesName(b.reporter_country),
			);
			if (
				v.current !== b.usd_current ||
				v.constant !== b.usd_constant ||
				v.status !== b.conversion
			) {
				await repo.setBudgetUsd(b.organisation_id, b.position, {
					usd_current: v.current,
					usd_constant: v.constant,
					conversion: v.status,
				});
				changed++;
			}
		}
		return changed;
	}

	/** Transactions whose values changed with the base year or the tables, rewritten. */
	private async reconvertTransactions(trx: Kysely<Tables>, converter: Converter): Promise<number> {
		const repo = new ActivityRepository(trx);
		let after = 0;
		let changed = 0;
		for (;;) {
			const page = await repo.transactionsAfter(after, 5000);
			if (page.length === 0) return changed;
			for (const t of page) {
				const v = transactionUsd(converter, t, donorSeriesName(t.reporter_country));
				if (
					v.current !== t.usd_current ||
					v.constant !== t.usd_constant ||
					v.status !== t.conversion
				) {
					await repo.setTransactionUsd(t.id, {
						usd_current: v.current,
						usd_constant: v.constant,
						conversion: v.status,
					});
					changed++;
				}
			}
			after = page.at(-1)?.id ?? after;
		}
	}
}

/** Related commitments stay in one batch, so each batch is a closed group. */
export function componentBatches(
	ids: number[],
	relations: { from_id: number; to_id: number }[],
	size: number,
): number[][] {
	const parent = new Map<number, number>(ids.map((id) => [id, id]));
	const find = (x: number): number => {
		let r = x;
		while (parent.get(r) !== r) r = parent.get(r) as number;
		let y = x;
		while (parent.get(y) !== r) {
			const next = parent.get(y) as number;
			parent.set(y, r);
			y = next;
		}
		return r;
	};
	for (const r of relations) {
		if (!parent.has(r.from_id) || !parent.has(r.to_id)) continue;
		const [a, b] = [find(r.from_id), find(r.to_id)];
		if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
	}
	const groups = new Map<number, number[]>();
	for (const id of ids) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
	const batches: number[][] = [];
	let current: number[] = [];
	for (const g of groups.values()) {
		current.push(...g);
		if (current.length >= size) {
			batches.push(current);
			current = [];
		}
	}
	if (current.length) batches.push(current);
	return batches;
}
