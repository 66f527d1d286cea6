/**
 * Atom 1.0 (RFC 4287) written by hand: the format is small, and writing it here keeps
 * every text escaped one way. Relative links are made absolute against the base the
 * feed was asked at, since feed readers resolve them unreliably.
 */
import { createHash } from "node:crypto";

export interface AtomLink {
	href: string;
	rel?: string;
	type?: string;
	title?: string;
}

export interface AtomEntry {
	id: string;
	title: string;
	updated: string;
	published?: string;
	links: AtomLink[];
	/** Plain text; shown as is by readers. */
	summary?: string;
	content?: string;
	author?: string;
	categories?: { term: string; label?: string }[];
}

export interface AtomFeed {
	id: string;
	title: string;
	subtitle?: string;
	/** Newest change; a feed without entries gives the time its scope was last known to change. */
	updated: string;
	/** Path of this feed (/feeds/all.atom): the rel=self link. */
	self: string;
	links: AtomLink[];
	author: string;
	entries: AtomEntry[];
}

/** Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF) would make the whole feed unreadable. */
const notXmlChar =
	// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters is the point.
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
	return text
		.replace(notXmlChar, "\uFFFD")
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;");
}

/**
 * A stable URN for any text (RFC 9562 UUID version 8, from SHA-256): entry ids derived
 * from the audit chain and feed ids from the deployment and the feed's path never change
 * when the host name does, and differ between deployments.
 */
export function urnUuid(text: string): string {
	const b = createHash("sha256").update(text).digest().subarray(0, 16);
	b[6] = ((b[6] as number) & 0x0f) | 0x80;
	b[8] = ((b[8] as number) & 0x3f) | 0x80;
	const h = b.toString("hex");
	return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** RFC 3339 in UTC, as Atom wants, from the stored ISO timestamps. */
export function atomDate(iso: string): string {
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? "1970-01-01T00:00:00Z" : d.toISOString();
}

function absolute(base: string, href: string): string {
	return href.startsWith("/") ? `${base}${href}` : href;
}

function link(base: string, l: AtomLink): string {
	const attrs = [
		`rel="${xmlText(l.rel ?? "alternate")}"`,
		`href="${xmlText(absolute(base, l.href))}"`,
		l.type ? `type="${xmlText(l.type)}"` : "",
		l.title ? `title="${xmlText(l.title)}"` : "",
	].filter(Boolean);
	return `<link ${attrs.join(" ")}/>`;
}

function entryXml(base: string, e: AtomEntry): string {
	return [
		"<entry>",
		`<id>${xmlText(e.id)}</id>`,
		`<title type="text">${xmlText(e.title)}</title>`,
		`<updated>${atomDate(e.updated)}</updated>`,
		e.published ? `<published>${atomDate(e.published)}</published>` : "",
		e.author ? `<author><name>${xmlText(e.author)}</name></author>` : "",
		...e.links.map((l) => link(base, l)),
		...(e.categories ?? []).map(
			(c) =>
				`<category term="${xmlText(c.term)}"${c.label ? ` label="${xmlText(c.label)}"` : ""}/>`,
		),
		e.summary !== undefined ? `<summary type="text">${xmlText(e.summary)}</summary>` : "",
		e.content !== undefined ? `<content type="text">${xmlText(e.content)}</content>` : "",
		"</entry>",
	]
		.filter(Boolean)
		.join("\n");
}

/** The feed as a document; `base` is scheme and host (https://example.org), without a trailing slash. */
export function atomXml(feed: AtomFeed, base: string): string {
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom">',
		`<id>${xmlText(feed.id)}</id>`,
		`<title type="text">${xmlText(feed.title)}</title>`,
		feed.subtitle ? `<subtitle type="text">${xmlText(feed.subtitle)}</subtitle>` : "",
		`<updated>${atomDate(feed.updated)}</updated>`,
		`<author><name>${xmlText(feed.author)}</name></author>`,
		"<generator>IIF</generator>",
		link(base, { rel: "self", href: feed.self, type: "application/atom+xml" }),
		...feed.links.map((l) => link(base, l)),
		...feed.entries.map((e) => entryXml(base, e)),
		"</feed>",
		"",
	]
		.filter(Boolean)
		.join("\n");
}
