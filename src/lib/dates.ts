/** Dates are stored as ISO text ('YYYY-MM-DD', timestamps as full ISO strings) on both databases. */
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
	const m = isoDate.exec(value);
	if (!m) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function nowIso(): string {
	return new Date().toISOString();
}

export function yearOf(date: string | null): number | null {
	return date ? Number(date.slice(0, 4)) : null;
}
