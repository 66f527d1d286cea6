/**
 * A test database already migrated and loaded, without paying for the load in every
 * test file. Loading the reference data, the statistics and the demo takes seconds, and
 * about forty suites start the same way; on SQLite the first suite writes the loaded
 * file once as a template and the others copy it. The template's name is a hash of the
 * source and data files and of the load options, so any change to what the load would
 * write makes a new template instead of reusing a stale one. PostgreSQL databases are
 * still built one by one: a suite there proves the load itself on that dialect.
 */
import { createHash } from "node:crypto";
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import type { DialectName } from "../../src/db/database.ts";
import { createMigratedDatabase, sqliteTestDatabase, type TestDatabase } from "./databases.ts";

const root = join(import.meta.dirname, "..", "..");
const templates = join(tmpdir(), "iif-test-templates");

let sourceHash: string | undefined;

/** A hash of everything a load could depend on: the code under src/ and the files under data/. */
function sourcesHash(): string {
	if (sourceHash) return sourceHash;
	const hash = createHash("sha256");
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			// The portal's own database (data/iif.db after `npm start`) is no input of a load:
			// hashed, it would change on every run and no template would ever be reused.
			else if (/\.db(-wal|-shm|-journal)?$/.test(name)) continue;
			else hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
		}
	};
	walk(join(root, "src"));
	walk(join(root, "data"));
	sourceHash = hash.digest("hex");
	return sourceHash;
}

/**
 * A fresh database of `dialect` in the state `load` leaves a migrated one in. `options`
 * names that state (it is part of the template's key); `load` must depend on nothing else.
 */
export async function preparedDatabase(
	dialect: DialectName,
	options: Record<string, unknown>,
	load: (t: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
	if (dialect !== "sqlite" || process.env.IIF_TEST_NO_TEMPLATES === "1") {
		const t = await createMigratedDatabase(dialect);
		await load(t);
		return t;
	}
	const key = createHash("sha256")
		.update(sourcesHash())
		.update(JSON.stringify(options))
		.digest("hex");
	const template = join(templates, `${key.slice(0, 32)}.db`);
	if (!existsSync(template)) {
		const t = await createMigratedDatabase(dialect);
		await load(t);
		// Closing the last connection checkpoints the write-ahead log into the file.
		await t.database.close();
		mkdirSync(templates, { recursive: true });
		// Written aside and renamed, so that a suite running at the same time never copies half a file.
		const partial = `${template}.${process.pid}.partial`;
		copyFileSync(t.url, partial);
		renameSync(partial, template);
		rmSync(dirname(t.url), { recursive: true, force: true });
	}
	return sqliteTestDatabase(template);
}
