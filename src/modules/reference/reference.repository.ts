/** Writes and reads the shipped reference data: frameworks, translations, codelists, app metadata. */
import type { Kysely } from "kysely";
import { chunks } from "../../db/batch.ts";
import type { Tables } from "../../db/tables.ts";
import type { CodelistData, FrameworkData } from "./reference.data.ts";

export class ReferenceRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async getMeta(key: string): Promise<string | null> {
		const row = await this.db
			.selectFrom("app_meta")
			.select("value")
			.where("key", "=", key)
			.executeTakeFirst();
		return row?.value ?? null;
	}

	async setMeta(key: string, value: string): Promise<void> {
		await this.db
			.insertInto("app_meta")
			.values({ key, value })
			.onConflict((oc) => oc.column("key").doUpdateSet({ value }))
			.execute();
	}

	/**
	 * Upserts by stable id ("mdg:8.B"), so commitments that point at a goal or target
	 * keep pointing at it when the shipped titles are corrected.
	 */
	async upsertFramework(f: FrameworkData): Promise<void> {
		const fw = f.code;
		await this.db
			.insertInto("framework")
			.values({ code: fw, name: f.name, effective_on: f.effective_on, source_url: f.source_url })
			.onConflict((oc) =>
				oc.column("code").doUpdateSet((eb) => ({
					name: eb.ref("excluded.name"),
					effective_on: eb.ref("excluded.effective_on"),
					source_url: eb.ref("excluded.source_url"),
				})),
			)
			.execute();
		const goals = f.goals.map((g, i) => ({
			id: `${fw}:${g.code}`,
			framework: fw,
			code: g.code,
			title: g.title,
			short_title: g.short_title,
			position: i + 1,
		}));
		for (const batch of chunks(goals)) {
			await this.db
				.insertInto("goal")
				.values(batch)
				.onConflict((oc) =>
					oc.column("id").doUpdateSet((eb) => ({
						title: eb.ref("excluded.title"),
						short_title: eb.ref("excluded.short_title"),
						position: eb.ref("excluded.position"),
					})),
				)
				.execute();
		}
		const targets = f.targets.map((t, i) => ({
			id: `${fw}:${t.code}`,
			framework: fw,
			goal_id: `${fw}:${t.goal}`,
			code: t.code,
			title: t.title,
			position: i + 1,
		}));
		for (const batch of chunks(targets)) {
			await this.db
				.insertInto("target")
				.values(batch)
				.onConflict((oc) =>
					oc.column("id").doUpdateSet((eb) => ({
						title: eb.ref("excluded.title"),
						position: eb.ref("excluded.position"),
					})),
				)
				.execute();
		}
		const indicators = f.indicators.map((d, i) => ({
			id: `${fw}:${d.code}`,
			framework: fw,
			goal_id: `${fw}:${d.goal}`,
			code: d.code,
			title: d.title,
			position: i + 1,
		}));
		for (const batch of chunks(indicators)) {
			await this.db
				.insertInto("indicator")
				.values(batch)
				.onConflict((oc) =>
					oc.column("id").doUpdateSet((eb) => ({
						title: eb.ref("excluded.title"),
						position: eb.ref("excluded.position"),
					})),
				)
				.execute();
		}
		await this.db.deleteFrom("indicator_target").where("indicator_id", "like", `${fw}:%`).execute();
		const links = f.indicators.flatMap((d) =>
			d.targets.map((t) => ({ indicator_id: `${fw}:${d.code}`, target_id: `${fw}:${t}` })),
		);
		for (const batch of chunks(links))
			await this.db.insertInto("indicator_target").values(batch).execute();
		const translations = f.translations.map((t) => ({
			entity: t.entity,
			entity_id: `${fw}:${t.code}`,
			lang: t.lang,
			title: t.title,
			short_title: t.short_title,
		}));
		for (const batch of chunks(translations)) {
			await this.db
				.insertInto("translation")
				.values(batch)
				.onConflict((oc) =>
					oc.columns(["entity", "entity_id", "lang"]).doUpdateSet((eb) => ({
						title: eb.ref("excluded.title"),
						short_title: eb.ref("excluded.short_title"),
					})),
				)
				.execute();
		}
	}

	async upsertCodelist(c: CodelistData): Promise<void> {
		const items = c.items.map((i) => ({
			list: c.list,
			code: i.code,
			status: i.status,
			category: i.category,
		}));
		for (const batch of chunks(items)) {
			await this.db
				.insertInto("code_item")
				.values(batch)
				.onConflict((oc) =>
					oc.columns(["list", "code"]).doUpdateSet((eb) => ({
						status: eb.ref("excluded.status"),
						category: eb.ref("excluded.category"),
					})),
				)
				.execute();
		}
		const names = c.items.flatMap((i) =>
			Object.entries(i.names).map(([lang, name]) => ({
				list: c.list,
				code: i.code,
				lang,
				name: name as string,
			})),
		);
		for (const batch of chunks(names)) {
			await this.db
				.insertInto("code_name")
				.values(batch)
				.onConflict((oc) =>
					oc
						.columns(["list", "code", "lang"])
						.doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })),
				)
				.execute();
		}
	}

	async upsertGroups(groups: { code: string; name: string }[]): Promise<void> {
		for (const batch of chunks(groups)) {
			await this.db
				.insertInto("stakeholder_group")
				.values(batch)
				.onConflict((oc) =>
					oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })),
				)
				.execute();
		}
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
