/**
 * Text measurement without a font: the server cannot measure glyphs, so widths are estimated
 * per grapheme (0.6 em for most, 1 em for East Asian wide ones and emoji, 0.3 em for narrow
 * punctuation and i, l, 1). Good enough to lay out labels and truncate ones that would overflow;
 * the full text is always kept in a `<title>` and in the data table.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Hangul, CJK, kana, full-width forms, and most emoji: about one em wide. */
const WIDE =
	/[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const NARROW = /^[\s.,:;'!|il1()[\]]$/u;

function graphemeWidth(g: string): number {
	if (WIDE.test(g)) return 1;
	if (NARROW.test(g)) return 0.3;
	return 0.6;
}

/** Estimated width of `text` at `fontSize` user units. */
export function textWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const { segment } of segmenter.segment(text)) em += graphemeWidth(segment);
	return em * fontSize;
}

/** `text` cut (at a grapheme boundary) with "…" so it fits `maxWidth`; unchanged if it fits. */
export function truncate(text: string, maxWidth: number, fontSize: number): string {
	if (textWidth(text, fontSize) <= maxWidth) return text;
	const room = maxWidth - 0.6 * fontSize; // the ellipsis
	let used = 0;
	let out = "";
	for (const { segment } of segmenter.segment(text)) {
		const w = graphemeWidth(segment) * fontSize;
		if (used + w > room) break;
		used += w;
		out += segment;
	}
	return `${out.trimEnd()}…`;
}
