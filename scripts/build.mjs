#!/usr/bin/env node
// Bundles src/ into dist/ (run by `npm ci` through "prepare"), so that the command and the
// server start without compiling TypeScript and without resolving some 300 modules one by
// one: esbuild writes the CLI (dist/main.js), the IATI import worker
// (dist/import.worker.js) and the chunks they share, loaded as each command needs them.
// Only native packages stay outside. Type checking is `npm run check`'s, not this.
// The stamp dist/.built is written last: bin/iif.js runs dist/ only while the stamp is
// newer than every file under src/, and otherwise runs the sources through tsx.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");

// CommonJS packages in an ES module bundle still expect require, __filename and
// __dirname; the flag tells the code it runs from the bundle (import.service.ts).
const banner = [
	'import { createRequire as __iifRequire } from "node:module";',
	'import { fileURLToPath as __iifPath } from "node:url";',
	'import { dirname as __iifDirname } from "node:path";',
	"const require = __iifRequire(import.meta.url);",
	"const __filename = __iifPath(import.meta.url);",
	"const __dirname = __iifDirname(__filename);",
	"globalThis.__iifBundle = true;",
].join("\n");

rmSync(dist, { recursive: true, force: true });
try {
	await build({
		entryPoints: {
			main: join(root, "src", "cli", "main.ts"),
			"import.worker": join(root, "src", "modules", "activities", "import.worker.ts"),
		},
		outdir: dist,
		bundle: true,
		splitting: true,
		format: "esm",
		platform: "node",
		target: "node20",
		jsx: "automatic",
		jsxImportSource: "preact",
		external: ["better-sqlite3", "@node-rs/argon2", "pg-native"],
		banner: { js: banner },
		logLevel: "warning",
	});
} catch (e) {
	rmSync(dist, { recursive: true, force: true });
	console.error(`build failed; bin/iif.js will run the sources through tsx: ${e}`);
	process.exit(1);
}
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);
