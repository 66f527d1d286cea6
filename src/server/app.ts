/** Builds the Fastify application: plugins, error mapping, API and page routes. */
import compress from "@fastify/compress";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { activityRoutes } from "../modules/activities/activities.routes.ts";
import { analyticsRoutes } from "../modules/analytics/analytics.routes.ts";
import { assessmentRoutes } from "../modules/assessments/assessments.routes.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import { commentRoutes } from "../modules/comments/comments.routes.ts";
import { commitmentRoutes } from "../modules/commitments/commitments.routes.ts";
import { countryRoutes } from "../modules/countries/countries.routes.ts";
import { exportRoutes } from "../modules/export/export.routes.ts";
import { feedRoutes } from "../modules/feeds/feeds.routes.ts";
import { flagRoutes } from "../modules/flags/flags.routes.ts";
import { forumRoutes } from "../modules/forums/forums.routes.ts";
import { frameworkRoutes } from "../modules/frameworks/frameworks.routes.ts";
import { healthRoutes } from "../modules/health/health.routes.ts";
import { linkRoutes } from "../modules/links/links.routes.ts";
import { referenceRoutes } from "../modules/reference/reference.routes.ts";
import { reportRoutes } from "../modules/reports/reports.routes.ts";
import { requirementRoutes } from "../modules/requirements/requirements.routes.ts";
import { stakeholderRoutes } from "../modules/stakeholders/stakeholders.routes.ts";
import { statisticsRoutes } from "../modules/statistics/statistics.routes.ts";
import { transactionRoutes } from "../modules/transactions/transactions.routes.ts";
import { userRoutes } from "../modules/users/users.routes.ts";
import { pageRoutes } from "../web/routes.ts";
import { serverLogger } from "./logging.ts";
import { registerAuth } from "./plugins/auth.ts";
import { registerErrorHandling } from "./plugins/errors.ts";
import { registerNulGuard } from "./plugins/nul-guard.ts";
import { registerSecurityHeaders } from "./plugins/security.ts";
import type { Services } from "./services.ts";
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
		trustProxy: options.trustProxy ?? trustProxySetting(process.env.IIF_TRUST_PROXY),
		routerOptions: { maxParamLength: 200 },
	});
	// Slow connections are the norm for many users: compress everything worth it.
	await app.register(compress, { threshold: 1024 });
	// The portal's forms post ordinary form fields, so they work without JavaScript.
	await app.register(formbody);
	registerErrorHandling(app);
	registerNulGuard(app);
	await registerSecurityHeaders(app);
	await registerAuth(app, services.auth);
	authRoutes(app, services);
	userRoutes(app, services);
	healthRoutes(app, services);
	commitmentRoutes(app, services);
	reportRoutes(app, services);
	linkRoutes(app, services);
	commentRoutes(app, services);
	assessmentRoutes(app, services);
	analyticsRoutes(app, services);
	flagRoutes(app, services);
	feedRoutes(app, services);
	requirementRoutes(app, services);
	activityRoutes(app, services);
	stakeholderRoutes(app, services);
	statisticsRoutes(app, services);
	transactionRoutes(app, services);
	forumRoutes(app, services);
	countryRoutes(app, services);
	frameworkRoutes(app, services);
	referenceRoutes(app, services);
	exportRoutes(app, services);
	pageRoutes(app, services, appVersion);
	return app;
}
