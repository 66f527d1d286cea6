/**
 * Reads an Atom document with a real XML parser (saxes, strict, namespace-aware): a feed
 * that is not well-formed XML fails here, as it would in a feed reader.
 */
import { SaxesParser } from "saxes";

export const atomNs = "http://www.w3.org/2005/Atom";

export interface XmlElement {
	name: string;
	ns: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	text: string;
}

export function parseXml(xml: string): XmlElement {
	const parser = new SaxesParser({ xmlns: true });
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	parser.on("opentag", (tag) => {
		const attributes: Record<string, string> = {};
		for (const [name, a] of Object.entries(tag.attributes))
			attributes[name] = typeof a === "string" ? a : a.value;
		const el: XmlElement = { name: tag.local, ns: tag.uri, attributes, children: [], text: "" };
		stack.at(-1)?.children.push(el);
		stack.push(el);
		root ??= el;
	});
	parser.on("text", (t) => {
		const top = stack.at(-1);
		if (top) top.text += t;
	});
	parser.on("closetag", () => {
		stack.pop();
	});
	parser.on("error", (e) => {
		throw e;
	});
	parser.write(xml).close();
	if (!root) throw new Error("no root element");
	return root;
}

export const child = (el: XmlElement, name: string) =>
	el.children.find((c) => c.name === name && c.ns === atomNs);
export const children = (el: XmlElement, name: string) =>
	el.children.filter((c) => c.name === name && c.ns === atomNs);

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface AtomEntryView {
	id: string;
	title: string;
	updated: string;
	author: string | null;
	summary: string | null;
	content: string | null;
	links: Record<string, string>[];
}

/**
 * The feed, checked against what RFC 4287 requires: one id, title and updated on the feed
 * and on each entry, an author for each entry (its own or the feed's), a link or content
 * on each entry, ids that are absolute URIs.
 */
export function readAtom(xml: string) {
	const feed = parseXml(xml);
	if (feed.name !== "feed" || feed.ns !== atomNs) throw new Error("root is not atom:feed");
	const one = (el: XmlElement, name: string): string => {
		const found = children(el, name);
		if (found.length !== 1) throw new Error(`${el.name} has ${found.length} ${name} elements`);
		return (found[0] as XmlElement).text;
	};
	const uri = (id: string) => {
		if (!/^(urn|tag|https?):/.test(id)) throw new Error(`id '${id}' is not an absolute URI`);
		return id;
	};
	const date = (d: string) => {
		if (!rfc3339.test(d)) throw new Error(`'${d}' is not an RFC 3339 date`);
		return d;
	};
	const feedAuthor = child(feed, "author");
	const entries: AtomEntryView[] = children(feed, "entry").map((e) => {
		const author = child(e, "author");
		if (!author && !feedAuthor) throw new Error("an entry without an author");
		const links = children(e, "link").map((l) => l.attributes);
		const content = child(e, "content");
		if (links.length === 0 && !content) throw new Error("an entry without link or content");
		return {
			id: uri(one(e, "id")),
			title: one(e, "title"),
			updated: date(one(e, "updated")),
			author: author ? (child(author, "name")?.text ?? null) : null,
			summary: child(e, "summary")?.text ?? null,
			content: content?.text ?? null,
			links,
		};
	});
	return {
		id: uri(one(feed, "id")),
		title: one(feed, "title"),
		updated: date(one(feed, "updated")),
		author: feedAuthor ? (child(feedAuthor, "name")?.text ?? null) : null,
		links: children(feed, "link").map((l) => l.attributes),
		entries,
	};
}
