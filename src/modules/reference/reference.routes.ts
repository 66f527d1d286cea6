/** Read API of the reference data: codelists and stakeholder groups. */
import type { FastifyInstance } from "fastify";
import { getRoute } from "../../http/route.ts";
import { codelist, codelistParams, codelistQuery, groupList } from "./reference.schemas.ts";
import type { ReferenceService } from "./reference.service.ts";

export function referenceRoutes(app: FastifyInstance, reference: ReferenceService): void {
	getRoute(app, {
		url: "/api/v1/codelists/:list",
		operationId: "getCodelist",
		summary:
			"An IATI codelist: Country, Region, Currency, Sector, SectorCategory or OrganisationType",
		tags: ["reference"],
		params: codelistParams,
		query: codelistQuery,
		response: codelist,
		maxAge: 3600,
		handler: ({ params, query }) => reference.codelist(params.list, query.lang),
	});
	getRoute(app, {
		url: "/api/v1/groups",
		operationId: "listGroups",
		summary: "Groups of stakeholders and recipients (G8, G20, DAC, LDC, SIDS ...)",
		tags: ["reference"],
		response: groupList,
		maxAge: 3600,
		handler: () => reference.groups(),
	});
}
