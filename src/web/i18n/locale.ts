/**
 * Which language a visitor reads: the URL prefix decides (`/fr/...`); on a first visit
 * to `/` the browser's Accept-Language (or the language chosen before, kept in a
 * cookie) picks where to send them.
 */
import { isLanguage, type Language, languages } from "../../lib/languages.ts";

export const languageCookie = "iif_lang";

/** Arabic is the one right-to-left language among the six. */
export function directionOf(lang: Language): "rtl" | "ltr" {
	return lang === "ar" ? "rtl" : "ltr";
}

/** The BCP 47 tag Intl should format with; Chinese pages are in simplified script. */
export function intlTag(lang: Language): string {
	return lang === "zh" ? "zh-Hans" : lang;
}

/** Each language's name in itself, for the switcher. */
export const nativeNames: Record<Language, string> = {
	ar: "العربية",
	zh: "中文",
	en: "English",
	fr: "Français",
	ru: "Русский",
	es: "Español",
};

/**
 * The best of the six for an Accept-Language header, by quality then order; English
 * when nothing matches. `zh-TW` still gets Chinese: the closest we have.
 */
export function negotiateLanguage(header: string | undefined): Language {
	if (!header) return "en";
	const ranked = header
		.split(",")
		.map((part, index) => {
			const [range = "", ...params] = part.trim().split(";");
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return { lang: range.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q) : 1, index };
		})
		.filter((r) => r.q > 0 && !Number.isNaN(r.q))
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const r of ranked) if (isLanguage(r.lang)) return r.lang;
	return "en";
}

export { isLanguage, type Language, languages };
