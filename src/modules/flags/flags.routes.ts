/** API of inconsistency flags: on one commitment, and listed over the registry. */
import type { FastifyInstance } from "fastify";
import { idParams } from "../../http/params.ts";
import { getRoute } from "../../http/route.ts";
import { flagKinds, flagRules } from "./flags.rules.ts";
import { commitmentFlags, flagList, flagListQuery } from "./flags.schemas.ts";
import type { FlagService } from "./flags.service.ts";

const rules = flagKinds.map((k) => `- ${k}: ${flagRules[k]}`).join("\n");

export function flagRoutes(app: FastifyInstance, flags: FlagService): void {
	getRoute(app, {
		url: "/api/v1/commitments/:id/flags",
		operationId: "commitmentFlags",
		summary: "The inconsistencies found in one commitment, each explained in plain words",
		description: `Checked when asked, against the records and the delivery figures, so a flag goes as soon as its cause is fixed. Only published and completed commitments are checked. The kinds:\n${rules}`,
		tags: ["analytics"],
		params: idParams,
		response: commitmentFlags,
		handler: ({ params, request }) => flags.forCommitment(params.id, request.actor),
	});
	getRoute(app, {
		url: "/api/v1/analytics/flags",
		operationId: "listFlags",
		summary: "Inconsistency flags on public commitments, the newest commitments first",
		description: `Filters: kind, stakeholder (the makers), goal; each takes several values, repeated or comma-separated. The kinds:\n${rules}`,
		tags: ["analytics"],
		query: flagListQuery,
		response: flagList,
		handler: ({ query }) => flags.list(query),
	});
}
