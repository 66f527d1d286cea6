/**
 * Keeps the delivery figures true at write time. Every service that changes what they
 * are computed from (a commitment, its relations, a report, a link, a transaction) calls
 * `refreshDelivery` inside its own transaction, so the figures and rollups commit or
 * roll back with the write that changed them.
 */

import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { isOneOf } from "../../lib/enums.ts";
import { StatisticsRepository } from "../statistics/statistics.repository.ts";
import { Converter, defaultBaseYear } from "./conversion.ts";
import {
	type CommitmentInputs,
	computeDelivery,
	type DeliveryOutputs,
	type FactFigures,
	factMoney,
	type GroupKey,
	type MakerFact,
	makerDim,
	type StatisticsInputs,
	zeroFactMoney,
} from "./delivery.compute.ts";
import { DeliveryInputsRepository } from "./delivery.inputs.repository.ts";
import { refreshStatuses } from "./delivery.status.refresh.ts";
import {
	type CountRow,
	DeliveryStoreRepository,
	type RollupRow,
	type StoredContribution,
} from "./delivery.store.repository.ts";
import { treeReasons } from "./roots.ts";

export const baseYearKey = "analytics_base_year";
export const ratesHashKey = "analytics_rates_hash";

export async function storedBaseYear(db: Kysely<Tables>): Promise<number> {
	const stored = await new DeliveryStoreRepository(db).getMeta(baseYearKey);
	return stored ? Number(stored) : defaultBaseYear;
}

/**
 * A change can move money between every commitment related to the ones changed, so the
 * unit of work is the closed group: related now, or sharing a stored root (related before).
 */
async function closure(inputs: DeliveryInputsRepository, ids: number[]): Promise<number[]> {
	const group = new Set(ids);
	let frontier = [...group];
	while (frontier.length > 0) {
		const found = [
			...(await inputs.relationsTouching(frontier)).flatMap((r) => [r.from_id, r.to_id]),
			...(await inputs.storedRootLinks(frontier)),
		];
		frontier = [...new Set(found)].filter((id) => !group.has(id));
		for (const id of frontier) group.add(id);
	}
	return [...group].sort((a, b) => a - b);
}

/** The official statistics, read only when a share-of-income target is among the commitments. */
async function statisticsFor(
	db: Kysely<Tables>,
	commitments: CommitmentInputs[],
): Promise<StatisticsInputs | null> {
	// Share-of-income targets and increases over a baseline year are measured on them.
	const measured = (c: CommitmentInputs) =>
		(c.gni_share_min !== null && c.amount_minor === null) ||
		(c.increase_over_year !== null && c.share_providers.length > 0);
	if (!commitments.some(measured)) return null;
	const repo = new StatisticsRepository(db);
	return { table: await repo.table(), providers: await repo.providers() };
}

export async function refreshDelivery(db: Kysely<Tables>, ids: number[]): Promise<void> {
	if (ids.length === 0) return;
	const inputs = new DeliveryInputsRepository(db);
	const store = new DeliveryStoreRepository(db);
	const group = await closure(inputs, ids);
	const converter = new Converter(await storedBaseYear(db));
	const before = await store.contribution(group);
	const commitments = await inputs.commitments(group);
	const next = computeDelivery(
		commitments,
		await inputs.reports(group),
		await inputs.iatiYears(group),
		await inputs.relationsTouching(group),
		converter,
		await statisticsFor(db, commitments),
	);
	await store.replace(group, next);
	await refreshStatuses(db, group);
	const deltas = new Deltas();
	deltas.add(fromStored(before), -1);
	deltas.add(fromOutputs(next), +1);
	await store.applyDeltas(deltas.rollup(), deltas.counts());
}

/** Computes and stores a batch from scratch (rebuild): nothing stored to subtract. */
export async function computeBatch(
	db: Kysely<Tables>,
	ids: number[],
	converter: Converter,
): Promise<void> {
	const inputs = new DeliveryInputsRepository(db);
	const commitments = await inputs.commitments(ids);
	const next = computeDelivery(
		commitments,
		await inputs.reports(ids),
		await inputs.iatiYears(ids),
		await inputs.relationsTouching(ids),
		converter,
		await statisticsFor(db, commitments),
	);
	await new DeliveryStoreRepository(db).insert(next);
	await refreshStatuses(db, ids);
}

/** The contribution of a group, whether read back from storage or just computed. */
interface Contribution {
	members: { id: number; reason: string; unconverted: number }[];
	keys: Map<number, GroupKey[]>;
	facts: Map<number, FactFigures[]>;
	makerFacts: Map<number, MakerFact[]>;
}

function fromStored(s: StoredContribution): Contribution {
	return {
		members: [...s.states].map(([id, st]) => ({
			id,
			reason: st.reason,
			unconverted: st.unconverted,
		})),
		keys: s.keys,
		facts: s.facts,
		makerFacts: s.makerFacts,
	};
}

function fromOutputs(o: DeliveryOutputs): Contribution {
	return {
		members: o.states.map((s) => ({
			id: s.commitment_id,
			reason: s.reason,
			unconverted: s.unconverted,
		})),
		keys: o.keys,
		facts: o.facts,
		makerFacts: o.makerFacts,
	};
}

class Deltas {
	private readonly money = new Map<string, RollupRow>();
	private readonly count = new Map<string, CountRow>();

	add(c: Contribution, sign: 1 | -1): void {
		for (const m of c.members) {
			const keys = c.keys.get(m.id) ?? [];
			for (const k of keys) {
				const reason = k.reason ?? m.reason;
				this.bump(k, reason, sign);
				if (isOneOf(treeReasons, reason) && m.unconverted > 0)
					this.bump(k, "unconverted", sign * m.unconverted);
			}
			// The makers' money is their own pledges; every other group's is its roots'.
			for (const f of c.makerFacts.get(m.id) ?? [])
				this.addMoney({ dim: makerDim, key: String(f.stakeholder_id) }, f, sign);
			if (m.reason !== "counted") continue;
			// Money that is not aid is in its kind of money only (groupKeys).
			for (const f of c.facts.get(m.id) ?? [])
				for (const k of keys)
					if (k.dim !== makerDim && k.reason !== "not_aid") this.addMoney(k, f, sign);
		}
	}

	private addMoney(k: GroupKey, f: FactFigures, sign: 1 | -1): void {
		const id = `${k.dim}|${k.key}|${f.year}`;
		const row = this.money.get(id) ?? { dim: k.dim, key: k.key, year: f.year, ...zeroFactMoney() };
		for (const m of factMoney) row[m] += sign * f[m];
		this.money.set(id, row);
	}

	private bump(k: GroupKey, counter: string, n: number): void {
		const id = `${k.dim}|${k.key}|${counter}`;
		const row = this.count.get(id) ?? { dim: k.dim, key: k.key, counter, n: 0 };
		row.n += n;
		this.count.set(id, row);
	}

	rollup(): RollupRow[] {
		return [...this.money.values()];
	}

	counts(): CountRow[] {
		return [...this.count.values()];
	}
}
