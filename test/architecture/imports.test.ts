/**
 * The import drawing of ARCHITECTURE.md, checked on every file under src/: each folder
 * imports only its own level and the ones below it. The one way up is the wiring file
 * (server/services.ts), which knows every module: below it, the pages may import its
 * Services type and nothing else may import it at all; the CLI above it uses it freely. A new upward import fails here with its file.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

const root = resolve(import.meta.dirname, "..", "..");
const src = join(root, "src");

/** Lowest first: a folder may import its own level and those before it. */
const levels = ["lib", "db", "interchange", "http", "modules", "web", "server", "cli"] as const;
const wiring = "server/services.ts";

interface Import {
	from: string;
	to: string;
	typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

/** Every relative import of a file (static, re-export or dynamic), as paths under src/. */
function importsOf(file: string, text: string): Import[] {
	const out: Import[] = [];
	const pattern =
		/(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
	for (const m of text.matchAll(pattern)) {
		const spec = m[3] ?? m[4];
		if (!spec) continue;
		out.push({
			from: relative(src, file),
			to: relative(src, resolve(dirname(file), spec)),
			typeOnly: Boolean(m[2]),
		});
	}
	return out;
}

function levelOf(path: string): number {
	return levels.indexOf(path.split("/")[0] as (typeof levels)[number]);
}

/** The imports that break the drawing, each said in words. */
export function violations(imports: Import[]): string[] {
	const out: string[] = [];
	for (const i of imports) {
		const from = levelOf(i.from);
		const to = levelOf(i.to);
		if (from < 0) out.push(`${i.from} is in no level of the drawing`);
		else if (to < 0) out.push(`${i.from} imports ${i.to}, which is in no level of the drawing`);
		else if (i.to === wiring && from < to) {
			if (!(i.from.startsWith("web/") && i.typeOnly))
				out.push(
					`${i.from} imports the wiring file: only the pages may, and only its Services type`,
				);
		} else if (to > from) out.push(`${i.from} imports ${i.to}, a higher level (${levels[to]})`);
	}
	return out;
}

describe("the import drawing", () => {
	const files = sourceFiles(src);
	const imports = files.flatMap((f) => importsOf(f, readFileSync(f, "utf8")));

	it("reads the whole tree", () => {
		assert.ok(files.length > 200, `only ${files.length} files under src/`);
		assert.ok(imports.length > 1000, `only ${imports.length} imports found`);
		for (const level of levels)
			assert.ok(
				files.some((f) => relative(src, f).startsWith(`${level}/`)),
				`no file in src/${level}`,
			);
	});

	it("has no folder importing a higher one, except the pages' type of the wiring file", () => {
		assert.deepEqual(violations(imports), []);
	});

	it("keeps interchange to file formats: it imports neither modules, nor http, nor the server", () => {
		const out = imports.filter(
			(i) => i.from.startsWith("interchange/") && levelOf(i.to) > levelOf("interchange/"),
		);
		assert.deepEqual(out, []);
	});

	it("hands each module's routes its own service, never the whole set", () => {
		const routes = files.filter((f) => /modules\/[^/]+\/[^/]+\.routes\.ts$/.test(f));
		assert.ok(routes.length > 15);
		for (const f of routes)
			assert.doesNotMatch(readFileSync(f, "utf8"), /\bServices\b/, relative(src, f));
	});

	it("would catch an upward import, a module importing the wiring file, and a stray folder", () => {
		assert.equal(
			violations([
				{ from: "interchange/x.ts", to: "modules/a/a.service.ts", typeOnly: true },
				{ from: "modules/a/a.routes.ts", to: "server/services.ts", typeOnly: true },
				{ from: "web/page.tsx", to: "server/services.ts", typeOnly: false },
				{ from: "web/page.tsx", to: "server/services.ts", typeOnly: true },
				{ from: "http/route.ts", to: "lib/errors.ts", typeOnly: false },
				{ from: "extra/x.ts", to: "lib/errors.ts", typeOnly: false },
				{ from: "cli/serve.ts", to: "server/services.ts", typeOnly: false },
			]).length,
			4,
		);
	});
});
