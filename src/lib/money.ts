/**
 * Money is an integer count of minor units with an ISO 4217 currency code, never a
 * float. Decimal strings in major units (as people and documents write them) are
 * converted exactly, digit by digit.
 */
import { AppError } from "./errors.ts";

/** ISO 4217 minor-unit exponents that differ from the usual 2. */
const exponents: Record<string, number> = {
	BIF: 0,
	CLP: 0,
	DJF: 0,
	GNF: 0,
	ISK: 0,
	JPY: 0,
	KMF: 0,
	KRW: 0,
	PYG: 0,
	RWF: 0,
	UGX: 0,
	UYI: 0,
	VND: 0,
	VUV: 0,
	XAF: 0,
	XOF: 0,
	XPF: 0,
	BHD: 3,
	IQD: 3,
	JOD: 3,
	KWD: 3,
	LYD: 3,
	OMR: 3,
	TND: 3,
	CLF: 4,
	UYW: 4,
};

export function minorUnitExponent(currency: string): number {
	return exponents[currency] ?? 2;
}

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * "50000000000" USD -> 5000000000000. Rejects more decimals than the currency has
 * (no silent rounding) and amounts beyond what a double holds exactly.
 */
export function toMinorUnits(amount: string, currency: string, field = "amount"): number {
	const m = decimalPattern.exec(amount.trim());
	if (!m)
		throw AppError.invalid(
			field,
			`${field} must be a decimal number such as 1500000.50, got '${amount}'`,
		);
	const [, sign, whole = "", fraction = ""] = m;
	const exponent = minorUnitExponent(currency);
	const trimmed = fraction.replace(/0+$/, "");
	if (trimmed.length > exponent) {
		throw AppError.invalid(
			field,
			`${field} has more decimals than ${currency} allows (${exponent})`,
		);
	}
	const digits = `${whole}${trimmed.padEnd(exponent, "0")}`.replace(/^0+(?=\d)/, "");
	const value = Number(digits);
	if (!Number.isSafeInteger(value)) throw AppError.invalid(field, `${field} is too large`);
	return sign && value !== 0 ? -value : value;
}

/** 5000000000000 USD -> "50000000000.00": exact, for APIs and exports. */
export function formatMinorUnits(minor: number, currency: string): string {
	const exponent = minorUnitExponent(currency);
	const negative = minor < 0;
	const digits = Math.abs(minor)
		.toString()
		.padStart(exponent + 1, "0");
	const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
	const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
	return `${negative ? "-" : ""}${whole}${fraction}`;
}
