/** API of progress reports. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { idParams } from "../../http/params.ts";
import { getRoute, writeRoute } from "../../http/route.ts";
import { ifMatchVersion } from "../commitments/commitments.routes.ts";
import { reportsTable } from "./reports.csv.ts";
import {
	reportDetail,
	reportInput,
	reportList,
	reportPatch,
	reportWithdrawal,
	reportWritten,
} from "./reports.schemas.ts";
import type { ReportService } from "./reports.service.ts";

export function reportRoutes(app: FastifyInstance, reports: ReportService): void {
	getRoute(app, {
		url: "/api/v1/commitments/:id/reports",
		operationId: "listReports",
		summary:
			"The progress reports on a commitment: its makers' accounts and recipient governments' national strategies",
		tags: ["reports"],
		params: idParams,
		query: z.strictObject({ format: formatParam }),
		response: reportList,
		handler: async ({ params, query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						reportsTable,
						await reports.exportForCommitment(params.id, request.actor),
						(r) => r.report,
						`commitment-${params.id}-reports`,
					)
				: reports.list(params.id, request.actor),
	});
	getRoute(app, {
		url: "/api/v1/reports/:id",
		operationId: "getReport",
		summary: "One progress report, with its version history",
		tags: ["reports"],
		params: z.strictObject({ id: z.string().max(20) }),
		response: reportDetail,
		handler: async ({ params, request, reply }) => {
			const report = await reports.get(params.id, request.actor);
			reply.header("etag", `"${report.version}"`);
			return report;
		},
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/reports",
		operationId: "createReport",
		summary:
			"Report progress: a maker's account of a period, or a recipient government's national strategy",
		tags: ["reports"],
		status: 201,
		params: idParams,
		body: reportInput,
		response: reportWritten,
		handler: ({ actor, params, body }) => reports.create(params.id, body, actor),
	});
	writeRoute(app, {
		method: "PATCH",
		url: "/api/v1/reports/:id",
		operationId: "updateReport",
		summary: "Update a report: a new version, refused (409) when it edits a stale one",
		tags: ["reports"],
		params: z.strictObject({ id: z.string().max(20) }),
		body: reportPatch,
		response: reportWritten,
		handler: ({ actor, params, body, request }) => {
			const patch = body as Record<string, unknown>;
			return reports.update(
				params.id,
				{ ...patch, version: patch.version ?? ifMatchVersion(request.headers["if-match"]) },
				actor,
			);
		},
	});
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/reports/:id/withdraw",
		operationId: "withdrawReport",
		summary:
			"Withdraw a report: kept with the reason, counted in no delivery figure; refused (409) on a stale version",
		tags: ["reports"],
		params: z.strictObject({ id: z.string().max(20) }),
		body: reportWithdrawal,
		response: reportWritten,
		handler: ({ actor, params, body, request }) => {
			const input = body as { version?: number; reason: string };
			return reports.withdraw(
				params.id,
				{ ...input, version: input.version ?? ifMatchVersion(request.headers["if-match"]) },
				actor,
			);
		},
	});
}
