/** Read API of countries. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { getRoute } from "../../http/route.ts";
import { countriesTable } from "./countries.csv.ts";
import {
	countryDetail,
	countryDetailQuery,
	countryList,
	countryListQuery,
} from "./countries.schemas.ts";
import type { CountryService } from "./countries.service.ts";

export function countryRoutes(app: FastifyInstance, countries: CountryService): void {
	getRoute(app, {
		url: "/api/v1/countries",
		operationId: "listCountries",
		summary: "List countries (ISO 3166-1)",
		tags: ["countries"],
		query: countryListQuery.extend({ format: formatParam }),
		response: countryList,
		maxAge: 300,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						countriesTable,
						await countries.exportBatches(query),
					)
				: countries.list(query),
	});
	getRoute(app, {
		url: "/api/v1/countries/:code",
		operationId: "getCountry",
		summary: "One country, by ISO 3166-1 alpha-2 code",
		tags: ["countries"],
		params: z.strictObject({ code: z.string().max(20) }),
		query: countryDetailQuery,
		response: countryDetail,
		handler: ({ params, query }) => countries.get(params.code, query),
	});
}
