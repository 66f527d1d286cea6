#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner (through tsx).
// Node 20's runner takes no globs, so the files are listed here. Extra arguments
// (e.g. a file path or --test-name-pattern) are passed on.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function find(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === "node_modules" ? [] : find(path);
		return name.endsWith(".test.ts") || name.endsWith(".test.tsx") ? [path] : [];
	});
}

const args = process.argv.slice(2);
const explicit = args.filter((a) => !a.startsWith("-"));
const files = explicit.length ? explicit : [...find("src"), ...find("test")].sort();
const options = args.filter((a) => a.startsWith("-"));
const result = spawnSync(
	process.execPath,
	["--import", "tsx", "--test", "--test-reporter=spec", ...options, ...files],
	{ stdio: "inherit" },
);
process.exit(result.status ?? 1);
