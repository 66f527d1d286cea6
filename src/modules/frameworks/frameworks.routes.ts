/** Read API of the goal frameworks. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { getRoute } from "../../http/route.ts";
import { framework, frameworkCodes, frameworkList, frameworkQuery } from "./frameworks.schemas.ts";
import type { FrameworkService } from "./frameworks.service.ts";

export function frameworkRoutes(app: FastifyInstance, frameworks: FrameworkService): void {
	getRoute(app, {
		url: "/api/v1/frameworks",
		operationId: "listFrameworks",
		summary: "The goal frameworks",
		tags: ["frameworks"],
		response: frameworkList,
		maxAge: 3600,
		handler: () => frameworks.list(),
	});
	getRoute(app, {
		url: "/api/v1/frameworks/:code",
		operationId: "getFramework",
		summary: "A framework's goals, targets and indicators",
		tags: ["frameworks"],
		params: z.strictObject({
			code: z.enum(frameworkCodes, {
				error: (i) => `'${String(i.input)}' is not a framework: use mdg or sdg`,
			}),
		}),
		query: frameworkQuery,
		response: framework,
		maxAge: 3600,
		handler: ({ params, query }) => frameworks.get(params.code, query.lang),
	});
}
