/** Records are addressed by a numeric id or by their slug; anything else is malformed. */
export type RecordRef = { id: number } | { slug: string };

/**
 * Ids are 32-bit signed integers (int4 on PostgreSQL): a larger number names no record on
 * either database, and must not reach PostgreSQL, which refuses it as out of range.
 */
export const maxRecordId = 2_147_483_647;

/** Whether a number can be the id of a stored record; any other names none, without asking. */
export function isRecordId(id: number): boolean {
	return Number.isInteger(id) && id >= 1 && id <= maxRecordId;
}

/** Whether a reference can name a stored record: any slug, an id only within range. */
export function canNameRecord(ref: RecordRef): boolean {
	return !("id" in ref) || isRecordId(ref.id);
}

/** Lowercase words joined by hyphens, with at least one letter so a slug never reads as an id. */
export const slugPattern = /^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A numeric id or a slug, as taken in paths and filters. */
export const recordRefPattern = /^(?:[1-9]\d{0,15}|(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function parseRecordRef(value: string): RecordRef | null {
	if (/^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value)))
		return { id: Number(value) };
	if (value.length <= 120 && slugPattern.test(value)) return { slug: value };
	return null;
}

export function isSlug(value: string): boolean {
	return value.length <= 120 && slugPattern.test(value);
}

/** A URL-safe slug from a title: lowercase ASCII letters and digits joined by hyphens. */
export function slugify(title: string): string {
	const base = title
		.normalize("NFKD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, 80)
		.replace(/-+$/g, "");
	return /[a-z]/.test(base) ? base : `commitment-${base}`.replace(/-$/, "");
}
