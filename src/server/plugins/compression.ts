/**
 * Compresses answers for slow connections (brotli, else gzip), which are the norm for
 * many users. Our own hook rather than @fastify/compress: that plugin brings some 700 KB
 * of stream libraries and a MIME database into the server's bundle, which cost about
 * 45 ms of every `iif serve` start, for a negotiation that fits in this file.
 */
import { Readable } from "node:stream";
import { promisify } from "node:util";
import {
	brotliCompress,
	constants,
	createBrotliCompress,
	createGzip,
	gzip,
	type ZlibOptions,
} from "node:zlib";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const threshold = 1024;

// Quality 4 is the usual choice for answers made per request: the default, 11, is meant
// for files compressed once, and takes tens of milliseconds on a large page.
const brotliOptions = {
	params: {
		[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
		[constants.BROTLI_PARAM_QUALITY]: 4,
	},
};
const gzipOptions: ZlibOptions = {};
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats: images, fonts and archives are compressed already. */
const compressible =
	/^(text\/|image\/svg\+xml|application\/(json|xml|javascript|ecmascript|x-ndjson|[\w.-]+\+(json|xml))\b)/i;

type Encoding = "br" | "gzip";

/**
 * The encoding to answer in, from an Accept-Encoding header: the one the client weighs
 * highest (q), brotli on a tie; undefined for none (absent header, identity, q=0).
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
	if (!header) return undefined;
	const weights = new Map<string, number>();
	for (const part of header.split(",")) {
		const [name, ...params] = part.trim().toLowerCase().split(";");
		if (!name) continue;
		let q = 1;
		for (const param of params) {
			const [key, value] = param.trim().split("=");
			if (key === "q") q = Number(value);
		}
		weights.set(name, Number.isFinite(q) ? q : 0);
	}
	const weight = (name: Encoding) => weights.get(name) ?? weights.get("*") ?? 0;
	const br = weight("br");
	const gz = weight("gzip");
	if (br <= 0 && gz <= 0) return undefined;
	return br >= gz ? "br" : "gzip";
}

function appendVary(reply: FastifyReply): void {
	const vary = reply.getHeader("vary");
	const current = vary === undefined ? "" : String(vary);
	if (current === "*" || /(^|,)\s*accept-encoding\s*(,|$)/i.test(current)) return;
	reply.header("vary", current ? `${current}, accept-encoding` : "accept-encoding");
}

export function registerCompression(app: FastifyInstance): void {
	app.addHook("onSend", async (request, reply, payload) => {
		if (payload === null || payload === undefined) return payload;
		if (request.method === "HEAD" || reply.statusCode === 204 || reply.statusCode === 304)
			return payload;
		if (reply.getHeader("content-encoding")) return payload;
		const type = String(reply.getHeader("content-type") ?? "");
		if (!compressible.test(type)) return payload;
		// The answer differs by Accept-Encoding from here on, whether or not this one is
		// compressed: a shared cache must not hand a compressed copy to a client that
		// cannot read it.
		appendVary(reply);
		const encoding = negotiateEncoding(request.headers["accept-encoding"]);
		if (!encoding) return payload;
		if (payload instanceof Readable) {
			reply.header("content-encoding", encoding);
			reply.removeHeader("content-length");
			const zip = encoding === "br" ? createBrotliCompress(brotliOptions) : createGzip(gzipOptions);
			// A client that hangs up ends the answer: the source is destroyed with the
			// compressor, so nothing keeps reading the database for nobody.
			zip.on("close", () => payload.destroy());
			payload.on("error", (err) => zip.destroy(err));
			return payload.pipe(zip);
		}
		if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
		if (Buffer.byteLength(payload) < threshold) return payload;
		const body =
			encoding === "br"
				? await brotliAsync(payload, brotliOptions)
				: await gzipAsync(payload, gzipOptions);
		reply.header("content-encoding", encoding);
		reply.header("content-length", body.length);
		return body;
	});
}
