/**
 * Web pages for tests: fetched and posted as a browser does (Accept text/html, forms
 * url-encoded), and checked for what every page must be: the language's lang and dir on
 * <html>, no placeholder left untranslated, no inline style or script (the CSP forbids them).
 */
import assert from "node:assert/strict";
import type { Language } from "../../src/web/i18n/locale.ts";
import type { TestContext } from "./app.ts";

export type FormFields = Record<string, string | string[]>;

/** A GET as a browser sends it, with a session cookie when given. */
export function getHtml(ctx: TestContext, url: string, cookie?: string) {
	return ctx.app.inject({
		method: "GET",
		url,
		headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
	});
}

/** A page's HTML, after checking its status (200 unless told) and that it is HTML. */
export async function htmlPage(ctx: TestContext, url: string, status = 200): Promise<string> {
	const res = await getHtml(ctx, url);
	assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 500)}`);
	assert.match(String(res.headers["content-type"]), /^text\/html/);
	return res.body;
}

/** Form fields as a browser encodes them: a repeated field (checkboxes) once per value. */
export function encodeForm(fields: FormFields): string {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
	return body.toString();
}

/** A form post as a browser sends it, with a session cookie and other headers when given. */
export function postForm(
	ctx: TestContext,
	url: string,
	fields: FormFields,
	headers: Record<string, string> = {},
) {
	return ctx.app.inject({
		method: "POST",
		url,
		headers: {
			accept: "text/html",
			"content-type": "application/x-www-form-urlencoded",
			...headers,
		},
		payload: encodeForm(fields),
	});
}

/** HTML entities the renderer writes, read back. */
export function decodeHtml(s: string): string {
	return s
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, "&");
}

/** Text as the renderer writes it in HTML text and attributes. */
export const escapeHtml = (s: string) =>
	s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Text the reader sees: no tags, entities decoded. */
export function textOf(html: string): string {
	return decodeHtml(html.replace(/<[^>]+>/g, " "));
}

/** No `{name}` left by a translation, in the text or in an attribute (titles, meta tags). */
export function assertNoPlaceholder(html: string, url: string): void {
	const left = /\{[a-z_-]+\}/i.exec(decodeHtml(html));
	assert.equal(left, null, `${url}: untranslated placeholder ${left?.[0]}`);
}

/** <html> names the page's language and its direction (Arabic right to left). */
export function assertLangDir(html: string, url: string, lang: Language): void {
	const root = `<html lang="${lang === "zh" ? "zh-Hans" : lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"`;
	assert.ok(html.includes(root), `${url}: ${root}`);
}

/** What every page must be: its language and direction, translated, no inline style or script. */
export function assertPage(html: string, url: string, lang: Language): void {
	assertNoPlaceholder(html, url);
	assertLangDir(html, url, lang);
	assert.doesNotMatch(html, /\sstyle=/, `${url}: inline style`);
	assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, `${url}: inline script`);
}
