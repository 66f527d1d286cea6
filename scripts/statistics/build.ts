/**
 * Builds the shipped official statistics (data/statistics/official-statistics.csv) from
 * the published series staged in ../shared/data/delivery, and the providers list
 * (data/statistics/providers.csv). Values are copied as their source wrote them; the
 * only choice made here is which ODA measure is the official one for a year (net flows
 * to 2017, grant equivalent from 2018, as the OECD defines its headline figure).
 *
 *   node --import tsx scripts/statistics/build.ts [../shared/data/delivery]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { csvFields } from "../../src/modules/analytics/rates.data.ts";

const src = resolve(process.argv[2] ?? "../shared/data/delivery");
const out = resolve("data/statistics");

/** OECD DAC donor codes (dac1_names.json) of the members in the files, with ISO alpha-2 and EU years. */
const donors: [number, string, string, number | null, number | null][] = [
	[801, "AU", "Australia", null, null],
	[1, "AT", "Austria", 1995, null],
	[2, "BE", "Belgium", 1958, null],
	[301, "CA", "Canada", null, null],
	[68, "CZ", "Czechia", 2004, null],
	[3, "DK", "Denmark", 1973, null],
	[82, "EE", "Estonia", 2004, null],
	[18, "FI", "Finland", 1995, null],
	[4, "FR", "France", 1958, null],
	[5, "DE", "Germany", 1958, null],
	[40, "GR", "Greece", 1981, null],
	[75, "HU", "Hungary", 2004, null],
	[20, "IS", "Iceland", null, null],
	[21, "IE", "Ireland", 1973, null],
	[6, "IT", "Italy", 1958, null],
	[701, "JP", "Japan", null, null],
	[742, "KR", "Korea", null, null],
	[83, "LV", "Latvia", 2004, null],
	[84, "LT", "Lithuania", 2004, null],
	[22, "LU", "Luxembourg", 1958, null],
	[7, "NL", "Netherlands", 1958, null],
	[820, "NZ", "New Zealand", null, null],
	[8, "NO", "Norway", null, null],
	[76, "PL", "Poland", 2004, null],
	[9, "PT", "Portugal", 1986, null],
	[69, "SK", "Slovak Republic", 2004, null],
	[61, "SI", "Slovenia", 2004, null],
	[50, "ES", "Spain", 1986, null],
	[10, "SE", "Sweden", 1995, null],
	[11, "CH", "Switzerland", null, null],
	// The United Kingdom left the EU on 31 January 2020; the OECD's EU figures leave it out from 2020.
	[12, "GB", "United Kingdom", 1973, 2019],
	[302, "US", "United States", null, null],
];

const one =
	"https://github.com/ONEcampaign/aftershocks_data/blob/3fd899024f88ed92f08c5823303520b635de91f2/raw_data/oda";
const onePublished = "2025-12-19";

function rows(file: string): Record<string, string>[] {
	const [head, ...lines] = readFileSync(join(src, file), "utf8").trim().split(/\r?\n/);
	const cols = csvFields(head as string);
	return lines.map((l) => Object.fromEntries(csvFields(l).map((v, i) => [cols[i], v])));
}

