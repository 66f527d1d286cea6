/**
 * The rules of commitments: creating and updating them (each write a new immutable
 * version, an update refused when it edits a stale version), relating them without
 * cycles, and answering the list and detail queries of the API.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef, slugify } from "../../lib/ids.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { parseInput } from "../../lib/validation.ts";
import { ForumRepository } from "../forums/forums.repository.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import {
	ftsQuery,
	normalizeGoalCode,
	normalizeRecipient,
	normalizeTargetCode,
} from "./commitments.filters.ts";
import { CommitmentRepository, type CommitmentRow } from "./commitments.repository.ts";
import { resolveCommitment, stateToInput } from "./commitments.resolve.ts";
import {
	type CommitmentDetail,
	type CommitmentInput,
	type CommitmentListItem,
	type CommitmentListQuery,
	commitmentInput,
	commitmentPatch,
	publicStatuses,
	relationInput,
} from "./commitments.schemas.ts";
import {
	type CommitmentFilter,
	CommitmentSearchRepository,
} from "./commitments.search.repository.ts";
import { type CommitmentState, changedFields, financialTerms } from "./commitments.state.ts";

/** Relations that must never loop back (a part of its own part, a reaffirmation of itself). */
const acyclicKinds = ["reaffirms", "supersedes", "part_of"] as const;

