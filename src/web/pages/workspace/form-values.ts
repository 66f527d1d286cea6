import type { FormErrors } from "../../components/form.tsx";
import type { FormFields } from "../../page-route.ts";

/** What a form shows: text fields as strings, repeated fields (checkboxes) as lists. */
export type FormValues = Record<string, string | string[]>;

export function text(values: FormValues, name: string): string {
	const v = values[name];
	return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function list(values: FormValues, name: string): string[] {
	const v = values[name];
	return Array.isArray(v) ? v : v ? [v] : [];
}

/** A posted form as values to show again (the CSRF token left out). */
export function valuesOf(form: FormFields): FormValues {
	const out: FormValues = {};
	for (const [k, v] of Object.entries(form)) {
		if (k === "_csrf" || v === undefined) continue;
		out[k] = Array.isArray(v) ? v.map(String) : String(v);
	}
	return out;
}

/** A trimmed text field, or null when empty. */
export function optional(values: FormValues, name: string): string | null {
	const v = text(values, name).trim();
	return v === "" ? null : v;
}

/**
 * A number field: null when empty, the number when it reads as one, else the text as
 * typed, so the service's validation names the field ("expected number").
 */
export function numberOrText(values: FormValues, name: string): number | string | null {
	const v = text(values, name).trim();
	if (v === "") return null;
	return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** Codes typed in one field, separated by commas, semicolons or spaces. */
export function codes(value: string): string[] {
	return value
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Which row of a repeated group (sources.0.title, sources.1.title ...) the form shows. */
export function rowIndexes(values: FormValues, prefix: string): number[] {
	const seen = new Set<number>();
	for (const k of Object.keys(values)) {
		const m = new RegExp(`^${prefix.replace(".", "\\.")}\\.(\\d+)\\.`).exec(k);
		if (m) seen.add(Number(m[1]));
	}
	return [...seen].sort((a, b) => a - b);
}

/** The rows of a repeated group to show: those typed, and one more (at least `min`). */
export function rowsToShow(values: FormValues, prefix: string, min: number): number[] {
	const shown = rowIndexes(values, prefix);
	let next = shown.length ? Math.max(...shown) + 1 : 0;
	const out = [...shown];
	do out.push(next++);
	while (out.length < min);
	return out;
}

/**
 * The rows of a repeated group that hold something, as objects, with where each came
 * from in the form (so an error on the service's row n finds the form's row).
 */
export function rows(
	values: FormValues,
	prefix: string,
	fields: readonly string[],
): { row: Record<string, string | null>; index: number }[] {
	return rowIndexes(values, prefix)
		.map((index) => {
			const row: Record<string, string | null> = {};
			for (const f of fields) row[f] = optional(values, `${prefix}.${index}.${f}`);
			return { row, index };
		})
		.filter(({ row }) => Object.values(row).some((v) => v !== null));
}

/**
 * The errors of a failed write, with the service's names turned into the form's: a
 * problem with one element of a list typed in a single field (targets.2) belongs to that
 * field, an update's "changes.x" to x, and a row of a repeated group to the row the form
 * showed it in.
 */
export function placeErrors(
	errors: FormErrors,
	options: { collapse?: readonly string[]; rows?: Record<string, number[]> } = {},
): FormErrors {
	const fields: Record<string, string> = {};
	for (const [raw, message] of Object.entries(errors.fields)) {
		let name = raw.replace(/^changes\./, "");
		for (const c of options.collapse ?? [])
			if (name === c || name.startsWith(`${c}.`)) {
				name = c;
				break;
			}
		for (const [prefix, indexes] of Object.entries(options.rows ?? {})) {
			const m = new RegExp(`^${prefix.replace(".", "\\.")}\\.(\\d+)(\\..*)?$`).exec(name);
			if (m) {
				const at = indexes[Number(m[1])];
				name = at === undefined ? prefix : `${prefix}.${at}${m[2] ?? ""}`;
			}
		}
		fields[name] ??= message;
	}
	return { message: errors.message, fields };
}

/** A local path to go back to after a form (an open redirect is refused). */
export function localPath(value: string | undefined | null): string | null {
	if (!value) return null;
	return /^\/(?![/\\])[^\s]*$/.test(value) ? value : null;
}
