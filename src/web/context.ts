/**
 * What every page needs to render for one request: the language and its direction,
 * text and number formatting in it, who is signed in (and their CSRF token for
 * forms), goal and target titles in the language, and how to link within it.
 */

import type { FastifyRequest } from "fastify";
import type { Actor } from "../lib/actor.ts";
import type { Services } from "../server/services.ts";
import { type Formatters, formattersFor } from "./i18n/format.ts";
import { directionOf, type Language } from "./i18n/locale.ts";
import { type Message, type Params, translate } from "./i18n/messages.ts";
import { perLanguage } from "./reference-cache.ts";

export interface GoalTitle {
	/** "sdg:3" or "sdg:3.b" */
	code: string;
	title: string;
	short: string | null;
}

export interface PageContext {
	lang: Language;
	dir: "rtl" | "ltr";
	t(message: Message, params?: Params): string;
	fmt: Formatters;
	/** The path after the language prefix, query included ("/commitments?goal=sdg:3"). */
	path: string;
	actor: Actor | null;
	csrf: string | null;
	/** A link within the current language: href("/commitments") -> "/fr/commitments". */
	href(path: string): string;
	/** Goal and target titles of both frameworks in this language, by "sdg:3" / "mdg:8.b". */
	titles: ReadonlyMap<string, GoalTitle>;
	/** A goal or target's title in this language, or its code when unknown. */
	goalTitle(code: string): string;
}

async function loadTitles(services: Services, lang: Language): Promise<Map<string, GoalTitle>> {
	const out = new Map<string, GoalTitle>();
	const { items } = await services.frameworks.list();
	for (const fw of items) {
		const tree = await services.frameworks.get(fw.code, lang);
		for (const g of tree.goals) {
			const code = `${fw.code}:${g.code}`.toLowerCase();
			out.set(code, { code, title: g.title, short: g.short_title });
			for (const t of g.targets) {
				const tcode = `${fw.code}:${t.code}`.toLowerCase();
				out.set(tcode, { code: tcode, title: t.title, short: null });
			}
		}
	}
	return out;
}

/** Goal and target titles in a language, built once (reference-cache.ts). */
export const frameworkTitles = perLanguage(loadTitles);

export async function pageContext(
	request: FastifyRequest,
	services: Services,
	lang: Language,
	/** For pages outside the language tree (the API reference): where the switcher points. */
	pathOverride?: string,
): Promise<PageContext> {
	const titles = await frameworkTitles(services, lang);
	const prefix = `/${lang}`;
	const rest = pathOverride ?? request.url.slice(prefix.length);
	return {
		lang,
		dir: directionOf(lang),
		t: (message, params) => translate(message, lang, params),
		fmt: formattersFor(lang),
		path: rest.startsWith("/") ? rest : `/${rest}`,
		actor: request.actor,
		csrf: request.csrfToken,
		href: (path) => `${prefix}${path.startsWith("/") ? path : `/${path}`}`,
		titles,
		goalTitle: (code) => titles.get(code.toLowerCase())?.title ?? code.toUpperCase(),
	};
}
