/** Stores and reads stakeholders and their group memberships. */
import type { Kysely } from "kysely";
import { idsByRef } from "../../db/refs.ts";
import type { Tables } from "../../db/tables.ts";
import { canNameRecord, type RecordRef } from "../../lib/ids.ts";
import { toInt } from "../../lib/numbers.ts";
import type { StakeholderKind } from "./stakeholders.schemas.ts";

export interface StakeholderFilter {
	kinds?: string[];
	groups?: string[];
	countries?: string[];
	nameLike?: string;
	publicStatuses: readonly string[];
}

export interface StakeholderRecord {
	id: number;
	slug: string;
	name: string;
	short_name: string | null;
	kind: StakeholderKind;
	country: string | null;
	iati_org_id: string | null;
	website: string | null;
	statistics_provider: string | null;
}

export class StakeholderRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async idsByRef(refs: readonly RecordRef[]): Promise<Map<string, number>> {
		return idsByRef(this.db, "stakeholder", refs);
	}

	async insert(s: Omit<StakeholderRecord, "id">, groups: string[], now: string): Promise<number> {
		const row = await this.db
			.insertInto("stakeholder")
			.values({
				slug: s.slug,
				name: s.name,
				short_name: s.short_name,
				kind: s.kind,
				country_code: s.country,
				iati_org_id: s.iati_org_id,
				website: s.website,
				statistics_provider: s.statistics_provider,
				created_at: now,
				updated_at: now,
			})
			.returning("id")
			.executeTakeFirstOrThrow();
		const id = toInt(row.id);
		if (groups.length)
			await this.db
				.insertInto("stakeholder_group_member")
				.values(groups.map((group_code) => ({ stakeholder_id: id, group_code })))
				.execute();
		return id;
	}

	private filtered(f: StakeholderFilter) {
		let q = this.db.selectFrom("stakeholder");
		if (f.kinds?.length) q = q.where("stakeholder.kind", "in", f.kinds);
		if (f.countries?.length) q = q.where("stakeholder.country_code", "in", f.countries);
		if (f.groups?.length) {
			const groups = f.groups;
			q = q.where((eb) =>
				eb.exists(
					eb
						.selectFrom("stakeholder_group_member as g")
						.select("g.group_code")
						.whereRef("g.stakeholder_id", "=", "stakeholder.id")
						.where("g.group_code", "in", groups),
				),
			);
		}
		if (f.nameLike) {
			const like = f.nameLike;
			q = q.where((eb) =>
				eb.or([
					eb(eb.fn("lower", ["stakeholder.name"]), "like", like),
					eb(eb.fn("lower", ["stakeholder.short_name"]), "like", like),
				]),
			);
		}
		return q;
	}

	async count(f: StakeholderFilter): Promise<number> {
		const row = await this.filtered(f)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	async page(f: StakeholderFilter, offset: number, limit: number): Promise<StakeholderRecord[]> {
		const rows = await this.filtered(f)
			.select(this.recordColumns)
			.orderBy("stakeholder.name")
			.orderBy("stakeholder.id")
			.limit(limit)
			.offset(offset)
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id), kind: r.kind as StakeholderKind }));
	}

	async find(ref: RecordRef): Promise<StakeholderRecord | null> {
		if (!canNameRecord(ref)) return null;
		const q = this.db.selectFrom("stakeholder").select(this.recordColumns);
		const row = await ("id" in ref
			? q.where("id", "=", ref.id)
			: q.where("slug", "=", ref.slug)
		).executeTakeFirst();
		return row ? { ...row, id: toInt(row.id), kind: row.kind as StakeholderKind } : null;
	}

	async byIds(ids: number[]): Promise<StakeholderRecord[]> {
		if (ids.length === 0) return [];
		const rows = await this.db
			.selectFrom("stakeholder")
			.select(this.recordColumns)
			.where("id", "in", ids)
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id), kind: r.kind as StakeholderKind }));
	}

	async findByCountry(country: string): Promise<StakeholderRecord | null> {
		const row = await this.db
			.selectFrom("stakeholder")
			.select(this.recordColumns)
			.where("country_code", "=", country)
			.where("kind", "=", "member_state")
			.orderBy("id")
			.executeTakeFirst();
		return row ? { ...row, id: toInt(row.id), kind: row.kind as StakeholderKind } : null;
	}

	private readonly recordColumns = [
		"stakeholder.id",
		"stakeholder.slug",
		"stakeholder.name",
		"stakeholder.short_name",
		"stakeholder.kind",
		"stakeholder.country_code as country",
		"stakeholder.iati_org_id",
		"stakeholder.website",
		"stakeholder.statistics_provider",
	] as const;

	async groupsOf(ids: number[]): Promise<Map<number, string[]>> {
		const out = new Map<number, string[]>();
		if (ids.length === 0) return out;
		const rows = await this.db
			.selectFrom("stakeholder_group_member")
			.select(["stakeholder_id", "group_code"])
			.where("stakeholder_id", "in", ids)
			.orderBy("group_code")
			.execute();
		for (const r of rows) {
			const id = toInt(r.stakeholder_id);
			out.set(id, [...(out.get(id) ?? []), r.group_code]);
		}
		return out;
	}
}
