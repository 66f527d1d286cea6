/**
 * Official statistics: loading them (the shipped dataset once per change, and operators'
 * files with `iif import statistics`), reading them, and re-measuring the share-of-income
 * targets they measure, in the same transaction as the load, with its audit event.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Database } from "../../db/database.ts";
import { getMeta, setMeta } from "../../db/meta.ts";
import type { Actor } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { parseInput } from "../../lib/validation.ts";
import { refreshDelivery } from "../analytics/delivery.refresh.ts";
import {
	dedupe,
	millionsToCents,
	providerYears,
	subjectMembers,
} from "../analytics/share.measure.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { describeProblem, parseStatistics } from "./statistics.csv.ts";
import { readProviders, shippedStatisticsFile, shippedStatisticsHash } from "./statistics.data.ts";
import { type OdaGap, odaGap } from "./statistics.gap.ts";
import { StatisticsRepository } from "./statistics.repository.ts";
import {
	type ImportResult,
	type ProviderSeries,
	providerParams,
	type StatisticListQuery,
} from "./statistics.schemas.ts";

const hashKey = "statistics_data_hash";

export class StatisticsService {
	constructor(private readonly database: Database) {}

	/** The shipped dataset, loaded when it changed (as the other reference data). */
	async ensureLoaded(actor: Actor | null = null): Promise<{ loaded: boolean }> {
		const hash = shippedStatisticsHash();
		if ((await getMeta(this.database.db, hashKey)) === hash) return { loaded: false };
		const providers = readProviders();
		await this.database.db.transaction().execute(async (trx) => {
			await new StatisticsRepository(trx).upsertProviders(providers);
		});
		await this.load(shippedStatisticsFile, readFileSync(shippedStatisticsFile, "utf8"), actor, {
			afterWrite: (trx) => setMeta(trx, hashKey, hash),
		});
		return { loaded: true };
	}

	/** `iif import statistics FILE`: the whole file or nothing; a value given again replaces the stored one. */
	async importFile(path: string, actor: Actor): Promise<ImportResult> {
		let text: string;
		try {
			text = readFileSync(path, "utf8");
		} catch (e) {
			throw new AppError(
				"invalid_input",
				`${path}: cannot read the file (${(e as Error).message})`,
			);
		}
		return this.load(path, text, actor);
	}

	private async load(
		file: string,
		text: string,
		actor: Actor | null,
		options: { afterWrite?: (trx: Database["db"]) => Promise<void> } = {},
	): Promise<ImportResult> {
		const known = new Set(
			(await new StatisticsRepository(this.database.db).providers()).map((p) => p.code),
		);
		const { rows, problems } = parseStatistics(text, known);
		if (problems.length > 0)
			throw new AppError(
				"invalid_input",
				`${file}: ${problems.length === 1 ? "a problem" : `${problems.length} problems`}, nothing loaded:\n${problems.map((p) => `  ${describeProblem(file, p)}`).join("\n")}`,
				{
					fields: problems.map((p) => ({
						name: `${basename(file)}:${p.line}:${p.column}${p.field ? `:${p.field}` : ""}`,
						message: p.message,
					})),
				},
			);
		return this.database.db.transaction().execute(async (trx) => {
			const repo = new StatisticsRepository(trx);
			const { created, replaced } = await repo.upsert(rows, nowIso());
			// Every share-of-income target is measured anew on what was just loaded.
			const ids = await repo.shareCommitmentIds();
			await refreshDelivery(trx, ids);
			await options.afterWrite?.(trx);
			const result = {
				file: basename(file),
				values: rows.length,
				created,
				replaced,
				commitments_measured: ids.length,
			};
			if (actor)
				await recordAudit(trx, actor, {
					action: "statistics.import",
					objectId: basename(file),
					after: result,
				});
			return result;
		});
	}

	async list(q: StatisticListQuery) {
		const items = await new StatisticsRepository(this.database.db).list(q);
		return {
			items: items.map((r) => ({
				...r,
				measure: r.measure as "oda",
				unit: r.unit as "usd_millions",
			})),
			total: items.length,
		};
	}

	/** A provider's latest ODA/GNI against a target share, with the gap in share and in money; null without figures. */
	async latestGap(input: unknown, targetPercent: number): Promise<OdaGap | null> {
		return odaGap(await this.series(input), targetPercent);
	}

	/** How recent the loaded statistics are: the latest year covered and the newest publication date. */
	coverage() {
		return new StatisticsRepository(this.database.db).coverage();
	}

	async providers() {
		const rows = await new StatisticsRepository(this.database.db).providerRows();
		return { items: rows.map((r) => ({ ...r, kind: r.kind as "country" })) };
	}

	/** A provider's ODA, GNI and ODA/GNI by year (a collective's as the sum of its members). */
	async series(input: unknown): Promise<ProviderSeries> {
		const { code } = parseInput(providerParams, input, "path parameter");
		const repo = new StatisticsRepository(this.database.db);
		const [rows, table] = await Promise.all([repo.providerRows(), repo.table()]);
		const p = rows.find((x) => x.code === code);
		if (!p) throw AppError.notFound("statistics provider", code);
		const subject = { providers: [p], all: rows };
		const oda = providerYears(subject, table, "oda");
		const ldc = providerYears(subject, table, "oda_ldc");
		const dollars = (m: number | null) =>
			m === null ? null : formatMinorUnits(millionsToCents(m), "USD");
		const pct = (x: number | null | undefined) =>
			x === null || x === undefined ? null : Math.round(x * 10_000) / 10_000;
		const years = oda.sorted
			.map((year) => {
				const f = oda.figures.get(year);
				const l = ldc.figures.get(year);
				return {
					year,
					oda: dollars(f?.oda ?? null),
					gni: dollars(f?.gni ?? null),
					share: pct(f?.share),
					oda_ldc_share: pct(l?.share),
					basis: f?.basis ?? null,
					sources: dedupe([...(f?.sources ?? []), ...(l?.share != null ? l.sources : [])]),
				};
			})
			.filter((y) => y.share !== null || y.oda_ldc_share !== null);
		const last = oda.sorted.at(-1);
		return {
			...p,
			kind: p.kind as "country",
			members: last === undefined ? [] : subjectMembers([p], rows, last),
			years,
		};
	}

	/**
	 * Each provider's latest published ODA as a share of GNI (a collective's as the sum of
	 * its members), with its year: the league table's column. Unknown codes are left out.
	 */
	async latestShares(codes: string[]): Promise<Map<string, { year: number; share: number }>> {
		const out = new Map<string, { year: number; share: number }>();
		if (codes.length === 0) return out;
		const repo = new StatisticsRepository(this.database.db);
		const [rows, table] = await Promise.all([repo.providerRows(), repo.table()]);
		for (const code of new Set(codes)) {
			const p = rows.find((x) => x.code === code);
			if (!p) continue;
			const oda = providerYears({ providers: [p], all: rows }, table, "oda");
			for (const year of [...oda.sorted].reverse()) {
				const share = oda.figures.get(year)?.share;
				if (share === null || share === undefined) continue;
				out.set(code, { year, share: Math.round(share * 10_000) / 10_000 });
				break;
			}
		}
		return out;
	}
}
