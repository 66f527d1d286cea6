/**
 * Stores and reads requirements, and sums what the registry's commitments delivered
 * for a requirement's goal (or target) and scope: the "provided" side of the gap when
 * the requirement's own source gives no figure.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { canNameRecord, type RecordRef } from "../../lib/ids.ts";
import { toConvertedCentsOrNull, toInt, toIntOrNull } from "../../lib/numbers.ts";
import type { ConversionStatus } from "../analytics/conversion.ts";
import type { RequirementScope } from "./requirements.schemas.ts";

export interface RequirementRecord {
	id: number;
	slug: string;
	title: string;
	goal_id: string;
	target_id: string | null;
	scope: RequirementScope;
	scope_code: string | null;
	amount_minor: number;
	provided_minor: number | null;
	currency: string;
	frequency: "annual" | "total";
	price_basis: "current" | "constant";
	price_base_year: number | null;
	period_start: string;
	period_end: string;
	source_title: string;
	source_url: string | null;
	note: string | null;
	required_current: number | null;
	required_constant: number | null;
	provided_current: number | null;
	provided_constant: number | null;
	conversion: ConversionStatus;
	created_at: string;
	updated_at: string;
}

export type RequirementInsert = Omit<RequirementRecord, "id">;

export interface RequirementFilter {
	goals?: string[];
	targets?: string[];
	scopes?: string[];
	/** Scope codes; "global" matches the global scope. */
	recipients?: string[];
}

/** What the registry delivered, in US cents, summed over the years asked. */
export interface RegistryDelivered {
	current: number;
	constant: number;
}

const columns = [
	"id",
	"slug",
	"title",
	"goal_id",
	"target_id",
	"scope",
	"scope_code",
	"amount_minor",
	"provided_minor",
	"currency",
	"amount_frequency",
	"price_basis",
	"price_base_year",
	"period_start",
	"period_end",
	"source_title",
	"source_url",
	"note",
	"required_current",
	"required_constant",
	"provided_current",
	"provided_constant",
	"conversion",
	"created_at",
	"updated_at",
] as const;

type Row = Selectable<Tables["requirement"]>;

