/**
 * iif analytics rebuild [--base-year YYYY]: recomputes every normalised amount and every
 * delivery figure and rollup, after a change of base year or of the shipped rate tables.
 */
import { parseArgs } from "node:util";
import { cliActor } from "../lib/actor.ts";
import { AppError } from "../lib/errors.ts";
import { openMigrated } from "./context.ts";

export async function analyticsCommand(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	if (sub !== "rebuild") {
		console.error("usage: iif analytics rebuild [--base-year YYYY]");
		return 2;
	}
	const { values } = parseArgs({
		args: rest,
		options: { "base-year": { type: "string" } },
		strict: true,
	});
	const text = values["base-year"];
	if (text !== undefined && !/^\d{4}$/.test(text))
		throw AppError.invalid("base-year", `--base-year must be a year such as 2020, got '${text}'`);
	const { database, services } = await openMigrated();
	try {
		const r = await services.analytics.rebuild(
			text === undefined ? {} : { baseYear: Number(text) },
			cliActor,
		);
		console.log(
			`delivery figures rebuilt at constant ${r.base_year} prices: ${r.commitments} commitments, ${r.requirements} requirements, ${r.transactions_converted} transactions converted anew, in ${r.seconds.toFixed(1)} s`,
		);
		return 0;
	} finally {
		await database.close();
	}
}
