/**
 * IATI-like activities and their transactions, streamed: each activity is reported by
 * a stakeholder (drawn with the same skew as makers), about 60% are linked to one of
 * its reporter's commitments (some split half and half between two), and the
 * transactions (exactly `total` of them) are spread over activities with a heavy tail,
 * so a few commitments gather thousands of transactions.
 */
import type {
	ActivityRecord,
	LinkRecord,
	StakeholderRecord,
	TransactionRecord,
} from "../dataset.ts";
import type { CommitmentSummary } from "./commitments.ts";
import { currencyFor, minorAmount } from "./money.ts";
import { type Random, Zipf } from "./random.ts";

export interface ActivitySink {
	activity(a: ActivityRecord): Promise<void>;
	link(l: LinkRecord): Promise<void>;
	transaction(t: TransactionRecord): Promise<void>;
}

/** Transactions per activity: Pareto weights (alpha 1.5, capped), scaled to add up to `total`. */
function transactionCounts(random: Random, activities: number, total: number): Int32Array {
	const weights = new Float64Array(activities);
	let sum = 0;
	for (let i = 0; i < activities; i++) {
		const w = Math.min(200, (1 - random.next()) ** (-1 / 1.5));
		weights[i] = w;
		sum += w;
	}
	const counts = new Int32Array(activities);
	let assigned = 0;
	for (let i = 0; i < activities; i++) {
		const c = Math.max(1, Math.floor((total * (weights[i] as number)) / sum));
		counts[i] = c;
		assigned += c;
	}
	// Floors leave a few over or under: settle them one by one, never leaving an activity empty.
	for (let i = 0; assigned !== total; i = (i + 1) % activities) {
		if (assigned < total) {
			counts[i] = (counts[i] as number) + 1;
			assigned++;
		} else if ((counts[i] as number) > 1) {
			counts[i] = (counts[i] as number) - 1;
			assigned--;
		}
	}
	return counts;
}

export async function generateActivities(
	random: Random,
	ranking: StakeholderRecord[],
	commitments: CommitmentSummary[],
	total: number,
	sink: ActivitySink,
): Promise<{ activities: number; links: number }> {
	const activities = Math.max(1, Math.min(total, Math.round(total / 10)));
	const reporters = new Zipf(
		ranking.filter((s) => s.iati_org_id !== null),
		1.0,
	);
	const byMaker = new Map<number, CommitmentSummary[]>();
	for (const c of commitments) {
		const list = byMaker.get(c.maker) ?? [];
		list.push(c);
		byMaker.set(c.maker, list);
	}
	const counts = transactionCounts(random, activities, total);
	let txId = 0;
	let links = 0;
	for (let i = 0; i < activities; i++) {
		const id = i + 1;
		const reporter = reporters.draw(random);
		const currency = currencyFor(random, reporter.country_code, 0.7);
		await sink.activity({
			id,
			iati_identifier: `XM-BENCH-${String(id).padStart(6, "0")}`,
			reporting_org_ref: reporter.iati_org_id as string,
			title: `Activity ${id} of ${reporter.short_name ?? reporter.name}`,
			default_currency: currency,
		});

		let from = random.int(2000, 2024);
		let to = Math.min(2026, from + random.int(0, 7));
		const own = byMaker.get(reporter.id);
		if (own?.length && random.chance(0.6)) {
			const main = random.pick(own);
			const include = random.chance(0.1) ? 1 : 0;
			const second = own.length > 1 && random.chance(0.12) ? random.pick(own) : undefined;
			if (second && second.id !== main.id) {
				await sink.link({
					commitment_id: main.id,
					activity_id: id,
					share_bp: 5000,
					include_expenditure: include,
				});
				await sink.link({
					commitment_id: second.id,
					activity_id: id,
					share_bp: 5000,
					include_expenditure: include,
				});
				links += 2;
			} else {
				await sink.link({
					commitment_id: main.id,
					activity_id: id,
					share_bp: 10000,
					include_expenditure: include,
				});
				links++;
			}
			// Money moves during the commitment's period, sometimes a little after.
			from = Math.max(2000, Math.min(2026, main.from));
			to = Math.max(from, Math.min(2026, main.to + random.int(0, 1)));
		}

		const scale = random.logUniform(1e4, 2e7);
		const n = counts[i] as number;
		for (let k = 0; k < n; k++) {
			txId++;
			const type = random.weighted({ 3: 65, 4: 15, 2: 20 });
			const year = random.int(from, to);
			const date = `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
			let value = minorAmount(scale * random.logUniform(0.2, 2), currency, false);
			// Reversals and corrections are reported as negative values.
			if (random.chance(0.02)) value = -Math.round(value * 0.3);
			await sink.transaction({
				id: txId,
				activity_id: id,
				transaction_type: type,
				transaction_date: date,
				value_minor: value,
				currency,
			});
		}
	}
	return { activities, links };
}
