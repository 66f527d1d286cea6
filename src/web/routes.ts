/**
 * The portal: every page under a language prefix, "/" sending a first visit to the
 * language the browser asks for (or the one read last), error pages in the reader's
 * language, and the API documentation pages.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { openApiDocument } from "../http/openapi.ts";
import type { AppError } from "../lib/errors.ts";
import type { Services } from "../server/services.ts";
import { assetRoutes } from "./assets.ts";
import { pageContext } from "./context.ts";
import { isLanguage, type Language, languageCookie, negotiateLanguage } from "./i18n/locale.ts";
import { PageRouter } from "./page-route.ts";
import { ApiDocsPage } from "./pages/api-docs.tsx";
import { ErrorPage } from "./pages/error.tsx";
import { renderPage } from "./render.ts";
import { activityPageRoutes } from "./routes/activity.routes.ts";
import { commitmentRoutes } from "./routes/commitment.routes.ts";
import { explorerRoutes } from "./routes/explorer.routes.ts";
import { homeRoutes } from "./routes/home.routes.ts";
import { infoRoutes } from "./routes/info.routes.ts";
import { profileRoutes } from "./routes/profiles.routes.ts";
import { workspaceRoutes } from "./routes/workspace.routes.ts";

/** The language of a request for an error page: the path's prefix, if it is one of the six. */
function pathLanguage(request: FastifyRequest): Language | null {
	const first = request.url.split(/[/?#]/)[1] ?? "";
	return isLanguage(first) ? first : null;
}

export function pageRoutes(app: FastifyInstance, services: Services, version: string): void {
	assetRoutes(app);
	app.get("/", async (request, reply) => {
		const remembered = request.cookies[languageCookie];
		const lang =
			remembered && isLanguage(remembered)
				? remembered
				: negotiateLanguage(request.headers["accept-language"]);
		return reply
			.header("cache-control", "private, no-store")
			.header("vary", "Accept-Language, Cookie")
			.redirect(`/${lang}/`, 302);
	});
	app.decorate("renderErrorPage", async (request: FastifyRequest, error: AppError) => {
		const lang = pathLanguage(request);
		if (!lang) return null;
		const ctx = await pageContext(request, services, lang);
		return renderPage(ErrorPage({ ctx, code: error.code, detail: error.message }));
	});

	const pages = new PageRouter(app, services);
	homeRoutes(pages, services);
	commitmentRoutes(pages, services);
	activityPageRoutes(pages, services);
	explorerRoutes(pages, services);
	profileRoutes(pages, services);
	infoRoutes(pages, services);
	workspaceRoutes(pages, services);

	// The reference is generated from the OpenAPI document, which is in English.
	app.get("/api/docs", async (request, reply) => {
		const ctx = await pageContext(request, services, "en", "/api");
		return reply
			.type("text/html; charset=utf-8")
			.header("cache-control", "public, max-age=300")
			.send(renderPage(ApiDocsPage({ ctx, doc: openApiDocument(version) })));
	});
	app.get("/api/openapi.json", async (_request, reply) => {
		return reply.header("cache-control", "public, max-age=300").send(openApiDocument(version));
	});
}
