/** Reads countries from the Country codelist, with commitment counts. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toInt } from "../../lib/numbers.ts";
import { namedCodes } from "../reference/reference.repository.ts";

export interface CountryFilter {
	lang: string;
	nameLike?: string;
}

export class CountryRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/** Countries with their name in `lang`, English where missing, ordered by code. */
	private filtered(f: CountryFilter) {
		let q = namedCodes(this.db, "Country", f.lang);
		if (f.nameLike) {
			const like = f.nameLike;
			q = q.where((eb) =>
				eb.or([
					eb(eb.fn("lower", [eb.fn.coalesce("loc.name", "en.name")]), "like", like),
					eb(eb.fn("lower", ["code_item.code"]), "like", like),
				]),
			);
		}
		return q;
	}

	async count(f: CountryFilter): Promise<number> {
		const row = await this.filtered(f)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	async page(f: CountryFilter, offset: number, limit: number) {
		return this.filtered(f)
			.select((eb) => [
				"code_item.code",
				"code_item.status",
				eb.fn.coalesce("loc.name", "en.name").as("name"),
			])
			.orderBy("code_item.code")
			.limit(limit)
			.offset(offset)
			.execute();
	}

	async find(code: string, lang: string) {
		const rows = await this.filtered({ lang })
			.select((eb) => [
				"code_item.code",
				"code_item.status",
				eb.fn.coalesce("loc.name", "en.name").as("name"),
			])
			.where("code_item.code", "=", code)
			.execute();
		return rows[0] ?? null;
	}

	async names(code: string): Promise<Record<string, string>> {
		const rows = await this.db
			.selectFrom("code_name")
			.select(["lang", "name"])
			.where("list", "=", "Country")
			.where("code", "=", code)
			.orderBy("lang")
			.execute();
		return Object.fromEntries(rows.map((r) => [r.lang, r.name]));
	}
	/** The member-state stakeholder of each country, where registered. */
	async stakeholders(
		codes: string[],
	): Promise<Map<string, { id: number; slug: string; name: string }>> {
		const out = new Map<string, { id: number; slug: string; name: string }>();
		if (codes.length === 0) return out;
		const rows = await this.db
			.selectFrom("stakeholder")
			.select(["id", "slug", "name", "country_code"])
			.where("kind", "=", "member_state")
			.where("country_code", "in", codes)
			.orderBy("id")
			.execute();
		for (const r of rows)
			if (r.country_code && !out.has(r.country_code))
				out.set(r.country_code, { id: toInt(r.id), slug: r.slug, name: r.name });
		return out;
	}
}
