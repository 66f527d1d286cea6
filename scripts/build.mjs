#!/usr/bin/env node
// Compiles src/ to JavaScript in dist/ (run by `npm ci` through "prepare"), so that the
// CLI and the server start without compiling TypeScript at every start. The files that
// are not TypeScript (stylesheets, the worker's boot file) are copied beside the output.
// The stamp dist/.built is written last: bin/iif.js runs dist/ only when the stamp is
// newer than every file under src/, and otherwise runs the sources through tsx.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const root = join(import.meta.dirname, "..");
const src = join(root, "src");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
	stdio: "inherit",
});
if (result.status !== 0) {
	rmSync(dist, { recursive: true, force: true });
	console.error("build: tsc failed; bin/iif.js will run the sources through tsx");
	process.exit(result.status ?? 1);
}

function copyAssets(dir) {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) copyAssets(path);
		else if (!/\.tsx?$/.test(name)) {
			const to = join(dist, path.slice(src.length));
			mkdirSync(dirname(to), { recursive: true });
			copyFileSync(path, to);
		}
	}
}
copyAssets(src);
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);
