/**
 * Static files, read once at start and served with a content hash in their URL, so
 * browsers keep them for a year and never use a stale one. The stylesheet is one file
 * built from the site's CSS and every area's own CSS file: one request.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { projectPath } from "../lib/root.ts";

const require = createRequire(import.meta.url);

// The stylesheets are read from the sources, where they live (the build copies no CSS).
const webDir = pathToFileURL(`${projectPath("src", "web")}/`);

/** Every component's and page area's own CSS file under src/web, after the site's base. */
function stylesheets(): Buffer[] {
	const files = readdirSync(webDir, { recursive: true, encoding: "utf8" })
		.filter((f) => f.endsWith(".css") && f !== "assets/site.css")
		.sort();
	return [
		readFileSync(new URL("assets/site.css", webDir)),
		...files.map((f) => readFileSync(new URL(f, webDir))),
	];
}

interface Asset {
	type: string;
	body: Buffer;
	hash: string;
}

function asset(type: string, body: Buffer): Asset {
	return { type, body, hash: createHash("sha256").update(body).digest("hex").slice(0, 12) };
}

const files: Record<string, Asset> = {
	"site.css": asset(
		"text/css; charset=utf-8",
		Buffer.concat(stylesheets().flatMap((b) => [b, Buffer.from("\n")])),
	),
	// The site's own scripts, read from the sources like the stylesheets.
	"explorer.js": asset(
		"text/javascript; charset=utf-8",
		readFileSync(new URL("assets/explorer.js", webDir)),
	),
	// htmx, pinned by package.json's major version, served from this origin (CSP: 'self').
	"htmx.min.js": asset(
		"text/javascript; charset=utf-8",
		readFileSync(require.resolve("htmx.org/dist/htmx.min.js")),
	),
};

/** The URL of an asset, with its content hash. */
export function assetPath(name: keyof typeof files & string): string {
	const file = files[name];
	if (!file) throw new Error(`no asset ${name}`);
	return `/assets/${name}?v=${file.hash}`;
}

export function assetRoutes(app: FastifyInstance): void {
	app.get("/assets/:name", async (request, reply) => {
		const file = files[(request.params as { name: string }).name];
		if (!file) return reply.callNotFound();
		return reply
			.type(file.type)
			.header("cache-control", "public, max-age=31536000, immutable")
			.send(file.body);
	});
}
