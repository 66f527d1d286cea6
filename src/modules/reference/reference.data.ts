/**
 * Reads the reference data the product ships in data/: the MDG framework (transcribed
 * from the official 2008 list), the SDG framework (open-sdg translations) and the IATI
 * codelists. Pure file reading: no database here.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { Language } from "../../lib/languages.ts";
import { projectPath } from "../../lib/root.ts";

export const dataDir = projectPath("data");

export interface FrameworkData {
	code: string;
	name: string;
	effective_on: string | null;
	source_url: string | null;
	goals: { code: string; title: string; short_title: string | null }[];
	targets: { code: string; goal: string; title: string }[];
	indicators: { code: string; goal: string; targets: string[]; title: string }[];
	translations: {
		entity: "goal" | "target" | "indicator";
		code: string;
		lang: Language;
		title: string;
		short_title: string | null;
	}[];
}

export interface CodelistData {
	list: string;
	items: {
		code: string;
		status: string;
		category: string | null;
		names: Partial<Record<Language, string>>;
	}[];
}

/** The IATI codelists IIF uses, and the languages they come in. */
export const codelistNames = [
	"Country",
	"Region",
	"Currency",
	"Sector",
	"SectorCategory",
	"OrganisationType",
	// Names of transaction types (disbursement, expenditure ...) beside their codes in exports.
	"TransactionType",
] as const;
export type CodelistName = (typeof codelistNames)[number];
const codelistLanguages = ["en", "fr", "es"] as const;

function readJson<T>(...parts: string[]): T {
	return JSON.parse(readFileSync(join(dataDir, ...parts), "utf8")) as T;
}

interface MdgFile {
	code: string;
	name: string;
	effective: string;
	source: { url: string };
	goals: {
		code: string;
		title: string;
		short_title: string;
		targets: { code: string; title: string }[];
	}[];
	indicators: { code: string; goal: string; targets: string[]; title: string }[];
}

/** Goal and target titles found word for word on UN pages, by language (data/mdg/README.md). */
interface MdgTranslations {
	languages: Partial<
		Record<
			Language,
			{
				goals: Record<string, { title: string }>;
				targets: Record<string, { title: string }>;
			}
		>
	>;
}

/**
 * The MDG titles in the other languages, where a UN page gives them: the others stay
 * English, as the pages say (a translation of our own would pass for the UN's).
 */
function mdgTranslations(): FrameworkData["translations"] {
	const file = readJson<MdgTranslations>("mdg", "translations.json");
	return Object.entries(file.languages).flatMap(([lang, t]) => [
		...Object.entries(t?.goals ?? {}).map(([code, g]) => ({
			entity: "goal" as const,
			code,
			lang: lang as Language,
			title: g.title,
			short_title: g.title,
		})),
		...Object.entries(t?.targets ?? {}).map(([code, g]) => ({
			entity: "target" as const,
			code,
			lang: lang as Language,
			title: g.title,
			short_title: null,
		})),
	]);
}

export function readMdg(): FrameworkData {
	const file = readJson<MdgFile>("mdg", "framework.json");
	return {
		code: "mdg",
		name: file.name,
		effective_on: file.effective,
		source_url: file.source.url,
		goals: file.goals.map((g) => ({ code: g.code, title: g.title, short_title: g.short_title })),
		targets: file.goals.flatMap((g) =>
			g.targets.map((t) => ({ code: t.code, goal: g.code, title: t.title })),
		),
		indicators: file.indicators,
		translations: mdgTranslations(),
	};
}

/** open-sdg folders by our language code. */
const sdgFolders: Record<Language, string> = {
	ar: "ar",
	zh: "zh-Hans",
	en: "en",
	fr: "fr",
	ru: "ru",
	es: "es",
};

function readSdgYaml(lang: Language, file: string): Record<string, string> {
	const text = readFileSync(join(dataDir, "sdg", sdgFolders[lang], `${file}.yml`), "utf8");
	return parseYaml(text) as Record<string, string>;
}

/** open-sdg keys: "3-title", "3-short", "3-b-title", "3-b-1-title". */
function sdgCode(key: string): string {
	return key.replace(/-(title|short)$/, "").replace(/-/g, ".");
}

function byNaturalCode(a: string, b: string): number {
	return a.localeCompare(b, "en", { numeric: true });
}

