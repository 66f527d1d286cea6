/** The pages: thin handlers that call services and render. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseInput } from "../lib/validation.ts";
import { commitmentListQuery } from "../modules/commitments/commitments.schemas.ts";
import { openApiDocument } from "../server/openapi.ts";
import type { Services } from "../server/services.ts";
import { assetRoutes } from "./assets.ts";
import { ApiDocsPage } from "./pages/api-docs.tsx";
import { HomePage } from "./pages/home.tsx";
import { renderPage } from "./render.ts";

const homeQuery = z.strictObject({ page: commitmentListQuery.shape.page });

export function pageRoutes(app: FastifyInstance, services: Services, version: string): void {
	assetRoutes(app);
	app.get("/", async (request, reply) => {
		const { page } = parseInput(homeQuery, request.query ?? {}, "query parameter");
		const list = await services.commitments.list(
			parseInput(commitmentListQuery, { page: String(page), limit: "50" }),
		);
		const hasDemo = list.items.some((c) => c.origin === "demo");
		return reply
			.type("text/html; charset=utf-8")
			.header("cache-control", "public, max-age=60")
			.send(renderPage(HomePage({ list, hasDemo })));
	});
	app.get("/api/docs", async (_request, reply) => {
		return reply
			.type("text/html; charset=utf-8")
			.header("cache-control", "public, max-age=300")
			.send(renderPage(ApiDocsPage({ doc: openApiDocument(version) as never })));
	});
	app.get("/api/openapi.json", async (_request, reply) => {
		return reply.header("cache-control", "public, max-age=300").send(openApiDocument(version));
	});
}
