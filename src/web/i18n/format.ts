/**
 * Numbers, money, dates and place names written the way each language writes them,
 * with Intl. Formatters are built once per language and reused: constructing Intl
 * objects is the costly part.
 */
import type { Language } from "../../lib/languages.ts";
import { directionOf, intlTag } from "./locale.ts";

export interface Formatters {
	number(n: number): string;
	/** A whole amount in a currency, e.g. "US$ 50,000,000,000" / "50 000 000 000 $US". */
	money(amount: number, currency: string): string;
	/** Compact, for charts and tables: "US$50B", "50 Md $US". */
	moneyCompact(amount: number, currency: string): string;
	/** US dollars from integer cents, compact. */
	usdCents(cents: number | null | undefined): string;
	percent(ratio: number): string;
	/** An ISO date (YYYY-MM-DD) or timestamp, as a medium date. */
	date(iso: string | null | undefined): string;
	dateTime(iso: string | null | undefined): string;
	/** A country or region name from its ISO 3166 alpha-2 code, in this language. */
	country(code: string): string;
	year(y: number): string;
}

const cache = new Map<Language, Formatters>();

/**
 * On a right-to-left page a symbol such as "US$" ends a run of Latin letters with a "$"
 * that the bidirectional algorithm sends to the other side ("$US"): each one is isolated
 * left-to-right (U+2066 ... U+2069) so that it reads as written.
 */
function isolateSymbols(text: string): string {
	return text.replace(/[A-Z]{1,3}\$/g, (symbol) => `\u2066${symbol}\u2069`);
}

function safeCurrency(tag: string, currency: string, compact: boolean) {
	try {
		return new Intl.NumberFormat(tag, {
			style: "currency",
			currency,
			minimumFractionDigits: 0,
			maximumFractionDigits: compact ? 1 : 0,
			...(compact ? { notation: "compact" as const } : {}),
		});
	} catch {
		return null;
	}
}

export function formattersFor(lang: Language): Formatters {
	const hit = cache.get(lang);
	if (hit) return hit;
	const tag = intlTag(lang);
	const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
	const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
	const date = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
	const dateTime = new Intl.DateTimeFormat(tag, {
		dateStyle: "medium",
		timeStyle: "short",
		timeZone: "UTC",
	});
	const regions = new Intl.DisplayNames([tag], { type: "region", fallback: "code" });
	const year = new Intl.NumberFormat(tag, { useGrouping: false });
	const currencies = new Map<string, Intl.NumberFormat | null>();
	const currencyFormat = (currency: string, compact: boolean) => {
		const key = `${currency}:${compact}`;
		if (!currencies.has(key)) currencies.set(key, safeCurrency(tag, currency, compact));
		return currencies.get(key) ?? null;
	};
	const parseDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
	const symbols = directionOf(lang) === "rtl" ? isolateSymbols : (s: string) => s;
	const f: Formatters = {
		number: (n) => number.format(n),
		money: (amount, currency) =>
			symbols(
				currencyFormat(currency, false)?.format(amount) ?? `${number.format(amount)} ${currency}`,
			),
		moneyCompact: (amount, currency) =>
			symbols(
				currencyFormat(currency, true)?.format(amount) ?? `${number.format(amount)} ${currency}`,
			),
		usdCents: (cents) =>
			cents === null || cents === undefined ? "—" : f.moneyCompact(cents / 100, "USD"),
		percent: (ratio) => percent.format(ratio),
		date: (iso) => (iso ? date.format(parseDate(iso)) : "—"),
		dateTime: (iso) => (iso ? dateTime.format(parseDate(iso)) : "—"),
		country: (code) => {
			try {
				return regions.of(code.toUpperCase()) ?? code;
			} catch {
				return code;
			}
		},
		year: (y) => year.format(y),
	};
	cache.set(lang, f);
	return f;
}
