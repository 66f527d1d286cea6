/**
 * About 2000 stakeholders: a member state for every country, and organisations of every
 * kind, many with a country and some without. Returns them in maker rank order (the
 * biggest donors first), which the Zipf draw of makers relies on.
 */
import type { StakeholderRecord } from "../dataset.ts";
import type { Random } from "./random.ts";
import { dacDonors, euMembers, g7, g20Others, ldcs, type Reference } from "./reference.ts";
import { orgAdjectives, orgNouns, orgSuffixes } from "./vocabulary.ts";

const organisationKinds = {
	un_entity: 40,
	multilateral: 80,
	ngo: 620,
	civil_society: 400,
	private_sector: 340,
	foundation: 200,
	other: 70,
} as const;

function slugOf(text: string): string {
	return text
		.normalize("NFKD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-|-$/g, "");
}

export function generateStakeholders(random: Random, ref: Reference): StakeholderRecord[] {
	const out: StakeholderRecord[] = [];
	const slugs = new Set<string>();
	const add = (s: Omit<StakeholderRecord, "id" | "slug">) => {
		let slug = slugOf(s.name) || "stakeholder";
		if (!/[a-z]/.test(slug)) slug = `s-${slug}`;
		for (let n = 2; slugs.has(slug); n++) slug = `${slugOf(s.name)}-${n}`;
		slugs.add(slug);
		const record = { id: out.length + 1, slug, ...s };
		out.push(record);
		return record;
	};

	for (const c of ref.countries) {
		const groups: string[] = [];
		if ((dacDonors as readonly string[]).includes(c.code)) groups.push("DAC", "OECD");
		if (g7.includes(c.code)) groups.push("G7", "G8", "G20");
		if (c.code === "RU") groups.push("G8");
		if (g20Others.includes(c.code)) groups.push("G20");
		if (euMembers.includes(c.code)) groups.push("EU");
		if (ldcs.includes(c.code)) groups.push("LDC");
		add({
			name: c.name,
			short_name: null,
			kind: "member_state",
			country_code: c.code,
			iati_org_id: `${c.code}-GOV-1`,
			groups: [...new Set(groups)],
		});
	}
	add({
		name: "European Union Institutions",
		short_name: "EU",
		kind: "multilateral",
		country_code: null,
		iati_org_id: "XI-IATI-EC",
		groups: [],
	});

	const kinds = Object.entries(organisationKinds) as [keyof typeof organisationKinds, number][];
	let serial = 0;
	for (const [kind, n] of kinds) {
		for (let i = 0; i < n; i++) {
			serial++;
			const suffix = random.pick(orgSuffixes[kind] ?? ["Organisation"]);
			const name = `${random.pick(orgAdjectives)} ${random.pick(orgNouns)} ${suffix} ${serial}`;
			const international = kind === "un_entity" || kind === "multilateral";
			const country = international || random.chance(0.35) ? null : random.pick(ref.countries).code;
			add({
				name,
				short_name: random.chance(0.3)
					? `${name.split(" ")[1]?.slice(0, 4).toUpperCase()}${serial}`
					: null,
				kind,
				country_code: country,
				// Most organisations publish to IATI; some do not (their activities are absent).
				iati_org_id: random.chance(0.85) ? `${country ?? "XM"}-BENCH-${serial}` : null,
				groups: [],
			});
		}
	}
	return out;
}

/**
 * The maker ranking: DAC donors in aid order, the EU and the multilaterals and UN
 * entities, then everyone else shuffled. Rank decides how many commitments one makes.
 */
export function makerRanking(random: Random, all: StakeholderRecord[]): StakeholderRecord[] {
	const byCountry = new Map(
		all.filter((s) => s.kind === "member_state").map((s) => [s.country_code, s]),
	);
	const head: StakeholderRecord[] = [];
	for (const code of dacDonors) {
		const s = byCountry.get(code);
		if (s) head.push(s);
	}
	const eu = all.find((s) => s.short_name === "EU" && s.kind === "multilateral");
	if (eu) head.splice(3, 0, eu);
	const multilateral = all.filter((s) => s.kind === "multilateral" || s.kind === "un_entity");
	head.push(...multilateral.filter((s) => s !== eu).slice(0, 30));
	const taken = new Set(head.map((s) => s.id));
	const rest = random.shuffle(all.filter((s) => !taken.has(s.id)));
	return [...head, ...rest];
}
