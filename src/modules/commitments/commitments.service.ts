/**
 * The rules of commitments: creating and updating them (each write a new immutable
 * version, an update refused when it edits a stale version), relating them without
 * cycles, and answering the list and detail queries of the API.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { type Batches, mapBatches, offsetBatches } from "../../lib/batches.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef, slugify } from "../../lib/ids.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { parseInput } from "../../lib/validation.ts";
import { differences, staleVersion, versionHistory } from "../../lib/versioning.ts";
import { refreshDelivery } from "../analytics/delivery.refresh.ts";
import type { AuditAction } from "../audit/audit.events.ts";
import { AuditRepository } from "../audit/audit.repository.ts";
import { ForumRepository } from "../forums/forums.repository.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { CommitmentExportRepository } from "./commitments.export.repository.ts";
import { type CommitmentExport, commitmentExport } from "./commitments.export.ts";
import { CommitmentFacetRepository } from "./commitments.facets.repository.ts";
import {
	facetBuckets,
	filterWithout,
	keyedByDimension,
	recipientOfKey,
	selectedKeys,
	uncounted,
} from "./commitments.facets.ts";
import {
	ftsQuery,
	normalizeGoalCode,
	normalizeRecipient,
	normalizeTargetCode,
} from "./commitments.filters.ts";
import {
	commitmentPolicy,
	editableStatuses,
	isStaff,
	type Transition,
	transitions,
} from "./commitments.policy.ts";
import { CommitmentRepository, type CommitmentRow } from "./commitments.repository.ts";
import { resolveCommitment, stateToInput } from "./commitments.resolve.ts";
import {
	type CommitmentDetail,
	type CommitmentFacetQuery,
	type CommitmentFacets,
	type CommitmentInput,
	type CommitmentListItem,
	type CommitmentListQuery,
	type CommitmentStatus,
	commitmentInput,
	commitmentPatch,
	commitmentStatuses,
	facetDimensions,
	publicStatuses,
	relationInput,
} from "./commitments.schemas.ts";
import {
	type CommitmentFilter,
	CommitmentSearchRepository,
} from "./commitments.search.repository.ts";
import { type CommitmentState, financialTerms } from "./commitments.state.ts";

const slugTaken = (slug: string) =>
	new AppError("conflict", `a commitment with slug '${slug}' exists already`, {
		fields: [{ name: "slug", message: "is taken" }],
	});
const reasonOptional = z.strictObject({
	reason: z.string().trim().min(1).max(2000).optional(),
	version: z.number().int().positive().optional(),
});
const reasonRequired = z.strictObject({
	reason: z
		.string({ error: "is required: say why" })
		.trim()
		.min(3, "must say why in a few words")
		.max(2000),
	version: z.number().int().positive().optional(),
});
const forbiddenStep: Record<Transition, string> = {
	submit: "only the makers' focal points and editors submit a commitment",
	publish: "only the secretariat publishes a commitment",
	return: "only the secretariat returns a commitment",
	complete: "only a maker's focal point marks a commitment completed",
	withdraw: "only a maker's focal point withdraws a commitment",
};

const isPublic = (status: string) => (publicStatuses as readonly string[]).includes(status);

/** Relations that must never loop back (a part of its own part, a reaffirmation of itself). */
const acyclicKinds = ["reaffirms", "supersedes", "part_of"] as const;