function record(r: Row): RequirementRecord {
	return {
		id: toInt(r.id),
		slug: r.slug,
		title: r.title,
		goal_id: r.goal_id,
		target_id: r.target_id,
		scope: r.scope as RequirementScope,
		scope_code: r.scope_code,
		amount_minor: toInt(r.amount_minor),
		provided_minor: toIntOrNull(r.provided_minor),
		currency: r.currency,
		frequency: r.amount_frequency as RequirementRecord["frequency"],
		price_basis: r.price_basis as RequirementRecord["price_basis"],
		price_base_year: r.price_base_year === null ? null : toInt(r.price_base_year),
		period_start: r.period_start,
		period_end: r.period_end,
		source_title: r.source_title,
		source_url: r.source_url,
		note: r.note,
		required_current: toConvertedCentsOrNull(r.required_current),
		required_constant: toConvertedCentsOrNull(r.required_constant),
		provided_current: toConvertedCentsOrNull(r.provided_current),
		provided_constant: toConvertedCentsOrNull(r.provided_constant),
		conversion: r.conversion as ConversionStatus,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

export class RequirementRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async slugTaken(slug: string): Promise<boolean> {
		const row = await this.db
			.selectFrom("requirement")
			.select("id")
			.where("slug", "=", slug)
			.executeTakeFirst();
		return row !== undefined;
	}

	async insert(r: RequirementInsert): Promise<number> {
		const { frequency, ...rest } = r;
		const row = await this.db
			.insertInto("requirement")
			.values({ ...rest, amount_frequency: frequency })
			.returning("id")
			.executeTakeFirstOrThrow();
		return toInt(row.id);
	}

	async find(ref: RecordRef): Promise<RequirementRecord | null> {
		if (!canNameRecord(ref)) return null;
		const q = this.db.selectFrom("requirement").select(columns);
		const row = await ("id" in ref
			? q.where("id", "=", ref.id)
			: q.where("slug", "=", ref.slug)
		).executeTakeFirst();
		return row ? record(row) : null;
	}

	private filtered(f: RequirementFilter) {
		let q = this.db.selectFrom("requirement");
		if (f.goals?.length) q = q.where("goal_id", "in", f.goals);
		if (f.targets?.length) q = q.where("target_id", "in", f.targets);
		if (f.scopes?.length) q = q.where("scope", "in", f.scopes);
		if (f.recipients?.length) {
			const codes = f.recipients.filter((r) => r !== "global");
			const global = codes.length < f.recipients.length;
			q = q.where((eb) =>
				eb.or([
					...(codes.length ? [eb("scope_code", "in", codes)] : []),
					...(global ? [eb("scope", "=", "global")] : []),
				]),
			);
		}
		return q;
	}

	async count(f: RequirementFilter): Promise<number> {
		const row = await this.filtered(f)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	/** Latest periods first, then newest records. */
	async page(f: RequirementFilter, offset: number, limit: number): Promise<RequirementRecord[]> {
		const rows = await this.filtered(f)
			.select(columns)
			.orderBy("period_start", "desc")
			.orderBy("id", "desc")
			.limit(limit)
			.offset(offset)
			.execute();
		return rows.map(record);
	}

	/**
	 * What the public commitments for a goal (or a target) delivered in the years
	 * [fromYear, toYear], constant and current: the facts of each counted root that
	 * belongs to the group, so reaffirmations and parts add no money twice. A country or
	 * region scope keeps the roots with that recipient; a global scope keeps them all.
	 */
	async registryDelivered(q: {
		dim: "goal" | "target";
		key: string;
		recipient: string | null;
		fromYear: number;
		toYear: number;
	}): Promise<RegistryDelivered> {
		const recipient = q.recipient
			? sql`and exists (select 1 from delivery_key r where r.commitment_id = f.root_id
					and r.dim = 'recipient' and r.key = ${q.recipient})`
			: sql``;
		const { rows } = await sql<{ current: unknown; constant: unknown }>`
			select coalesce(sum(f.delivered_current), 0) as current,
				coalesce(sum(f.delivered_constant), 0) as constant
			from delivery_fact f
			where f.year between ${q.fromYear} and ${q.toYear}
				and exists (select 1 from delivery_key k where k.commitment_id = f.root_id
					and k.dim = ${q.dim} and k.key = ${q.key})
				${recipient}`.execute(this.db);
		const row = rows[0];
		return { current: toInt(row?.current ?? 0), constant: toInt(row?.constant ?? 0) };
	}

	/** English names of countries and regions, keyed "country:KE" / "region:289". */
	async scopeNames(keys: { scope: string; code: string }[]): Promise<Map<string, string>> {
		const out = new Map<string, string>();
		for (const [scope, list] of [
			["country", "Country"],
			["region", "Region"],
		] as const) {
			const codes = [...new Set(keys.filter((k) => k.scope === scope).map((k) => k.code))];
			if (codes.length === 0) continue;
			const rows = await this.db
				.selectFrom("code_name")
				.select(["code", "name"])
				.where("list", "=", list)
				.where("lang", "=", "en")
				.where("code", "in", codes)
				.execute();
			for (const r of rows) out.set(`${scope}:${r.code}`, r.name);
		}
		return out;
	}

	/** Every requirement's money terms, for converting them all again. */
	async moneyTerms(): Promise<RequirementRecord[]> {
		const rows = await this.db.selectFrom("requirement").select(columns).orderBy("id").execute();
		return rows.map(record);
	}

	async setUsd(
		id: number,
		usd: {
			required_current: number | null;
			required_constant: number | null;
			provided_current: number | null;
			provided_constant: number | null;
			conversion: ConversionStatus;
		},
	): Promise<void> {
		await this.db.updateTable("requirement").set(usd).where("id", "=", id).execute();
	}
}
