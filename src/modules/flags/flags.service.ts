/**
 * Inconsistency flags on public commitments: overlapping pledges nobody related, parts
 * above their whole, delivery above the commitment, deadlines passed unreported, amounts
 * stated incompletely or left unconverted. Checked on every read against the records and
 * the delivery figures kept at write time, so a flag goes as soon as its cause is fixed.
 */

import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { isOneOf } from "../../lib/enums.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { Converter, totalDac } from "../analytics/conversion.ts";
import { storedBaseYear } from "../analytics/delivery.refresh.ts";
import { scheduleShares } from "../analytics/schedule.ts";
import { normalizeGoalCode } from "../commitments/commitments.filters.ts";
import { type CommitmentRef, visibleCommitment } from "../commitments/commitments.visible.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { FlagRepository, type FlagScope } from "./flags.repository.ts";
import {
	amountExplanation,
	checkedStatuses,
	compareFlags,
	deadlineExplanation,
	deliveredExplanation,
	effectivePeriod,
	type Finding,
	type Flag,
	type FlagKind,
	flagKinds,
	goalText,
	missingRates,
	notConvertedExplanation,
	overlapExplanation,
	partsExplanation,
	type RateCoverage,
	roundingToleranceCents,
} from "./flags.rules.ts";
import type { CommitmentFlags, FlagList, FlagListQuery } from "./flags.schemas.ts";

export interface FlagOptions {
	/** Today as YYYY-MM-DD (UTC): what a passed deadline is measured against. */
	today?: () => string;
}

export class FlagService {
	private readonly today: () => string;

	constructor(
		private readonly database: Database,
		options: FlagOptions = {},
	) {
		this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
	}

	private get db(): Kysely<Tables> {
		return this.database.db;
	}

	/** The flags on one commitment; one the actor may not see does not exist for them. */
	async forCommitment(ref: CommitmentRef, actor: Actor | null): Promise<CommitmentFlags> {
		const { id, row } = await visibleCommitment(this.db, ref, actor);
		const checked = isOneOf(checkedStatuses, row.status);
		const items = checked ? await this.detect({ ids: [id] }, flagKinds) : [];
		return { items, total: items.length, checked };
	}

	/** Flags on public commitments, filtered by kind, maker and goal, newest commitments first. */
	async list(q: FlagListQuery): Promise<FlagList> {
		const scope: FlagScope = {};
		if (q.stakeholder) scope.stakeholderIds = await this.resolveStakeholders(q.stakeholder);
		if (q.goal) scope.goalIds = await this.resolveGoals(q.goal);
		const all = await this.detect(scope, q.kind ?? flagKinds);
		const from = (q.page - 1) * q.limit;
		return {
			items: all.slice(from, from + q.limit),
			total: all.length,
			page: q.page,
			limit: q.limit,
		};
	}

	private async resolveStakeholders(values: string[]): Promise<number[]> {
		// idsByRef leaves out an id out of range (lib/ids.ts): it names nothing.
		const refs = values.map((v) => parseRecordRef(v) ?? { slug: v });
		const found = await new StakeholderRepository(this.db).idsByRef(refs);
		const missing = values.find((v) => !found.has(v));
		if (missing)
			throw AppError.invalid(
				"stakeholder",
				`query parameter 'stakeholder': stakeholder '${missing}' does not exist`,
			);
		return [...new Set(found.values())];
	}

	private async resolveGoals(values: string[]): Promise<string[]> {
		const ids = [...new Set(values.map(normalizeGoalCode))];
		const known = await new ReferenceRepository(this.db).existingGoals(ids);
		const unknown = ids.find((g) => !known.has(g));
		if (unknown)
			throw AppError.invalid("goal", `query parameter 'goal': goal '${unknown}' does not exist`);
		return ids;
	}

