/**
 * The project's folder (where package.json is), found by walking up from this file. Files
 * the product reads at run time (data/, docs/, the stylesheets under src/web) are found
 * from it, so they are found alike from the sources and from the one-file build in dist/,
 * where every module shares the bundle's own location.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		if (existsSync(join(dir, "package.json"))) return dir;
		if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
	}
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the project's folder. */
export const projectPath = (...parts: string[]): string => join(projectRoot, ...parts);
