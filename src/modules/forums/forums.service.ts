/** Forums: creation, listing and detail. */
import type * as z from "zod";
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
import { type ForumRecord, ForumRepository } from "./forums.repository.ts";
import { forumInput, type forumItem, type forumListQuery } from "./forums.schemas.ts";

export type ForumExport = z.output<typeof forumItem>;

export class ForumService {
	constructor(
		private readonly database: Database,
		private readonly analytics: AnalyticsService,
	) {}

	/** Reference records of the registry: created by the secretariat (or the operator's seed). */
	async create(input: unknown, actor: Actor): Promise<number> {
		if (!isStaff(actor) && actor.via !== "cli")
			throw new AppError("forbidden", "only the secretariat adds forums");
		const f = parseInput(forumInput, input);
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new ForumRepository(trx);
			if ((await repo.idsByRef([{ slug: f.slug }])).size)
				throw new AppError("conflict", `a forum with slug '${f.slug}' exists already`, {
					fields: [{ name: "slug", message: "is taken" }],
				});
			const id = await repo.insert(f, nowIso());
			await recordAudit(trx, actor, { action: "forum.create", objectId: id, after: f });
			return id;
		});
	}

	private filter(query: Omit<z.output<typeof forumListQuery>, "page" | "limit">) {
		if (query.year_from && query.year_to && query.year_from > query.year_to)
			throw AppError.invalid("year_to", "query parameter 'year_to' is before year_from");
		return {
			kinds: query.kind,
			heldFrom: query.year_from ? `${query.year_from}-01-01` : undefined,
			heldTo: query.year_to ? `${query.year_to}-12-31` : undefined,
			nameLike: likePattern(query.q),
		};
	}

	async list(query: z.output<typeof forumListQuery>) {
		const filter = this.filter(query);
		const repo = new ForumRepository(this.database.db);
		const [total, rows] = await Promise.all([
			repo.count(filter),
			repo.page(filter, (query.page - 1) * query.limit, query.limit),
		]);
		return { items: await this.decorate(rows), total, page: query.page, limit: query.limit };
	}

	/** Every forum the list selects, in its order, a batch at a time: the list items. */
	async exportBatches(
		query: Omit<z.output<typeof forumListQuery>, "page" | "limit">,
	): Promise<Batches<ForumExport>> {
		const filter = this.filter(query);
		const repo = new ForumRepository(this.database.db);
		return mapBatches(
			offsetBatches((offset, limit) => repo.page(filter, offset, limit)),
			(rows) => this.decorate(rows),
		);
	}

	async get(refText: string) {
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a forum id or slug`);
		const repo = new ForumRepository(this.database.db);
		const row = await repo.find(ref);
		if (!row) throw AppError.notFound("forum", refText);
		const [item] = await this.decorate([row]);
		return {
			...(item as NonNullable<typeof item>),
			commitments: `/api/v1/commitments?forum=${row.id}`,
			delivery: await this.analytics.groupSummary("forum", String(row.id)),
		};
	}

	private async decorate(rows: ForumRecord[]) {
		const counts = await this.analytics.publicCounts(
			"forum",
			rows.map((r) => r.id),
			String,
		);
		return rows.map(({ description, ...r }) => ({
			...r,
			description,
			commitment_count: counts.get(r.id) ?? 0,
		}));
	}
}