	/** Runs the checks of these kinds over the scope and names what they found. */
	private async detect(scope: FlagScope, kinds: readonly FlagKind[]): Promise<Flag[]> {
		const today = this.today();
		const repo = new FlagRepository(this.db);
		const baseYear = await storedBaseYear(this.db);
		const checks: Record<FlagKind, () => Promise<Finding[]>> = {
			overlap_without_relation: () => this.overlaps(repo, scope),
			parts_exceed_whole: () => this.partsAboveWhole(repo, scope, baseYear),
			delivered_above_commitment: () => this.deliveredAbove(repo, scope, baseYear),
			deadline_passed_no_report: () => this.deadlines(repo, scope, today),
			amount_incomplete: () => this.amounts(repo, scope),
			not_converted: () => this.notConverted(repo, scope, baseYear),
		};
		const findings = (await Promise.all([...new Set(kinds)].map((k) => checks[k]()))).flat();
		const refs = await repo.commitmentRefs(
			findings.flatMap((f) => [f.commitmentId, ...f.relatedIds]),
		);
		const refOf = (id: number) => {
			const r = refs.get(id);
			if (!r) throw new AppError("internal", `commitment ${id} vanished while being checked`);
			return { id: r.id, slug: r.slug, title: r.title };
		};
		return findings
			.map((f) => ({
				kind: f.kind,
				commitment: refOf(f.commitmentId),
				related: f.relatedIds.map(refOf),
				explanation: f.explanation,
				detected_on: today,
				announced_on: refs.get(f.commitmentId)?.announced_on ?? null,
			}))
			.sort(compareFlags)
			.map(({ announced_on: _, ...flag }) => flag);
	}

	private async overlaps(repo: FlagRepository, scope: FlagScope): Promise<Finding[]> {
		const rows = await repo.overlaps(scope);
		if (rows.length === 0) return [];
		const pairs = new Map<
			string,
			{ later: number; earlier: number; on: string; makers: Set<number>; goals: Set<string> }
		>();
		for (const r of rows) {
			const key = `${r.later_id}|${r.earlier_id}`;
			const pair = pairs.get(key) ?? {
				later: r.later_id,
				earlier: r.earlier_id,
				on: r.earlier_on,
				makers: new Set(),
				goals: new Set(),
			};
			pair.makers.add(r.stakeholder_id);
			pair.goals.add(r.goal_id);
			pairs.set(key, pair);
		}
		const all = [...pairs.values()];
		const [names, goals, commitments] = await Promise.all([
			repo.stakeholderNames(all.flatMap((p) => [...p.makers])),
			repo.goalTitles(all.flatMap((p) => [...p.goals])),
			repo.commitmentRefs(all.flatMap((p) => [p.later, p.earlier])),
		]);
		const findings: Finding[] = [];
		for (const p of all) {
			const later = commitments.get(p.later);
			const earlier = commitments.get(p.earlier);
			const period = later ? effectivePeriod(later) : null;
			if (!earlier || !period) continue;
			findings.push({
				kind: "overlap_without_relation",
				commitmentId: p.later,
				relatedIds: [p.earlier],
				explanation: overlapExplanation({
					goals: [...p.goals].sort().map((g) => goalText(g, goals.get(g) ?? null)),
					makers: [...p.makers].map((m) => names.get(m) ?? `stakeholder ${m}`).sort(),
					period,
					earlierTitle: earlier.title,
					earlierOn: p.on,
				}),
			});
		}
		return findings;
	}

	private async partsAboveWhole(
		repo: FlagRepository,
		scope: FlagScope,
		baseYear: number,
	): Promise<Finding[]> {
		const wholes = new Map<
			number,
			{ whole: number; parts: { id: number; constant: number | null }[] }
		>();
		for (const r of await repo.parts(scope)) {
			const w = wholes.get(r.whole_id) ?? { whole: r.whole_constant, parts: [] };
			w.parts.push({ id: r.part_id, constant: r.part_constant });
			wholes.set(r.whole_id, w);
		}
		const findings: Finding[] = [];
		for (const [id, w] of wholes) {
			const converted = w.parts.filter((p) => p.constant !== null);
			const total = converted.reduce((sum, p) => sum + (p.constant ?? 0), 0);
			if (total <= w.whole + roundingToleranceCents) continue;
			findings.push({
				kind: "parts_exceed_whole",
				commitmentId: id,
				relatedIds: w.parts.map((p) => p.id),
				explanation: partsExplanation({
					parts: converted.length,
					partsTotal: total,
					whole: w.whole,
					unconvertedParts: w.parts.length - converted.length,
					baseYear,
				}),
			});
		}
		return findings;
	}

