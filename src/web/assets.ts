/**
 * Static files under src/web/assets, read once at start and served with a content hash
 * in their URL, so browsers keep them for a year and never use a stale one.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const files: Record<string, { type: string; body: Buffer }> = {
	"site.css": {
		type: "text/css; charset=utf-8",
		body: readFileSync(new URL("./assets/site.css", import.meta.url)),
	},
};

export const assetVersion = createHash("sha256")
	.update(
		Object.values(files)
			.map((f) => f.body)
			.join(""),
	)
	.digest("hex")
	.slice(0, 12);

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
