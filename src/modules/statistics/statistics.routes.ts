/** Read API of the official statistics: values with their sources, providers and series. */
import type { FastifyInstance } from "fastify";
import { getRoute } from "../../http/route.ts";
import {
	providerList,
	providerParams,
	providerSeries,
	statisticList,
	statisticListQuery,
} from "./statistics.schemas.ts";
import type { StatisticsService } from "./statistics.service.ts";

export function statisticsRoutes(app: FastifyInstance, statistics: StatisticsService): void {
	getRoute(app, {
		url: "/api/v1/statistics",
		operationId: "listStatistics",
		summary: "Official statistics (ODA, GNI, ODA to LDCs) with their sources",
		tags: ["statistics"],
		query: statisticListQuery,
		response: statisticList,
		handler: ({ query }) => statistics.list(query),
	});
	getRoute(app, {
		url: "/api/v1/statistics/providers",
		operationId: "listStatisticProviders",
		summary: "Who the statistics are about: DAC members, the EU Institutions, collectives",
		tags: ["statistics"],
		response: providerList,
		handler: () => statistics.providers(),
	});
	getRoute(app, {
		url: "/api/v1/statistics/providers/:code",
		operationId: "getStatisticProviderSeries",
		summary: "A provider's ODA, GNI and ODA/GNI by year (a collective's summed over its members)",
		tags: ["statistics"],
		params: providerParams,
		response: providerSeries,
		handler: ({ params }) => statistics.series(params),
	});
}
