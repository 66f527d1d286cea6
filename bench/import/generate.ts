/**
 * Writes a synthetic IATI 2.03 activity file of a given size for the import benchmark:
 * many activities with the structure of real publishers' files (narratives in two
 * languages, participating organisations, dates, recipients and sectors with
 * percentages, SDG tags, policy markers, budgets, locations, results, document links)
 * and 5 to 30 transactions each (some reversals, some in another currency, some with
 * sectors and recipients at transaction level). Seeded: the same size gives the same file.
 *
 *   node --import tsx bench/import/generate.ts [--mb 200] [--out file.xml] [--seed 7]
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";

/** A small seeded generator (mulberry32): the file is the same on every machine. */
class Random {
	constructor(private state: number) {}
	next(): number {
		this.state = (this.state + 0x6d2b79f5) | 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)] as T;
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
}

const publishers = [
	["GB-GOV-1", "Foreign, Commonwealth and Development Office", "10"],
	["DE-1", "Federal Ministry for Economic Cooperation and Development", "10"],
	["XM-DAC-41114", "United Nations Development Programme", "40"],
	["XM-DAC-44000", "World Bank", "40"],
	["NL-KVK-27108436", "Oxfam Novib", "21"],
	["US-GOV-1", "U.S. Agency for International Development", "10"],
	["SE-0", "Swedish International Development Cooperation Agency", "10"],
	["XI-IATI-EC_INTPA", "European Commission - International Partnerships", "15"],
] as const;
const implementers = [
	["XM-DAC-41122", "UNICEF"],
	["XM-DAC-41302", "World Health Organization"],
	["GB-CHC-202918", "Oxfam GB"],
	["XM-DAC-47045", "The Global Fund"],
	["KE-NCB-1", "Government of Kenya"],
	["XM-DAC-41119", "UNFPA"],
	["US-EIN-131623829", "Save the Children Federation"],
] as const;
const countries = [
	"KE",
	"ET",
	"TZ",
	"UG",
	"NG",
	"BD",
	"PK",
	"AF",
	"MZ",
	"MW",
	"ZM",
	"SN",
	"ML",
	"NP",
	"HT",
	"YE",
	"SD",
	"CD",
	"SO",
	"MM",
];
const regions = ["289", "298", "498", "589", "619", "679", "689", "789", "998"];
const sectors = [
	"11110",
	"11220",
	"12220",
	"12240",
	"12262",
	"13020",
	"14030",
	"15110",
	"15170",
	"16010",
	"23210",
	"31120",
	"43010",
	"72010",
	"74020",
];
const currencies = ["USD", "GBP", "EUR", "SEK", "JPY"];
const words =
	"health education water sanitation nutrition climate resilience governance women girls children maternal primary schools vaccines malaria HIV agriculture smallholder markets energy access rural urban programme support strengthening systems services community capacity emergency response recovery social protection".split(
		" ",
	);

function sentence(r: Random, n: number): string {
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(r.pick(words));
	const s = out.join(" ");
	return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
}