const csv = (v: string | number | null) => {
	const s = v === null ? "" : String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const iso = new Map<string, string>(donors.map(([code, a2]) => [String(code), a2]));
iso.set("918", "EUI");

type Out = [string, number, string, string, string, string, string, string, string];
const stats: Out[] = [];

for (const r of rows("oecd-dac-one-aftershocks/total_oda_flow.csv")) {
	const year = Number(r.year);
	const p = iso.get(r.donor_code as string);
	if (!p || year >= 2018 || r.value === "") continue;
	stats.push([
		p,
		year,
		"oda",
		r.value as string,
		"usd_millions",
		"net_flows",
		"OECD DAC1 official development assistance, net disbursements (aid type 1010, flow 1140), USD million at current prices; extracted by ONE Campaign",
		`${one}/total_oda_flow.csv`,
		onePublished,
	]);
}
for (const r of rows("oecd-dac-one-aftershocks/total_oda_ge.csv")) {
	const p = iso.get(r.donor_code as string);
	if (!p || r.value === "") continue;
	stats.push([
		p,
		Number(r.year),
		"oda",
		r.value as string,
		"usd_millions",
		"grant_equivalent",
		"OECD DAC1 official development assistance, grant equivalent (aid type 1010, flow 1160; the OECD's headline measure from 2018), USD million at current prices; extracted by ONE Campaign",
		`${one}/total_oda_ge.csv`,
		onePublished,
	]);
}
for (const r of rows("oecd-dac-one-aftershocks/gni.csv")) {
	const p = iso.get(r.donor_code as string);
	if (!p || r.value === "") continue;
	stats.push([
		p,
		Number(r.year),
		"gni",
		r.value as string,
		"usd_millions",
		"",
		"OECD DAC1 gross national income (aid type 1), USD million at current prices; extracted by ONE Campaign",
		`${one}/gni.csv`,
		onePublished,
	]);
}
const ldcSeries = "to LDCs as a percentage of OECD-DAC donors' GNI";
for (const r of rows("sdg-17-2-1-national/uk_ons_indicator_17-2-1_as_of_2022-02-02.csv")) {
	if (!(r.Series ?? "").includes(ldcSeries) || r.Value === "") continue;
	stats.push([
		"GB",
		Number(r.Year),
		"oda_ldc",
		r.Value as string,
		"percent_of_gni",
		"bilateral_and_imputed_multilateral",
		"UK SDG indicator 17.2.1 (ONS national reporting platform): net ODA to LDCs, bilateral plus imputed multilateral, as a percentage of GNI; sources FCDO Statistics on International Development and OECD GNI",
		"https://github.com/ONSdigital/sdg-data/blob/ab65028596e78a6f09daf95c120e579d373d48bf/data/indicator_17-2-1.csv",
		"2022-02-02",
	]);
}
for (const r of rows("sdg-17-2-1-national/de_destatis_17-2-1.csv")) {
	if (
		r["Type of Official Development Assistance"] !==
		"Net disbursements to least developed countries"
	)
		continue;
	const provisional = r.COMMENT_OBS_0 === "p";
	stats.push([
		"DE",
		Number(r.Year),
		"oda_ldc",
		r.Value as string,
		"percent_of_gni",
		"net_disbursements_destatis_gni",
		`German SDG indicator 17.2.1 (Destatis national reporting platform): net ODA disbursements to LDCs (OECD DAC1/DAC2A) as a percentage of GNI from Destatis national accounts${provisional ? "; provisional" : ""}. Statistisches Bundesamt (Destatis), dl-de/by-2-0`,
		"https://github.com/sustainabledevelopment-germany/sdg-data-pub/blob/c02882d1cb33ad334951b9a058667c415fa95481/en/data/17-2-1.csv",
		"2026-07-24",
	]);
}
// ODA to Africa: DAC2A net bilateral plus imputed multilateral ODA to recipient 10001
// (Africa), per member and for the DAC total (20001), whose own published series comes
// before a sum of members. It measures pledges of aid to Africa (Gleneagles' +$25bn).
const africaProviders = new Map(iso);
africaProviders.set("20001", "DAC");
for (const r of rows("oecd-dac-one-aftershocks/total_oda_to_africa.csv")) {
	const p = africaProviders.get(r.donor_code as string);
	if (!p || r.value_africa === "") continue;
	stats.push([
		p,
		Number(r.year),
		"oda_africa",
		r.value_africa as string,
		"usd_millions",
		"bilateral_and_imputed_multilateral",
		"OECD DAC2A net bilateral ODA plus imputed multilateral ODA to Africa (recipient 10001; ONE indicator ONE.10.206_106), USD million at current prices; extracted by ONE Campaign",
		`${one}/total_oda_to_africa.csv`,
		onePublished,
	]);
}
// Values transcribed from published tables and pages, each row with its own source
// (data/statistics/sources/transcribed-ldc.csv, already in the import format).
const transcribed = readFileSync(join(out, "sources", "transcribed-ldc.csv"), "utf8")
	.trim()
	.split(/\r?\n/)
	.slice(1)
	.map((l) => csvFields(l) as unknown as Out);
for (const r of transcribed) r[1] = Number(r[1]);
stats.push(...transcribed);
stats.sort((a, b) =>
	a[0] === b[0] ? (a[2] === b[2] ? a[1] - b[1] : a[2] < b[2] ? -1 : 1) : a[0] < b[0] ? -1 : 1,
);
const header = "provider,year,measure,value,unit,basis,source,source_url,published_on";
writeFileSync(
	join(out, "official-statistics.csv"),
	`${[header, ...stats.map((r) => r.map(csv).join(","))].join("\n")}\n`,
);

const providers = [
	"code,name,kind,dac_code,eu_from,eu_to",
	// The DAC's ODA and GNI are the sum of its members; its ODA to Africa is its own series (20001).
	"DAC,DAC countries,collective,20001,,",
	"EU,EU Member States in the DAC (sum of the members in the EU that year),collective,20011,,",
	"EUI,EU Institutions,institution,918,,",
	...donors.map(([code, a2, name, from, to]) =>
		[a2, name, "country", code, from ?? "", to ?? ""].map(csv).join(","),
	),
];
writeFileSync(join(out, "providers.csv"), `${providers.join("\n")}\n`);
console.log(`${stats.length} values, ${donors.length + 3} providers written to ${out}`);
