/**
 * Numbers typed in a form, read as the page's language writes them: "1 000 000,50" on a
 * French page, "1.000.000,50" on a Spanish one, "1,000,000.50" on an English one, and
 * Arabic-Indic digits with the Arabic separators ("١٬٠٠٠٫٥") on an Arabic one, all become
 * the plain decimal the services take ("1000000.50"). What cannot be read as a number
 * either way is handed on as typed, so that the service's validation names the field.
 */
import type { Language } from "../../lib/languages.ts";
import { intlTag } from "./locale.ts";

/** The locale's decimal separator, as Intl writes numbers for the page. */
function decimalSeparator(lang: Language): string {
	const part = new Intl.NumberFormat(intlTag(lang))
		.formatToParts(1.5)
		.find((p) => p.type === "decimal");
	return part?.value ?? ".";
}

/** Arabic-Indic (U+0660) and Eastern Arabic-Indic (U+06F0) digits as ASCII ones. */
function asciiDigits(text: string): string {
	return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) =>
		String((d.codePointAt(0) as number) & 0xf),
	);
}

/**
 * A decimal typed on a page in `lang` as plain digits with a point, or the text as
 * typed when it is not one. Spaces of any kind and the Arabic thousands separator
 * group digits; of "," and ".", the last is the decimal point when both are typed; a
 * single one is the decimal point when it is the page's, or when it is not followed
 * by exactly three digits; one that repeats groups digits.
 */
export function typedDecimal(text: string, lang: Language): string {
	const typed = text.trim();
	let s = asciiDigits(typed)
		.replace(/[\s\u00A0\u202F\u2009\u066C']/g, "")
		.replace(/\u066B/g, ".");
	const marks = [...s.matchAll(/[.,]/g)].map((m) => m[0]);
	if (marks.length > 0) {
		const kinds = new Set(marks);
		let point: string | null;
		if (kinds.size === 2) point = marks[marks.length - 1] as string;
		else {
			const mark = marks[0] as string;
			const single = marks.length === 1;
			const threeAfter = new RegExp(`\\${mark}\\d{3}$`).test(s);
			point = single && (mark === decimalSeparator(lang) || !threeAfter) ? mark : null;
		}
		const grouping = [...kinds].filter((k) => k !== point);
		for (const g of grouping) {
			// Grouped digits come in threes after the first group.
			const groups = s.split(point ?? "\u0000")[0]?.split(g) ?? [];
			if (groups.slice(1).some((x) => x.length !== 3)) return typed;
			s = s.split(g).join("");
		}
		if (point && point !== ".") s = s.replace(point, ".");
	}
	return plainDecimal.test(s) ? s : typed;
}

const plainDecimal = /^-?\d+(\.\d+)?$/;

/** A number typed on a page in `lang`, as a number; the text as typed when it is not one. */
export function typedNumber(text: string, lang: Language): number | string {
	const s = typedDecimal(text, lang);
	return plainDecimal.test(s) ? Number(s) : s;
}
