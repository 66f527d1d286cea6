/**
 * When money is due: a commitment's amount spread over the years of its period, and
 * how much of each year has passed. Both are by calendar year so that an aggregate of
 * thousands of commitments is a sum of yearly rows (docs/methodology.md, "Expected").
 */

export interface ScheduleTerms {
	frequency: "annual" | "total" | null;
	periodStart: string | null;
	periodEnd: string | null;
	announcedOn: string | null;
}

/** A year and the share of the amount due in it: shares of a total add up to 1; an annual amount is due in full in each whole year. */
export interface YearShare {
	year: number;
	share: number;
}

const day = 86_400_000;
const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
const daysInYear = (year: number) => (time(`${year + 1}-01-01`) - time(`${year}-01-01`)) / day;

/** Days of [start, end] (both included) that fall in each calendar year. */
function daysByYear(start: string, end: string): Map<number, number> {
	const out = new Map<number, number>();
	const first = Number(start.slice(0, 4));
	const last = Number(end.slice(0, 4));
	for (let y = first; y <= last; y++) {
		const from = Math.max(time(start), time(`${y}-01-01`));
		const to = Math.min(time(end), time(`${y}-12-31`));
		out.set(y, (to - from) / day + 1);
	}
	return out;
}

/**
 * The rules, in order:
 * - a period with both ends: a total is spread over its days; an annual amount is due in
 *   each year in proportion to the part of the year the period covers;
 * - an end date only: a total runs from the announcement to the end; an annual amount is
 *   the level to reach in the end year (as in "an increase of $25 billion a year by 2010");
 * - no end date: all of it in the year the period starts, else the announcement year.
 * No year at all gives an empty schedule: the amount cannot be placed in time.
 */
export function scheduleShares(t: ScheduleTerms): YearShare[] {
	const start = t.periodStart ?? (t.frequency === "total" ? t.announcedOn : null);
	if (t.periodEnd && start && start <= t.periodEnd) {
		const days = daysByYear(start, t.periodEnd);
		if (t.frequency === "annual") {
			return [...days].map(([year, n]) => ({ year, share: n / daysInYear(year) }));
		}
		const total = [...days.values()].reduce((a, b) => a + b, 0);
		return [...days].map(([year, n]) => ({ year, share: n / total }));
	}
	const single = t.periodEnd ?? t.periodStart ?? t.announcedOn;
	return single ? [{ year: Number(single.slice(0, 4)), share: 1 }] : [];
}

/** A commitment's period, either end possibly unknown. */
export interface Period {
	start: string | null;
	end: string | null;
}

/**
 * How much of a year's promise falls on or before a day: a promise is spread over the
 * days of its period (scheduleShares), so it is the share of the period's days of that
 * year up to the day (the whole year's days without a period). Delivery data that stop
 * before a year ends cover this much of its promise.
 */
export function coveredShareOfYear(year: number, through: string, period: Period): number {
	const first = [`${year}-01-01`, period.start ?? ""].reduce((a, b) => (b > a ? b : a));
	const last = [`${year}-12-31`, period.end ?? "9999-12-31"].reduce((a, b) => (b < a ? b : a));
	if (through >= last) return 1;
	if (through < first) return 0;
	return (daysByYear(first, through).get(year) ?? 0) / (daysByYear(first, last).get(year) ?? 1);
}

/**
 * Whole minor units per year. A total's parts add up exactly to the amount (largest
 * remainder), so no cent appears or vanishes in the split.
 */
export function splitAmount(
	amountMinor: number,
	shares: YearShare[],
): { year: number; minor: number }[] {
	const totalShare = shares.reduce((a, s) => a + s.share, 0);
	const exact = shares.map((s) => amountMinor * s.share);
	const floors = exact.map(Math.floor);
	// Annual amounts are not a partition of one total: round each year on its own.
	if (Math.abs(totalShare - 1) > 1e-9) {
		return shares.map((s, i) => ({ year: s.year, minor: Math.round(exact[i] as number) }));
	}
	let left = amountMinor - floors.reduce((a, b) => a + b, 0);
	const order = exact
		.map((x, i) => ({ i, rest: x - (floors[i] as number) }))
		.sort((a, b) => b.rest - a.rest || a.i - b.i);
	const minor = [...floors];
	for (const { i } of order) {
		if (left <= 0) break;
		minor[i] = (minor[i] as number) + 1;
		left--;
	}
	return shares.map((s, i) => ({ year: s.year, minor: minor[i] as number }));
}

/**
 * How much of a year has passed on `today`: past years 1, future years 0, the current
 * year by days elapsed, today included.
 */
export function elapsedShare(year: number, today: string): number {
	const current = Number(today.slice(0, 4));
	if (year < current) return 1;
	if (year > current) return 0;
	return ((time(today) - time(`${year}-01-01`)) / day + 1) / daysInYear(year);
}

/** Expected by today: each year's amount times the share of that year elapsed, in cents. */
export function expectedBy(rows: { year: number; amount: number }[], today: string): number {
	return Math.round(rows.reduce((sum, r) => sum + r.amount * elapsedShare(r.year, today), 0));
}
