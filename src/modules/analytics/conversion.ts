/**
 * One scale for money: every amount becomes US dollars at current prices of its year
 * and at constant prices of the base year, in cents. The rules (docs/methodology.md):
 * - current: amount / (national currency per USD, IMF annual average of the year);
 * - constant: current x D(base) / D(year), D the DAC deflator of the donor (the maker's
 *   country when it is a DAC member, the EU Institutions for the EU, else the DAC total);
 * - an amount stated in constant prices of year Y is converted at Y's rate, then moved
 *   to the base year, and to each year's current prices, with the same deflator;
 * - a year after the last one a table has takes that last figure and is "provisional";
 * - no rate at all (unknown currency, a year before the table) is "no_rate": no value,
 *   counted as not converted, never as zero.
 */
import { minorUnitExponent } from "../../lib/money.ts";
import { type RateTables, rateTables, type Series } from "./rates.data.ts";

export const conversionStatuses = [
	"ok",
	"provisional",
	"no_rate",
	"no_currency",
	"no_amount",
	"no_year",
	// A share-of-income target: its money is GNI x target, measured on official statistics.
	"measured",
	"no_statistics",
] as const;
export type ConversionStatus = (typeof conversionStatuses)[number];

/** Cents; both null when the amount could not be converted. */
export interface UsdValue {
	current: number | null;
	constant: number | null;
	status: ConversionStatus;
	notes: string[];
}

export type PriceBasis = { basis: "current" } | { basis: "constant"; baseYear: number };

export const totalDac = "TOTAL DAC";
export const euInstitutions = "EU Institutions";

/** ISO alpha-2 of the DAC members in the deflator file. */
const dacMembers: Record<string, string> = {
	AU: "Australia",
	AT: "Austria",
	BE: "Belgium",
	CA: "Canada",
	CZ: "Czech Republic",
	DK: "Denmark",
	FI: "Finland",
	FR: "France",
	DE: "Germany",
	GR: "Greece",
	HU: "Hungary",
	IS: "Iceland",
	IE: "Ireland",
	IT: "Italy",
	JP: "Japan",
	KR: "Korea",
	LU: "Luxembourg",
	NL: "Netherlands",
	NZ: "New Zealand",
	NO: "Norway",
	PL: "Poland",
	PT: "Portugal",
	SK: "Slovak Republic",
	SI: "Slovenia",
	ES: "Spain",
	SE: "Sweden",
	CH: "Switzerland",
	GB: "United Kingdom",
	US: "United States",
};

/** The deflator series for a donor: its own when it is a DAC member or the EU, else the DAC total. */
export function donorSeriesName(countryCode: string | null | undefined): string {
	if (!countryCode) return totalDac;
	if (countryCode === "EU") return euInstitutions;
	return dacMembers[countryCode] ?? totalDac;
}

interface Lookup {
	value: number;
	provisional: boolean;
	note?: string;
}

function lookup(series: Series | undefined, year: number): Lookup | null {
	if (!series) return null;
	const exact = series.get(year);
	if (exact !== undefined) return { value: exact, provisional: false };
	let last = -1;
	for (const y of series.keys()) if (y > last) last = y;
	if (last >= 0 && year > last) {
		return { value: series.get(last) as number, provisional: true, note: `${last} figure` };
	}
	return null;
}

export class Converter {
	constructor(
		readonly baseYear: number,
		private readonly tables: RateTables = rateTables(),
	) {}

	/** National currency per US dollar in a year. */
	rate(currency: string, year: number): Lookup | null {
		if (currency === "USD") return { value: 1, provisional: false };
		return lookup(this.tables.rates.get(currency), year);
	}

	deflator(donor: string, year: number): Lookup | null {
		return lookup(this.tables.deflators.get(donor) ?? this.tables.deflators.get(totalDac), year);
	}

	/**
	 * An amount in minor units of `currency`, for `year` (the year money moved or was due).
	 * `donor` names the deflator series (donorSeriesName).
	 */
	toUsd(
		amountMinor: number | null,
		currency: string | null,
		year: number,
		donor: string,
		price: PriceBasis = { basis: "current" },
	): UsdValue {
		if (amountMinor === null) return none("no_amount", "no amount");
		if (!currency) return none("no_currency", "an amount with no currency");
		const major = amountMinor / 10 ** minorUnitExponent(currency);
		const rateYear = price.basis === "constant" ? price.baseYear : year;
		const rate = this.rate(currency, rateYear);
		if (!rate) return none("no_rate", `no exchange rate for ${currency} in ${rateYear}`);
		const from = this.deflator(donor, rateYear);
		const toBase = this.deflator(donor, this.baseYear);
		const toYear = this.deflator(donor, year);
		if (!from || !toBase || !toYear) {
			const missing = !from ? rateYear : !toBase ? this.baseYear : year;
			return none("no_rate", `no deflator for ${donor} in ${missing}`);
		}
		const usdAtRateYear = major / rate.value;
		// Current prices of the rate year: move constant-price amounts to the year first.
		const current =
			price.basis === "constant" ? (usdAtRateYear * toYear.value) / from.value : usdAtRateYear;
		const constant = (current * toBase.value) / toYear.value;
		const lookups = [
			[rate, `exchange rate ${currency}`],
			[from, `deflator ${donor}`],
			[toBase, `deflator ${donor}`],
			[toYear, `deflator ${donor}`],
		] as const;
		const notes = [
			...new Set(
				lookups
					.filter(([l]) => l.provisional)
					.map(([l, what]) => `${what}: ${l.note} carried forward`),
			),
		];
		return {
			current: Math.round(current * 100),
			constant: Math.round(constant * 100),
			status: notes.length ? "provisional" : "ok",
			notes,
		};
	}
}

function none(status: ConversionStatus, note: string): UsdValue {
	return { current: null, constant: null, status, notes: [note] };
}

/** The worse of two statuses, for a record made of several amounts. */
export function worseStatus(a: ConversionStatus, b: ConversionStatus): ConversionStatus {
	const order: ConversionStatus[] = [
		"ok",
		"measured",
		"provisional",
		"no_amount",
		"no_statistics",
		"no_year",
		"no_currency",
		"no_rate",
	];
	return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

export const defaultBaseYear = 2020;

/**
 * An IATI transaction: converted at its value date (the date IATI names for currency
 * conversion), else its transaction date.
 */
export function transactionUsd(
	converter: Converter,
	t: {
		value_minor: number;
		currency: string | null;
		transaction_date: string;
		value_date: string | null;
	},
	donor: string,
): UsdValue {
	const year = Number((t.value_date ?? t.transaction_date).slice(0, 4));
	return converter.toUsd(t.value_minor, t.currency, year, donor);
}
