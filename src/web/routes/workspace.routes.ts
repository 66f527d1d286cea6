/**
 * The signed-in workspace: its first page here, and the pages of each role (commitment
 * forms and workflow, reports and assessments, the secretariat's queues) from their files.
 */
import { parseInput } from "../../lib/validation.ts";
import { assessmentPolicy } from "../../modules/assessments/assessments.policy.ts";
import { isStaff, memberOfAny } from "../../modules/commitments/commitments.policy.ts";
import { commitmentListQuery } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { memberStakeholders, pageNumber, queryText, signedIn } from "../pages/workspace/access.ts";
import { WorkspaceHomePage } from "../pages/workspace/home.tsx";
import { authPageRoutes } from "./auth-pages.routes.ts";
import { workspaceAccountabilityRoutes } from "./workspace.accountability.routes.ts";
import { workspaceCommitmentRoutes } from "./workspace.commitments.routes.ts";
import { workspaceSecretariatRoutes } from "./workspace.secretariat.routes.ts";

export function workspaceRoutes(pages: PageRouter, services: Services): void {
	authPageRoutes(pages, services);

	pages.get("/workspace", async ({ ctx, reply, query }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const staff = isStaff(actor);
		const member = actor.memberships.length > 0;
		const [stakeholders, commitments, submitted, flagged, toAssess] = await Promise.all([
			memberStakeholders(services, actor),
			member && !staff
				? services.commitments.workspace(actor, { page: pageNumber(query.page), limit: 50 })
				: null,
			staff
				? services.commitments.workspace(actor, { status: ["submitted"], page: 1, limit: 1 })
				: null,
			staff ? services.comments.flagged({ page: 1, limit: 1 }, actor) : null,
			assessmentPolicy.assess(actor)
				? services.commitments.list(parseInput(commitmentListQuery, { limit: "30" }))
				: null,
		]);
		return WorkspaceHomePage({
			ctx,
			data: {
				stakeholders,
				commitments,
				canDraft: member || staff,
				secretariat:
					submitted && flagged ? { submitted: submitted.total, flagged: flagged.total } : null,
				toAssess: toAssess
					? toAssess.items.filter(
							(c) =>
								c.status === "published" &&
								!memberOfAny(
									actor,
									c.makers.map((m) => m.id),
								),
						)
					: null,
				done: queryText(query.done),
			},
		});
	});

	workspaceCommitmentRoutes(pages, services);
	workspaceAccountabilityRoutes(pages, services);
	workspaceSecretariatRoutes(pages, services);
}
