/**
 * Comments are plain text: stored as written, shown escaped. The only markup a comment
 * ever gets is a link for each http(s) URL in it and a line break for each newline, so
 * nothing a writer types can become a tag, an attribute or a script.
 */

const entities: Record<string, string> = {
	"&": "&amp;",
	"<": "&lt;",
	">": "&gt;",
	'"': "&quot;",
	"'": "&#39;",
};

/** Escapes the five characters that matter in HTML text and in quoted attributes. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * An http(s) URL candidate: the scheme not glued to a word before it, then everything up
 * to whitespace, a control character, an angle bracket or a double quote. Trailing
 * punctuation is trimmed off afterwards (see `trimUrl`).
 */
const urlCandidate = /(?<![\p{L}\p{N}_])https?:\/\/[^\s\p{Cc}<>"]+/giu;

/** Characters that end a sentence rather than a URL when they come last. */
const trailing = new Set([".", ",", ";", ":", "!", "?", "'", "*"]);
const closers: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

const count = (s: string, c: string) => s.split(c).length - 1;

/** Drops trailing punctuation, keeping a closing bracket that closes one in the URL: a_(b). */
function trimUrl(url: string): string {
	let u = url;
	for (;;) {
		const last = u.at(-1) ?? "";
		const opener = closers[last];
		if (trailing.has(last)) u = u.slice(0, -1);
		else if (opener !== undefined && count(u, opener) < count(u, last)) u = u.slice(0, -1);
		else return u;
	}
}

/** A URL worth linking names a host: something follows the scheme's slashes. */
const hasHost = (url: string) => /^https?:\/\/[^/?#\s]+/i.test(url);

function linkLine(line: string): string {
	let out = "";
	let at = 0;
	for (const m of line.matchAll(urlCandidate)) {
		const start = m.index;
		const url = trimUrl(m[0]);
		if (!hasHost(url)) continue;
		const safe = escapeHtml(url);
		out += `${escapeHtml(line.slice(at, start))}<a href="${safe}" rel="nofollow ugc noopener">${safe}</a>`;
		at = start + url.length;
	}
	return out + escapeHtml(line.slice(at));
}

/**
 * The HTML of a comment: every character escaped, http:// and https:// URLs made links
 * (rel nofollow ugc noopener), newlines made <br>; no other markup.
 */
export function commentHtml(text: string): string {
	return text
		.split(/\r\n|\r|\n/)
		.map(linkLine)
		.join("<br>");
}
