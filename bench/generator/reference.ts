/**
 * The real codes a generated record may cite, read from the data the product ships
 * (so every goal, target, country and region exists in the reference tables).
 */
import { readCodelist, readMdg, readSdg } from "../../src/modules/reference/reference.data.ts";

/** DAC members in the order of their share of aid: the heaviest makers come first. */
export const dacDonors = [
	"US",
	"DE",
	"GB",
	"JP",
	"FR",
	"CA",
	"NL",
	"SE",
	"NO",
	"IT",
	"AU",
	"CH",
	"ES",
	"DK",
	"KR",
	"BE",
	"FI",
	"IE",
	"AT",
	"NZ",
	"PL",
	"LU",
	"PT",
	"CZ",
	"GR",
	"HU",
	"SK",
	"SI",
	"IS",
] as const;

export const g7 = ["US", "DE", "GB", "JP", "FR", "CA", "IT"];
export const g20Others = ["AR", "AU", "BR", "CN", "IN", "ID", "KR", "MX", "RU", "SA", "ZA", "TR"];
export const euMembers = [
	"AT",
	"BE",
	"CZ",
	"DE",
	"DK",
	"ES",
	"FI",
	"FR",
	"GR",
	"HU",
	"IE",
	"IT",
	"LU",
	"NL",
	"PL",
	"PT",
	"SE",
	"SI",
	"SK",
];

/** Least developed countries (UN list): the most frequent recipients. */
export const ldcs = [
	"AF",
	"AO",
	"BD",
	"BF",
	"BI",
	"BJ",
	"CD",
	"CF",
	"ER",
	"ET",
	"GM",
	"GN",
	"GW",
	"HT",
	"KH",
	"KM",
	"LA",
	"LR",
	"LS",
	"MG",
	"ML",
	"MM",
	"MR",
	"MW",
	"MZ",
	"NE",
	"NP",
	"RW",
	"SB",
	"SD",
	"SL",
	"SN",
	"SO",
	"SS",
	"TD",
	"TG",
	"TL",
	"TZ",
	"UG",
	"YE",
	"ZM",
];

/** Large recipients that are not LDCs, placed high in the recipient ranking. */
export const bigRecipients = ["KE", "NG", "PK", "IN", "VN", "GH", "EG", "JO", "SY", "UA", "CO"];

/** The currency a donor usually pledges in. */
export const donorCurrency: Record<string, string> = {
	GB: "GBP",
	JP: "JPY",
	CA: "CAD",
	SE: "SEK",
	NO: "NOK",
	AU: "AUD",
	CH: "CHF",
	...Object.fromEntries(
		["DE", "FR", "NL", "IT", "ES", "BE", "FI", "IE", "AT", "LU", "PT", "GR", "SK", "SI"].map(
			(c) => [c, "EUR"],
		),
	),
};

/** A valid, active ISO 4217 code with no rate in data/exchange-rates: exercises "not converted". */
export const unconvertibleCurrency = "KPW";

export interface Reference {
	countries: { code: string; name: string }[];
	regions: string[];
	goals: string[];
	/** Target ids by goal id. */
	targets: Map<string, string[]>;
}

export function readReference(): Reference {
	const countries = readCodelist("Country")
		.items.filter((i) => i.status === "active")
		.map((i) => ({ code: i.code, name: i.names.en ?? i.code }));
	// Only regional codes (the 3-digit OECD ones), not "unspecified" catch-alls.
	const regions = readCodelist("Region")
		.items.filter((i) => i.status === "active" && /^\d{3,4}$/.test(i.code))
		.map((i) => i.code);
	const goals: string[] = [];
	const targets = new Map<string, string[]>();
	for (const f of [readMdg(), readSdg()]) {
		for (const g of f.goals) goals.push(`${f.code}:${g.code}`);
		for (const t of f.targets) {
			const goal = `${f.code}:${t.goal}`;
			const list = targets.get(goal) ?? [];
			list.push(`${f.code}:${t.code}`);
			targets.set(goal, list);
		}
	}
	return { countries, regions, goals, targets };
}