export class CommitmentService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	// ---- writes ----

	/**
	 * A new commitment. Through the API it is always a draft by a member of one of its
	 * makers; the operator's CLI (seed, imports) may create it in any status.
	 */
	async create(
		input: CommitmentInput,
		actor: Actor,
	): Promise<{ id: number; slug: string; version: number }> {
		if (actor.via !== "cli") {
			const raw = input as Record<string, unknown>;
			for (const field of ["status", "origin"])
				if (raw[field] !== undefined)
					throw AppError.invalid(field, `${field} is set by the workflow, not by the writer`);
		}
		const data = parseInput(commitmentInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			if (data.slug && (await repo.slugTaken(data.slug))) throw slugTaken(data.slug);
			const slug = data.slug ?? (await this.freeSlug(repo, slugify(data.title)));
			const state = await resolveCommitment(trx, data, slug);
			if (!commitmentPolicy.create(actor, state.maker_ids))
				throw new AppError(
					"forbidden",
					"you may draft commitments only for a stakeholder you are focal point or editor of",
				);
			const now = nowIso();
			const id = await repo.insert(state, now, auditActorId(actor));
			await repo.insertVersion({
				commitment_id: id,
				version: 1,
				snapshot: JSON.stringify(state),
				reason: null,
				created_at: now,
				created_by: auditActorId(actor),
			});
			await this.audit(trx, actor, "commitment.create", id, null, state);
			await refreshDelivery(trx, [id]);
			return { id, slug, version: 1 };
		});
	}

	/**
	 * Applies `changes` (any fields; financial, policy and lists are replaced whole) to
	 * version `version`, as a new version with its reason. A stale version gets a conflict
	 * carrying the current one, and nothing is written.
	 */
	async update(
		refText: string,
		patch: unknown,
		actor: Actor,
	): Promise<{ id: number; version: number }> {
		const p = parseInput(commitmentPatch, patch);
		for (const field of ["status", "origin"])
			if (field in p.changes)
				throw AppError.invalid(
					`changes.${field}`,
					`${field} changes only through the workflow (submit, publish, return, complete, withdraw)`,
				);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const { id, current } = await this.loadVisible(repo, refText, actor);
			const facts = { status: current.state.status, makerIds: current.state.maker_ids };
			if (!commitmentPolicy.update(actor, facts))
				throw new AppError(
					"forbidden",
					"only the makers' focal points and editors update a commitment",
				);
			if (!(editableStatuses as readonly string[]).includes(facts.status))
				throw new AppError(
					"conflict",
					`a ${facts.status} commitment cannot be updated${facts.status === "submitted" ? ": wait until the secretariat publishes or returns it" : ""}`,
				);
			if (current.version !== p.version) throw staleVersion(current.version, p.version);
			const data = parseInput(commitmentInput, { ...stateToInput(current.state), ...p.changes });
			if (data.slug && data.slug !== current.state.slug && (await repo.slugTaken(data.slug)))
				throw slugTaken(data.slug);
			const state = await resolveCommitment(trx, data, data.slug ?? current.state.slug);
			// The writer must stay among the makers, or they would lock themselves out.
			if (!commitmentPolicy.update(actor, { status: state.status, makerIds: state.maker_ids }))
				throw AppError.invalid(
					"changes.makers",
					"the makers must include a stakeholder you are focal point or editor of",
				);
			const version = await this.writeVersion(repo, id, current, state, p.reason ?? null, actor);
			await this.audit(trx, actor, "commitment.update", id, current.state, state, p.reason);
			await refreshDelivery(trx, [id]);
			return { id, version };
		});
	}

	/** One step of the workflow: submit, publish, return, complete or withdraw. */
	async transition(
		refText: string,
		step: Transition,
		input: unknown,
		actor: Actor,
	): Promise<{ id: number; version: number; status: CommitmentStatus }> {
		const rule = transitions[step];
		const t = parseInput(rule.reason ? reasonRequired : reasonOptional, input ?? {});
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const { id, current } = await this.loadVisible(repo, refText, actor);
			const facts = { status: current.state.status, makerIds: current.state.maker_ids };
			if (!commitmentPolicy[step](actor, facts))
				throw new AppError("forbidden", forbiddenStep[step]);
			if (!(rule.from as readonly string[]).includes(facts.status))
				throw new AppError(
					"conflict",
					`cannot ${step} a ${facts.status} commitment: it must be ${rule.from.join(" or ")}`,
				);
			if (t.version !== undefined && t.version !== current.version)
				throw staleVersion(current.version, t.version);
			const state: CommitmentState = { ...current.state, status: rule.to };
			const reason = t.reason ?? null;
			const version = await this.writeVersion(repo, id, current, state, reason, actor);
			await repo.setStatusReason(id, reason);
			await this.audit(
				trx,
				actor,
				`commitment.${step}`,
				id,
				{ status: facts.status },
				{ status: rule.to },
				reason ?? undefined,
			);
			await refreshDelivery(trx, [id]);
			return { id, version, status: rule.to };
		});
	}

	/** `from` reaffirms / supersedes / is part of / overlaps `to`. Repeating a relation changes nothing. */
	async relate(
		fromRef: string,
		toRef: string,
		input: unknown,
		actor: Actor,
	): Promise<{ created: boolean }> {
		const r = parseInput(relationInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new CommitmentRepository(trx);
			const { id: from, current } = await this.loadVisible(repo, fromRef, actor);
			const { id: to } = await this.loadVisible(repo, toRef, actor);
			if (
				!commitmentPolicy.relate(actor, {
					status: current.state.status,
					makerIds: current.state.maker_ids,
				})
			)
				throw new AppError(
					"forbidden",
					"only the makers' focal points and editors, or the secretariat, relate a commitment to another",
				);
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
			const created = await repo.insertRelation({
				from_id: from,
				to_id: to,
				kind: r.kind,
				note: r.note,
				created_at: nowIso(),
			});
			if (created)
				await this.audit(trx, actor, "commitment.relate", from, null, {
					kind: r.kind,
					to,
					note: r.note,
				});
			await refreshDelivery(trx, [from, to]);
			return { created };
		});
	}

	/** Writes the next version (state and snapshot) only if `current` is still the stored one. */
	private async writeVersion(
		repo: CommitmentRepository,
		id: number,
		current: { state: CommitmentState; version: number },
		state: CommitmentState,
		reason: string | null,
		actor: Actor,
	): Promise<number> {
		const now = nowIso();
		if (!(await repo.update(id, state, current.version, now))) {
			const latest = (await repo.findRow(id))?.version ?? current.version;
			throw staleVersion(latest, current.version);
		}
		const version = current.version + 1;
		await repo.insertVersion({
			commitment_id: id,
			version,
			snapshot: JSON.stringify(state),
			reason,
			created_at: now,
			created_by: auditActorId(actor),
		});
		return version;
	}

	/** The commitment as this actor may see it; one they may not see does not exist for them. */
	private async loadVisible(repo: CommitmentRepository, refText: string, actor: Actor | null) {
		const id = await this.requireId(repo, refText);
		const current = await repo.loadState(id);
		if (
			!current ||
			!commitmentPolicy.view(actor, {
				status: current.state.status,
				makerIds: current.state.maker_ids,
			})
		)
			throw AppError.notFound("commitment", refText);
		return { id, current };
	}

	private async audit(
		trx: Kysely<Tables>,
		actor: Actor,
		action: AuditAction,
		id: number,
		before: unknown,
		after: unknown,
		reason?: string,
	) {
		await new AuditRepository(trx, this.database.dialect).append({
			action,
			objectType: "commitment",
			objectId: id,
			actorUserId: auditActorId(actor),
			actorVia: actor.via,
			before,
			after: reason === undefined ? after : { ...(after as object), reason },
		});
	}

	private async freeSlug(repo: CommitmentRepository, base: string): Promise<string> {
		for (let n = 1; ; n++) {
			const candidate = n === 1 ? base : `${base}-${n}`;
			if (!(await repo.slugTaken(candidate))) return candidate;
		}
	}

	private async requireId(repo: CommitmentRepository, refText: string): Promise<number> {
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a commitment id or slug`);
		const id = await repo.findId(ref);
		if (id === null) throw AppError.notFound("commitment", refText);
		return id;
	}

	// ---- reads ----

	/** The recorded steps of a commitment, from the audit log: who, when, what and why. */
	async history(refText: string, actor: Actor | null) {
		const repo = new CommitmentRepository(this.db);
		const { id, current } = await this.loadVisible(repo, refText, actor);
		const events = await new AuditRepository(this.db, this.database.dialect).forObject(
			"commitment",
			String(id),
		);
		// The public sees the record from its publication on; how a draft was written and
		// returned stays between its makers and the secretariat.
		const seesDrafts = commitmentPolicy.seesDrafts(actor, { makerIds: current.state.maker_ids });
		let status = "draft";
		const items = [];
		for (const e of events) {
			const before = e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null;
			const after = e.after ? (JSON.parse(e.after) as Record<string, unknown>) : {};
			const { reason, ...state } = after;
			if (typeof state.status === "string") status = state.status;
			if (!seesDrafts && !isPublic(status)) continue;
			items.push({
				at: e.occurred_at,
				action: e.action,
				by: e.display_name ?? null,
				via: e.actor_via,
				reason: typeof reason === "string" ? reason : null,
				changed:
					e.action === "commitment.update" ? differences(before, state).map((d) => d.field) : [],
			});
		}
		return { items };
	}

	/** Relations in both directions, leaving out drafts and submissions this actor may not see. */
	private async visibleRelations(repo: CommitmentRepository, id: number, actor: Actor | null) {
		const all = await repo.relations(id);
		const hidden = [...all.outgoing, ...all.incoming]
			.filter((r) => !(publicStatuses as readonly string[]).includes(r.status))
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
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const { rows, total } = await search.pageAndTotal(
			filter,
			"-id",
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

	async list(
		query: CommitmentListQuery,
	): Promise<{ items: CommitmentListItem[]; total: number; page: number; limit: number }> {
		const filter = await this.resolveFilter(query);
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const { rows, total } = await search.pageAndTotal(
			filter,
			query.sort,
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
	 */
	async facets(query: CommitmentFacetQuery): Promise<CommitmentFacets> {
		const filter = await this.resolveFilter(query);
		const search = new CommitmentSearchRepository(this.db, this.database.dialect);
		const repo = new CommitmentFacetRepository(this.db);
		const [total, ...counted] = await Promise.all([
			search.count(filter),
			...facetDimensions.map((d) => repo.counts(d, search.idsQuery(filterWithout(filter, d)))),
		]);
		const counts = keyedByDimension(counted);
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

	/** One commitment whole; a draft or submission only for its makers' members and the secretariat. */
	async get(refText: string, actor: Actor | null = null): Promise<CommitmentDetail> {
		const repo = new CommitmentRepository(this.db);
		const { id, current } = await this.loadVisible(repo, refText, actor);
		const row = await repo.findRow(id);
		if (!row) throw AppError.notFound("commitment", refText);
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
				: versions.filter((v) => isPublic((JSON.parse(v.snapshot) as { status: string }).status)),
		);
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
			status_reason: row.status_reason,
		};
	}
}
