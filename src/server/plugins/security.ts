/**
 * Security headers and a strict Content-Security-Policy: pages load scripts, styles and
 * images from this origin only, and nothing inline.
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
	await app.register(helmet, {
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'"],
				styleSrc: ["'self'"],
				imgSrc: ["'self'", "data:"],
				fontSrc: ["'self'"],
				connectSrc: ["'self'"],
				formAction: ["'self'"],
				frameAncestors: ["'none'"],
				baseUri: ["'self'"],
				objectSrc: ["'none'"],
			},
		},
		// The API is meant to be read by other sites' scripts too (open data).
		crossOriginResourcePolicy: { policy: "cross-origin" },
		strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
	});
}
