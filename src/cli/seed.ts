/** iif seed [--demo]: loads the shipped reference data, and the demo dataset when asked. Safe to repeat. */
import { parseArgs } from "node:util";
import { cliActor } from "../lib/actor.ts";
import { openMigrated } from "./context.ts";

export async function seedCommand(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { demo: { type: "boolean", default: false } },
		strict: true,
	});
	const { database, services } = await openMigrated();
	try {
		const ref = await services.reference.ensureLoaded();
		console.log(ref.loaded ? "reference data loaded" : "reference data already current");
		const stats = await services.statistics.ensureLoaded(cliActor);
		console.log(
			stats.loaded ? "official statistics loaded" : "official statistics already current",
		);
		if (values.demo) {
			const r = await services.demo.load();
			console.log(
				`demo dataset: created ${r.created.stakeholders} stakeholders, ${r.created.forums} forums, ${r.created.commitments} commitments, ${r.created.relations} relations; already present: ${r.present.stakeholders} stakeholders, ${r.present.forums} forums, ${r.present.commitments} commitments`,
			);
		}
		return 0;
	} finally {
		await database.close();
	}
}
