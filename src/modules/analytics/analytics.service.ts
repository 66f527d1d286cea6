/**
 * Delivery analytics: how much of what was promised was delivered, by whom, for which
 * goal and country, and what is still missing. Reads the figures kept at write time
 * (delivery.refresh.ts); `rebuild` recomputes all of them, for a new base year or new
 * rate tables.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { ActivityRepository } from "../activities/activities.repository.ts";
import { AuditRepository } from "../audit/audit.repository.ts";
import { commitmentPolicy } from "../commitments/commitments.policy.ts";
import { CommitmentRepository } from "../commitments/commitments.repository.ts";
import { CommitmentSearchRepository } from "../commitments/commitments.search.repository.ts";
import type { CommitmentService } from "../commitments/commitments.service.ts";
import { convertRequirements } from "../requirements/requirements.conversion.ts";
import type { CommitmentDelivery, DeliveryAggregate, DeliveryQuery } from "./analytics.schemas.ts";
import {
	type ConversionStatus,
	Converter,
	donorSeriesName,
	totalDac,
	transactionUsd,
} from "./conversion.ts";
import { DeliveryInputsRepository } from "./delivery.inputs.repository.ts";
import {
	type Basis,
	type Clock,
	DeliveryQueryRepository,
	type GroupCount,
	type GroupFigures,
	type IdsQuery,
} from "./delivery.query.repository.ts";
import { baseYearKey, computeBatch, ratesHashKey, storedBaseYear } from "./delivery.refresh.ts";
import { DeliveryStoreRepository } from "./delivery.store.repository.ts";
import { rateTables } from "./rates.data.ts";
import { countReasons } from "./roots.ts";
import { elapsedShare, expectedBy } from "./schedule.ts";
import {
	type DeliveryStatus,
	financialRule,
	financialStatus,
	type PolicyEvidence,
	policyRule,
	policyStatus,
	recency,
	recencyRule,
} from "./status.ts";

export interface AnalyticsOptions {
	/** Today as YYYY-MM-DD (UTC): what "expected by now" and the traffic lights refer to. */
	today?: () => string;
}

const usd = (cents: number) => formatMinorUnits(cents, "USD");
const ratioOf = (a: number, b: number | null) =>
	b === null || b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;

const reasonText: Record<string, string> = {
	counted: "Counted: this commitment carries its money in every total.",
	reaffirmation:
		"Left out of totals as a reaffirmation: its money is that of the commitment it reaffirms, where its delivery counts too.",
	part: "Left out of totals as part of a collective whole: the whole carries the money, and this part's delivery counts towards it.",
	overlap:
		"Left out of totals as overlapping another pledge: shown, not summed twice; its delivery counts towards the other.",
	superseded:
		"Left out of totals: superseded by a later commitment, which carries the money and this one's delivery.",
	withdrawn: "Withdrawn: counted in no total.",
	not_public: "Not published yet: counted in no total.",
};

const conversionText: Record<ConversionStatus, string> = {
	ok: "Converted with the IMF annual exchange rate and the DAC deflator of each year.",
	provisional:
		"Converted, provisionally: a year after the last published rate or deflator uses that last figure.",
	no_rate:
		"Not converted: no exchange rate or deflator for this currency and year. Left out of sums, not counted as zero.",
	no_currency: "Not converted: the amount has no currency.",
	no_amount: "No amount to convert.",
	no_year: "Not converted: no period or announcement date places the amount in time.",
};

export class AnalyticsService {
	private readonly today: () => string;

	constructor(
		private readonly database: Database,
		private readonly commitments: CommitmentService,
		options: AnalyticsOptions = {},
	) {
		this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
	}

	private get db(): Kysely<Tables> {
		return this.database.db;
	}

	private clock(): Clock & { today: string } {
		const today = this.today();
		const year = Number(today.slice(0, 4));
		return { today, year, share: elapsedShare(year, today) };
	}

	// ---- aggregates ----

