/**
 * The read half of commitments: one commitment whole and its recorded steps, the list
 * with its export and facets, and the workspace's list, each as the asking actor may see
 * it. The writes (commitments.service.ts) extend this class, so callers hold one service.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { type Batches, mapBatches, offsetBatches } from "../../lib/batches.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { differences, versionHistory } from "../../lib/versioning.ts";
import { usd } from "../analytics/analytics.format.ts";
import { DeliveryStatusRepository } from "../analytics/delivery.status.repository.ts";
import { AuditRepository } from "../audit/audit.repository.ts";
import { ForumRepository } from "../forums/forums.repository.ts";
import { recipientNames } from "../reference/recipient-names.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { CommitmentExportRepository } from "./commitments.export.repository.ts";
import { type CommitmentExport, commitmentExport } from "./commitments.export.ts";
import { CommitmentFacetRepository, type FacetCount } from "./commitments.facets.repository.ts";
import {
	facetBuckets,
	filterWithout,
	keyedByDimension,
	recipientOfKey,
	selectedKeys,
	selectsEveryPublic,
	uncounted,
} from "./commitments.facets.ts";
import {
	ftsQuery,
	normalizeGoalCode,
	normalizeRecipient,
	normalizeTargetCode,
} from "./commitments.filters.ts";
import { commitmentPolicy, isStaff } from "./commitments.policy.ts";
import { CommitmentRepository, type CommitmentRow } from "./commitments.repository.ts";
import {
	type CommitmentDetail,
	type CommitmentFacetQuery,
	type CommitmentFacets,
	type CommitmentListItem,
	type CommitmentListQuery,
	type CommitmentStatus,
	commitmentStatuses,
	facetDimensions,
	isPublicStatus,
	publicStatuses,
} from "./commitments.schemas.ts";
import {
	type CommitmentFilter,
	CommitmentSearchRepository,
} from "./commitments.search.repository.ts";
import { financialTerms } from "./commitments.state.ts";
import {
	type CommitmentRef,
	type VisibleCommitment,
	visibleCommitment,
} from "./commitments.visible.ts";

export interface CommitmentOptions {
	/** Today as YYYY-MM-DD (UTC): the day delivery statuses are read for. */
	today?: () => string;
}

/** History steps of proposed changes not (yet) applied: seen by makers and the secretariat only. */
const proposalSteps = new Set([
	"commitment.propose",
	"commitment.reject_proposal",
	"commitment.withdraw_proposal",
]);

export class CommitmentQueries {
	protected readonly today: () => string;
	/** The day's delivery counts of every public commitment, with the version they were counted at. */
	private deliveryCache: { key: string; counts: FacetCount[] } | null = null;

	constructor(
		protected readonly database: Database,
		options: CommitmentOptions = {},
	) {
		this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
	}

	protected get db() {
		return this.database.db;
	}

	/** The commitment as this actor may see it, looked up once for a page that shows many parts of it. */
	async visible(ref: CommitmentRef, actor: Actor | null): Promise<VisibleCommitment> {
		return visibleCommitment(this.db, ref, actor);
	}

	/** The recorded steps of a commitment, from the audit log: who, when, what and why. */
	async history(ref: CommitmentRef, actor: Actor | null) {
		const { id, makerIds } = await visibleCommitment(this.db, ref, actor);
		const events = await new AuditRepository(this.db, this.database.dialect).forObject(
			"commitment",
			String(id),
		);
		// The public sees the record from its publication on; how a draft was written and
		// returned stays between its makers and the secretariat.
		const seesDrafts = commitmentPolicy.seesDrafts(actor, { makerIds });
		let status = "draft";
		const items = [];
		for (const e of events) {
			const before = e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null;
			const after = e.after ? (JSON.parse(e.after) as Record<string, unknown>) : {};
			const { reason, proposal_id: _proposal, changed: proposed, ...state } = after;
			if (typeof state.status === "string") status = state.status;
			if (!seesDrafts && !isPublicStatus(status)) continue;
			// A proposed change is between the makers and the secretariat until it is accepted.
			if (!seesDrafts && proposalSteps.has(e.action)) continue;
			items.push({
				at: e.occurred_at,
				action: e.action,
				by: e.display_name ?? null,
				via: e.actor_via,
				reason: typeof reason === "string" ? reason : null,
				changed:
					e.action === "commitment.update"
						? differences(before, state).map((d) => d.field)
						: e.action === "commitment.propose" && Array.isArray(proposed)
							? proposed.map(String)
							: [],
			});
		}
		return { items };
	}

