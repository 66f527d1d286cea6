/**
 * The signed-in workspace: its first page here, and the pages of each role (commitment
 * forms and workflow, reports and assessments, the secretariat's queues) from their files.
 */
import type { Actor } from "../../lib/actor.ts";
import { isOneOf } from "../../lib/enums.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { assessmentPolicy } from "../../modules/assessments/assessments.policy.ts";
import { isStaff, memberOfAny } from "../../modules/commitments/commitments.policy.ts";
import { commitmentListQuery } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { memberStakeholders, pageNumber, queryText, signedIn } from "../pages/workspace/access.ts";
import { assessStates, WorkspaceHomePage } from "../pages/workspace/home.tsx";
import { authPageRoutes } from "./auth-pages.routes.ts";
import { workspaceAccountabilityRoutes } from "./workspace.accountability.routes.ts";
import { workspaceCommitmentRoutes } from "./workspace.commitments.routes.ts";
import { workspaceSecretariatRoutes } from "./workspace.secretariat.routes.ts";

/** How many published commitments the assessor's list reads at most (newest first). */
const assessLimit = 200;

/**
 * An assessor's list: published commitments of stakeholders they are not a member of,
 * chosen by words and goal, each with whether (and when) it was assessed; by default
 * those nobody assessed yet.
 */
async function assessorList(
	services: Services,
	actor: Actor,
	query: Record<string, string | string[] | undefined>,
) {
	const q = queryText(query.assess_q)?.trim() ?? "";
	const goal = queryText(query.assess_goal)?.trim() ?? "";
	const stateText = queryText(query.assess_state) ?? "unassessed";
	const state = isOneOf(assessStates, stateText) ? stateText : "unassessed";
	let problem: string | null = null;
	let items: Awaited<ReturnType<Services["commitments"]["list"]>>["items"] = [];
	try {
		const list = await services.commitments.list(
			parseInput(
				commitmentListQuery,
				{
					status: "published",
					limit: String(assessLimit),
					...(q ? { q } : {}),
					...(goal ? { goal } : {}),
				},
				"query parameter",
			),
		);
		items = list.items;
	} catch (error) {
		if (!(error instanceof AppError) || error.code !== "invalid_input") throw error;
		problem = error.message;
	}
	const theirs = items.filter(
		(c) =>
			!memberOfAny(
				actor,
				c.makers.map((m) => m.id),
			),
	);
	const assessed = await services.assessments.assessedAmong(theirs.map((c) => c.id));
	const shown = theirs.filter((c) =>
		state === "all" ? true : (state === "assessed") === assessed.has(c.id),
	);
	return {
		items: shown.map((c) => ({ commitment: c, assessed: assessed.get(c.id) ?? null })),
		filters: { q, goal, state },
		problem,
		capped: items.length >= assessLimit,
	};
}

export function workspaceRoutes(pages: PageRouter, services: Services): void {
	authPageRoutes(pages, services);

	pages.get("/workspace", async ({ ctx, reply, query }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const staff = isStaff(actor);
		const member = actor.memberships.length > 0;
		const [stakeholders, commitments, submitted, flagged, proposed, toAssess] = await Promise.all([
			memberStakeholders(services, actor),
			member && !staff
				? services.commitments.workspace(actor, { page: pageNumber(query.page), limit: 50 })
				: null,
			staff
				? services.commitments.workspace(actor, { status: ["submitted"], page: 1, limit: 1 })
				: null,
			staff ? services.comments.flagged({ page: 1, limit: 1 }, actor) : null,
			staff ? services.proposals.list(actor, { state: "pending", limit: "1" }) : null,
			assessmentPolicy.assess(actor) ? assessorList(services, actor, query) : null,
		]);
		return WorkspaceHomePage({
			ctx,
			data: {
				stakeholders,
				commitments,
				canDraft: member || staff,
				secretariat:
					submitted && flagged && proposed
						? { submitted: submitted.total, flagged: flagged.total, proposed: proposed.total }
						: null,
				toAssess,
				done: queryText(query.done),
			},
		});
	});

	workspaceCommitmentRoutes(pages, services);
	workspaceAccountabilityRoutes(pages, services);
	workspaceSecretariatRoutes(pages, services);
}