	private async deliveredAbove(
		repo: FlagRepository,
		scope: FlagScope,
		baseYear: number,
	): Promise<Finding[]> {
		return (await repo.deliveredAbove(scope)).map((r) => ({
			kind: "delivered_above_commitment",
			commitmentId: r.id,
			relatedIds: [],
			explanation: deliveredExplanation({
				delivered: r.delivered,
				committed: r.committed,
				withTree: r.delivered !== r.own,
				baseYear,
			}),
		}));
	}

	private async deadlines(
		repo: FlagRepository,
		scope: FlagScope,
		today: string,
	): Promise<Finding[]> {
		return (await repo.deadlinesPassed(scope, today)).map((r) => ({
			kind: "deadline_passed_no_report",
			commitmentId: r.id,
			relatedIds: [],
			explanation: deadlineExplanation({
				periodEnd: r.period_end !== null && r.period_end < today ? r.period_end : null,
				policyDeadline:
					r.policy_deadline !== null && r.policy_deadline < today ? r.policy_deadline : null,
			}),
		}));
	}

	private async amounts(repo: FlagRepository, scope: FlagScope): Promise<Finding[]> {
		return (await repo.amountsIncomplete(scope)).map((r) => ({
			kind: "amount_incomplete",
			commitmentId: r.id,
			relatedIds: [],
			explanation: amountExplanation({
				amountMinor: r.amount_minor,
				currency: r.currency,
				priceBasis: r.price_basis,
			}),
		}));
	}

	private async notConverted(
		repo: FlagRepository,
		scope: FlagScope,
		baseYear: number,
	): Promise<Finding[]> {
		const rows = await repo.notConverted(scope);
		if (rows.length === 0) return [];
		const converter = new Converter(baseYear);
		const coverage: RateCoverage = {
			hasRate: (currency, year) => converter.rate(currency, year) !== null,
			hasDeflator: (year) => converter.deflator(totalDac, year) !== null,
		};
		const sources = await repo.unconvertedSources(rows.map((r) => r.id));
		return rows.map((r) => {
			const reasons: string[] = [];
			if (r.conversion === "no_currency") reasons.push("the amount has no currency");
			if (r.conversion === "no_year")
				reasons.push("no period or announcement date places the amount in time");
			// A share-of-income target is "converted" by official statistics of ODA and GNI.
			if (r.conversion === "no_statistics")
				reasons.push("no official statistics of ODA and GNI measure its share-of-income target");
			if (r.conversion === "measured")
				reasons.push(
					"official statistics are missing for a year its share-of-income target is due",
				);
			if (r.conversion === "no_rate") {
				const years = scheduleShares({
					frequency: r.amount_frequency === "annual" ? "annual" : "total",
					periodStart: r.period_start,
					periodEnd: r.period_end,
					announcedOn: r.announced_on,
				}).map((s) => s.year);
				// A constant-price amount is converted at its base year's rate, then deflated to each year.
				const constant = r.price_basis === "constant" && r.price_base_year !== null;
				const rateYears = constant ? [r.price_base_year as number] : years;
				reasons.push(
					...missingRates(
						r.currency,
						{ rate: rateYears, deflator: constant ? [...rateYears, ...years] : years },
						coverage,
					),
				);
			}
			for (const s of sources.filter((x) => x.commitment_id === r.id))
				reasons.push(...missingRates(s.currency, { rate: s.years, deflator: s.years }, coverage));
			return {
				kind: "not_converted" as const,
				commitmentId: r.id,
				relatedIds: [],
				explanation: notConvertedExplanation({ count: Math.max(r.unconverted, 1), reasons }),
			};
		});
	}
}
