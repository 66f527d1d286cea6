import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Fastify from "fastify";
import { negotiateEncoding, registerCompression } from "./compression.ts";

describe("negotiateEncoding", () => {
	it("takes what the client weighs highest, brotli on a tie, nothing it refuses", () => {
		assert.equal(negotiateEncoding(undefined), undefined);
		assert.equal(negotiateEncoding(""), undefined);
		assert.equal(negotiateEncoding("identity"), undefined);
		assert.equal(negotiateEncoding("gzip, deflate, br"), "br");
		assert.equal(negotiateEncoding("gzip"), "gzip");
		assert.equal(negotiateEncoding("br;q=0.5, gzip;q=0.8"), "gzip");
		assert.equal(negotiateEncoding("br;q=0, gzip;q=0"), undefined);
		assert.equal(negotiateEncoding("BR;Q=1"), "br");
		assert.equal(negotiateEncoding("*"), "br");
		assert.equal(negotiateEncoding("*;q=0, gzip"), "gzip");
		assert.equal(negotiateEncoding("br;q=nonsense, gzip"), "gzip");
	});
});

describe("compression of answers", () => {
	const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `commitment ${i}` }));
	const csv = `id,name\n${rows.map((r) => `${r.id},${r.name}`).join("\n")}\n`;
	const app = Fastify();
	registerCompression(app);
	app.get("/json", async () => rows);
	app.get("/small", async () => ({ ok: true }));
	app.get("/csv", async (_req, reply) => {
		reply.type("text/csv; charset=utf-8");
		// In pieces, as the exports stream a selection page by page.
		return Readable.from(csv.match(/[\s\S]{1,4096}/g) ?? []);
	});
	app.get("/png", async (_req, reply) => {
		reply.type("image/png");
		return Buffer.alloc(4096, 7);
	});
	app.get("/varied", async (_req, reply) => {
		reply.header("vary", "cookie, authorization");
		return rows;
	});

	it("answers in brotli or gzip as asked, the same bytes once decoded", async () => {
		const plain = await app.inject({ url: "/json" });
		assert.equal(plain.headers["content-encoding"], undefined);
		const br = await app.inject({ url: "/json", headers: { "accept-encoding": "gzip, br" } });
		assert.equal(br.headers["content-encoding"], "br");
		assert.equal(Number(br.headers["content-length"]), br.rawPayload.length);
		assert.ok(br.rawPayload.length < plain.rawPayload.length / 4);
		assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
		const gz = await app.inject({ url: "/json", headers: { "accept-encoding": "gzip" } });
		assert.equal(gz.headers["content-encoding"], "gzip");
		assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
		assert.match(String(gz.headers.vary), /accept-encoding/);
	});

	it("compresses a streamed download whole, without a stale length", async () => {
		const gz = await app.inject({ url: "/csv", headers: { "accept-encoding": "gzip" } });
		assert.equal(gz.headers["content-encoding"], "gzip");
		assert.equal(gz.headers["content-length"], undefined);
		assert.equal(gunzipSync(gz.rawPayload).toString(), csv);
		const br = await app.inject({ url: "/csv", headers: { "accept-encoding": "br" } });
		assert.equal(brotliDecompressSync(br.rawPayload).toString(), csv);
	});

	it("leaves small answers, images and HEAD requests as they are", async () => {
		const small = await app.inject({ url: "/small", headers: { "accept-encoding": "br" } });
		assert.equal(small.headers["content-encoding"], undefined);
		assert.deepEqual(small.json(), { ok: true });
		const png = await app.inject({ url: "/png", headers: { "accept-encoding": "br" } });
		assert.equal(png.headers["content-encoding"], undefined);
		assert.equal(png.rawPayload.length, 4096);
		const head = await app.inject({
			method: "HEAD",
			url: "/json",
			headers: { "accept-encoding": "br" },
		});
		assert.equal(head.headers["content-encoding"], undefined);
	});

	it("keeps the Vary the route set and adds Accept-Encoding once", async () => {
		const res = await app.inject({ url: "/varied", headers: { "accept-encoding": "br" } });
		assert.equal(res.headers.vary, "cookie, authorization, accept-encoding");
	});
});
