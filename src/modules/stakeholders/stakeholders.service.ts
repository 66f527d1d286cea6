/** Stakeholders: creation (checked against reference data), listing and detail. */
import * as z from "zod";
import type { Database } from "../../db/database.ts";
import type { Actor } from "../../lib/actor.ts";
import { type Batches, mapBatches, offsetBatches } from "../../lib/batches.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { likePattern } from "../../lib/text.ts";
import { parseInput } from "../../lib/validation.ts";
import type { AnalyticsService } from "../analytics/analytics.service.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { isStaff } from "../commitments/commitments.policy.ts";
import { publicStatuses } from "../commitments/commitments.schemas.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StatisticsRepository } from "../statistics/statistics.repository.ts";
import { type StakeholderRecord, StakeholderRepository } from "./stakeholders.repository.ts";
import {
	agencyInput,
	stakeholderInput,
	type stakeholderItem,
	type stakeholderListQuery,
} from "./stakeholders.schemas.ts";

/** A stakeholder as a flat export sees it: the list item (the JSON form) and English names of its codes. */
export interface StakeholderExport {
	item: z.output<typeof stakeholderItem>;
	country_name: string | null;
	group_names: (string | null)[];
}

export class StakeholderService {
	constructor(
		private readonly database: Database,
		private readonly analytics: AnalyticsService,
	) {}

	/** Reference records of the registry: created by the secretariat (or the operator's seed). */
	async create(input: unknown, actor: Actor): Promise<number> {
		if (!isStaff(actor) && actor.via !== "cli")
			throw new AppError("forbidden", "only the secretariat adds stakeholders");
		const s = parseInput(stakeholderInput, input);
		return this.database.db.transaction().execute(async (trx) => {
			const ref = new ReferenceRepository(trx);
			if (s.country && !(await ref.existingCodes("Country", [s.country])).has(s.country))
				throw AppError.invalid("country", `country '${s.country}' is not an ISO 3166-1 code`);
			const known = await ref.existingGroups(s.groups);
			const unknown = s.groups.filter((g) => !known.has(g));
			if (unknown.length) throw AppError.invalid("groups", `unknown group ${unknown.join(", ")}`);
			if (
				s.statistics_provider !== null &&
				!(await new StatisticsRepository(trx).providers()).some(
					(p) => p.code === s.statistics_provider,
				)
			)
				throw AppError.invalid(
					"statistics_provider",
					`unknown statistics provider '${s.statistics_provider}' (see /api/v1/statistics/providers)`,
				);
			const repo = new StakeholderRepository(trx);
			if ((await repo.idsByRef([{ slug: s.slug }])).size)
				throw new AppError("conflict", `a stakeholder with slug '${s.slug}' exists already`, {
					fields: [{ name: "slug", message: "is taken" }],
				});
			await this.checkOrgRefsFree(repo, s.iati_org_id, s.agencies);
			const id = await repo.insert(
				{
					slug: s.slug,
					name: s.name,
					short_name: s.short_name,
					kind: s.kind,
					country: s.country,
					iati_org_id: s.iati_org_id,
					website: s.website,
					statistics_provider: s.statistics_provider,
				},
				[...new Set(s.groups)],
				s.agencies,
				nowIso(),
			);
			await recordAudit(trx, actor, { action: "stakeholder.create", objectId: id, after: s });
			return id;
		});
	}

