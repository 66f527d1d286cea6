/** Builds the Fastify application: plugins, error mapping, API and page routes. */
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { pageRoutes } from "../web/routes.ts";
import { registerRequestIdHeader, requestId, serverLogger } from "./logging.ts";
import { registerAuth } from "./plugins/auth.ts";
import { registerCompression } from "./plugins/compression.ts";
import { frameworkError, registerErrorHandling } from "./plugins/errors.ts";
import { registerNulGuard } from "./plugins/nul-guard.ts";
import { registerSecurityHeaders } from "./plugins/security.ts";
import { moduleRoutes, type Services } from "./services.ts";
import { type TrustProxy, trustProxySetting } from "./trust-proxy.ts";
import { appVersion } from "./version.ts";

export interface AppOptions {
	logger?: boolean | { level: string; stream?: { write(line: string): void } };
	trustProxy?: TrustProxy;
}

export async function buildApp(
	services: Services,
	options: AppOptions = {},
): Promise<FastifyInstance> {
	const app = Fastify({
		logger: serverLogger(options.logger ?? false),
		genReqId: requestId,
		trustProxy: options.trustProxy ?? trustProxySetting(process.env.IIF_TRUST_PROXY),
		routerOptions: { maxParamLength: 200 },
		frameworkErrors: frameworkError,
	});
	// Slow connections are the norm for many users: compress everything worth it.
	registerRequestIdHeader(app);
	registerCompression(app);
	// The portal's forms post ordinary form fields, so they work without JavaScript.
	await app.register(formbody);
	registerErrorHandling(app);
	registerNulGuard(app);
	await registerSecurityHeaders(app);
	await registerAuth(app, services.auth);
	moduleRoutes(app, services);
	pageRoutes(app, services, appVersion);
	return app;
}
