/** API of commitments: reading, and the workflow of writing them. */
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import { requireActor } from "../../http/actor.ts";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { registerDoc } from "../../http/openapi.ts";
import { idParams } from "../../http/params.ts";
import { getRoute, writeRoute } from "../../http/route.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { commitmentsTable } from "./commitments.csv.ts";
import { transitions } from "./commitments.policy.ts";
import {
	commitmentDetail,
	commitmentFacetQuery,
	commitmentFacets,
	commitmentHistory,
	commitmentInput,
	commitmentList,
	commitmentListQuery,
	commitmentPatch,
	relationCreate,
	transitionInput,
	updateResult,
	workspaceQuery,
	writeResult,
} from "./commitments.schemas.ts";
import type { CommitmentService } from "./commitments.service.ts";

/** If-Match: "3", W/"3" or 3 name the version an update edits. */
export function ifMatchVersion(header: string | undefined): number | undefined {
	if (header === undefined) return undefined;
	const m = /^(?:W\/)?"?v?(\d{1,9})"?$/.exec(header.trim());
	if (!m)
		throw AppError.invalid("If-Match", 'the If-Match header must name a version, such as "3"');
	return Number(m[1]);
}

export function commitmentRoutes(app: FastifyInstance, commitments: CommitmentService): void {
	getRoute(app, {
		url: "/api/v1/commitments",
		operationId: "listCommitments",
		summary: "List commitments",
		description:
			"Public commitments (published, completed, withdrawn), filtered, searched, sorted and paged. Repeated or comma-separated values of one filter match any of them; different filters must all match.",
		tags: ["commitments"],
		query: commitmentListQuery.extend({ format: formatParam }),
		response: commitmentList,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						commitmentsTable,
						await commitments.exportBatches(query),
						(r) => r.item,
					)
				: commitments.list(query),
	});
	// Declared before /:id: a static path wins in any case, but the order says so.
	getRoute(app, {
		url: "/api/v1/commitments/facets",
		operationId: "getCommitmentFacets",
		summary:
			"Facets of the commitment list: counts by goal, target, forum, maker, recipient, kind, status and year",
		description:
			"Takes the filters of the list (not its paging or order) and answers how many public commitments the selection holds, and for each dimension how many it would hold with each value: every filter applies except the dimension's own, so the other values of a chosen dimension keep their counts. Values are what the list filters take (maker is the stakeholder filter; year is the year announced, selected by year_from and year_to).",
		tags: ["commitments"],
		query: commitmentFacetQuery,
		response: commitmentFacets,
		handler: ({ query }) => commitments.facets(query),
	});
	getRoute(app, {
		url: "/api/v1/commitments/:id",
		operationId: "getCommitment",
		summary: "One commitment, whole",
		description:
			"Everything about one commitment, by id or slug: its text, makers, forum, goals and targets, recipients, financial and policy terms, sources, relations and its version history with the differences between versions. Drafts and submissions are visible to their makers' members and the secretariat only. The ETag is the version, for If-Match on updates.",
		tags: ["commitments"],
		params: idParams,
		response: commitmentDetail,
		handler: async ({ params, request, reply }) => {
			const detail = await commitments.get(params.id, request.actor);
			reply.header("etag", `"${detail.version}"`);
			return detail;
		},
	});
	getRoute(app, {
		url: "/api/v1/commitments/:id/history",
		operationId: "getCommitmentHistory",
		summary: "The public history of a commitment: every recorded step, who took it, when and why",
		tags: ["commitments"],
		params: idParams,
		response: commitmentHistory,
		handler: ({ params, request }) => commitments.history(params.id, request.actor),
	});
	registerDoc({
		method: "GET",
		url: "/api/v1/workspace/commitments",
		operationId: "listWorkspaceCommitments",
		summary:
			"Your workspace: the commitments of your stakeholders in every status; for the secretariat, every commitment in the statuses asked (submitted by default: the queue to publish)",
		tags: ["commitments"],
		query: workspaceQuery,
		response: commitmentList,
		security: true,
	});
	app.get("/api/v1/workspace/commitments", async (request, reply) => {
		const actor = requireActor(request);
		const query = parseInput(workspaceQuery, request.query ?? {}, "query parameter");
		reply.header("cache-control", "private, no-store");
		return commitments.workspace(actor, query);
	});

	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments",
		operationId: "createCommitment",
		summary: "Draft a commitment for a stakeholder you are focal point or editor of",
		description:
			"The draft is private to the makers' members and the secretariat until the secretariat publishes it. status and origin are set by the workflow.",
		tags: ["commitments"],
		status: 201,
		body: commitmentInput,
		response: writeResult,
		handler: async ({ actor, body }) => {
			const r = await commitments.create(body, actor);
			return { id: r.id, slug: r.slug, version: r.version, status: "draft" as const };
		},
	});
	writeRoute(app, {
		method: "PATCH",
		url: "/api/v1/commitments/:id",
		operationId: "updateCommitment",
		summary:
			"Update a commitment: a new version (200), held for the secretariat's review (202), or refused (409) when it edits a stale one",
		description:
			"Give the version you edit as `version` or in If-Match. Fields in `changes` replace the stored ones (lists and terms whole). A change to the verbatim text of a published commitment, or any change to a published commitment made by several stakeholders, is kept as a proposal until the secretariat accepts it: the answer is 202 with the proposal, and the commitment keeps its version. While a proposal waits, further updates are refused (409).",
		tags: ["commitments"],
		params: idParams,
		body: commitmentPatch.partial({ version: true }),
		response: updateResult,
		statusOf: (answer) => (answer.proposal ? 202 : 200),
		handler: async ({ actor, params, body, request }) => {
			const patch = body as Record<string, unknown>;
			const headerVersion = ifMatchVersion(request.headers["if-match"]);
			const version = patch.version ?? headerVersion;
			if (version === undefined)
				throw AppError.invalid(
					"version",
					"say which version you edit: a version field or an If-Match header",
				);
			const r = await commitments.update(params.id, { ...patch, version }, actor);
			const detail = await commitments.get(String(r.id), actor);
			return {
				id: r.id,
				slug: detail.slug,
				version: r.version,
				status: detail.status,
				proposal: r.proposal && { ...r.proposal, state: "pending" as const },
			};
		},
	});
	for (const step of Object.keys(transitions) as (keyof typeof transitions)[]) {
		const rule = transitions[step];
		writeRoute(app, {
			method: "POST",
			url: `/api/v1/commitments/:id/${step}`,
			operationId: `${step}Commitment`,
			summary: `${step[0]?.toUpperCase()}${step.slice(1)}: ${rule.from.join(" or ")} -> ${rule.to}${rule.reason ? " (a reason is required)" : ""}`,
			tags: ["workflow"],
			params: idParams,
			body: transitionInput,
			response: writeResult,
			handler: async ({ actor, params, body }) => {
				const r = await commitments.transition(params.id, step, body, actor);
				const detail = await commitments.get(String(r.id), actor);
				return { id: r.id, slug: detail.slug, version: r.version, status: r.status };
			},
		});
	}
	writeRoute(app, {
		method: "POST",
		url: "/api/v1/commitments/:id/relations",
		operationId: "relateCommitment",
		summary:
			"Relate this commitment to another: it reaffirms, supersedes, is part of or overlaps it",
		tags: ["commitments"],
		params: idParams,
		body: relationCreate,
		response: z.object({ created: z.boolean() }),
		handler: ({ actor, params, body }) => commitments.relate(params.id, body, actor),
	});
}