	/**
	 * Adds the agencies a stakeholder lacks and fills what is missing about those it has (a
	 * name, years, a source), never removing or overwriting one: a database migrated by 0018
	 * holds states' identifiers as agencies without a name, and the demo (loaded again)
	 * completes them. Returns how many agencies were added or completed.
	 */
	async completeAgencies(refText: string, input: unknown, actor: Actor): Promise<number> {
		if (!isStaff(actor) && actor.via !== "cli")
			throw new AppError("forbidden", "only the secretariat records a stakeholder's agencies");
		const given = parseInput(z.array(agencyInput).max(20), input);
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a stakeholder id or slug`);
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new StakeholderRepository(trx);
			const row = await repo.find(ref);
			if (!row) throw AppError.notFound("stakeholder", refText);
			const before = (await repo.agenciesOf([row.id])).get(row.id) ?? [];
			const known = new Map(before.map((a) => [a.iati_org_id, a]));
			const added = given.filter((a) => !known.has(a.iati_org_id));
			await this.checkOrgRefsFree(repo, null, added);
			const completed = given.filter((a) => {
				const k = known.get(a.iati_org_id);
				return (
					k !== undefined &&
					((k.name === null && a.name !== null) ||
						(k.reported_from === null && a.reported_from !== null) ||
						(k.reported_to === null && a.reported_to !== null) ||
						(k.source === null && a.source !== null))
				);
			});
			for (const a of completed) await repo.fillAgency(row.id, a);
			for (const [i, a] of added.entries()) await repo.addAgency(row.id, a, before.length + i);
			const changed = added.length + completed.length;
			if (changed > 0)
				await recordAudit(trx, actor, {
					action: "stakeholder.agencies",
					objectId: row.id,
					before: { agencies: before },
					after: { agencies: (await repo.agenciesOf([row.id])).get(row.id) ?? [] },
				});
			return changed;
		});
	}

	/**
	 * An IATI organisation identifier belongs to one stakeholder at most, as its own or as
	 * one of its agencies': otherwise an activity would count for two makers.
	 */
	private async checkOrgRefsFree(
		repo: StakeholderRepository,
		own: string | null,
		agencies: { iati_org_id: string }[],
	): Promise<void> {
		const named = [
			...(own === null ? [] : [{ field: "iati_org_id", ref: own }]),
			...agencies.map((a, i) => ({ field: `agencies.${i}.iati_org_id`, ref: a.iati_org_id })),
		];
		const seen = new Map<string, string>();
		for (const n of named) {
			const first = seen.get(n.ref);
			if (first !== undefined)
				throw AppError.invalid(
					n.field,
					`IATI organisation identifier '${n.ref}' is given twice (also as ${first})`,
				);
			seen.set(n.ref, n.field);
		}
		const holders = await repo.holdersOf([...seen.keys()]);
		const taken = named.find((n) => holders.has(n.ref));
		if (!taken) return;
		const holder = holders.get(taken.ref) as NonNullable<ReturnType<typeof holders.get>>;
		throw new AppError(
			"conflict",
			`IATI organisation identifier '${taken.ref}' belongs to stakeholder '${holder.slug}' already${holder.via_agency ? ` (one of its agencies${holder.agency_name ? `, ${holder.agency_name}` : ""})` : ""}`,
			{ fields: [{ name: taken.field, message: `belongs to '${holder.slug}' already` }] },
		);
	}

	private filter(query: Omit<z.output<typeof stakeholderListQuery>, "page" | "limit">) {
		return {
			kinds: query.kind,
			groups: query.group?.map((g) => g.toUpperCase()),
			countries: query.country?.map((c) => c.toUpperCase()),
			nameLike: likePattern(query.q),
			publicStatuses,
		};
	}

	async list(query: z.output<typeof stakeholderListQuery>) {
		const repo = new StakeholderRepository(this.database.db);
		const filter = this.filter(query);
		const [total, rows] = await Promise.all([
			repo.count(filter),
			repo.page(filter, (query.page - 1) * query.limit, query.limit),
		]);
		return { items: await this.decorate(repo, rows), total, page: query.page, limit: query.limit };
	}

	/** Every stakeholder the list selects, in its order, a batch at a time, with English names beside the codes. */
	async exportBatches(
		query: Omit<z.output<typeof stakeholderListQuery>, "page" | "limit">,
	): Promise<Batches<StakeholderExport>> {
		const repo = new StakeholderRepository(this.database.db);
		const reference = new ReferenceRepository(this.database.db);
		const filter = this.filter(query);
		const groupNames = new Map((await reference.listGroups()).map((g) => [g.code, g.name]));
		return mapBatches(
			offsetBatches((offset, limit) => repo.page(filter, offset, limit)),
			async (rows) => {
				const items = await this.decorate(repo, rows);
				const countries = [...new Set(items.flatMap((i) => (i.country ? [i.country] : [])))];
				const names = await reference.codeNames("Country", countries, "en");
				return items.map((item) => ({
					item,
					country_name: item.country ? (names.get(item.country) ?? null) : null,
					group_names: item.groups.map((g) => groupNames.get(g) ?? null),
				}));
			},
		);
	}

	async get(refText: string) {
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a stakeholder id or slug`);
		const repo = new StakeholderRepository(this.database.db);
		const row = await repo.find(ref);
		if (!row) throw AppError.notFound("stakeholder", refText);
		const [item] = await this.decorate(repo, [row]);
		const names = row.country
			? await new ReferenceRepository(this.database.db).codeNames("Country", [row.country], "en")
			: new Map<string, string>();
		return {
			...(item as NonNullable<typeof item>),
			country_name: row.country ? (names.get(row.country) ?? null) : null,
			commitments: `/api/v1/commitments?stakeholder=${row.id}`,
			delivery: await this.analytics.groupSummary("stakeholder", String(row.id)),
		};
	}

	/** The records of these stakeholders, by id (a league table's rows): unknown ids are left out. */
	async byIds(ids: number[]): Promise<Map<number, StakeholderRecord>> {
		const rows = await new StakeholderRepository(this.database.db).byIds(ids);
		return new Map(rows.map((r) => [r.id, r]));
	}

	private async decorate(repo: StakeholderRepository, rows: StakeholderRecord[]) {
		const ids = rows.map((r) => r.id);
		const [groups, agencies, counts] = await Promise.all([
			repo.groupsOf(ids),
			repo.agenciesOf(ids),
			this.analytics.publicCounts("stakeholder", ids, String),
		]);
		return rows.map((r) => ({
			...r,
			agencies: agencies.get(r.id) ?? [],
			groups: groups.get(r.id) ?? [],
			commitment_count: counts.get(r.id) ?? 0,
		}));
	}
}
