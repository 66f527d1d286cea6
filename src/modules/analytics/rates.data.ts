/**
 * The two tables money normalisation needs, read from data/: IMF annual average
 * exchange rates (national currency per US dollar) and OECD DAC deflators by donor
 * (2020 = 100, applicable to US dollar figures). Pure file reading, cached per process.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../reference/reference.data.ts";

/** A yearly series: year -> value. */
export type Series = ReadonlyMap<number, number>;

export interface RateTables {
	/** ISO 4217 code -> national currency units per US dollar, by year. */
	rates: ReadonlyMap<string, Series>;
	/** DAC donor name (as in the OECD file, e.g. "United Kingdom", "TOTAL DAC") -> deflator by year. */
	deflators: ReadonlyMap<string, Series>;
	/** Changes whenever either file changes: stored with the figures to tell when a rebuild is due. */
	hash: string;
}

export const ratesFile = join(dataDir, "exchange-rates", "imf_annual_average_usd.csv");
export const deflatorsFile = join(dataDir, "deflators", "dac_deflators_2020base.csv");

let cached: RateTables | undefined;

const hashOf = (ratesText: string, deflatorsText: string) =>
	createHash("sha256").update(ratesText).update(deflatorsText).digest("hex");

/** The tables' hash alone, without parsing them: what a start needs to tell whether a rebuild is due. */
export function rateTablesHash(): string {
	return (
		cached?.hash ?? hashOf(readFileSync(ratesFile, "utf8"), readFileSync(deflatorsFile, "utf8"))
	);
}

export function rateTables(): RateTables {
	if (!cached) {
		const ratesText = readFileSync(ratesFile, "utf8");
		const deflatorsText = readFileSync(deflatorsFile, "utf8");
		cached = {
			rates: parseRates(ratesText),
			deflators: parseDeflators(deflatorsText),
			hash: hashOf(ratesText, deflatorsText),
		};
	}
	return cached;
}

/** Splits one CSV line, honouring double quotes (country names hold commas). */
export function csvFields(line: string): string[] {
	const out: string[] = [];
	let field = "";
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ",") {
			out.push(field);
			field = "";
		} else field += ch;
	}
	out.push(field);
	return out;
}

/**
 * Several countries share a currency (EUR, XOF, USD) and the IMF file repeats it per
 * country, with differences in the sixth digit. The value most countries report wins;
 * a tie goes to the first country code, so the choice never depends on file order.
 */
export function parseRates(text: string): Map<string, Series> {
	const votes = new Map<string, Map<number, Map<number, string>>>();
	const lines = text.split(/\r?\n/);
	const header = csvFields(lines[0] ?? "");
	const at = (name: string) => {
		const i = header.indexOf(name);
		if (i < 0) throw new Error(`${ratesFile}: no column ${name}`);
		return i;
	};
	const [iDate, iRate, iCurrency, iCountry] = [
		at("Date"),
		at("Rate"),
		at("Currency"),
		at("Country code"),
	];
	const byValue = new Map<string, { n: number; firstCountry: string }>();
	for (const line of lines.slice(1)) {
		if (!line.trim()) continue;
		const f = csvFields(line);
		const currency = f[iCurrency] ?? "";
		const year = Number((f[iDate] ?? "").slice(0, 4));
		const rate = Number(f[iRate]);
		if (!/^[A-Z]{3}$/.test(currency) || !Number.isInteger(year) || !(rate > 0)) continue;
		const key = `${currency}|${year}|${rate}`;
		const country = f[iCountry] ?? "";
		const seen = byValue.get(key);
		if (seen) {
			seen.n++;
			if (country < seen.firstCountry) seen.firstCountry = country;
		} else byValue.set(key, { n: 1, firstCountry: country });
		const years = votes.get(currency) ?? new Map<number, Map<number, string>>();
		votes.set(currency, years);
		const values = years.get(year) ?? new Map<number, string>();
		years.set(year, values);
		values.set(rate, country);
	}
	const rates = new Map<string, Series>();
	for (const [currency, years] of votes) {
		const series = new Map<number, number>();
		for (const [year, values] of years) {
			let best: { rate: number; n: number; country: string } | undefined;
			for (const rate of values.keys()) {
				const v = byValue.get(`${currency}|${year}|${rate}`) ?? { n: 0, firstCountry: "" };
				if (!best || v.n > best.n || (v.n === best.n && v.firstCountry < best.country))
					best = { rate, n: v.n, country: v.firstCountry };
			}
			if (best) series.set(year, best.rate);
		}
		rates.set(currency, series);
	}
	return rates;
}

/** A row per donor, a column per year; 0.0 marks a year the OECD has no figure for. */
export function parseDeflators(text: string): Map<string, Series> {
	const lines = text.split(/\r?\n/);
	const header = csvFields(lines[0] ?? "");
	const deflators = new Map<string, Series>();
	for (const line of lines.slice(1)) {
		const f = csvFields(line);
		const donor = (f[0] ?? "").trim();
		if (!donor || donor.startsWith("a)")) continue;
		const series = new Map<number, number>();
		header.forEach((h, i) => {
			const year = Number(h);
			const value = Number(f[i]);
			if (i > 0 && /^\d{4}$/.test(h) && value > 0) series.set(year, value);
		});
		if (series.size > 0) deflators.set(donor, series);
	}
	return deflators;
}
