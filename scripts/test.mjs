#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner (through tsx).
// Node 20's runner takes no globs, so the files are listed here. Extra arguments
// (e.g. a file path or --test-name-pattern) are passed on.
//
// --quick is the edit-test loop: the unit tests under src/ and the API, service, data
// and architecture suites, on SQLite only, two files at a time. CI runs everything.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

function find(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === "node_modules" ? [] : find(path);
		return name.endsWith(".test.ts") || name.endsWith(".test.tsx") ? [path] : [];
	});
}

const quickSuites = ["test/api", "test/services", "test/data", "test/architecture"];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const explicit = args.filter((a) => !a.startsWith("-"));
const options = args.filter((a) => a.startsWith("-") && a !== "--quick");
const files = explicit.length
	? explicit
	: quick
		? [...find("src"), ...quickSuites.flatMap(find)].sort()
		: [...find("src"), ...find("test")].sort();
const env = { ...process.env };
if (quick) {
	// SQLite only: the PostgreSQL halves skip (and say so), instead of failing for want of a server.
	delete env.IIF_TEST_PG_URL;
	delete env.IIF_TEST_REQUIRE_ALL;
	if (!options.some((o) => o.startsWith("--test-concurrency")))
		options.push(`--test-concurrency=${Math.max(2, availableParallelism())}`);
}
const result = spawnSync(
	process.execPath,
	["--import", "tsx", "--test", "--test-reporter=spec", ...options, ...files],
	{ stdio: "inherit", env },
);
process.exit(result.status ?? 1);
