/**
 * The commitment page, and the forms on it: a comment or a reply (posted back to the page,
 * or answered with the updated thread for htmx), and the report of a comment to the
 * moderators. The services decide who sees what: a draft exists only for those who may
 * see it, and a missing commitment is the localised 404 page.
 */

import type { FastifyReply, FastifyRequest } from "fastify";
import { renderToString } from "preact-render-to-string";
import type { Actor } from "../../lib/actor.ts";
import { isOneOf } from "../../lib/enums.ts";
import { AppError } from "../../lib/errors.ts";
import { isPublicStatus } from "../../modules/commitments/commitments.schemas.ts";
import type { Services } from "../../server/services.ts";
import { type FormErrors, field, formErrorsOf } from "../components/form.tsx";
import type { PageContext } from "../context.ts";
import { cm, type FlagReason, flagReasons } from "../i18n/commitment.messages.ts";
import { type FormFields, type PageRouter, seeOther } from "../page-route.ts";
import { CommentsSection } from "../pages/commitment/comments.tsx";
import {
	type CommentAction,
	type CommentNotice,
	type CommitmentForms,
	type CommitmentPageData,
	commentNotices,
} from "../pages/commitment/types.ts";
import { CommitmentPage } from "../pages/commitment.tsx";

const slugLike = /^[a-z0-9][a-z0-9-]{0,119}$/;

/** Everything the page shows, each part from the service that owns it, as this reader may see it. */
async function loadPage(
	services: Services,
	ref: string,
	ctx: PageContext,
	request: FastifyRequest,
): Promise<CommitmentPageData> {
	const actor = ctx.actor;
	// Looked up and checked once; each part below is handed the commitment found.
	const commitment = await services.commitments.visible(ref, actor);
	const detail = await services.commitments.get(commitment, actor);
	const slug = detail.slug;
	const open = isPublicStatus(detail.status);
	const [delivery, flags, steps, reports, assessments, thread, links] = await Promise.all([
		services.analytics.commitmentDelivery(commitment, actor),
		services.flags.forCommitment(commitment, actor),
		services.commitments.history(commitment, actor),
		open ? services.reports.list(commitment, actor) : null,
		open ? services.assessments.list(commitment, actor) : null,
		open ? services.comments.thread({ commitment }, actor) : null,
		open ? services.links.list(slug, actor) : null,
	]);
	return {
		detail,
		delivery,
		flags,
		steps,
		reports,
		assessments,
		thread,
		// The page shows the accepted links: what counts towards delivery.
		activities: links ? links.items.filter((l) => l.status === "accepted") : null,
		names: await historyNames(services, detail),
		url: `${request.protocol}://${request.host}${ctx.href(`/commitments/${slug}`)}`,
	};
}

/**
 * Names of the makers and forums older versions referred to: the current ones are known;
 * one no longer named is looked up (rare: a change of makers or forum).
 */
async function historyNames(services: Services, detail: CommitmentPageData["detail"]) {
	const stakeholders = new Map(detail.makers.map((m) => [m.id, m.name]));
	const forums = new Map<number, string>(
		detail.forum ? [[detail.forum.id, detail.forum.name]] : [],
	);
	const ids = (field: string) =>
		detail.versions.flatMap((v) =>
			v.differences
				.filter((d) => d.field === field)
				.flatMap((d) => [d.before, d.after].flat())
				.filter((x): x is number => typeof x === "number"),
		);
	for (const id of new Set(ids("makers")))
		if (!stakeholders.has(id))
			await services.stakeholders
				.get(String(id))
				.then((s) => stakeholders.set(id, s.name))
				.catch(() => undefined);
	for (const id of new Set(ids("forum")))
		if (!forums.has(id))
			await services.forums
				.get(String(id))
				.then((f) => forums.set(id, f.name))
				.catch(() => undefined);
	return { stakeholders, forums };
}

function isHtmx(request: FastifyRequest): boolean {
	return request.headers["hx-request"] === "true";
}

/** The comments section alone, for htmx to put in place of the old one. */
function sendFragment(
	reply: FastifyReply,
	ctx: PageContext,
	data: CommitmentPageData,
	forms: CommitmentForms,
) {
	const html = renderToString(
		CommentsSection({ ctx, slug: data.detail.slug, thread: data.thread, forms }),
	);
	return reply
		.status(200)
		.type("text/html; charset=utf-8")
		.header("cache-control", "private, no-store")
		.header("vary", "HX-Request, Cookie")
		.send(html);
}

/** The status a failed form answers with: what the service said, 400 for bad input. */
function statusOf(error: unknown): number {
	return error instanceof AppError ? error.status : 400;
}

/** Form errors for a failed write; too many comments too fast is shown on the form too. */
function errorsOf(error: unknown): FormErrors {
	if (error instanceof AppError && error.code === "rate_limited")
		return { message: error.message, fields: { body: error.message } };
	return formErrorsOf(error);
}

