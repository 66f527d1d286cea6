/**
 * How pages are routed: every page lives under a language prefix (`/fr/...`), gets a
 * PageContext, and answers HTML with cache headers that fit who is asking. Forms post
 * back to the page's own URL as ordinary form fields, so they work without JavaScript.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { AppError } from "../lib/errors.ts";
import type { Services } from "../server/services.ts";
import { type PageContext, pageContext } from "./context.ts";
import { isLanguage, type Language, languageCookie } from "./i18n/locale.ts";
import { renderPage } from "./render.ts";

/** Form fields as posted: a repeated name (checkboxes, multi-selects) gives a list. */
export type FormFields = Record<string, string | string[] | undefined>;

export interface PageArgs {
	ctx: PageContext;
	request: FastifyRequest;
	reply: FastifyReply;
	params: Record<string, string>;
	query: Record<string, string | string[] | undefined>;
}

export interface FormArgs extends PageArgs {
	form: FormFields;
}

/** What a handler gives back: a page, a page with a status, or a redirect already sent (the reply, or nothing). */
export type PageAnswer = VNode | { page: VNode; status: number } | FastifyReply | undefined;

function isReply(answer: PageAnswer): answer is FastifyReply {
	return typeof (answer as FastifyReply | undefined)?.redirect === "function";
}

function languageOf(request: FastifyRequest): Language {
	const lang = (request.params as { lang?: string }).lang ?? "";
	if (!isLanguage(lang)) throw new AppError("not_found", `no page at ${request.url.split("?")[0]}`);
	return lang;
}

export function sendHtml(
	request: FastifyRequest,
	reply: FastifyReply,
	ctx: PageContext,
	page: VNode,
	status = 200,
): FastifyReply {
	// Signed-in pages show the account; shared caches must never keep them.
	reply
		.status(status)
		.type("text/html; charset=utf-8")
		.header(
			"cache-control",
			ctx.actor || status !== 200 ? "private, no-store" : "public, max-age=60",
		)
		.header("vary", "Cookie");
	// Remember the language last read, so "/" sends the visitor back to it.
	if (request.cookies[languageCookie] !== ctx.lang)
		reply.setCookie(languageCookie, ctx.lang, {
			path: "/",
			sameSite: "lax",
			maxAge: 365 * 24 * 3600,
		});
	const started = (request as { startedAt?: bigint }).startedAt;
	const html = renderPage(page);
	if (started !== undefined)
		reply.header(
			"server-timing",
			`app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}`,
		);
	return reply.send(html);
}

async function answer(
	request: FastifyRequest,
	reply: FastifyReply,
	ctx: PageContext,
	result: PageAnswer,
) {
	// A handler that redirected has answered already: nothing more to send, nothing to log.
	if (result === undefined || reply.sent || isReply(result)) return reply;
	if ("page" in result && "status" in result && !("type" in result))
		return sendHtml(request, reply, ctx, result.page, result.status);
	return sendHtml(request, reply, ctx, result as VNode);
}

export class PageRouter {
	constructor(
		private readonly app: FastifyInstance,
		private readonly services: Services,
	) {
		app.addHook("onRequest", async (request) => {
			(request as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
		});
	}

	/** A GET page at `/:lang<path>` ("/" is the language's home). */
	get(path: string, handler: (args: PageArgs) => Promise<PageAnswer>): void {
		const url = path === "/" ? "/:lang/" : `/:lang${path}`;
		const route = async (request: FastifyRequest, reply: FastifyReply) => {
			const lang = languageOf(request);
			const ctx = await pageContext(request, this.services, lang);
			const result = await handler({
				ctx,
				request,
				reply,
				params: request.params as Record<string, string>,
				query: (request.query ?? {}) as PageArgs["query"],
			});
			return answer(request, reply, ctx, result);
		};
		this.app.get(url, route);
		if (path === "/") this.app.get("/:lang", route);
	}

	/**
	 * A form post at `/:lang<path>`. The CSRF check of the auth plugin applies (the
	 * form carries `_csrf`) unless `csrf: false` (sign-in and registration, made before
	 * any session exists).
	 */
	post(
		path: string,
		handler: (args: FormArgs) => Promise<PageAnswer>,
		options: { csrf?: boolean } = {},
	): void {
		this.app.post(
			`/:lang${path}`,
			{ config: { csrf: options.csrf ?? true } },
			async (request, reply) => {
				const lang = languageOf(request);
				const ctx = await pageContext(request, this.services, lang);
				const body = request.body;
				if (
					body !== undefined &&
					(typeof body !== "object" || body === null || Array.isArray(body))
				)
					throw new AppError("invalid_input", "a form must be sent as form fields");
				const result = await handler({
					ctx,
					request,
					reply,
					params: request.params as Record<string, string>,
					query: (request.query ?? {}) as PageArgs["query"],
					form: (body ?? {}) as FormFields,
				});
				return answer(request, reply, ctx, result);
			},
		);
	}
}

/** After a successful form post: see-other to the page to show (no re-post on reload). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
	return reply.header("cache-control", "no-store").redirect(location, 303);
}
