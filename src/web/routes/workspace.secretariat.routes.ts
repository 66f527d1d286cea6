/**
 * The secretariat's queues: submissions to publish or return (the steps themselves are
 * posted to the commitment's transition route), and flagged comments to hide, keep, or
 * show again.
 */
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { commentPolicy } from "../../modules/comments/comments.policy.ts";
import { isStaff } from "../../modules/commitments/commitments.policy.ts";
import type { Services } from "../../server/services.ts";
import { field, formErrorsOf } from "../components/form.tsx";
import type { PageContext } from "../context.ts";
import { type PageRouter, seeOther } from "../page-route.ts";
import { forbidden, pageNumber, queryText, signedIn } from "../pages/workspace/access.ts";
import { describeProposal } from "../pages/workspace/conflict.ts";
import { localPath } from "../pages/workspace/form-values.ts";
import { ProposalQueuePage } from "../pages/workspace/proposals.tsx";
import { type ItemError, ModerationPage, QueuePage } from "../pages/workspace/secretariat.tsx";
import { versionNames } from "./version-names.ts";

const queueLimit = 20;

function requireStaff(actor: Actor): void {
	if (!isStaff(actor)) throw forbidden("only the secretariat sees the queue of submissions");
}

/** The queue of submissions, with a failed step's error at its item. */
export async function queuePage(
	services: Services,
	ctx: PageContext,
	actor: Actor,
	options: { page: number; done?: string | undefined; failed?: ItemError | null },
) {
	requireStaff(actor);
	const list = await services.commitments.workspace(actor, {
		status: ["submitted"],
		page: options.page,
		limit: queueLimit,
	});
	// What the secretariat checks before publishing: each text beside its sources.
	const details = new Map(
		(await Promise.all(list.items.map((c) => services.commitments.get(c.slug, actor)))).map((d) => [
			d.slug,
			d,
		]),
	);
	return QueuePage({ ctx, list, details, done: options.done, failed: options.failed ?? null });
}

async function moderationPage(
	services: Services,
	ctx: PageContext,
	actor: Actor,
	options: {
		page: number;
		done?: string | undefined;
		hiddenId?: number | null;
		failed?: ItemError | null;
	},
) {
	const list = await services.comments.flagged({ page: options.page, limit: 20 }, actor);
	return ModerationPage({
		ctx,
		list,
		done: options.done,
		hiddenId: options.hiddenId ?? null,
		failed: options.failed ?? null,
	});
}

/** The proposed changes waiting for review, each told field by field. */
async function proposalsPage(
	services: Services,
	ctx: PageContext,
	actor: Actor,
	options: { page: number; done?: string | undefined; failed?: ItemError | null },
) {
	if (!isStaff(actor)) throw forbidden("only the secretariat reviews proposed changes");
	const list = await services.proposals.list(actor, {
		state: "pending",
		page: String(options.page),
		limit: String(queueLimit),
	});
	const names = await versionNames(
		services,
		list.items.map((p) => p.differences),
	);
	const changes = new Map(
		list.items.map((p) => [p.id, describeProposal(ctx, p.differences, names)]),
	);
	return ProposalQueuePage({
		ctx,
		list,
		changes,
		done: options.done,
		failed: options.failed ?? null,
	});
}

function numericId(text: string | undefined, what: string): number {
	if (!text || !/^[1-9]\d{0,9}$/.test(text))
		throw AppError.invalid("id", `'${text}' is not a ${what} id`);
	return Number(text);
}

const commentId = (text: string | undefined) => numericId(text, "comment");

const moderationActions = {
	hide: { done: "hidden" },
	unhide: { done: "unhidden" },
	dismiss: { done: "dismissed" },
} as const;

export function workspaceSecretariatRoutes(pages: PageRouter, services: Services): void {
	pages.get("/workspace/queue", async ({ ctx, reply, query }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		return queuePage(services, ctx, actor, {
			page: pageNumber(query.page),
			done: queryText(query.done),
		});
	});

	pages.get("/workspace/moderation", async ({ ctx, reply, query }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		if (!commentPolicy.moderate(actor))
			throw forbidden("only the secretariat sees the comments flagged as abuse");
		const hidden = queryText(query.comment);
		return moderationPage(services, ctx, actor, {
			page: pageNumber(query.page),
			done: queryText(query.done),
			hiddenId: hidden && /^[1-9]\d{0,9}$/.test(hidden) ? Number(hidden) : null,
		});
	});

	pages.get("/workspace/proposals", async ({ ctx, reply, query }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		return proposalsPage(services, ctx, actor, {
			page: pageNumber(query.page),
			done: queryText(query.done),
		});
	});

	for (const action of ["accept", "reject"] as const) {
		pages.post(`/workspace/proposals/:id/${action}`, async ({ ctx, reply, params, form }) => {
			const actor = signedIn(ctx, reply, ctx.href("/workspace/proposals"));
			if (!actor) return reply;
			const id = numericId(params.id, "proposal");
			const reason = field(form, "reason");
			const input = reason ? { reason } : {};
			try {
				if (action === "accept") await services.proposals.accept(id, input, actor);
				else await services.proposals.reject(id, input, actor);
			} catch (error) {
				if (error instanceof AppError && error.code === "forbidden") throw error;
				const page = await proposalsPage(services, ctx, actor, {
					page: 1,
					failed: { key: String(id), action, errors: formErrorsOf(error), reason },
				});
				return { page, status: (error as AppError).status };
			}
			return seeOther(reply, ctx.href(`/workspace/proposals?done=proposal_${action}ed`));
		});
	}

	// Taken back by its proposer (or a maker's focal point) from the commitment's workspace page.
	pages.post("/workspace/proposals/:id/withdraw", async ({ ctx, reply, params }) => {
		const actor = signedIn(ctx, reply, ctx.href("/workspace"));
		if (!actor) return reply;
		const r = await services.proposals.withdraw(numericId(params.id, "proposal"), actor);
		return seeOther(
			reply,
			ctx.href(`/workspace/commitments/${r.commitment.slug}/edit?done=proposal_withdrawn`),
		);
	});

	for (const action of Object.keys(moderationActions) as (keyof typeof moderationActions)[]) {
		pages.post(`/workspace/moderation/:id/${action}`, async ({ ctx, reply, params, form }) => {
			const actor = signedIn(ctx, reply, ctx.href("/workspace/moderation"));
			if (!actor) return reply;
			const id = commentId(params.id);
			const reason = field(form, "reason");
			const input = reason ? { reason } : {};
			try {
				if (action === "hide") await services.comments.hide(id, input, actor);
				else if (action === "unhide") await services.comments.unhide(id, input, actor);
				else await services.comments.dismissFlags(id, input, actor);
			} catch (error) {
				if (error instanceof AppError && error.code === "forbidden") throw error;
				const errors = formErrorsOf(error);
				const page = await moderationPage(services, ctx, actor, {
					page: 1,
					failed: { key: String(id), action, errors, reason },
				});
				return { page, status: (error as AppError).status };
			}
			// A page elsewhere (the commitment's comments) may send its moderator back to it.
			const back = localPath(field(form, "back"));
			const done = moderationActions[action].done;
			if (back) return seeOther(reply, back);
			return seeOther(
				reply,
				ctx.href(`/workspace/moderation?done=${done}${action === "hide" ? `&comment=${id}` : ""}`),
			);
		});
	}
}