export class CommitmentService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	// ---- writes ----

	async create(
		input: CommitmentInput,
		actor: { userId: number | null } = { userId: null },
	): Promise<{ id: number; slug: string; version: number }> {
		const data = parseInput(commitmentInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			if (data.slug && (await repo.slugTaken(data.slug)))
				throw new AppError("conflict", `a commitment with slug '${data.slug}' exists already`, {
					fields: [{ name: "slug", message: "is taken" }],
				});
			const slug = data.slug ?? (await this.freeSlug(repo, slugify(data.title)));
			const state = await resolveCommitment(trx, data, slug);
			const now = nowIso();
			const id = await repo.insert(state, now);
			await repo.insertVersion({
				commitment_id: id,
				version: 1,
				snapshot: JSON.stringify(state),
				reason: null,
				created_at: now,
				created_by: actor.userId,
			});
			return { id, slug, version: 1 };
		});
	}

	/**
	 * Applies `changes` (any fields of a commitment; financial, policy and lists are
	 * replaced whole) to version `version`. A stale version gets a conflict that carries
	 * the current one, and nothing is written.
	 */
	async update(
		refText: string,
		patch: unknown,
		actor: { userId: number | null } = { userId: null },
	): Promise<{ id: number; version: number }> {
		const p = parseInput(commitmentPatch, patch);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const id = await this.requireId(repo, refText);
			const current = await repo.loadState(id);
			if (!current) throw AppError.notFound("commitment", refText);
			if (current.version !== p.version) throw this.staleVersion(current.version, p.version);
			const merged = { ...stateToInput(current.state), ...p.changes };
			const data = parseInput(commitmentInput, merged);
			if (data.slug && data.slug !== current.state.slug && (await repo.slugTaken(data.slug)))
				throw new AppError("conflict", `a commitment with slug '${data.slug}' exists already`, {
					fields: [{ name: "slug", message: "is taken" }],
				});
			const state = await resolveCommitment(trx, data, data.slug ?? current.state.slug);
			const now = nowIso();
			if (!(await repo.update(id, state, p.version, now))) {
				const latest = (await repo.findRow(id))?.version ?? p.version;
				throw this.staleVersion(latest, p.version);
			}
			const version = p.version + 1;
			await repo.insertVersion({
				commitment_id: id,
				version,
				snapshot: JSON.stringify(state),
				reason: p.reason ?? null,
				created_at: now,
				created_by: actor.userId,
			});
			return { id, version };
		});
	}

	/** `from` reaffirms / supersedes / is part of / overlaps `to`. Repeating a relation changes nothing. */
	async relate(fromRef: string, toRef: string, input: unknown): Promise<{ created: boolean }> {
		const r = parseInput(relationInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const from = await this.requireId(repo, fromRef);
			const to = await this.requireId(repo, toRef);
			if (from === to) throw AppError.invalid("to", "a commitment cannot be related to itself");
			if (
				(acyclicKinds as readonly string[]).includes(r.kind) &&
				(await repo.reachable(to, acyclicKinds)).has(from)
			) {
				throw AppError.invalid(
					"kind",
					`'${fromRef}' ${r.kind} '${toRef}' would make a cycle: '${toRef}' already leads back to '${fromRef}'`,
				);
			}
			return {
				created: await repo.insertRelation({
					from_id: from,
					to_id: to,
					kind: r.kind,
					note: r.note,
					created_at: nowIso(),
				}),
			};
		});
	}

	private async freeSlug(repo: CommitmentRepository, base: string): Promise<string> {
		for (let n = 1; ; n++) {
			const candidate = n === 1 ? base : `${base}-${n}`;
			if (!(await repo.slugTaken(candidate))) return candidate;
		}
	}

	private staleVersion(current: number, given: number): AppError {
		return new AppError(
			"conflict",
			`version ${given} is not the current version (${current}): reload and apply your change again`,
			{
				fields: [{ name: "version", message: `is ${current} now` }],
				extra: { current_version: current },
			},
		);
	}

	private async requireId(repo: CommitmentRepository, refText: string): Promise<number> {
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a commitment id or slug`);
		const id = await repo.findId(ref);
		if (id === null) throw AppError.notFound("commitment", refText);
		return id;
	}

	// ---- reads ----

	async list(
		query: CommitmentListQuery,
	): Promise<{ items: CommitmentListItem[]; total: number; page: number; limit: number }> {
		const filter = await this.resolveFilter(query);
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const [total, rows] = await Promise.all([
			search.count(filter),
			search.page(filter, query.sort, (query.page - 1) * query.limit, query.limit),
		]);
		return {
			items: await this.listItems(this.db, rows),
			total,
			page: query.page,
			limit: query.limit,
		};
	}

	/** Checks every filter value against the database: an unknown one is a 400 that names it, not an empty list. */
	private async resolveFilter(q: CommitmentListQuery): Promise<CommitmentFilter> {
		const bad = (name: string, message: string) =>
			AppError.invalid(name, `query parameter '${name}': ${message}`);
		if (q.year_from !== undefined && q.year_to !== undefined && q.year_from > q.year_to)
			throw bad("year_to", `${q.year_to} is before year_from ${q.year_from}`);
		if (q.sort === "relevance" && !q.q) throw bad("sort", "relevance needs a search text in q");
		const reference = new ReferenceRepository(this.db);
		const filter: CommitmentFilter = {
			statuses: q.status ?? [...publicStatuses],
			kinds: q.kind,
			forumKinds: q.forum_kind,
		};
		if (q.goal) {
			filter.goalIds = [...new Set(q.goal.map(normalizeGoalCode))];
			const known = await reference.existingGoals(filter.goalIds);
			const unknown = filter.goalIds.find((g) => !known.has(g));
			if (unknown) throw bad("goal", `goal '${unknown}' does not exist`);
		}
		if (q.target) {
			filter.targetIds = [...new Set(q.target.map(normalizeTargetCode))];
			const known = await reference.targetGoals(filter.targetIds);
			const unknown = filter.targetIds.find((t) => !known.has(t));
			if (unknown) throw bad("target", `target '${unknown}' does not exist`);
		}
		if (q.stakeholder)
			filter.stakeholderIds = await this.resolveRefs("stakeholder", q.stakeholder, (refs) =>
				new StakeholderRepository(this.db).idsByRef(refs),
			);
		if (q.forum)
			filter.forumIds = await this.resolveRefs("forum", q.forum, (refs) =>
				new ForumRepository(this.db).idsByRef(refs),
			);
		if (q.recipient)
			filter.recipients = await this.resolveRecipients(
				reference,
				q.recipient.map(normalizeRecipient),
			);
		if (q.year_from !== undefined) filter.announcedFrom = `${q.year_from}-01-01`;
		if (q.year_to !== undefined) filter.announcedTo = `${q.year_to}-12-31`;
		if (q.q !== undefined) {
			const fts = ftsQuery(q.q, this.database.dialect);
			if (fts === null) throw bad("q", "has no letters or digits to search for");
			filter.fts = fts;
		}
		return filter;
	}

	private async resolveRefs(
		name: string,
		values: string[],
		lookup: (refs: ({ id: number } | { slug: string })[]) => Promise<Map<string, number>>,
	): Promise<number[]> {
		const refs = values.map((v) => parseRecordRef(v) ?? { slug: v });
		const found = await lookup(refs);
		const missing = values.find((v) => !found.has(String(v)));
		if (missing)
			throw AppError.invalid(
				name,
				`query parameter '${name}': ${name} '${missing}' does not exist`,
			);
		return [...new Set(found.values())];
	}

	/** A recipient code is a country, a region, a group, or "global", tried in that order. */
	private async resolveRecipients(
		reference: ReferenceRepository,
		codes: string[],
	): Promise<{ kind: string; code: string }[]> {
		const [countries, regions, groups] = await Promise.all([
			reference.existingCodes("Country", codes),
			reference.existingCodes("Region", codes),
			reference.existingGroups(codes),
		]);
		return codes.map((code) => {
			if (code === "global") return { kind: "global", code };
			if (countries.has(code)) return { kind: "country", code };
			if (regions.has(code)) return { kind: "region", code };
			if (groups.has(code)) return { kind: "group", code };
			throw AppError.invalid(
				"recipient",
				`query parameter 'recipient': '${code}' is not a known country, region or group code`,
			);
		});
	}

	private async listItems(
		db: Kysely<Tables>,
		rows: CommitmentRow[],
	): Promise<CommitmentListItem[]> {
		const ids = rows.map((r) => r.id as number);
		const search = new CommitmentSearchRepository(db, this.database.dialect);
		const forumIds = [
			...new Set(rows.flatMap((r) => (r.forum_id === null ? [] : [Number(r.forum_id)]))),
		];
		const [parts, forums] = await Promise.all([
			search.summaries(ids),
			new ForumRepository(db).findMany(forumIds),
		]);
		const names = await this.recipientNames(parts.recipients);
		return rows.map((r) => {
			const id = r.id as number;
			const forum = r.forum_id === null ? undefined : forums.get(Number(r.forum_id));
			return {
				id,
				slug: r.slug,
				title: r.title,
				kind: r.kind as CommitmentListItem["kind"],
				status: r.status as CommitmentListItem["status"],
				version: r.version,
				forum: forum
					? {
							id: forum.id,
							slug: forum.slug,
							name: forum.name,
							kind: forum.kind as NonNullable<CommitmentListItem["forum"]>["kind"],
							held_on: forum.held_on,
						}
					: null,
				makers: parts.makers
					.filter((m) => m.commitment_id === id)
					.map((m) => ({
						id: m.id,
						slug: m.slug,
						name: m.name,
						kind: m.kind,
						country: m.country_code,
					})),
				announced_on: r.announced_on,
				amount:
					r.amount_minor === null || r.currency === null
						? null
						: formatMinorUnits(r.amount_minor, r.currency),
				amount_minor: r.amount_minor,
				currency: r.currency,
				gni_share:
					r.gni_share_min === null || r.gni_share_max === null
						? null
						: { min: r.gni_share_min, max: r.gni_share_max },
				goals: parts.goals.filter((g) => g.commitment_id === id).map((g) => g.id),
				targets: parts.targets.filter((t) => t.commitment_id === id).map((t) => t.id),
				recipients: parts.recipients
					.filter((x) => x.commitment_id === id)
					.map((x) => ({
						kind: x.kind as "country",
						code: x.kind === "global" ? null : x.code,
						name: names.get(`${x.kind}:${x.code}`) ?? null,
					})),
				origin: r.origin as CommitmentListItem["origin"],
			};
		});
	}

	private async recipientNames(
		recipients: { kind: string; code: string }[],
	): Promise<Map<string, string>> {
		const reference = new ReferenceRepository(this.db);
		const codes = (kind: string) => [
			...new Set(recipients.filter((r) => r.kind === kind).map((r) => r.code)),
		];
		const [countries, regions, groups] = await Promise.all([
			reference.codeNames("Country", codes("country"), "en"),
			reference.codeNames("Region", codes("region"), "en"),
			reference.listGroups(),
		]);
		const out = new Map<string, string>([["global:global", "Global"]]);
		for (const [code, name] of countries) out.set(`country:${code}`, name);
		for (const [code, name] of regions) out.set(`region:${code}`, name);
		for (const g of groups) out.set(`group:${g.code}`, g.name);
		return out;
	}

	async get(refText: string): Promise<CommitmentDetail> {
		const repo = new CommitmentRepository(this.db);
		const id = await this.requireId(repo, refText);
		const row = await repo.findRow(id);
		if (!row || !(publicStatuses as readonly string[]).includes(row.status))
			throw AppError.notFound("commitment", refText);
		const [[item], loaded, relations, versions] = await Promise.all([
			this.listItems(this.db, [row]),
			repo.loadState(id),
			repo.relations(id),
			repo.versions(id),
		]);
		const state = (loaded as { state: CommitmentState }).state;
		const sectorNames = new Map([
			...(await new ReferenceRepository(this.db).codeNames("Sector", state.sectors, "en")),
			...(await new ReferenceRepository(this.db).codeNames("SectorCategory", state.sectors, "en")),
		]);
		const f = state.financial;
		let previous: Record<string, unknown> | null = null;
		const history = versions.map((v) => {
			const snapshot = JSON.parse(v.snapshot) as Record<string, unknown>;
			const changed = changedFields(previous, snapshot);
			previous = snapshot;
			return { version: v.version, created_at: v.created_at, reason: v.reason, changed };
		});
		return {
			...(item as CommitmentListItem),
			text: row.text,
			financial: f ? financialTerms(f) : null,
			policy: state.policy,
			sectors: state.sectors.map((code) => ({ code, name: sectorNames.get(code) ?? null })),
			sources: state.sources,
			relations: relations as CommitmentDetail["relations"],
			versions: history,
			created_at: row.created_at,
			updated_at: row.updated_at,
			published_at: row.published_at,
		};
	}
}