	async delivery(q: DeliveryQuery): Promise<DeliveryAggregate> {
		const filterGiven = [
			q.goal,
			q.target,
			q.stakeholder,
			q.forum,
			q.forum_kind,
			q.recipient,
			q.kind,
			q.status,
			q.year_from,
			q.year_to,
			q.q,
		].some((v) => v !== undefined);
		let ids: IdsQuery | null = null;
		if (filterGiven) {
			const filter = await this.commitments.resolveFilter(q);
			ids = new CommitmentSearchRepository(this.db, this.database.dialect).idsQuery(filter);
		}
		const repo = new DeliveryQueryRepository(this.db);
		const clock = this.clock();
		const basis: Basis = q.basis;
		// Without filters every answer is read from the maintained totals; with filters,
		// from the stored facts of the matching commitments.
		const groupsOf = async (dim: string) =>
			ids
				? {
						figures: await repo.byKey(dim, basis, clock, ids),
						counts: await repo.counts(dim, ids),
					}
				: await repo.totals(dim, basis, clock);
		const all = await groupsOf("all");
		const totalRows = all.figures;
		const totalCounts = all.counts;
		let figures: GroupFigures[];
		let counts: GroupCount[] = [];
		if (q.group_by === "year") {
			figures = (await repo.byYear(basis, clock, ids)).sort(
				(a, b) => Number(a.key) - Number(b.key),
			);
		} else {
			({ figures, counts } = await groupsOf(q.group_by));
			// Groups with commitments but no money still show, with their counts.
			const seen = new Set(figures.map((f) => f.key));
			for (const c of counts) {
				if (!seen.has(c.key)) {
					seen.add(c.key);
					figures.push({ key: c.key, committed: 0, delivered: 0, expected: 0 });
				}
			}
			figures.sort((a, b) => b.committed - a.committed || (a.key < b.key ? -1 : 1));
		}
		const shown = figures.slice(0, q.limit);
		const names =
			q.group_by === "year" || q.group_by === "forum_kind"
				? new Map<string, { name: string; slug?: string }>()
				: await repo.names(
						q.group_by,
						shown.map((f) => f.key),
					);
		const countsOf = groupCounts(counts);
		const total = totalRows[0] ?? { key: "", committed: 0, delivered: 0, expected: 0 };
		const baseYear = await storedBaseYear(this.db);
		return {
			group_by: q.group_by,
			as_of: clock.today,
			price_basis: { basis, base_year: basis === "constant" ? baseYear : null, currency: "USD" },
			filtered: filterGiven,
			total: { ...money(total), counts: groupCounts(totalCounts).get("") ?? emptyCounts() },
			groups: shown.map((f) => ({
				key: f.key,
				name: names.get(f.key)?.name ?? f.key,
				slug: names.get(f.key)?.slug ?? null,
				...money(f),
				counts: q.group_by === "year" ? null : (countsOf.get(f.key) ?? emptyCounts()),
			})),
			total_groups: figures.length,
			notes: [
				"Only counted commitments add money; reaffirmations, parts of a collective whole, overlapping and superseded pledges add their delivery to the commitment they belong to, never a second amount.",
				...(q.group_by === "year"
					? ["By year: money committed for that year and delivered in it."]
					: [
							"A commitment in several groups (two goals, three recipients) counts in each: the groups do not add up to the total.",
						]),
				...(filterGiven
					? [
							"Filters select the commitments that carry money: a reaffirmation that matches adds nothing unless the commitment it reaffirms matches too.",
						]
					: []),
			],
		};
	}

	/**
	 * How many public commitments each value's group holds (a country received, a maker
	 * made): read from the maintained totals instead of counting commitments.
	 */
	async publicCounts<T>(
		dim: string,
		values: T[],
		keyOf: (v: T) => string,
	): Promise<Map<T, number>> {
		if (values.length === 0) return new Map();
		const counts = await new DeliveryQueryRepository(this.db).publicCounts(dim, values.map(keyOf));
		return new Map(values.map((v) => [v, counts.get(keyOf(v)) ?? 0]));
	}

	/** One group's totals at constant prices: what a country received, what a maker promised. */
	async groupSummary(dim: "recipient" | "stakeholder" | "goal" | "target" | "forum", key: string) {
		const clock = this.clock();
		const { figures: rows, counts } = await new DeliveryQueryRepository(this.db).totals(
			dim,
			"constant",
			clock,
			key,
		);
		const figures = rows[0] ?? { key, committed: 0, delivered: 0, expected: 0 };
		return {
			as_of: clock.today,
			price_basis: {
				basis: "constant" as const,
				base_year: await storedBaseYear(this.db),
				currency: "USD" as const,
			},
			...money(figures),
			counts: groupCounts(counts).get(key) ?? emptyCounts(),
		};
	}

