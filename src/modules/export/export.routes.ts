/** Exports for other systems: the registry's IATI activities as one IATI 2.03 file. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { listParam } from "../../http/params.ts";
import { getRoute } from "../../http/route.ts";
import { recordRefPattern } from "../../lib/ids.ts";
import type { ExportService } from "./export.service.ts";

export const iatiExportQuery = z.strictObject({
	reporting_org: listParam(z.string().min(1).max(200), {
		description:
			"Only activities of these reporting organisations (IATI organisation identifiers, e.g. GB-GOV-1)",
		items: { type: "string" },
	}),
	commitment: z
		.string()
		.regex(recordRefPattern, "must be a commitment id or slug")
		.optional()
		.describe("Only activities linked to this commitment (id or slug): the accepted links"),
});

/** The body is XML; the documented JSON schema can only say it is text. */
const iatiXml = z.string().describe("An IATI 2.03 activity file (application/xml)");

export function exportRoutes(app: FastifyInstance, exports: ExportService): void {
	getRoute(app, {
		url: "/api/v1/export/iati.xml",
		operationId: "exportIatiActivities",
		summary: "The registry's IATI activities as one IATI 2.03 activity file (XML)",
		description:
			"Answers application/xml: an iati-activities document, version 2.03, valid against IATI's XSD, streamed activity by activity. Activities imported from 1.0x files are written as 2.03. Where IATI requires an element the registry does not hold (a 1.0x file may lack it), the document has the emptiest value the schema allows (an empty code or narrative), never an invented one. Filters: reporting_org, commitment.",
		tags: ["export"],
		query: iatiExportQuery,
		response: iatiXml,
		maxAge: 300,
		handler: async ({ query, request, reply }) => {
			// Filters are checked (400, 404) before the first byte is sent.
			const body = await exports.iatiActivitiesStream(query, request.actor);
			reply.type("application/xml; charset=utf-8");
			reply.header("content-disposition", 'inline; filename="iati-activities.xml"');
			// A stream stands in for the string documented above: Fastify sends it as it comes.
			return body;
		},
	});
}
