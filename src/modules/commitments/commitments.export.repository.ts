/** What a flat export of commitments adds to the list items, for a whole batch in a few queries. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toConvertedCents, toConvertedCentsOrNull, toInt } from "../../lib/numbers.ts";

/** A commitment's normalised figures (US cents) from the analytics tables. */
export interface DeliveryFigures {
	reason: string;
	conversion: string;
	committed_current: number | null;
	committed_constant: number | null;
	delivered_current: number;
	delivered_constant: number;
}

export interface CommitmentExportParts {
	goals: Map<string, string>;
	targets: Map<string, string>;
	sectors: Map<number, { code: string; name: string | null }[]>;
	sources: Map<number, { title: string; url: string | null; document_symbol: string | null }[]>;
	delivery: Map<number, DeliveryFigures>;
}

function groupBy<T, V>(rows: T[], key: (r: T) => number, value: (r: T) => V): Map<number, V[]> {
	const out = new Map<number, V[]>();
	for (const r of rows) {
		const k = key(r);
		const list = out.get(k);
		if (list) list.push(value(r));
		else out.set(k, [value(r)]);
	}
	return out;
}

export class CommitmentExportRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/** English titles of goals and targets, names of sectors, sources and delivery figures. */
	async parts(
		ids: number[],
		goalIds: string[],
		targetIds: string[],
	): Promise<CommitmentExportParts> {
		if (ids.length === 0)
			return {
				goals: new Map(),
				targets: new Map(),
				sectors: new Map(),
				sources: new Map(),
				delivery: new Map(),
			};
		const [goals, targets, sectors, sources, delivery] = await Promise.all([
			goalIds.length
				? this.db.selectFrom("goal").select(["id", "title"]).where("id", "in", goalIds).execute()
				: [],
			targetIds.length
				? this.db
						.selectFrom("target")
						.select(["id", "title"])
						.where("id", "in", targetIds)
						.execute()
				: [],
			this.db
				.selectFrom("commitment_sector as s")
				// Five-digit codes are DAC purposes (Sector), three-digit ones categories (SectorCategory).
				.leftJoin("code_name as n", (j) =>
					j
						.onRef("n.code", "=", "s.code")
						.on("n.lang", "=", "en")
						.on("n.list", "in", ["Sector", "SectorCategory"]),
				)
				.select(["s.commitment_id", "s.code", "n.name"])
				.where("s.commitment_id", "in", ids)
				.orderBy("s.commitment_id")
				.orderBy("s.code")
				.execute(),
			this.db
				.selectFrom("commitment_source")
				.select(["commitment_id", "title", "url", "document_symbol"])
				.where("commitment_id", "in", ids)
				.orderBy("commitment_id")
				.orderBy("position")
				.execute(),
			this.db
				.selectFrom("delivery_state")
				.select([
					"commitment_id",
					"reason",
					"conversion",
					"committed_current",
					"committed_constant",
					"delivered_current",
					"delivered_constant",
				])
				.where("commitment_id", "in", ids)
				.execute(),
		]);
		return {
			goals: new Map(goals.map((g) => [g.id, g.title])),
			targets: new Map(targets.map((t) => [t.id, t.title])),
			sectors: groupBy(
				sectors,
				(r) => toInt(r.commitment_id),
				(r) => ({ code: r.code, name: r.name ?? null }),
			),
			sources: groupBy(
				sources,
				(r) => toInt(r.commitment_id),
				(r) => ({ title: r.title, url: r.url, document_symbol: r.document_symbol }),
			),
			delivery: new Map(
				delivery.map((d) => [
					toInt(d.commitment_id),
					{
						reason: d.reason,
						conversion: d.conversion,
						committed_current: toConvertedCentsOrNull(d.committed_current),
						committed_constant: toConvertedCentsOrNull(d.committed_constant),
						delivered_current: toConvertedCents(d.delivered_current),
						delivered_constant: toConvertedCents(d.delivered_constant),
					},
				]),
			),
		};
	}
}