	async deliveryCsv(q: DeliveryQuery): Promise<string> {
		const a = await this.delivery(q);
		const header = [
			"group_by",
			"key",
			"name",
			"committed_usd",
			"delivered_usd",
			"expected_usd",
			"gap_usd",
			"ratio",
			"ratio_to_expected",
			"price_basis",
			"base_year",
			...countReasons.filter((r) => r !== "not_public"),
			"unconverted",
		];
		const line = (
			key: string,
			name: string,
			g: (typeof a.groups)[number] | (typeof a)["total"],
		) => [
			a.group_by,
			key,
			name,
			g.committed,
			g.delivered,
			g.expected,
			g.gap,
			g.ratio ?? "",
			g.ratio_to_expected ?? "",
			a.price_basis.basis,
			a.price_basis.base_year ?? "",
			...countReasons.filter((r) => r !== "not_public").map((r) => g.counts?.[r] ?? ""),
			g.counts?.unconverted ?? "",
		];
		const rows = [
			header,
			line("", "TOTAL", a.total),
			...a.groups.map((g) => line(g.key, g.name, g)),
		];
		return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
	}

	// ---- one commitment ----

	async commitmentDelivery(refText: string, actor: Actor | null): Promise<CommitmentDelivery> {
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a commitment id or slug`);
		const commitments = new CommitmentRepository(this.db);
		const id = await commitments.findId(ref);
		const row = id === null ? null : await commitments.findRow(id);
		if (id === null || !row) throw AppError.notFound("commitment", refText);
		const makerIds = (await commitments.makerIdsOf([id])).get(id) ?? [];
		if (!commitmentPolicy.view(actor, { status: row.status, makerIds }))
			throw AppError.notFound("commitment", refText);

		const store = new DeliveryStoreRepository(this.db);
		const query = new DeliveryQueryRepository(this.db);
		const [state, years, evidence, baseYear] = await Promise.all([
			store.state(id),
			store.years(id),
			query.policyEvidence(id),
			storedBaseYear(this.db),
		]);
		if (!state)
			throw new AppError(
				"internal",
				`no delivery figures for commitment ${id}: run iif analytics rebuild`,
			);
		const { today } = this.clock();
		// A commitment that carries others' money is judged on its whole tree's delivery.
		const tree = state.reason === "counted" ? await query.facts(id) : null;
		const delivered = {
			current: tree ? tree.reduce((a, f) => a + f.delivered_current, 0) : state.delivered_current,
			constant: tree
				? tree.reduce((a, f) => a + f.delivered_constant, 0)
				: state.delivered_constant,
		};
		const deliveredByYear = new Map(
			(tree ?? years).map((y) => [
				y.year,
				{ current: y.delivered_current, constant: y.delivered_constant },
			]),
		);
		const expected = {
			current: expectedBy(
				years.map((y) => ({ year: y.year, amount: y.committed_current })),
				today,
			),
			constant: expectedBy(
				years.map((y) => ({ year: y.year, amount: y.committed_constant })),
				today,
			),
		};
		const scheduled = years.filter((y) => y.committed_constant !== 0 || y.committed_current !== 0);
		const lastYear = scheduled.at(-1)?.year ?? null;
		const hasMoney = state.committed_constant !== null;
		const financial =
			row.kind === "policy" && row.amount_minor === null
				? null
				: financialStatus(
						{
							committed: state.committed_constant,
							delivered: delivered.constant,
							expected: expected.constant,
							hasDeliveryData:
								[...deliveredByYear.values()].some((v) => v.constant !== 0) ||
								years.some((y) => y.source !== null),
							dueBy: row.period_end ?? (lastYear !== null ? `${lastYear}-12-31` : null),
						},
						today,
					);
		const policyEvidence: PolicyEvidence[] = [];
		if (evidence.report)
			policyEvidence.push({
				source: "report",
				on: evidence.report.on,
				status: evidence.report.status as never,
			});
		if (evidence.scorecard)
			policyEvidence.push({
				source: "scorecard",
				on: evidence.scorecard.on,
				score: evidence.scorecard.score,
			});
		if (evidence.compliance)
			policyEvidence.push({
				source: "compliance",
				on: evidence.compliance.on,
				mean: evidence.compliance.mean,
			});
		const policy =
			row.kind === "financial" ? null : policyStatus(policyEvidence, row.policy_deadline, today);
		const status: DeliveryStatus =
			financial !== null && (hasMoney || row.kind === "financial")
				? financial
				: (policy ?? "no_data");
		const root = state.root_id !== id ? await commitments.findRow(state.root_id) : null;

		let cumulativeDelivered = { current: 0, constant: 0 };
		let cumulativeExpected = { current: 0, constant: 0 };
		const allYears = [...new Set([...years.map((y) => y.year), ...deliveredByYear.keys()])].sort(
			(a, b) => a - b,
		);
		const own = new Map(years.map((y) => [y.year, y]));
		const series = allYears.map((year) => {
			const y = own.get(year);
			const d = deliveredByYear.get(year) ?? { current: 0, constant: 0 };
			cumulativeDelivered = {
				current: cumulativeDelivered.current + d.current,
				constant: cumulativeDelivered.constant + d.constant,
			};
			const share = elapsedShare(year, today);
			cumulativeExpected = {
				current: cumulativeExpected.current + (y?.committed_current ?? 0) * share,
				constant: cumulativeExpected.constant + (y?.committed_constant ?? 0) * share,
			};
			return {
				year,
				committed: pair(y?.committed_current ?? 0, y?.committed_constant ?? 0),
				delivered: pair(d.current, d.constant),
				delivered_cumulative: pair(cumulativeDelivered.current, cumulativeDelivered.constant),
				expected_cumulative: pair(
					Math.round(cumulativeExpected.current),
					Math.round(cumulativeExpected.constant),
				),
				source: y?.source ?? null,
			};
		});
		return {
			commitment: { id, slug: row.slug, title: row.title, kind: row.kind, status: row.status },
			as_of: today,
			base_year: baseYear,
			original:
				row.amount_minor !== null && row.currency
					? {
							amount: formatMinorUnits(row.amount_minor, row.currency),
							currency: row.currency,
							frequency: row.amount_frequency,
							price_basis: row.price_basis,
							price_base_year: row.price_base_year,
							period_start: row.period_start,
							period_end: row.period_end,
						}
					: null,
			conversion: { status: state.conversion, explanation: conversionText[state.conversion] },
			committed:
				state.committed_current !== null && state.committed_constant !== null
					? pair(state.committed_current, state.committed_constant)
					: null,
			delivered: pair(delivered.current, delivered.constant),
			delivered_own: pair(state.delivered_current, state.delivered_constant),
			expected: pair(expected.current, expected.constant),
			ratio: ratioOf(delivered.constant, state.committed_constant),
			ratio_to_expected: ratioOf(delivered.constant, expected.constant),
			status,
			financial_status: financial,
			policy_status: policy,
			rules: { financial: financialRule, policy: policyRule, reporting: recencyRule },
			reporting: {
				light: recency(state.last_report_on, row.published_at?.slice(0, 10) ?? null, today),
				last_report_on: state.last_report_on,
			},
			counted_as: {
				reason: state.reason,
				root: root ? { id: root.id, slug: root.slug, title: root.title } : null,
				explanation: reasonText[state.reason] ?? state.reason,
			},
			unconverted: state.unconverted,
			series,
		};
	}

	/** The maintained rollups beside a full recomputation from the stored figures. */
	async rollupCheck() {
		return new DeliveryStoreRepository(this.db).rollupSnapshot();
	}

	// ---- rebuild ----

	/** Does the stored state come from other tables or another base year than these? */
	async rebuildDue(): Promise<boolean> {
		const store = new DeliveryStoreRepository(this.db);
		return (await store.getMeta(ratesHashKey)) !== rateTables().hash;
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
		return this.db.transaction().execute(async (trx) => {
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
				await new AuditRepository(trx, this.database.dialect).append({
					action: "analytics.rebuild",
					objectType: "analytics",
					objectId: "delivery",
					actorUserId: auditActorId(actor),
					actorVia: actor.via,
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
				requirements,
				seconds: (Date.now() - started) / 1000,
			};
		});
	}

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

function pair(current: number, constant: number) {
	return { current: usd(current), constant: usd(constant) };
}

function money(f: GroupFigures) {
	return {
		committed: usd(f.committed),
		delivered: usd(f.delivered),
		expected: usd(f.expected),
		gap: usd(f.committed - f.delivered),
		ratio: ratioOf(f.delivered, f.committed),
		ratio_to_expected: ratioOf(f.delivered, f.expected),
	};
}

type Counts = Record<(typeof countReasons)[number] | "unconverted", number>;

function emptyCounts(): Omit<Counts, "not_public"> {
	return {
		counted: 0,
		reaffirmation: 0,
		part: 0,
		overlap: 0,
		superseded: 0,
		withdrawn: 0,
		unconverted: 0,
	};
}

function groupCounts(rows: GroupCount[]): Map<string, Omit<Counts, "not_public">> {
	const out = new Map<string, Omit<Counts, "not_public">>();
	for (const r of rows) {
		if (r.counter === "not_public") continue;
		const c = out.get(r.key) ?? emptyCounts();
		c[r.counter as keyof typeof c] = r.n;
		out.set(r.key, c);
	}
	return out;
}

function csvField(v: string | number): string {
	const s = String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