export function readSdg(): FrameworkData {
	const langs = Object.keys(sdgFolders) as Language[];
	const files = Object.fromEntries(
		langs.map((l) => [
			l,
			{
				goals: readSdgYaml(l, "global_goals"),
				targets: readSdgYaml(l, "global_targets"),
				indicators: readSdgYaml(l, "global_indicators"),
			},
		]),
	) as Record<
		Language,
		{
			goals: Record<string, string>;
			targets: Record<string, string>;
			indicators: Record<string, string>;
		}
	>;
	const en = files.en;
	const titleKeys = (o: Record<string, string>) =>
		Object.keys(o).filter((k) => k.endsWith("-title"));
	const goals = titleKeys(en.goals)
		.map((k) => sdgCode(k))
		.sort(byNaturalCode)
		.map((code) => ({
			code,
			title: clean(en.goals[`${code}-title`]),
			short_title: cleanOrNull(en.goals[`${code}-short`]),
		}));
	const targets = titleKeys(en.targets)
		.map((k) => sdgCode(k))
		.sort(byNaturalCode)
		.map((code) => ({
			code,
			goal: code.split(".")[0] as string,
			title: clean(en.targets[`${code.replace(/\./g, "-")}-title`]),
		}));
	const indicators = titleKeys(en.indicators)
		.map((k) => sdgCode(k))
		.sort(byNaturalCode)
		.map((code) => {
			const [goal, target] = code.split(".");
			return {
				code,
				goal: goal as string,
				targets: [`${goal}.${target}`],
				title: clean(en.indicators[`${code.replace(/\./g, "-")}-title`]),
			};
		});
	const translations: FrameworkData["translations"] = [];
	for (const lang of langs) {
		if (lang === "en") continue;
		const f = files[lang];
		for (const g of goals) {
			const title = f.goals[`${g.code}-title`];
			if (title)
				translations.push({
					entity: "goal",
					code: g.code,
					lang,
					title: clean(title),
					short_title: cleanOrNull(f.goals[`${g.code}-short`]),
				});
		}
		for (const [entity, list, source] of [
			["target", targets, f.targets],
			["indicator", indicators, f.indicators],
		] as const) {
			for (const item of list) {
				const title = source[`${item.code.replace(/\./g, "-")}-title`];
				if (title)
					translations.push({
						entity,
						code: item.code,
						lang,
						title: clean(title),
						short_title: null,
					});
			}
		}
	}
	return {
		code: "sdg",
		name: "Sustainable Development Goals",
		effective_on: "2015-09-25",
		source_url: "https://unstats.un.org/sdgs/indicators/indicators-list/",
		goals,
		targets,
		indicators,
		translations,
	};
}

function clean(text: string | undefined): string {
	return (text ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
}

function cleanOrNull(text: string | undefined): string | null {
	const c = clean(text);
	return c === "" ? null : c;
}

interface IatiCodelistFile {
	data: { code: string; name: string; status?: string; category?: string | null }[];
}

export function readCodelist(list: CodelistName): CodelistData {
	const byCode = new Map<string, CodelistData["items"][number]>();
	for (const lang of codelistLanguages) {
		const file = readJson<IatiCodelistFile>("iati", "codelists", lang, `${list}.json`);
		for (const entry of file.data) {
			const item = byCode.get(entry.code) ?? {
				code: entry.code,
				status: entry.status ?? "active",
				category: entry.category ?? null,
				names: {},
			};
			if (entry.name) item.names[lang] = clean(entry.name);
			byCode.set(entry.code, item);
		}
	}
	return { list, items: [...byCode.values()] };
}

/** A country's membership of a recipient group: from a year, up to the year before another. */
export interface GroupMemberData {
	group_code: string;
	country_code: string;
	from_year: number;
	until_year: number | null;
}

/**
 * The member countries of recipient groups (data/groups). Only graduations the source
 * lists as done end a membership; a scheduled one is recorded in the file, not applied.
 */
function readGroupMembers(): GroupMemberData[] {
	const file = readJson<{
		group: string;
		members: { country: string; included: number; graduated: number | null }[];
	}>("groups", "ldc-membership.json");
	return file.members.map((m) => ({
		group_code: file.group,
		country_code: m.country,
		from_year: m.included,
		until_year: m.graduated,
	}));
}

export interface ReferenceData {
	frameworks: FrameworkData[];
	codelists: CodelistData[];
	groupMembers: GroupMemberData[];
	/** Changes whenever any shipped file changes, so loading can be skipped when nothing did. */
	hash: string;
}

/**
 * A hash of the bytes the reference data is read from (data/mdg, data/sdg, data/iati) and
 * of the code that reads them, in a few milliseconds. While it is unchanged, nothing the
 * reader would produce can have changed, so a start need not parse them (YAML and JSON
 * in six languages) to find that out.
 */
export function referenceSourcesHash(): string {
	const hash = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else hash.update(relative(dataDir, path)).update("\0").update(readFileSync(path));
		}
	};
	for (const dir of ["mdg", "sdg", "iati", "groups"]) walk(join(dataDir, dir));
	return hash.digest("hex");
}

export function readReferenceData(): ReferenceData {
	const frameworks = [readMdg(), readSdg()];
	const codelists = codelistNames.map(readCodelist);
	const groupMembers = readGroupMembers();
	const hash = createHash("sha256")
		.update(JSON.stringify({ frameworks, codelists, groupMembers }))
		.digest("hex");
	return { frameworks, codelists, groupMembers, hash };
}