	/** Relations in both directions, leaving out drafts and submissions this actor may not see. */
	private async visibleRelations(repo: CommitmentRepository, id: number, actor: Actor | null) {
		const all = await repo.relations(id);
		const hidden = [...all.outgoing, ...all.incoming]
			.filter((r) => !isPublicStatus(r.status))
			.map((r) => r.commitment.id);
		const makers = await repo.makerIdsOf(hidden);
		const visible = (r: (typeof all.outgoing)[number]) =>
			commitmentPolicy.view(actor, {
				status: r.status,
				makerIds: makers.get(r.commitment.id) ?? [],
			});
		const shape = ({ status: _status, ...r }: (typeof all.outgoing)[number]) => r;
		return {
			outgoing: all.outgoing.filter(visible).map(shape),
			incoming: all.incoming.filter(visible).map(shape),
		};
	}

	/** Members see their stakeholders' commitments in every status; the secretariat sees the queue. */
	async workspace(
		actor: Actor,
		query: { status?: CommitmentStatus[] | undefined; page: number; limit: number },
	) {
		const staff = isStaff(actor);
		const stakeholderIds = staff ? undefined : actor.memberships.map((m) => m.stakeholderId);
		if (stakeholderIds?.length === 0)
			return { items: [], total: 0, page: query.page, limit: query.limit };
		const filter: CommitmentFilter = {
			statuses: query.status ?? (staff ? ["submitted"] : [...commitmentStatuses]),
			stakeholderIds,
		};
		return this.page(filter, "-id", query);
	}

	async list(
		query: CommitmentListQuery,
	): Promise<{ items: CommitmentListItem[]; total: number; page: number; limit: number }> {
		return this.page(await this.resolveFilter(query), query.sort, query);
	}

	/** One page of the commitments a filter selects, with the total, as both lists answer it. */
	private async page(
		filter: CommitmentFilter,
		sort: CommitmentListQuery["sort"],
		query: { page: number; limit: number },
	): Promise<{ items: CommitmentListItem[]; total: number; page: number; limit: number }> {
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const { rows, total } = await search.pageAndTotal(
			filter,
			sort,
			(query.page - 1) * query.limit,
			query.limit,
		);
		return {
			items: await this.listItems(this.db, rows),
			total,
			page: query.page,
			limit: query.limit,
		};
	}

	/**
	 * The whole selection of the list (same filters and order, every page), read a batch at
	 * a time: each record is the list item (the JSON form) with what a flat export adds.
	 * The filter is checked before this returns, so bad input fails before anything streams.
	 */
	async exportBatches(
		query: Omit<CommitmentListQuery, "page" | "limit">,
	): Promise<Batches<CommitmentExport>> {
		const filter = await this.resolveFilter(query);
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const extras = new CommitmentExportRepository(this.db);
		const pages = offsetBatches((offset, limit) => search.page(filter, query.sort, offset, limit));
		return mapBatches(pages, async (rows) => {
			const items = await this.listItems(this.db, rows);
			const parts = await extras.parts(
				items.map((i) => i.id),
				[...new Set(items.flatMap((i) => i.goals))],
				[...new Set(items.flatMap((i) => i.targets))],
			);
			return rows.map((row, i) => commitmentExport(row, items[i] as CommitmentListItem, parts));
		});
	}

	/**
	 * Counts of the list's selection by goal, target, forum, maker, recipient, kind, status
	 * and year, for the explorer: each dimension under every filter but its own, public
	 * commitments only, exactly as the list.
	 * Over every public commitment (the explorer's first page) they come from the delivery
	 * rollups; `counted` counts them from the rows instead, which any other selection does
	 * (the tests compare the two).
	 */
	async facets(
		query: CommitmentFacetQuery,
		options: { counted?: boolean } = {},
	): Promise<CommitmentFacets> {
		const filter = await this.resolveFilter(query);
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const repo = new CommitmentFacetRepository(this.db, this.today());
		const everyPublic =
			options.counted !== true && selectsEveryPublic(filter)
				? await repo.countsOfEveryPublic()
				: null;
		if (everyPublic) everyPublic.counts.delivery = await this.deliveryCounts(repo);
		const { total, counts } = everyPublic ?? (await this.countFacets(filter, search, repo));
		const selected = selectedKeys(filter, query);
		const absent = uncounted(counts, selected);
		const [forums, makers] = await Promise.all([
			repo.refs("forum", absent.forum.map(Number)),
			repo.refs("stakeholder", absent.maker.map(Number)),
		]);
		for (const d of facetDimensions)
			counts[d].push(
				...(d === "forum"
					? forums
					: d === "maker"
						? makers
						: absent[d].map((key) => ({ key, count: 0 }))),
			);
		const names = await this.recipientNames(counts.recipient.map((c) => recipientOfKey(c.key)));
		return { total, facets: facetBuckets(counts, selected, names) };
	}

