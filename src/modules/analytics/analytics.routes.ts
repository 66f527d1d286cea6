/** API of delivery analytics: aggregates by group, and one commitment's delivery. */
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { idParams } from "../../http/params.ts";
import { getRoute } from "../../http/route.ts";
import { commitmentDelivery, deliveryAggregate, deliveryQuery } from "./analytics.schemas.ts";
import type { AnalyticsService } from "./analytics.service.ts";

export function analyticsRoutes(app: FastifyInstance, analytics: AnalyticsService): void {
	getRoute(app, {
		url: "/api/v1/analytics/delivery",
		operationId: "deliveryAggregate",
		summary:
			"Promised, delivered and expected by now, by goal, target, maker, forum, recipient or year",
		description:
			"Takes every filter of the commitment list. Money is in US dollars at constant prices of the base year (basis=constant) or current prices (basis=current). Reaffirmations, parts of a collective pledge, overlapping and superseded pledges add no money a second time; the counts say how many were counted and left out, and how many amounts could not be converted. format=csv answers text/csv (UTF-8 with BOM) with the same figures.",
		tags: ["analytics"],
		query: deliveryQuery,
		response: deliveryAggregate,
		handler: async ({ query, reply }) => {
			if (query.format === "csv") {
				reply.type("text/csv; charset=utf-8");
				reply.header(
					"content-disposition",
					`attachment; filename="delivery-by-${query.group_by}.csv"`,
				);
				// The CSV body stands in for the JSON answer documented above.
				return Readable.from([await analytics.deliveryCsv(query)]);
			}
			return analytics.delivery(query);
		},
	});
	getRoute(app, {
		url: "/api/v1/commitments/:id/delivery",
		operationId: "commitmentDelivery",
		summary:
			"One commitment's delivery: committed, delivered, expected by now, status and yearly series",
		description:
			"The amount as stated and normalised (US dollars, current and constant prices), delivery from progress reports and linked IATI disbursements, the delivery status and reporting traffic light with the rules that decide them, whether it counts in totals or belongs to another commitment, and a series by year.",
		tags: ["analytics"],
		params: idParams,
		response: commitmentDelivery,
		handler: ({ params, request }) => analytics.commitmentDelivery(params.id, request.actor),
	});
}
