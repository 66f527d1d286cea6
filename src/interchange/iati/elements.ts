/**
 * The small tree the reader builds for one iati-activity (or iati-organisation) at a time:
 * just the elements the model needs, so a record is mapped by plain functions and then
 * dropped, and memory never holds more than one record and a chunk of the file.
 */
import type { Narrative } from "./activity.model.ts";

export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (and CDATA), not its children's. */
	text: string;
	/** Where it starts in the file, for messages. */
	line: number;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
	for (const c of el.children) if (c.name === name) return c;
	return undefined;
}

export function children(el: XmlElement, name: string): XmlElement[] {
	return el.children.filter((c) => c.name === name);
}

/** An attribute trimmed; absent or blank is null (the writer writes "" for "absent"). */
export function attr(el: XmlElement | undefined, name: string): string | null {
	const v = el?.attrs[name]?.trim();
	return v ? v : null;
}

/** A code attribute, with the element's text as fallback (some 1.0x files put it there). */
export function code(el: XmlElement | undefined): string | null {
	if (!el) return null;
	return attr(el, "code") ?? (el.text.trim() || null);
}

/**
 * The narratives of an element. 2.0x: its <narrative> children; 1.0x put the text in
 * the element itself, in the language of its xml:lang. Text is trimmed and empty
 * narratives are dropped: an empty <narrative/> is how the writer says "none".
 */
export function narratives(el: XmlElement | undefined): Narrative[] {
	if (!el) return [];
	const out: Narrative[] = [];
	let found = false;
	for (const c of el.children) {
		if (c.name !== "narrative") continue;
		found = true;
		const text = c.text.trim();
		if (text) out.push({ lang: attr(c, "xml:lang"), text });
	}
	if (!found) {
		const text = el.text.trim();
		if (text) out.push({ lang: attr(el, "xml:lang"), text });
	}
	return out;
}
