/** Frameworks as nested trees: goals > targets > indicators, in the language asked for. */
import type { Database } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import type { Language } from "../../lib/languages.ts";
import { FrameworkRepository } from "./frameworks.repository.ts";

export class FrameworkService {
	constructor(private readonly database: Database) {}

	async list() {
		const rows = await new FrameworkRepository(this.database.db).list();
		return {
			items: rows.map((r) => ({
				code: r.code as "mdg" | "sdg",
				name: r.name,
				effective_on: r.effective_on,
				link: `/api/v1/frameworks/${r.code}`,
			})),
		};
	}

	async get(code: string, lang: Language) {
		const repo = new FrameworkRepository(this.database.db);
		const fw = await repo.find(code);
		if (!fw) throw AppError.notFound("framework", code);
		const [tree, translated] = await Promise.all([
			repo.tree(code),
			lang === "en" ? Promise.resolve(new Map()) : repo.translations(code, lang),
		]);
		const title = (id: string, english: string) => translated.get(id)?.title ?? english;
		const indicatorsById = new Map(
			tree.indicators.map((i) => [i.id, { code: i.code, title: title(i.id, i.title) }]),
		);
		const indicatorsOf = new Map<string, { code: string; title: string }[]>();
		for (const l of tree.links) {
			const ind = indicatorsById.get(l.indicator_id);
			if (ind) indicatorsOf.set(l.target_id, [...(indicatorsOf.get(l.target_id) ?? []), ind]);
		}
		const goals = tree.goals.map((g) => ({
			code: g.code,
			title: title(g.id, g.title),
			short_title: translated.get(g.id)?.short_title ?? g.short_title,
			targets: tree.targets
				.filter((t) => t.goal_id === g.id)
				.map((t) => ({
					code: t.code,
					title: title(t.id, t.title),
					indicators: indicatorsOf.get(t.id) ?? [],
				})),
		}));
		return {
			code: fw.code as "mdg" | "sdg",
			name: fw.name,
			effective_on: fw.effective_on,
			source_url: fw.source_url,
			lang,
			counts: {
				goals: tree.goals.length,
				targets: tree.targets.length,
				indicators: tree.indicators.length,
			},
			goals,
		};
	}
}
