/** `iif <command>`: the operator's CLI. One file per command; this one only dispatches. */
import { AppError } from "../lib/errors.ts";

// Each command's module is loaded when it runs, so that `iif --help` (and each command)
// loads only what it needs.
const commands: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
	serve: {
		run: async (args) => (await import("./serve.ts")).serveCommand(args),
		help: "start the portal and API (migrates; loads reference data; the demo on an empty database)",
	},
	migrate: {
		run: async (args) => (await import("./migrate.ts")).migrateCommand(args),
		help: "apply pending database migrations",
	},
	seed: {
		run: async (args) => (await import("./seed.ts")).seedCommand(args),
		help: "load reference data; with --demo, the demo dataset too",
	},
	user: {
		run: async (args) => (await import("./user.ts")).userCommand(args),
		help: "add | grant | reset-password: manage accounts (passwords on stdin)",
	},
	analytics: {
		run: async (args) => (await import("./analytics.ts")).analyticsCommand(args),
		help: "rebuild [--base-year YYYY]: recompute normalised money and delivery figures",
	},
	import: {
		run: async (args) => (await import("./import.ts")).importCommand(args),
		help: "iati <file-or-folder>... [--json]: store IATI activity and organisation files; statistics <file.csv>: load official statistics (ODA, GNI, ODA to LDCs)",
	},
	export: {
		run: async (args) => (await import("./export.ts")).exportCommand(args),
		help: "iati [--out FILE] | all --out DIR: write the IATI activities (IATI 2.03 XML), or a dump",
	},
	audit: {
		run: async (args) => (await import("./audit.ts")).auditCommand(args),
		help: "verify [--expect HASH:COUNT]: check the audit log's hash chain (exit 1 at the first broken link, or when the anchor's event is gone or changed); prints the anchor",
	},
	backup: {
		run: async (args) => (await import("./backup.ts")).backupCommand(args),
		help: "--out FILE: a consistent copy of the database while the server writes (SQLite online backup; pg_dump for PostgreSQL)",
	},
	restore: {
		run: async (args) => (await import("./restore.ts")).restoreCommand(args),
		help: "FILE: load a backup into the empty database of IIF_DATABASE_URL, then verify its audit log",
	},
};

function usage(): string {
	return `usage: iif <command> [options]\n\n${Object.entries(commands)
		.map(([name, c]) => `  ${name.padEnd(10)}${c.help}`)
		.join(
			"\n",
		)}\n\nThe database is IIF_DATABASE_URL (postgres://...) or a SQLite file (default ./data/iif.db).`;
}

async function main(argv: string[]): Promise<number> {
	const [name, ...args] = argv;
	if (!name || name === "--help" || name === "-h" || name === "help") {
		console.log(usage());
		return name ? 0 : 2;
	}
	const command = commands[name];
	if (!command) {
		console.error(`iif: unknown command '${name}'\n\n${usage()}`);
		return 2;
	}
	try {
		return await command.run(args);
	} catch (e) {
		if (e instanceof AppError) {
			console.error(`iif ${name}: ${e.message}`);
			return e.code === "internal" ? 1 : 2;
		}
		if (
			e instanceof TypeError &&
			(e as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
		) {
			console.error(`iif ${name}: ${e.message}`);
			return 2;
		}
		console.error(`iif ${name}: ${(e as Error).stack ?? String(e)}`);
		return 1;
	}
}

process.exitCode = await main(process.argv.slice(2));
