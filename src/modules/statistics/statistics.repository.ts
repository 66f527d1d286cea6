/** Official statistics and their providers: the only place that reads or writes them. */
import type { Kysely } from "kysely";
import { chunks } from "../../db/batch.ts";
import type { Tables } from "../../db/tables.ts";
import type { ProviderInfo, StatTable } from "../analytics/share.measure.ts";
import type { StatisticRow } from "./statistics.csv.ts";

export interface StatisticFilter {
	provider?: string[];
	measure?: string[];
	year_from?: number;
	year_to?: number;
}

export class StatisticsRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async providers(): Promise<ProviderInfo[]> {
		return this.db
			.selectFrom("statistic_provider")
			.select(["code", "name", "kind", "eu_from", "eu_to"])
			.orderBy("code")
			.execute();
	}

	async providerRows() {
		return this.db.selectFrom("statistic_provider").selectAll().orderBy("code").execute();
	}

	async upsertProviders(rows: Tables["statistic_provider"][]): Promise<void> {
		for (const batch of chunks(rows, 200))
			await this.db
				.insertInto("statistic_provider")
				.values(batch)
				.onConflict((oc) =>
					oc.column("code").doUpdateSet((eb) => ({
						name: eb.ref("excluded.name"),
						kind: eb.ref("excluded.kind"),
						dac_code: eb.ref("excluded.dac_code"),
						eu_from: eb.ref("excluded.eu_from"),
						eu_to: eb.ref("excluded.eu_to"),
					})),
				)
				.execute();
	}

	/** A provider, year and measure given again replaces the stored value: never a duplicate. */
	async upsert(
		rows: StatisticRow[],
		loadedAt: string,
	): Promise<{ created: number; replaced: number }> {
		let replaced = 0;
		for (const batch of chunks(rows, 100)) {
			const keys = new Set(batch.map((r) => `${r.provider}|${r.year}|${r.measure}`));
			const existing = await this.db
				.selectFrom("official_statistic")
				.select(["provider", "year", "measure"])
				.where("provider", "in", [...new Set(batch.map((r) => r.provider))])
				.where("year", "in", [...new Set(batch.map((r) => r.year))])
				.execute();
			replaced += existing.filter((e) => keys.has(`${e.provider}|${e.year}|${e.measure}`)).length;
			await this.db
				.insertInto("official_statistic")
				.values(batch.map((r) => ({ ...r, loaded_at: loadedAt })))
				.onConflict((oc) =>
					oc.columns(["provider", "year", "measure"]).doUpdateSet((eb) => ({
						value: eb.ref("excluded.value"),
						unit: eb.ref("excluded.unit"),
						basis: eb.ref("excluded.basis"),
						source: eb.ref("excluded.source"),
						source_url: eb.ref("excluded.source_url"),
						published_on: eb.ref("excluded.published_on"),
						loaded_at: eb.ref("excluded.loaded_at"),
					})),
				)
				.execute();
		}
		return { created: rows.length - replaced, replaced };
	}

	async list(f: StatisticFilter) {
		let q = this.db.selectFrom("official_statistic").selectAll();
		if (f.provider?.length) q = q.where("provider", "in", f.provider);
		if (f.measure?.length) q = q.where("measure", "in", f.measure);
		if (f.year_from !== undefined) q = q.where("year", ">=", f.year_from);
		if (f.year_to !== undefined) q = q.where("year", "<=", f.year_to);
		return q.orderBy("provider").orderBy("measure").orderBy("year").execute();
	}

	/** The latest year with a value, and the newest publication date among the values. */
	async coverage(): Promise<{ latest_year: number | null; published_on: string | null }> {
		const r = await this.db
			.selectFrom("official_statistic")
			.select((eb) => [
				eb.fn.max("year").as("latest_year"),
				eb.fn.max("published_on").as("published_on"),
			])
			.executeTakeFirst();
		return {
			latest_year: r?.latest_year == null ? null : Number(r.latest_year),
			published_on: (r?.published_on as string | null | undefined) ?? null,
		};
	}

	async count(): Promise<number> {
		const r = await this.db
			.selectFrom("official_statistic")
			.select((eb) => eb.fn.countAll<number | string>().as("n"))
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}

	/** Every value, as the share measurement reads them. Small: a few thousand rows. */
	async table(): Promise<StatTable> {
		const rows = await this.db.selectFrom("official_statistic").selectAll().execute();
		const out: StatTable = new Map();
		for (const r of rows) {
			const byYear = out.get(r.provider) ?? new Map();
			out.set(r.provider, byYear);
			const byMeasure = byYear.get(r.year) ?? new Map();
			byYear.set(r.year, byMeasure);
			byMeasure.set(r.measure, {
				value: Number(r.value),
				unit: r.unit,
				basis: r.basis,
				source: r.source,
				source_url: r.source_url,
				published_on: r.published_on,
			});
		}
		return out;
	}

	/**
	 * Ids of the commitments stated as a share of national income or as an increase over
	 * a baseline year: what new statistics re-measure.
	 */
	async shareCommitmentIds(): Promise<number[]> {
		const rows = await this.db
			.selectFrom("commitment")
			.select("id")
			.where((eb) =>
				eb.or([eb("gni_share_min", "is not", null), eb("increase_over_year", "is not", null)]),
			)
			.orderBy("id")
			.execute();
		return rows.map((r) => Number(r.id));
	}
}
