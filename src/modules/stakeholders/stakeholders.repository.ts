/** Stores and reads stakeholders and their group memberships. */
import type { Kysely } from "kysely";
import { idsByRef } from "../../db/refs.ts";
import type { Tables } from "../../db/tables.ts";
import { canNameRecord, type RecordRef } from "../../lib/ids.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";
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

export interface AgencyRecord {
	iati_org_id: string;
	name: string | null;
	reported_from: number | null;
	reported_to: number | null;
	source: string | null;
}

/** Who holds an IATI organisation identifier: a stakeholder as itself, or through an agency. */
export interface OrgRefHolder {
	ref: string;
	stakeholder_id: number;
	slug: string;
	name: string;
	/** The agency's name when the identifier is an agency's (null: not recorded). */
	agency_name: string | null;
	via_agency: boolean;
}

export class StakeholderRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async idsByRef(refs: readonly RecordRef[]): Promise<Map<string, number>> {
		return idsByRef(this.db, "stakeholder", refs);
	}

	async insert(
		s: Omit<StakeholderRecord, "id">,
		groups: string[],
		agencies: AgencyRecord[],
		now: string,
	): Promise<number> {
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
		if (agencies.length)
			await this.db
				.insertInto("stakeholder_agency")
				.values(agencies.map((a, position) => ({ ...a, stakeholder_id: id, position })))
				.execute();
		return id;
	}

	/** Records an agency after those a stakeholder has. */
	async addAgency(stakeholderId: number, a: AgencyRecord, position: number): Promise<void> {
		await this.db
			.insertInto("stakeholder_agency")
			.values({ ...a, stakeholder_id: stakeholderId, position })
			.execute();
	}

	/** Fills what is missing (null) about an agency; what is recorded stays. */
	async fillAgency(stakeholderId: number, a: AgencyRecord): Promise<void> {
		await this.db
			.updateTable("stakeholder_agency")
			.set((eb) => ({
				name: eb.fn.coalesce("name", eb.val(a.name)),
				reported_from: eb.fn.coalesce("reported_from", eb.val(a.reported_from)),
				reported_to: eb.fn.coalesce("reported_to", eb.val(a.reported_to)),
				source: eb.fn.coalesce("source", eb.val(a.source)),
			}))
			.where("stakeholder_id", "=", stakeholderId)
			.where("iati_org_id", "=", a.iati_org_id)
			.execute();
	}

	/** The stakeholders holding these identifiers, as their own or an agency's; first recorded first. */
	async holdersOf(refs: string[]): Promise<Map<string, OrgRefHolder>> {
		const out = new Map<string, OrgRefHolder>();
		if (refs.length === 0) return out;
		const [own, agencies] = await Promise.all([
			this.db
				.selectFrom("stakeholder")
				.select(["id", "slug", "name", "iati_org_id as ref"])
				.where("iati_org_id", "in", refs)
				.orderBy("id")
				.execute(),
			this.db
				.selectFrom("stakeholder_agency as a")
				.innerJoin("stakeholder as s", "s.id", "a.stakeholder_id")
				.select(["s.id", "s.slug", "s.name", "a.iati_org_id as ref", "a.name as agency_name"])
				.where("a.iati_org_id", "in", refs)
				.execute(),
		]);
		for (const r of agencies)
			out.set(r.ref, { ...r, stakeholder_id: toInt(r.id), via_agency: true });
		for (const r of own)
			if (r.ref && !out.has(r.ref))
				out.set(r.ref, {
					ref: r.ref,
					stakeholder_id: toInt(r.id),
					slug: r.slug,
					name: r.name,
					agency_name: null,
					via_agency: false,
				});
		return out;
	}

	async agenciesOf(ids: number[]): Promise<Map<number, AgencyRecord[]>> {
		const out = new Map<number, AgencyRecord[]>();
		if (ids.length === 0) return out;
		const rows = await this.db
			.selectFrom("stakeholder_agency")
			.select(["stakeholder_id", "iati_org_id", "name", "reported_from", "reported_to", "source"])
			.where("stakeholder_id", "in", ids)
			.orderBy("stakeholder_id")
			.orderBy("position")
			.execute();
		for (const { stakeholder_id, ...a } of rows) {
			const id = toInt(stakeholder_id);
			out.set(id, [
				...(out.get(id) ?? []),
				{
					...a,
					reported_from: toIntOrNull(a.reported_from),
					reported_to: toIntOrNull(a.reported_to),
				},
			]);
		}
		return out;
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