function date(r: Random, from: number, to: number): string {
	return `${r.int(from, to)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
}

function amount(r: Random): string {
	const whole = r.int(1_000, 25_000_000);
	return r.chance(0.3) ? `${whole}.${String(r.int(0, 99)).padStart(2, "0")}` : String(whole);
}

function percentages(r: Random, n: number): number[] {
	const out: number[] = [];
	let left = 100;
	for (let i = 0; i < n - 1; i++) {
		const p = r.int(1, Math.max(1, left - (n - i - 1)));
		out.push(p);
		left -= p;
	}
	out.push(left);
	return out;
}

function transaction(r: Random, reporter: readonly string[]): string {
	const type = r.pick(["2", "3", "3", "3", "4", "4", "1"]);
	const day = date(r, 2010, 2024);
	const value = r.chance(0.04) ? `-${amount(r)}` : amount(r);
	const stated = r.chance(0.2) ? ` currency="${r.pick(currencies)}"` : "";
	const [ref, name] = r.pick(implementers);
	let t = `   <transaction ref="${reporter[0]}-T${r.int(1, 1e9)}">
    <transaction-type code="${type}"/>
    <transaction-date iso-date="${day}"/>
    <value${stated} value-date="${day}">${value}</value>
    <description>
     <narrative>${sentence(r, r.int(6, 16))}</narrative>
    </description>
    <provider-org ref="${reporter[0]}" type="${reporter[2]}" provider-activity-id="${reporter[0]}-${r.int(1, 99999)}">
     <narrative>${reporter[1]}</narrative>
    </provider-org>
    <receiver-org ref="${ref}" type="40">
     <narrative>${name}</narrative>
    </receiver-org>
    <disbursement-channel code="1"/>
`;
	if (r.chance(0.15)) t += `    <sector vocabulary="1" code="${r.pick(sectors)}"/>\n`;
	if (r.chance(0.15)) t += `    <recipient-country code="${r.pick(countries)}"/>\n`;
	t += `    <flow-type code="10"/>
    <finance-type code="110"/>
    <aid-type code="C01" vocabulary="1"/>
    <tied-status code="5"/>
   </transaction>
`;
	return t;
}

/** Who publishes the activities of a file, and how many transactions each activity has. */
export interface ActivityShape {
	/** [ref, name, type]; by default one of `publishers` at random for each activity. */
	reporter?: readonly [string, string, string];
	/** Between the identifier's reporter ref and its number, so that files never share one. */
	idPart?: string;
	transactions?: readonly [number, number];
}

function activity(r: Random, n: number, shape: ActivityShape = {}): string {
	const reporter = shape.reporter ?? r.pick(publishers);
	const currency = r.pick(currencies);
	const id = `${reporter[0]}-${shape.idPart ? `${shape.idPart}-` : ""}${String(n).padStart(8, "0")}`;
	const start = r.int(2008, 2020);
	const parts: string[] = [];
	parts.push(`  <iati-activity last-updated-datetime="2024-0${r.int(1, 9)}-1${r.int(0, 9)}T10:00:00Z" xml:lang="en" default-currency="${currency}" humanitarian="${r.chance(0.1) ? 1 : 0}" hierarchy="${r.chance(0.8) ? 1 : 2}">
   <iati-identifier>${id}</iati-identifier>
   <reporting-org ref="${reporter[0]}" type="${reporter[2]}">
    <narrative>${reporter[1]}</narrative>
   </reporting-org>
   <title>
    <narrative>${sentence(r, r.int(4, 10))}</narrative>
${r.chance(0.3) ? `    <narrative xml:lang="fr">${sentence(r, r.int(4, 10))}</narrative>\n` : ""}   </title>
   <description type="1">
    <narrative>${sentence(r, r.int(40, 120))}</narrative>
   </description>
`);
	if (r.chance(0.5))
		parts.push(`   <description type="2">
    <narrative>${sentence(r, r.int(20, 60))}</narrative>
   </description>
`);
	parts.push(`   <participating-org ref="${reporter[0]}" role="1" type="${reporter[2]}">
    <narrative>${reporter[1]}</narrative>
   </participating-org>
`);
	for (let i = r.int(1, 3); i > 0; i--) {
		const [ref, name] = r.pick(implementers);
		parts.push(`   <participating-org ref="${ref}" role="${r.pick(["2", "3", "4"])}" type="40" activity-id="${ref}-${r.int(1, 9999)}">
    <narrative>${name}</narrative>
   </participating-org>
`);
	}
	parts.push(`   <other-identifier ref="${r.int(1, 1e6)}" type="A1"/>
   <activity-status code="${r.pick(["2", "2", "3", "4"])}"/>
   <activity-date type="1" iso-date="${start}-01-01"/>
   <activity-date type="2" iso-date="${start}-0${r.int(1, 9)}-15"/>
   <activity-date type="3" iso-date="${start + r.int(2, 6)}-12-31"/>
   <contact-info type="1">
    <organisation><narrative>${reporter[1]}</narrative></organisation>
    <email>enquiries@example.org</email>
   </contact-info>
   <activity-scope code="4"/>
`);
	if (r.chance(0.8)) {
		const n = r.int(1, 3);
		const shares = percentages(r, n);
		for (let i = 0; i < n; i++)
			parts.push(`   <recipient-country code="${r.pick(countries)}" percentage="${shares[i]}"/>\n`);
	} else
		parts.push(
			`   <recipient-region code="${r.pick(regions)}" vocabulary="1" percentage="100"/>\n`,
		);
	if (r.chance(0.3))
		parts.push(`   <location ref="L-${r.int(1, 1e6)}">
    <location-reach code="1"/>
    <name><narrative>${sentence(r, 3)}</narrative></name>
    <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>${(r.next() * 40 - 20).toFixed(5)} ${(r.next() * 80).toFixed(5)}</pos></point>
    <exactness code="1"/>
   </location>
`);
	const sectorCount = r.int(1, 4);
	const sectorShares = percentages(r, sectorCount);
	for (let i = 0; i < sectorCount; i++)
		parts.push(
			`   <sector vocabulary="1" code="${r.pick(sectors)}" percentage="${sectorShares[i]}"/>\n`,
		);
	if (r.chance(0.3))
		parts.push(`   <sector vocabulary="7" code="${r.int(1, 17)}" percentage="100"/>\n`);
	if (r.chance(0.4)) {
		const g = r.int(1, 17);
		parts.push(
			`   <tag vocabulary="2" code="${g}"/>\n   <tag vocabulary="3" code="${g}.${r.int(1, 5)}"/>\n`,
		);
	}
	for (let i = r.int(0, 3); i > 0; i--)
		parts.push(
			`   <policy-marker vocabulary="1" code="${r.int(1, 12)}" significance="${r.int(0, 2)}"/>\n`,
		);
	parts.push(`   <collaboration-type code="1"/>
   <default-flow-type code="10"/>
   <default-finance-type code="110"/>
   <default-aid-type code="C01" vocabulary="1"/>
   <default-tied-status code="5"/>
`);
	for (let y = 0; y < r.int(1, 3); y++)
		parts.push(`   <budget type="1" status="2">
    <period-start iso-date="${start + y}-01-01"/>
    <period-end iso-date="${start + y}-12-31"/>
    <value currency="${currency}" value-date="${start + y}-01-01">${amount(r)}</value>
   </budget>
`);
	const [fewest, most] = shape.transactions ?? [5, 30];
	for (let i = r.int(fewest, most); i > 0; i--) parts.push(transaction(r, reporter));
	if (r.chance(0.3))
		parts.push(`   <document-link format="application/pdf" url="https://example.org/doc/${r.int(1, 1e6)}.pdf">
    <title><narrative>${sentence(r, 5)}</narrative></title>
    <category code="A02"/>
    <language code="en"/>
   </document-link>
`);
	if (r.chance(0.3))
		parts.push(`   <result type="1">
    <title><narrative>${sentence(r, 6)}</narrative></title>
    <indicator measure="1" ascending="1">
     <title><narrative>${sentence(r, 5)}</narrative></title>
     <baseline year="${start}" iso-date="${start}-01-01" value="${r.int(0, 100)}"/>
     <period>
      <period-start iso-date="${start}-01-01"/>
      <period-end iso-date="${start}-12-31"/>
      <target value="${r.int(0, 100)}"/>
      <actual value="${r.int(0, 100)}"/>
     </period>
    </indicator>
   </result>
`);
	parts.push("  </iati-activity>\n");
	return parts.join("");
}

/**
 * Writes a file of `mb` megabytes, or of exactly `activities` activities when that is
 * given, shaped by `shape`.
 */
export async function generateIatiFile(options: {
	mb?: number;
	activities?: number;
	out: string;
	seed?: number;
	shape?: ActivityShape;
}) {
	await mkdir(dirname(options.out), { recursive: true });
	const r = new Random(options.seed ?? 7);
	const target = (options.mb ?? 0) * 1_000_000;
	const enough = (bytes: number, activities: number) =>
		options.activities === undefined ? bytes >= target : activities >= options.activities;
	const out = createWriteStream(options.out);
	const write = (s: string) =>
		out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once("drain", () => ok()));
	let bytes = 0;
	let activities = 0;
	const head = `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2024-10-01T00:00:00Z">\n`;
	await write(head);
	bytes += Buffer.byteLength(head);
	while (!enough(bytes, activities)) {
		const a = activity(r, ++activities, options.shape);
		bytes += Buffer.byteLength(a);
		await write(a);
	}
	await write("</iati-activities>\n");
	await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
	return { bytes, activities };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: {
			mb: { type: "string", default: "200" },
			out: { type: "string", default: "/tmp/iif-bench-import/iati.xml" },
			seed: { type: "string", default: "7" },
		},
	});
	const r = await generateIatiFile({
		mb: Number(values.mb),
		out: values.out as string,
		seed: Number(values.seed),
	});
	console.log(`${values.out}: ${(r.bytes / 1e6).toFixed(1)} MB, ${r.activities} activities`);
}
