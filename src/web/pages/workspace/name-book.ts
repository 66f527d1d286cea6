/**
 * Recipients and sectors chosen by name: a form takes "Kenya; Least developed countries"
 * or "Kenia" on a Spanish page as well as "KE, LDC", and shows stored codes back as
 * names in the page's language. Names come from the IATI codelists (English, French,
 * Spanish), the country names Intl gives in every language, and the groups' names; an
 * entry that is neither a code nor a name goes on as typed, for the service to name it.
 */

import type { Language } from "../../../lib/languages.ts";
import type { Services } from "../../../server/services.ts";
import { intlTag } from "../../i18n/locale.ts";
import { perLanguage } from "../../reference-cache.ts";

/** Names compared without case, accents or punctuation: "Côte d'Ivoire" is "cote d ivoire". */
const normal = (s: string) =>
	s
		.normalize("NFD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, " ")
		.trim();

/** A name joins at most this many comma-separated pieces ("Korea, Republic of"). */
const maxPieces = 4;

export interface NameBook {
	/** Each typed entry as a code (or as typed when unknown), in order. */
	recipients(typed: string): string[];
	sectors(typed: string): string[];
	/** Stored codes as the form shows them: names in the page's language, "; " between. */
	recipientNames(codes: string[]): string;
	sectorNames(codes: string[]): string;
}

class Book {
	private readonly byName = new Map<string, string>();
	private readonly nameOf = new Map<string, string>();

	constructor(private readonly isCode: (entry: string) => string | null) {}

	add(code: string, name: string | null | undefined, display = false): void {
		if (!name) return;
		const key = normal(name);
		if (key && !this.byName.has(key)) this.byName.set(key, code);
		if (display || !this.nameOf.has(code)) this.nameOf.set(code, name);
	}

	/** Comma-, semicolon- or line-separated entries; a name may span commas. */
	resolve(typed: string): string[] {
		const pieces = typed
			.split(/[,;\n]+/)
			.map((s) => s.trim())
			.filter(Boolean);
		const out: string[] = [];
		for (let i = 0; i < pieces.length; ) {
			let matched = 0;
			for (let n = Math.min(maxPieces, pieces.length - i); n >= 1 && matched === 0; n--) {
				const entry = pieces.slice(i, i + n).join(", ");
				const code = (n === 1 ? this.isCode(entry) : null) ?? this.byName.get(normal(entry));
				if (code !== undefined && code !== null) {
					out.push(code);
					matched = n;
				}
			}
			if (matched === 0) {
				out.push(pieces[i] as string);
				matched = 1;
			}
			i += matched;
		}
		return out;
	}

	names(codes: string[]): string {
		return codes.map((c) => this.nameOf.get(c) ?? c).join("; ");
	}
}

async function buildBook(services: Services, lang: Language): Promise<NameBook> {
	const [countries, countriesEn, regions, regionsEn, groups, sectors, sectorsEn] =
		await Promise.all([
			services.reference.codelist("Country", lang),
			services.reference.codelist("Country", "en"),
			services.reference.codelist("Region", lang),
			services.reference.codelist("Region", "en"),
			services.reference.groups(),
			services.reference.codelist("Sector", lang),
			services.reference.codelist("Sector", "en"),
		]);
	const countryCodes = new Set(countriesEn.items.map((c) => c.code.toUpperCase()));
	const regionCodes = new Set(regionsEn.items.map((c) => c.code));
	const groupCodes = new Set(groups.items.map((g) => g.code.toUpperCase()));
	const recipients = new Book((entry) => {
		const up = entry.toUpperCase();
		if (up === "GLOBAL") return "global";
		if (countryCodes.has(up) || groupCodes.has(up)) return up;
		return regionCodes.has(entry) ? entry : null;
	});
	const display = new Intl.DisplayNames([intlTag(lang)], { type: "region", fallback: "none" });
	for (const code of countryCodes) {
		let shown: string | undefined;
		try {
			shown = display.of(code);
		} catch {
			shown = undefined;
		}
		// The page's language first, as Intl writes it; the codelists' names are read too.
		recipients.add(code, shown, true);
	}
	for (const c of countries.items) recipients.add(c.code.toUpperCase(), c.name);
	for (const c of countriesEn.items) recipients.add(c.code.toUpperCase(), c.name);
	for (const r of [...regions.items, ...regionsEn.items]) recipients.add(r.code, r.name);
	for (const g of groups.items) recipients.add(g.code.toUpperCase(), g.name);
	recipients.add("global", "global");
	const sectorCodes = new Set(sectorsEn.items.map((s) => s.code));
	const sectorBook = new Book((entry) =>
		sectorCodes.has(entry) || /^\d{3}$/.test(entry) ? entry : null,
	);
	for (const s of sectors.items) sectorBook.add(s.code, s.name, true);
	for (const s of sectorsEn.items) sectorBook.add(s.code, s.name);
	return {
		recipients: (typed) => recipients.resolve(typed),
		sectors: (typed) => sectorBook.resolve(typed),
		recipientNames: (codes) => recipients.names(codes),
		sectorNames: (codes) => sectorBook.names(codes),
	};
}

/** The book of a language, built once (reference-cache.ts). */
export const nameBook = perLanguage(buildBook);
