/**
 * A small, safe Markdown subset for the project's own documents (docs/methodology.md):
 * headings (with ids), paragraphs, bullet and numbered lists, pipe tables, fenced code,
 * and inline code, links, bold and emphasis. Nothing is passed through as HTML: the
 * result is Preact elements, so every character of the source is escaped when rendered,
 * and links keep only http(s), mailto and same-site targets.
 */
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** A heading's id: its words in lower case joined by hyphens ("1. Money on one scale" -> "1-money-on-one-scale"). */
export function headingId(text: string): string {
	return text
		.toLowerCase()
		.normalize("NFKD")
		.replace(/\p{M}/gu, "")
		.replace(/[^\p{L}\p{N}]+/gu, "-")
		.replace(/^-+|-+$/g, "");
}

/** Only links that cannot run script: http(s), mailto, and paths or anchors on this site. */
export function safeHref(url: string): string | null {
	const u = url.trim();
	if (/^(https?:|mailto:)/i.test(u)) return u;
	if (/^(\/(?!\/)|#|\.{1,2}\/)/.test(u) || /^[\w.-]+(\/[\w.-]+)*(#[\w-]*)?$/.test(u)) return u;
	return null;
}

// ---- inline ----------------------------------------------------------------

const inlinePattern =
	/`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|(?<![\p{L}\p{N}_])_(.+?)_(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}*])\*(?!\s)(.+?)\*(?![\p{L}\p{N}*])/u;

/** Inline Markdown as Preact children: text, code, links, bold, emphasis. */
export function inline(text: string): ComponentChildren[] {
	const out: ComponentChildren[] = [];
	let rest = text;
	while (rest.length > 0) {
		const match = inlinePattern.exec(rest);
		if (!match) {
			out.push(rest);
			break;
		}
		if (match.index > 0) out.push(rest.slice(0, match.index));
		const [whole, code, linkText, linkUrl, strong, emUnderscore, emStar] = match;
		if (code !== undefined) out.push(<code>{code}</code>);
		else if (linkText !== undefined && linkUrl !== undefined) {
			const href = safeHref(linkUrl);
			out.push(href ? <a href={href}>{inline(linkText)}</a> : inline(linkText));
		} else if (strong !== undefined) out.push(<strong>{inline(strong)}</strong>);
		else if (emUnderscore !== undefined) out.push(<em>{inline(emUnderscore)}</em>);
		else if (emStar !== undefined) out.push(<em>{inline(emStar)}</em>);
		rest = rest.slice(match.index + whole.length);
	}
	return out;
}

// ---- blocks ----------------------------------------------------------------

type Block =
	| { type: "heading"; level: number; text: string }
	| { type: "paragraph"; text: string }
	| { type: "list"; ordered: boolean; items: string[] }
	| {
			type: "table";
			head: string[];
			align: ("start" | "end" | "center" | null)[];
			rows: string[][];
	  }
	| { type: "code"; text: string };

const bullet = /^\s{0,3}[-*+]\s+(.*)$/;
const numbered = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const fence = /^\s{0,3}(```|~~~)/;
const tableLine = /^\s*\|.*\|\s*$/;
const tableRule = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function cells(line: string): string[] {
	const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
	return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

function blockStarts(line: string): boolean {
	return heading.test(line) || fence.test(line) || bullet.test(line) || numbered.test(line);
}

export function parseBlocks(source: string): Block[] {
	const lines = source.replace(/\r\n?/g, "\n").split("\n");
	const blocks: Block[] = [];
	let i = 0;
	while (i < lines.length) {
		const line = lines[i] ?? "";
		if (line.trim() === "") {
			i++;
			continue;
		}
		const h = heading.exec(line);
		if (h) {
			blocks.push({ type: "heading", level: (h[1] ?? "#").length, text: h[2] ?? "" });
			i++;
			continue;
		}
		if (fence.test(line)) {
			const marker = (fence.exec(line)?.[1] ?? "```") as string;
			const body: string[] = [];
			i++;
			while (i < lines.length && !(lines[i] ?? "").trim().startsWith(marker)) {
				body.push(lines[i] ?? "");
				i++;
			}
			i++; // the closing fence
			blocks.push({ type: "code", text: body.join("\n") });
			continue;
		}
		if (tableLine.test(line) && tableRule.test(lines[i + 1] ?? "")) {
			const head = cells(line);
			const align = cells(lines[i + 1] ?? "").map((c) =>
				c.startsWith(":") && c.endsWith(":")
					? ("center" as const)
					: c.endsWith(":")
						? ("end" as const)
						: c.startsWith(":")
							? ("start" as const)
							: null,
			);
			const rows: string[][] = [];
			i += 2;
			while (i < lines.length && tableLine.test(lines[i] ?? "")) {
				rows.push(cells(lines[i] ?? ""));
				i++;
			}
			blocks.push({ type: "table", head, align, rows });
			continue;
		}
		const listKind = bullet.test(line) ? bullet : numbered.test(line) ? numbered : null;
		if (listKind) {
			const items: string[] = [];
			while (i < lines.length) {
				const current = lines[i] ?? "";
				const item = listKind.exec(current);
				if (item) {
					items.push(item[1] ?? "");
					i++;
					continue;
				}
				// A continuation line of the item (indented), or a blank line inside the list.
				if (/^\s{2,}\S/.test(current) && items.length) {
					items[items.length - 1] += ` ${current.trim()}`;
					i++;
					continue;
				}
				if (current.trim() === "" && listKind.test(lines[i + 1] ?? "")) {
					i++;
					continue;
				}
				break;
			}
			blocks.push({ type: "list", ordered: listKind === numbered, items });
			continue;
		}
		const text: string[] = [];
		while (i < lines.length) {
			const current = lines[i] ?? "";
			if (current.trim() === "" || (text.length && blockStarts(current))) break;
			if (tableLine.test(current) && tableRule.test(lines[i + 1] ?? "")) break;
			text.push(current.trim());
			i++;
		}
		blocks.push({ type: "paragraph", text: text.join(" ") });
	}
	return blocks;
}

function Heading(props: { level: number; id: string; children: ComponentChildren }) {
	const level = Math.min(6, Math.max(1, props.level));
	const Tag = `h${level}` as "h1";
	return <Tag id={props.id}>{props.children}</Tag>;
}

/** The document as Preact elements. `shift` moves headings down (1 makes `#` an h2). */
export function markdown(source: string, options: { shift?: number } = {}): VNode {
	const shift = options.shift ?? 0;
	const used = new Map<string, number>();
	const uniqueId = (text: string) => {
		const base = headingId(text) || "section";
		const n = used.get(base) ?? 0;
		used.set(base, n + 1);
		return n === 0 ? base : `${base}-${n + 1}`;
	};
	return (
		<>
			{parseBlocks(source).map((b) => {
				switch (b.type) {
					case "heading":
						return (
							<Heading level={b.level + shift} id={uniqueId(b.text)}>
								{inline(b.text)}
							</Heading>
						);
					case "paragraph":
						return <p>{inline(b.text)}</p>;
					case "list":
						return b.ordered ? (
							<ol>
								{b.items.map((item) => (
									<li>{inline(item)}</li>
								))}
							</ol>
						) : (
							<ul>
								{b.items.map((item) => (
									<li>{inline(item)}</li>
								))}
							</ul>
						);
					case "table":
						return (
							<div class="table-scroll">
								<table>
									<thead>
										<tr>
											{b.head.map((c, k) => (
												<th scope="col" class={b.align[k] === "end" ? "num" : undefined}>
													{inline(c)}
												</th>
											))}
										</tr>
									</thead>
									<tbody>
										{b.rows.map((row) => (
											<tr>
												{row.map((c, k) => (
													<td class={b.align[k] === "end" ? "num" : undefined}>{inline(c)}</td>
												))}
											</tr>
										))}
									</tbody>
								</table>
							</div>
						);
					case "code":
						return (
							<pre>
								<code>{b.text}</code>
							</pre>
						);
				}
				return null;
			})}
		</>
	);
}

/** The document rendered once to an HTML string (escaped by Preact), with its h2 outline. */
export function renderMarkdown(
	source: string,
	options: { shift?: number } = {},
): { html: string; title: string | null; outline: { id: string; text: string }[] } {
	const blocks = parseBlocks(source);
	const first = blocks[0];
	const title = first?.type === "heading" && first.level === 1 ? first.text : null;
	// The title becomes the page's h1; the rest is the body.
	const body = title === null ? source : source.replace(/^\s*#\s+.*(\r?\n|$)/, "");
	const html = renderToString(markdown(body, options));
	const used = new Map<string, number>();
	const outline = parseBlocks(body).flatMap((b) => {
		if (b.type !== "heading") return [];
		const base = headingId(b.text) || "section";
		const n = used.get(base) ?? 0;
		used.set(base, n + 1);
		const id = n === 0 ? base : `${base}-${n + 1}`;
		return b.level === 2 ? [{ id, text: b.text }] : [];
	});
	return { html, title, outline };
}
