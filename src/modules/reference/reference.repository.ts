/** Writes and reads the shipped reference data: frameworks, translations, codelists, app metadata. */

import type { Kysely } from "kysely";
import { upsertAll } from "../../db/batch.ts";
import { getMeta, setMeta } from "../../db/meta.ts";
import type { Tables } from "../../db/tables.ts";
import type { CodelistData, FrameworkData, GroupMemberData } from "./reference.data.ts";

/** The items of one codelist joined to their names in `lang` (loc) and in English (en), the fallback. */
export function namedCodes(db: Kysely<Tables>, list: string, lang: string) {
	return db
		.selectFrom("code_item")
		.innerJoin("code_name as en", (j) =>
			j
				.onRef("en.list", "=", "code_item.list")
				.onRef("en.code", "=", "code_item.code")
				.on("en.lang", "=", "en"),
		)
		.leftJoin("code_name as loc", (j) =>
			j
				.onRef("loc.list", "=", "code_item.list")
				.onRef("loc.code", "=", "code_item.code")
				.on("loc.lang", "=", lang),
		)
		.where("code_item.list", "=", list);
}

export class ReferenceRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	getMeta(key: string): Promise<string | null> {
		return getMeta(this.db, key);
	}

	setMeta(key: string, value: string): Promise<void> {
		return setMeta(this.db, key, value);
	}

	/**
	 * Upserts by stable id ("mdg:8.B"), so commitments that point at a goal or target
	 * keep pointing at it when the shipped titles are corrected.
	 */
	async upsertFramework(f: FrameworkData): Promise<void> {
		const fw = f.code;
		const id = (code: string) => `${fw}:${code}`;
		await upsertAll(
			this.db,
			"framework",
			[{ code: fw, name: f.name, effective_on: f.effective_on, source_url: f.source_url }],
			["code"],
			["name", "effective_on", "source_url"],
		);
		const goals = f.goals.map((g, i) => ({
			id: id(g.code),
			framework: fw,
			code: g.code,
			title: g.title,
			short_title: g.short_title,
			position: i + 1,
		}));
		await upsertAll(this.db, "goal", goals, ["id"], ["title", "short_title", "position"]);
		const targets = f.targets.map((t, i) => ({
			id: id(t.code),
			framework: fw,
			goal_id: id(t.goal),
			code: t.code,
			title: t.title,
			position: i + 1,
		}));
		await upsertAll(this.db, "target", targets, ["id"], ["title", "position"]);
		const indicators = f.indicators.map((d, i) => ({
			id: id(d.code),
			framework: fw,
			goal_id: id(d.goal),
			code: d.code,
			title: d.title,
			position: i + 1,
		}));
		await upsertAll(this.db, "indicator", indicators, ["id"], ["title", "position"]);
		await this.db.deleteFrom("indicator_target").where("indicator_id", "like", `${fw}:%`).execute();
		const links = f.indicators.flatMap((d) =>
			d.targets.map((t) => ({ indicator_id: id(d.code), target_id: id(t) })),
		);
		await upsertAll(this.db, "indicator_target", links, ["indicator_id", "target_id"], []);
		const translations = f.translations.map((t) => ({
			entity: t.entity,
			entity_id: id(t.code),
			lang: t.lang,
			title: t.title,
			short_title: t.short_title,
		}));
		await upsertAll(
			this.db,
			"translation",
			translations,
			["entity", "entity_id", "lang"],
			["title", "short_title"],
		);
	}

	async upsertCodelist(c: CodelistData): Promise<void> {
		const items = c.items.map((i) => ({
			list: c.list,
			code: i.code,
			status: i.status,
			category: i.category,
		}));
		await upsertAll(this.db, "code_item", items, ["list", "code"], ["status", "category"]);
		const names = c.items.flatMap((i) =>
			Object.entries(i.names).map(([lang, name]) => ({
				list: c.list,
				code: i.code,
				lang,
				name: name as string,
			})),
		);
		await upsertAll(this.db, "code_name", names, ["list", "code", "lang"], ["name"]);
	}

	async upsertGroups(groups: { code: string; name: string }[]): Promise<void> {
		await upsertAll(this.db, "stakeholder_group", groups, ["code"], ["name"]);
	}

	/** The member countries of recipient groups, replaced whole: the shipped file is the record. */
	async replaceGroupMembers(members: GroupMemberData[]): Promise<void> {
		await this.db.deleteFrom("recipient_group_member").execute();
		if (members.length > 0)
			await this.db.insertInto("recipient_group_member").values(members).execute();
	}

	/** Which of these codes exist in a codelist (active or not: old records cite withdrawn codes). */
	async existingCodes(list: string, codes: readonly string[]): Promise<Set<string>> {
		if (codes.length === 0) return new Set();
		const rows = await this.db
			.selectFrom("code_item")
			.select("code")
			.where("list", "=", list)
			.where("code", "in", codes)
			.execute();
		return new Set(rows.map((r) => r.code));
	}

	async existingGroups(codes: readonly string[]): Promise<Set<string>> {
		if (codes.length === 0) return new Set();
		const rows = await this.db
			.selectFrom("stakeholder_group")
			.select("code")
			.where("code", "in", codes)
			.execute();
		return new Set(rows.map((r) => r.code));
	}

	async existingGoals(ids: readonly string[]): Promise<Set<string>> {
		if (ids.length === 0) return new Set();
		const rows = await this.db.selectFrom("goal").select("id").where("id", "in", ids).execute();
		return new Set(rows.map((r) => r.id));
	}

	async targetGoals(ids: readonly string[]): Promise<Map<string, string>> {
		if (ids.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("target")
			.select(["id", "goal_id"])
			.where("id", "in", ids)
			.execute();
		return new Map(rows.map((r) => [r.id, r.goal_id]));
	}

	async hasCommitments(): Promise<boolean> {
		return (
			(await this.db.selectFrom("commitment").select("id").limit(1).executeTakeFirst()) !==
			undefined
		);
	}

	/** A whole codelist with names in `lang`, English where missing, in code order. */
	async codelist(list: string, lang: string) {
		return namedCodes(this.db, list, lang)
			.select((eb) => [
				"code_item.code",
				eb.fn.coalesce("loc.name", "en.name").as("name"),
				"code_item.status",
				"code_item.category",
			])
			.orderBy("code_item.code")
			.execute();
	}

	async listGroups(): Promise<{ code: string; name: string }[]> {
		return this.db
			.selectFrom("stakeholder_group")
			.select(["code", "name"])
			.orderBy("code")
			.execute();
	}

	/** Names of codes in one language, English where that language has none. */
	async codeNames(
		list: string,
		codes: readonly string[],
		lang: string,
	): Promise<Map<string, string>> {
		if (codes.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("code_name")
			.select(["code", "lang", "name"])
			.where("list", "=", list)
			.where("code", "in", codes)
			.where("lang", "in", [lang, "en"])
			.execute();
		const out = new Map<string, string>();
		for (const r of rows) if (r.lang === lang || !out.has(r.code)) out.set(r.code, r.name);
		return out;
	}
}
