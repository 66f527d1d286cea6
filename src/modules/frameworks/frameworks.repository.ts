/** Reads a framework's goals, targets and indicators, with translations in one language. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";

export class FrameworkRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async list() {
		return this.db
			.selectFrom("framework")
			.select(["code", "name", "effective_on", "source_url"])
			.orderBy("code")
			.execute();
	}

	async find(code: string) {
		return (
			(await this.db
				.selectFrom("framework")
				.select(["code", "name", "effective_on", "source_url"])
				.where("code", "=", code)
				.executeTakeFirst()) ?? null
		);
	}

	async tree(framework: string) {
		const [goals, targets, indicators, links] = await Promise.all([
			this.db
				.selectFrom("goal")
				.select(["id", "code", "title", "short_title"])
				.where("framework", "=", framework)
				.orderBy("position")
				.execute(),
			this.db
				.selectFrom("target")
				.select(["id", "goal_id", "code", "title"])
				.where("framework", "=", framework)
				.orderBy("position")
				.execute(),
			this.db
				.selectFrom("indicator")
				.select(["id", "code", "title"])
				.where("framework", "=", framework)
				.orderBy("position")
				.execute(),
			this.db
				.selectFrom("indicator_target")
				.innerJoin("indicator", "indicator.id", "indicator_target.indicator_id")
				.select(["indicator_target.indicator_id", "indicator_target.target_id"])
				.where("indicator.framework", "=", framework)
				.orderBy("indicator.position")
				.execute(),
		]);
		return { goals, targets, indicators, links };
	}

	/** Translated titles keyed by entity id ("sdg:3.b"). */
	async translations(
		framework: string,
		lang: string,
	): Promise<Map<string, { title: string; short_title: string | null }>> {
		const rows = await this.db
			.selectFrom("translation")
			.select(["entity_id", "title", "short_title"])
			.where("lang", "=", lang)
			.where("entity_id", "like", `${framework}:%`)
			.execute();
		return new Map(rows.map((r) => [r.entity_id, { title: r.title, short_title: r.short_title }]));
	}
}
