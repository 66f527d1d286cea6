/**
 * iif export <kind>: writes the registry out for other systems. Each kind is one entry of
 * the table below; what it writes is the export service's work, so the CLI, the API and
 * the dump write the same bytes.
 *
 *   iif export iati [--out FILE] [--reporting-org REF]... [--commitment ID]
 *       the IATI activities as one IATI 2.03 file; standard output by default
 *   iif export all --out DIR
 *       a dated dump of the public registry (src/cli/export-all.ts), the IATI file included
 */
import { parseArgs } from "node:util";
import { cliActor } from "../lib/actor.ts";
import { openMigrated } from "./context.ts";
import { exportAllCommand, exportAllUsage } from "./export-all.ts";

const subcommands: Record<string, { run: (args: string[]) => Promise<number>; usage: string }> = {
	iati: {
		run: exportIati,
		usage: "iif export iati [--out FILE] [--reporting-org REF]... [--commitment ID-OR-SLUG]",
	},
	all: {
		run: (args) =>
			exportAllCommand(args, (services) => [
				{
					name: "iati-activities.xml",
					about:
						"The IATI activities of the registry as one IATI 2.03 activity file (valid against IATI's XSD), as GET /api/v1/export/iati.xml gives it.",
					write: async (path) => {
						await services.exports.writeIatiActivitiesFile(path, {}, cliActor);
					},
				},
			]),
		usage: exportAllUsage.replace(/^usage: /, ""),
	},
};

const usage = `usage:\n${Object.values(subcommands)
	.map((s) => `  ${s.usage}`)
	.join("\n")}`;

export async function exportCommand(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	const command = sub === undefined ? undefined : subcommands[sub];
	if (!command) {
		console.error(usage);
		return 2;
	}
	return command.run(rest);
}

async function exportIati(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			out: { type: "string" },
			"reporting-org": { type: "string", multiple: true },
			commitment: { type: "string" },
		},
		strict: true,
	});
	const filter = { reporting_org: values["reporting-org"], commitment: values.commitment };
	const { database, services } = await openMigrated();
	try {
		const exports = services.exports;
		if (values.out === undefined) {
			try {
				await exports.writeIatiActivities(process.stdout, filter, cliActor);
			} catch (e) {
				// The reader of a pipe stopped early (`| head`): what it wanted, it got.
				if ((e as NodeJS.ErrnoException).code !== "EPIPE") throw e;
			}
			return 0;
		}
		const r = await exports.writeIatiActivitiesFile(values.out, filter, cliActor);
		console.log(`${r.activities} activities written to ${values.out} (IATI 2.03)`);
		return 0;
	} finally {
		await database.close();
	}
}
