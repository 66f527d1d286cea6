/**
 * Search text is normalised by the application, not by the database, so that SQLite
 * FTS5 and PostgreSQL tsvector see the same tokens and give the same answers:
 * letters and digits only, lowercased, accents removed.
 */
export function searchTokens(text: string): string[] {
	return (
		text
			.normalize("NFKD")
			.replace(/\p{M}/gu, "")
			.toLowerCase()
			.match(/[\p{L}\p{N}]+/gu) ?? []
	);
}

export function searchText(...parts: (string | null | undefined)[]): string {
	return searchTokens(parts.filter(Boolean).join(" ")).join(" ");
}

/** A case-insensitive LIKE pattern for words typed in a name search; LIKE's wildcards are taken as spaces. */
export function likePattern(words: string | undefined): string | undefined {
	const w = words
		?.toLowerCase()
		.replace(/[%_\\]/g, " ")
		.trim();
	return w ? `%${w}%` : undefined;
}

/**
 * A UTF-16 surrogate without its pair: no character, so no UTF-8 can hold it. SQLite
 * kept such text as invalid UTF-8 and PostgreSQL as U+FFFD: neither gives it back as written.
 */
export const loneSurrogate =
	/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