	/**
	 * Every public commitment by its status today: counted once a day and again after any
	 * write that changes a status (its version), instead of reading every stored status
	 * for each first page of the explorer (at 100,000 commitments, 20 ms on SQLite).
	 */
	private async deliveryCounts(repo: CommitmentFacetRepository): Promise<FacetCount[]> {
		const key = `${await repo.statusVersion()}|${this.today()}`;
		if (this.deliveryCache?.key !== key)
			this.deliveryCache = { key, counts: await repo.deliveryCountsOfEveryPublic() };
		return this.deliveryCache.counts.map((c) => ({ ...c }));
	}

	/**
	 * Counts each dimension under its filter (every filter but its own). Most dimensions
	 * share one filter: the ids each distinct filter selects are read once, and every count
	 * of it reads those ids, instead of running the filters (words and all) ten times.
	 */
	private async countFacets(
		filter: CommitmentFilter,
		search: CommitmentSearchRepository,
		repo: CommitmentFacetRepository,
	) {
		const filters = new Map<string, CommitmentFilter>();
		const filterOf = facetDimensions.map((d) => {
			const f = filterWithout(filter, d);
			const key = JSON.stringify(f);
			if (!filters.has(key)) filters.set(key, f);
			return key;
		});
		const full = JSON.stringify(filter);
		if (!filters.has(full)) filters.set(full, filter);
		const selections = new Map<string, number[]>();
		for (const [key, f] of filters) selections.set(key, await search.ids(f));
		const counted = await Promise.all(
			facetDimensions.map((d, i) => repo.counts(d, selections.get(filterOf[i] as string) ?? [])),
		);
		return { total: selections.get(full)?.length ?? 0, counts: keyedByDimension(counted) };
	}

	/** Checks every filter value against the database: an unknown one is a 400 that names it, not an empty list. */
	async resolveFilter(
		q: Omit<CommitmentListQuery, "sort" | "page" | "limit"> & { sort?: string },
	): Promise<CommitmentFilter> {
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
			makerKinds: q.maker_kind,
		};
		if (q.delivery) {
			filter.deliveryStatuses = q.delivery;
			filter.today = this.today();
		}
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
		if (q.measure) filter.measures = q.measure;
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
		const [parts, forums, delivery] = await Promise.all([
			search.summaries(ids),
			new ForumRepository(db).findMany(forumIds),
			new DeliveryStatusRepository(db).forPage(ids, this.today()),
		]);
		const usdOrNull = (cents: number | null) => (cents === null ? null : usd(cents));
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
				delivery: ((d) =>
					d
						? {
								status: d.status as NonNullable<CommitmentListItem["delivery"]>["status"],
								committed_usd: usdOrNull(d.committed),
								delivered_usd: usdOrNull(d.delivered),
								gap_usd: usdOrNull(d.gap),
							}
						: null)(delivery.get(id)),
			};
		});
	}

	private recipientNames(recipients: { kind: string; code: string }[]) {
		return recipientNames(new ReferenceRepository(this.db), recipients);
	}

	/** One commitment whole; a draft or submission only for its makers' members and the secretariat. */
	async get(ref: CommitmentRef, actor: Actor | null = null): Promise<CommitmentDetail> {
		const { id, row } = await visibleCommitment(this.db, ref, actor);
		const repo = new CommitmentRepository(this.db);
		const current = await repo.loadState(id);
		if (!current) throw AppError.notFound("commitment", row.slug);
		const [[item], relations, versions] = await Promise.all([
			this.listItems(this.db, [row]),
			this.visibleRelations(repo, id, actor),
			repo.versions(id),
		]);
		const state = current.state;
		const sectorNames = new Map([
			...(await new ReferenceRepository(this.db).codeNames("Sector", state.sectors, "en")),
			...(await new ReferenceRepository(this.db).codeNames("SectorCategory", state.sectors, "en")),
		]);
		const f = state.financial;
		const seesDrafts = commitmentPolicy.seesDrafts(actor, { makerIds: state.maker_ids });
		const history = versionHistory(
			seesDrafts
				? versions
				: versions.filter((v) =>
						isPublicStatus((JSON.parse(v.snapshot) as { status: string }).status),
					),
		);
		return {
			...(item as CommitmentListItem),
			text: row.text,
			text_kind: state.text_kind,
			quote: state.quote,
			financial: f ? financialTerms(f) : null,
			policy: state.policy,
			sectors: state.sectors.map((code) => ({ code, name: sectorNames.get(code) ?? null })),
			sources: state.sources,
			relations: relations as CommitmentDetail["relations"],
			versions: history,
			created_at: row.created_at,
			updated_at: row.updated_at,
			published_at: row.published_at,
			status_reason: row.status_reason,
		};
	}
}