function text(form: FormFields, name: string): string {
	const v = form[name];
	return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

/** The comment a form acts on, and the commitment page it was sent from (and goes back to). */
function commentForm(
	ctx: PageContext,
	params: Record<string, string | undefined>,
	form: FormFields,
) {
	const idText = params.id ?? "";
	if (!/^[1-9]\d{0,9}$/.test(idText)) throw AppError.notFound("comment", idText);
	const slug = field(form, "commitment");
	if (!slugLike.test(slug))
		throw AppError.invalid("commitment", "field 'commitment' must name the commitment page");
	return { id: Number(idText), slug, page: ctx.href(`/commitments/${slug}`) };
}

/** What each author's or moderator's form asks of the comments service, and what it then says. */
function commentActions(services: Services) {
	const actions: Record<
		CommentAction,
		{ notice: CommentNotice; run: (id: number, text: string, actor: Actor) => Promise<unknown> }
	> = {
		edit: {
			notice: "edited",
			run: (id, text, actor) => services.comments.edit(id, { body: text }, actor),
		},
		delete: { notice: "deleted", run: (id, _text, actor) => services.comments.delete(id, actor) },
		hide: {
			notice: "hidden",
			run: (id, text, actor) => services.comments.hide(id, { reason: text }, actor),
		},
		unhide: {
			notice: "shown",
			run: (id, text, actor) => services.comments.unhide(id, text ? { reason: text } : {}, actor),
		},
	};
	return Object.entries(actions) as [CommentAction, (typeof actions)[CommentAction]][];
}

export function commitmentRoutes(pages: PageRouter, services: Services): void {
	for (const [action, { notice, run }] of commentActions(services))
		pages.post(`/comments/:id/${action}`, async ({ ctx, params, form, request, reply }) => {
			const { id, slug, page } = commentForm(ctx, params, form);
			const actor = ctx.actor;
			if (!actor) return seeOther(reply, ctx.href(`/sign-in?next=${encodeURIComponent(page)}`));
			const typed = text(form, action === "edit" ? "body" : "reason");
			try {
				await run(id, typed, actor);
				return seeOther(reply, `${page}?notice=${notice}#comment-${id}`);
			} catch (error) {
				if (!(error instanceof AppError)) throw error;
				const data = await loadPage(services, slug, ctx, request);
				const forms: CommitmentForms = {
					commentAction: { commentId: id, action, text: typed, errors: errorsOf(error) },
				};
				return { page: CommitmentPage({ ctx, data, forms }), status: statusOf(error) };
			}
		});

	pages.get("/commitments/:slug", async ({ ctx, params, query, request, reply }) => {
		const data = await loadPage(services, params.slug ?? "", ctx, request);
		// An id or an old spelling goes to the one address of the page.
		if (data.detail.slug !== params.slug)
			return reply
				.header("cache-control", "no-store")
				.redirect(ctx.href(`/commitments/${data.detail.slug}`), 301);
		const notice = typeof query.notice === "string" ? query.notice : "";
		const forms: CommitmentForms = isOneOf(commentNotices, notice)
			? { notice: notice as CommentNotice }
			: {};
		return CommitmentPage({ ctx, data, forms });
	});

	pages.post("/commitments/:slug/comments", async ({ ctx, params, form, request, reply }) => {
		const slug = params.slug ?? "";
		const page = ctx.href(`/commitments/${slug}`);
		const actor = ctx.actor;
		if (!actor) return seeOther(reply, ctx.href(`/sign-in?next=${encodeURIComponent(page)}`));
		const body = text(form, "body");
		const parentText = field(form, "parent_id");
		const parentId = /^[1-9]\d{0,9}$/.test(parentText) ? Number(parentText) : null;
		let errors: FormErrors;
		let status: number;
		try {
			if (parentText !== "" && parentId === null)
				throw AppError.invalid(
					"parent_id",
					"field 'parent_id' must be the id of the comment answered",
				);
			const created = await services.comments.create(
				{ commitment: slug },
				{ body, parent_id: parentId },
				actor,
			);
			if (isHtmx(request))
				return sendFragment(reply, ctx, await loadPage(services, slug, ctx, request), {
					notice: "posted",
				});
			return seeOther(reply, `${page}#comment-${created.id}`);
		} catch (error) {
			errors = errorsOf(error);
			status = statusOf(error);
		}
		const data = await loadPage(services, slug, ctx, request);
		const forms: CommitmentForms = { comment: { parentId, body, errors } };
		// htmx swaps only successful answers: the form with its error comes back as one.
		if (isHtmx(request)) return sendFragment(reply, ctx, data, forms);
		return { page: CommitmentPage({ ctx, data, forms }), status };
	});

	pages.post("/comments/:id/flag", async ({ ctx, params, form, request, reply }) => {
		const { id, slug, page } = commentForm(ctx, params, form);
		const actor = ctx.actor;
		if (!actor) return seeOther(reply, ctx.href(`/sign-in?next=${encodeURIComponent(page)}`));
		const reasonKey = field(form, "reason");
		const details = text(form, "details").trim();
		let errors: FormErrors;
		let status: number;
		try {
			if (!(reasonKey in flagReasons))
				throw new AppError("invalid_input", ctx.t(cm.flag_reason_required), {
					fields: [{ name: "reason", message: ctx.t(cm.flag_reason_required) }],
				});
			// The moderators read English: the reason chosen in its English words, then the details.
			const label = flagReasons[reasonKey as FlagReason].en;
			const result = await services.comments.flag(
				id,
				{ reason: details ? `${label}: ${details}` : label },
				actor,
			);
			const notice: CommentNotice = result.created ? "flagged" : "flag_repeat";
			return seeOther(reply, `${page}?notice=${notice}#comment-${id}`);
		} catch (error) {
			errors = errorsOf(error);
			status = statusOf(error);
			// A reason too long is the details' fault: the chosen reason is short.
			if (errors.fields.reason && reasonKey in flagReasons)
				errors = { ...errors, fields: { details: errors.fields.reason } };
		}
		const data = await loadPage(services, slug, ctx, request);
		return {
			page: CommitmentPage({
				ctx,
				data,
				forms: { flag: { commentId: id, reason: reasonKey, details, errors } },
			}),
			status,
		};
	});
}
