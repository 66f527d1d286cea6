/**
 * Reads what the delivery figures are computed from, for a set of commitments: their
 * terms and groups, their makers' reports, their linked transactions (summed by year in
 * SQL) and their relations. Also finds the closed group a change can reach.
 */
import type { Kysely } from "kysely";
import { chunks } from "../../db/batch.ts";
import type { Tables } from "../../db/tables.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";
import { groupsViaCountries } from "../reference/group-membership.ts";
import { donorSeriesName } from "./conversion.ts";
import type { CommitmentInputs, IatiYear, Relation, ReportInputs } from "./delivery.compute.ts";

const inChunks = async <T>(ids: number[], read: (part: number[]) => Promise<T[]>): Promise<T[]> => {
	const out: T[] = [];
	for (const part of chunks(ids, 1000)) out.push(...(await read(part)));
	return out;
};

export class DeliveryInputsRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async allCommitmentIds(): Promise<number[]> {
		const rows = await this.db.selectFrom("commitment").select("id").orderBy("id").execute();
		return rows.map((r) => toInt(r.id));
	}

	async allRelations(): Promise<Relation[]> {
		const rows = await this.db
			.selectFrom("commitment_relation")
			.select(["from_id", "to_id", "kind", "share"])
			.execute();
		return rows.map((r) => ({
			from_id: toInt(r.from_id),
			to_id: toInt(r.to_id),
			kind: r.kind,
			share: r.share === null ? null : Number(r.share),
		}));
	}

	async relationsTouching(ids: number[]): Promise<Relation[]> {
		const rows = await inChunks(ids, (part) =>
			this.db
				.selectFrom("commitment_relation")
				.select(["from_id", "to_id", "kind", "share"])
				.where((eb) => eb.or([eb("from_id", "in", part), eb("to_id", "in", part)]))
				.execute(),
		);
		const seen = new Set<string>();
		const out: Relation[] = [];
		for (const r of rows) {
			const rel = {
				from_id: toInt(r.from_id),
				to_id: toInt(r.to_id),
				kind: r.kind,
				share: r.share === null ? null : Number(r.share),
			};
			const key = `${rel.from_id}|${rel.to_id}|${rel.kind}`;
			if (!seen.has(key)) {
				seen.add(key);
				out.push(rel);
			}
		}
		return out;
	}

	/** Ids whose stored root is one of `ids`, and the stored roots of `ids`. */
	async storedRootLinks(ids: number[]): Promise<number[]> {
		const rows = await inChunks(ids, (part) =>
			this.db
				.selectFrom("delivery_state")
				.select(["commitment_id", "root_id"])
				.where((eb) => eb.or([eb("root_id", "in", part), eb("commitment_id", "in", part)]))
				.execute(),
		);
		return rows.flatMap((r) => [toInt(r.commitment_id), toInt(r.root_id)]);
	}

	async commitments(ids: number[]): Promise<CommitmentInputs[]> {
		if (ids.length === 0) return [];
		const [base, makers, goals, targets, recipients, groups, countryGroups] = await Promise.all([
			inChunks(ids, (part) =>
				this.db
					.selectFrom("commitment")
					.leftJoin("forum", "forum.id", "commitment.forum_id")
					.select([
						"commitment.id",
						"commitment.status",
						"commitment.kind",
						"commitment.amount_minor",
						"commitment.currency",
						"commitment.amount_frequency",
						"commitment.price_basis",
						"commitment.price_base_year",
						"commitment.period_start",
						"commitment.period_end",
						"commitment.announced_on",
						"commitment.gni_share_min",
						"commitment.gni_share_max",
						"commitment.increase_over_year",
						"commitment.flow_type",
						"commitment.statistics_provider",
						"commitment.forum_id",
						"forum.kind as forum_kind",
					])
					.where("commitment.id", "in", part)
					.execute(),
			),
			inChunks(ids, (part) =>
				this.db
					.selectFrom("commitment_maker")
					.innerJoin("stakeholder", "stakeholder.id", "commitment_maker.stakeholder_id")
					.select([
						"commitment_maker.commitment_id",
						"commitment_maker.stakeholder_id",
						"stakeholder.country_code",
						"stakeholder.statistics_provider",
						"stakeholder.kind",
					])
					.where("commitment_maker.commitment_id", "in", part)
					.orderBy("commitment_maker.commitment_id")
					.orderBy("commitment_maker.position")
					.execute(),
			),
			inChunks(ids, (part) =>
				this.db
					.selectFrom("commitment_goal")
					.select(["commitment_id", "goal_id as v"])
					.where("commitment_id", "in", part)
					.execute(),
			),
			inChunks(ids, (part) =>
				this.db
					.selectFrom("commitment_target")
					.select(["commitment_id", "target_id as v"])
					.where("commitment_id", "in", part)
					.execute(),
			),
			inChunks(ids, (part) =>
				this.db
					.selectFrom("commitment_recipient")
					.select(["commitment_id", "kind", "code"])
					.where("commitment_id", "in", part)
					.execute(),
			),
			inChunks(ids, (part) =>
				this.db
					.selectFrom("commitment_maker")
					.innerJoin(
						"stakeholder_group_member",
						"stakeholder_group_member.stakeholder_id",
						"commitment_maker.stakeholder_id",
					)
					.select(["commitment_maker.commitment_id", "stakeholder_group_member.group_code as v"])
					.where("commitment_maker.commitment_id", "in", part)
					.execute(),
			),
			inChunks(ids, (part) => groupsViaCountries(this.db, part).execute()),
		]);
		const listOf = (rows: { commitment_id: number | string; v: string }[]) => {
			const m = new Map<number, string[]>();
			for (const r of rows) {
				const id = toInt(r.commitment_id);
				m.set(id, [...(m.get(id) ?? []), r.v]);
			}
			return m;
		};
		const goalMap = listOf(goals);
		const targetMap = listOf(targets);
		const groupMap = listOf(groups);
		const countryGroupMap = listOf(countryGroups.map((g) => ({ ...g, v: g.key })));
		const recipientMap = listOf(
			recipients.map((r) => ({ commitment_id: r.commitment_id, v: `${r.kind}:${r.code}` })),
		);
		const makerMap = new Map<
			number,
			{ id: number; country: string | null; provider: string | null; kind: string }[]
		>();
		for (const m of makers) {
			const id = toInt(m.commitment_id);
			makerMap.set(id, [
				...(makerMap.get(id) ?? []),
				{
					id: toInt(m.stakeholder_id),
					country: m.country_code,
					// Whose statistics measure a share-of-income target: the one named, else the country's own.
					provider: m.statistics_provider ?? m.country_code,
					kind: m.kind,
				},
			]);
		}
		return base.map((c) => {
			const id = toInt(c.id);
			const ms = makerMap.get(id) ?? [];
			// One maker's own deflator; a collective of several uses the DAC total.
			const donor = ms.length === 1 ? donorSeriesName(ms[0]?.country) : donorSeriesName(null);
			return {
				id,
				status: c.status,
				kind: c.kind,
				amount_minor: toIntOrNull(c.amount_minor),
				currency: c.currency,
				amount_frequency: c.amount_frequency,
				price_basis: c.price_basis,
				price_base_year: c.price_base_year,
				period_start: c.period_start,
				period_end: c.period_end,
				announced_on: c.announced_on,
				gni_share_min: c.gni_share_min === null ? null : Number(c.gni_share_min),
				gni_share_max: c.gni_share_max === null ? null : Number(c.gni_share_max),
				increase_over_year: toIntOrNull(c.increase_over_year),
				flow_type: c.flow_type,
				// A commitment that names whose statistics measure it (the DAC for Gleneagles'
				// "G8 and other donors") is measured on that provider alone, not on its makers'.
				share_providers:
					c.statistics_provider !== null
						? [c.statistics_provider]
						: [...new Set(ms.map((m) => m.provider).filter((p): p is string => p !== null))],
				makers_without_provider:
					c.statistics_provider !== null ? 0 : ms.filter((m) => m.provider === null).length,
				forum_id: toIntOrNull(c.forum_id),
				forum_kind: c.forum_kind ?? null,
				donor,
				goals: goalMap.get(id) ?? [],
				targets: targetMap.get(id) ?? [],
				makers: ms.map((m) => m.id),
				maker_kinds: [...new Set(ms.map((m) => m.kind))],
				groups: [...new Set(groupMap.get(id) ?? [])],
				recipients: recipientMap.get(id) ?? [],
				recipient_groups: [...new Set(countryGroupMap.get(id) ?? [])],
			};
		});
	}

	/** Makers' reports (a recipient's report carries no money). */
	async reports(ids: number[]): Promise<ReportInputs[]> {
		if (ids.length === 0) return [];
		const reports = await inChunks(ids, (part) =>
			this.db
				.selectFrom("progress_report")
				.innerJoin("stakeholder", "stakeholder.id", "progress_report.stakeholder_id")
				.select([
					"progress_report.id",
					"progress_report.commitment_id",
					"progress_report.period_start",
					"progress_report.period_end",
					"progress_report.disbursed_minor",
					"progress_report.currency",
					"progress_report.created_at",
					"stakeholder.country_code",
				])
				.where("progress_report.commitment_id", "in", part)
				.where("progress_report.kind", "=", "maker")
				// A withdrawn report is kept on the record and counted nowhere.
				.where("progress_report.withdrawn_at", "is", null)
				.orderBy("progress_report.id")
				.execute(),
		);
		const reportIds = reports.map((r) => toInt(r.id));
		const years = await inChunks(reportIds, (part) =>
			this.db
				.selectFrom("report_year")
				.select(["report_id", "year", "amount_minor"])
				.where("report_id", "in", part)
				.orderBy("report_id")
				.orderBy("year")
				.execute(),
		);
		const yearsOf = new Map<number, { year: number; amount_minor: number }[]>();
		for (const y of years) {
			const id = toInt(y.report_id);
			yearsOf.set(id, [
				...(yearsOf.get(id) ?? []),
				{ year: y.year, amount_minor: toInt(y.amount_minor) },
			]);
		}
		return reports.map((r) => ({
			id: toInt(r.id),
			commitment_id: toInt(r.commitment_id),
			donor: donorSeriesName(r.country_code),
			period_start: r.period_start,
			period_end: r.period_end,
			disbursed_minor: toIntOrNull(r.disbursed_minor),
			currency: r.currency,
			created_at: r.created_at,
			years: yearsOf.get(toInt(r.id)) ?? [],
		}));
	}

	/**
	 * Accepted links' disbursements (type 3; expenditure, type 4, where the link says so),
	 * summed per link and year in SQL; shares applied exactly with BigInt. Money spent
	 * before the commitment's period began (before it was announced, without a period)
	 * did not deliver it, though the activity goes on to: it is left out. Each year says
	 * its latest transaction date, since a publisher's data may stop before the year ends.
	 */
	async iatiYears(ids: number[]): Promise<IatiYear[]> {
		if (ids.length === 0) return [];
		const rows = await inChunks(ids, (part) =>
			this.db
				.selectFrom("commitment_activity as l")
				.innerJoin("activity_transaction as t", "t.activity_id", "l.activity_id")
				.innerJoin("commitment as c", "c.id", "l.commitment_id")
				.select((eb) => [
					"l.commitment_id",
					"l.share_bp",
					eb.fn<string>("substr", ["t.transaction_date", eb.val(1), eb.val(4)]).as("year"),
					eb.fn.sum<string | number | null>("t.usd_current").as("current"),
					eb.fn.sum<string | number | null>("t.usd_constant").as("constant"),
					eb.fn
						.sum<string | number>(eb.case().when("t.usd_current", "is", null).then(1).else(0).end())
						.as("unconverted"),
					eb.fn.max<string>("t.transaction_date").as("through"),
				])
				.where("l.commitment_id", "in", part)
				.where("l.status", "=", "accepted")
				.where((eb) =>
					eb(
						"t.transaction_date",
						">=",
						eb.fn.coalesce("c.period_start", "c.announced_on", eb.val("0000-01-01")),
					),
				)
				.where((eb) =>
					eb.or([
						eb("t.transaction_type", "=", "3"),
						eb.and([eb("t.transaction_type", "=", "4"), eb("l.include_expenditure", "=", 1)]),
					]),
				)
				.groupBy(["l.commitment_id", "l.activity_id", "l.share_bp", "year"])
				.execute(),
		);
		const out = new Map<string, IatiYear>();
		for (const r of rows) {
			const commitment_id = toInt(r.commitment_id);
			const year = Number(r.year);
			const key = `${commitment_id}|${year}`;
			const acc = out.get(key) ?? {
				commitment_id,
				year,
				current: 0n,
				constant: 0n,
				unconverted: 0,
				through: r.through,
			};
			if (r.through > acc.through) acc.through = r.through;
			const share = BigInt(r.share_bp);
			acc.current += BigInt(r.current ?? 0) * share;
			acc.constant += BigInt(r.constant ?? 0) * share;
			acc.unconverted += toInt(r.unconverted);
			out.set(key, acc);
		}
		return [...out.values()];
	}
}
