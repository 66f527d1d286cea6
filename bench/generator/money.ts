/** Amounts that look like real pledges: in the maker's currency, rounded as people state them. */
import { minorUnitExponent } from "../../src/lib/money.ts";
import type { Random } from "./random.ts";
import { donorCurrency, unconvertibleCurrency } from "./reference.ts";

/** Rough units per US dollar, only to give amounts a plausible size in each currency. */
const roughRate: Record<string, number> = {
	USD: 1,
	EUR: 0.9,
	GBP: 0.78,
	JPY: 120,
	CAD: 1.3,
	SEK: 9.5,
	NOK: 9.5,
	AUD: 1.4,
	CHF: 0.95,
	KPW: 900,
};

const otherCurrencies = {
	USD: 80,
	EUR: 8,
	GBP: 3,
	JPY: 2,
	CAD: 1.5,
	SEK: 1,
	NOK: 1,
	AUD: 1,
	CHF: 1,
	[unconvertibleCurrency]: 0.4,
};

/** Donors mostly pledge in their own currency; everyone else mostly in dollars. */
export function currencyFor(random: Random, country: string | null, ownShare: number): string {
	const own = country ? donorCurrency[country] : undefined;
	if (own && random.chance(ownShare)) return own;
	return random.weighted(otherCurrencies);
}

/** Three significant figures, as "USD 250 million" or "JPY 1.35 billion" are written. */
function roundNicely(x: number): number {
	if (x < 1000) return Math.max(1, Math.round(x));
	const magnitude = 10 ** (Math.floor(Math.log10(x)) - 2);
	return Math.round(x / magnitude) * magnitude;
}

/** Minor units of `currency` worth roughly `usd` dollars. */
export function minorAmount(usd: number, currency: string, nice = true): number {
	const major = usd * (roughRate[currency] ?? 1);
	const rounded = nice ? roundNicely(major) : major;
	return Math.round(rounded * 10 ** minorUnitExponent(currency));
}
