/**
 * IATI's scalar values as IIF keeps them: amounts in minor units, dates as YYYY-MM-DD,
 * percentages as numbers, currencies checked against the ISO 4217 codelist IATI ships.
 */
import { readFileSync } from "node:fs";
import { minorUnitExponent, toMinorUnits } from "../../lib/money.ts";
import { projectPath } from "../../lib/root.ts";

/** xsd:decimal: optional sign, digits with an optional point (".5" and "5." included). */
const decimalPattern = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Not a currency: minor units of an amount with no currency are hundredths (ISO's usual 2). */
const noCurrency = "XXX";

/**
 * A decimal amount in minor units of its currency. IATI values are xsd:decimal with no
 * limit on decimals, and publishers do write "100.125" USD or "1000000.999999": more
 * decimals than the currency has are rounded half away from zero to its minor unit
 * (one cent at most), rather than losing the whole activity. Returns a reason when the
 * text is no number or the amount is beyond what a double holds exactly.
 */
export function decimalToMinor(
	text: string,
	currency: string | null,
): { minor: number } | { error: string } {
	const trimmed = text.trim();
	const m = decimalPattern.exec(trimmed);
	const [, sign = "", whole = "", fraction = ""] = m ?? [];
	if (!m || (whole === "" && fraction === "")) return { error: `'${trimmed}' is not a number` };
	const unit = currency ?? noCurrency;
	const exponent = minorUnitExponent(unit);
	const significant = fraction.replace(/0+$/, "");
	if (significant.length <= exponent) {
		const minor = toMinorUnitsOrNull(`${sign === "-" ? "-" : ""}${whole || "0"}.${significant}`);
		return minor === null ? { error: `'${trimmed}' is too large` } : { minor };
	}
	const kept = BigInt(`${whole}${significant.slice(0, exponent)}` || "0");
	const roundUp = significant.charCodeAt(exponent) - 48 >= 5;
	const magnitude = Number(kept + (roundUp ? 1n : 0n));
	if (!Number.isSafeInteger(magnitude)) return { error: `'${trimmed}' is too large` };
	return { minor: sign === "-" && magnitude !== 0 ? -magnitude : magnitude };

	function toMinorUnitsOrNull(exact: string): number | null {
		try {
			return toMinorUnits(exact.replace(/\.$/, ""), unit);
		} catch {
			return null;
		}
	}
}

/** xsd:date (a time zone is allowed and dropped); a date-time's date too, as publishers write them. */
const datePattern =
	/^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

export function isoDate(text: string | null): string | null {
	if (text === null) return null;
	const m = datePattern.exec(text.trim());
	return m?.[1] && isCalendarDate(m[1]) ? m[1] : null;
}

const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** lib/dates.ts isIsoDate's verdict on YYYY-MM-DD, by arithmetic: a file holds millions. */
function isCalendarDate(d: string): boolean {
	const year = Number(d.slice(0, 4));
	const month = Number(d.slice(5, 7));
	const day = Number(d.slice(8, 10));
	if (month < 1 || month > 12 || day < 1 || day > (daysIn[month - 1] as number)) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return month !== 2 || day < 29 || leap;
}

export function percentage(text: string | null): number | null {
	if (text === null) return null;
	const m = decimalPattern.exec(text);
	if (!m || (!m[2] && !m[3])) return null;
	const n = Number(text);
	return Number.isFinite(n) ? n : null;
}

let shipped: ReadonlySet<string> | undefined;

/**
 * Every code of IATI's Currency codelist, withdrawn ones included: an old file rightly
 * states its money in a currency that no longer exists (ZMK, VEF ...).
 */
export function shippedCurrencies(): ReadonlySet<string> {
	if (!shipped) {
		const file = projectPath("data", "iati", "codelists", "en", "Currency.json");
		const list = JSON.parse(readFileSync(file, "utf8")) as { data: { code: string }[] };
		shipped = new Set(list.data.map((c) => c.code));
	}
	return shipped;
}
