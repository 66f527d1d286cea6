/** Countries: listing and detail, with what they received and what their governments committed. */
import type * as z from "zod";
import type { Database } from "../../db/database.ts";
import { type Batches, mapBatches, offsetBatches } from "../../lib/batches.ts";
import { AppError } from "../../lib/errors.ts";
import { likePattern } from "../../lib/text.ts";
import type { AnalyticsService } from "../analytics/analytics.service.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { CountryRepository } from "./countries.repository.ts";
import type { countryDetailQuery, countryItem, countryListQuery } from "./countries.schemas.ts";

export type CountryExport = z.output<typeof countryItem>;

export class CountryService {
	constructor(
		private readonly database: Database,
		private readonly analytics: AnalyticsService,
	) {}

	async list(query: z.output<typeof countryListQuery>) {
		const repo = new CountryRepository(this.database.db);
		const filter = { lang: query.lang, nameLike: likePattern(query.q) };
		const [total, rows] = await Promise.all([
			repo.count(filter),
			repo.page(filter, (query.page - 1) * query.limit, query.limit),
		]);
		return { items: await this.decorate(repo, rows), total, page: query.page, limit: query.limit };
	}

	/** Every country the list selects, in code order, a batch at a time: the list items. */
	async exportBatches(
		query: Omit<z.output<typeof countryListQuery>, "page" | "limit">,
	): Promise<Batches<CountryExport>> {
		const repo = new CountryRepository(this.database.db);
		const filter = { lang: query.lang, nameLike: likePattern(query.q) };
		return mapBatches(
			offsetBatches((offset, limit) => repo.page(filter, offset, limit)),
			(rows) => this.decorate(repo, rows),
		);
	}

	private async decorate(
		repo: CountryRepository,
		rows: { code: string; name: string; status: string }[],
	): Promise<CountryExport[]> {
		const codes = rows.map((r) => r.code);
		const [received, stakeholders] = await Promise.all([
			this.analytics.publicCounts("recipient", codes, (c) => `country:${c}`),
			repo.stakeholders(codes),
		]);
		const items = rows.map((r) => ({
			code: r.code,
			name: r.name,
			status: r.status,
			stakeholder: stakeholders.get(r.code) ?? null,
			commitments_received: received.get(r.code) ?? 0,
		}));
		return items;
	}

	async get(codeText: string, query: z.output<typeof countryDetailQuery>) {
		if (!/^[A-Za-z]{2}$/.test(codeText))
			throw AppError.invalid(
				"code",
				`'${codeText}' is not an ISO 3166-1 alpha-2 country code (two letters, such as KE)`,
			);
		const code = codeText.toUpperCase();
		const repo = new CountryRepository(this.database.db);
		const row = await repo.find(code, query.lang);
		if (!row) throw AppError.notFound("country", code);
		const [received, stakeholders, names] = await Promise.all([
			this.analytics.publicCounts("recipient", [code], (c) => `country:${c}`),
			repo.stakeholders([code]),
			repo.names(code),
		]);
		const stakeholder = stakeholders.get(code) ?? null;
		const stakeholderRepo = new StakeholderRepository(this.database.db);
		const [groups, made] = stakeholder
			? await Promise.all([
					stakeholderRepo.groupsOf([stakeholder.id]),
					this.analytics.publicCounts("stakeholder", [stakeholder.id], String),
				])
			: [new Map<number, string[]>(), new Map<number, number>()];
		return {
			code,
			name: row.name,
			status: row.status,
			names,
			stakeholder,
			groups: stakeholder ? (groups.get(stakeholder.id) ?? []) : [],
			commitments_received: received.get(code) ?? 0,
			commitments_made: stakeholder ? (made.get(stakeholder.id) ?? 0) : 0,
			links: {
				received: `/api/v1/commitments?recipient=${code}`,
				made: stakeholder ? `/api/v1/commitments?stakeholder=${stakeholder.id}` : null,
			},
			delivery: {
				received: await this.analytics.groupSummary("recipient", `country:${code}`),
				made: stakeholder
					? await this.analytics.groupSummary("stakeholder", String(stakeholder.id))
					: null,
			},
		};
	}
}
