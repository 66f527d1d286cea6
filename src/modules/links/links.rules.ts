/**
 * Which published IATI activities probably deliver a commitment. A proposal needs the
 * money to come from a maker (the reporting org, or a funding or extending org, is one
 * of the makers by IATI organisation identifier: the maker's own, or one of its agencies',
 * as a state reports through its aid agencies); goals, recipients and dates then add
 * to the score. Every point scored comes with its reason, so the person deciding sees
 * why. Proposals are only proposals: the secretariat or the maker's focal point decides.
 */

export interface CommitmentFacts {
	id: number;
	/** IATI organisation identifiers of the makers: their own and their agencies'. */
	makerOrgRefs: string[];
	goals: string[]; // "sdg:3", "mdg:6"
	targets: string[]; // "sdg:3.b"
	sectors: string[]; // DAC 5-digit codes
	recipients: { kind: string; code: string }[];
	periodStart: string | null;
	periodEnd: string | null;
}

export interface ActivityFacts {
	id: number;
	identifier: string;
	reportingOrgRef: string | null;
	/** Participating organisations with role 1 (funding) or 3 (extending). */
	funderRefs: string[];
	/** SDG goals and targets from tags (vocabulary 2, 3) and sectors (7, 8): "3", "3.b". */
	sdgGoals: string[];
	sdgTargets: string[];
	/** DAC 5-digit (vocabulary 1) and 3-digit (vocabulary 2) sector codes. */
	dacSectors: string[];
	recipientCountries: string[];
	recipientRegions: string[];
	start: string | null;
	end: string | null;
}

export interface Proposal {
	commitmentId: number;
	activityId: number;
	score: number;
	reasons: string[];
}

/** Below this a match is too weak to show. */
export const proposalThreshold = 0.55;

/**
 * DAC 3-digit sector categories and the goals they mostly serve: a heuristic for
 * activities that carry no SDG tag, documented in docs/methodology.md.
 */
export const dacGoals: Record<string, string[]> = {
	"111": ["sdg:4", "mdg:2"],
	"112": ["sdg:4", "mdg:2"],
	"113": ["sdg:4"],
	"114": ["sdg:4"],
	"121": ["sdg:3"],
	"122": ["sdg:3", "mdg:4", "mdg:6"],
	"123": ["sdg:3"],
	"130": ["sdg:3", "sdg:5", "mdg:5", "mdg:6"],
	"140": ["sdg:6", "mdg:7"],
	"151": ["sdg:16"],
	"152": ["sdg:16"],
	"160": ["sdg:1", "mdg:1"],
	"210": ["sdg:9"],
	"220": ["sdg:9"],
	"231": ["sdg:7"],
	"232": ["sdg:7"],
	"233": ["sdg:7"],
	"234": ["sdg:7"],
	"235": ["sdg:7"],
	"236": ["sdg:7"],
	"240": ["sdg:8"],
	"250": ["sdg:8"],
	"311": ["sdg:2", "mdg:1"],
	"312": ["sdg:15"],
	"313": ["sdg:14"],
	"321": ["sdg:9"],
	"331": ["sdg:17", "mdg:8"],
	"332": ["sdg:8"],
	"410": ["sdg:13", "sdg:15", "mdg:7"],
	"430": ["sdg:11"],
	"510": ["sdg:17", "mdg:8"],
	"520": ["sdg:2", "mdg:1"],
	"600": ["sdg:17", "mdg:8"],
};

const overlaps = (a1: string | null, a2: string | null, b1: string | null, b2: string | null) =>
	(a1 ?? "0000-01-01") <= (b2 ?? "9999-12-31") && (b1 ?? "0000-01-01") <= (a2 ?? "9999-12-31");

export function scoreLink(c: CommitmentFacts, a: ActivityFacts): Proposal | null {
	const reasons: string[] = [];
	let score = 0;

	if (a.reportingOrgRef && c.makerOrgRefs.includes(a.reportingOrgRef)) {
		score += 0.4;
		reasons.push(
			`reported to IATI by a maker of the commitment or one of its agencies (${a.reportingOrgRef})`,
		);
	} else {
		const funder = a.funderRefs.find((r) => c.makerOrgRefs.includes(r));
		if (!funder) return null;
		score += 0.3;
		reasons.push(
			`funded or extended by a maker of the commitment or one of its agencies (${funder})`,
		);
	}

	const sdgTargets = a.sdgTargets.map((t) => `sdg:${t}`);
	const sdgGoals = a.sdgGoals.map((g) => `sdg:${Number(g)}`);
	const target = c.targets.find((t) => sdgTargets.includes(t));
	const goal = c.goals.find((g) => sdgGoals.includes(g));
	const sector = c.sectors.find((s) => a.dacSectors.some((d) => s === d || s.startsWith(d)));
	const mapped = c.goals.find((g) =>
		a.dacSectors.some((d) => (dacGoals[d.slice(0, 3)] ?? []).includes(g)),
	);
	if (target) {
		score += 0.3;
		reasons.push(`tagged with the commitment's SDG target ${target.slice(4)}`);
	} else if (goal) {
		score += 0.25;
		reasons.push(`tagged with the commitment's SDG goal ${goal.slice(4)}`);
	} else if (sector) {
		score += 0.2;
		reasons.push(`in the commitment's DAC sector ${sector}`);
	} else if (mapped) {
		score += 0.15;
		const [framework = "", number = ""] = mapped.split(":");
		reasons.push(`in a DAC sector that serves ${framework.toUpperCase()} goal ${number}`);
	}

	const countries = c.recipients.filter((r) => r.kind === "country").map((r) => r.code);
	const regions = c.recipients.filter((r) => r.kind === "region").map((r) => r.code);
	const country = a.recipientCountries.find((x) => countries.includes(x));
	const region = a.recipientRegions.find((x) => regions.includes(x));
	if (country) {
		score += 0.15;
		reasons.push(`in a recipient country of the commitment (${country})`);
	} else if (region) {
		score += 0.15;
		reasons.push(`in a recipient region of the commitment (${region})`);
	} else if (c.recipients.some((r) => r.kind === "global")) {
		score += 0.05;
		reasons.push("the commitment is global");
	}

	if ((a.start || a.end) && overlaps(a.start, a.end, c.periodStart, c.periodEnd)) {
		score += 0.15;
		reasons.push(
			`runs ${a.start ?? "?"} to ${a.end ?? "?"}, within the commitment's period ${c.periodStart ?? "?"} to ${c.periodEnd ?? "?"}`,
		);
	}

	score = Math.round(score * 100) / 100;
	if (score < proposalThreshold) return null;
	return { commitmentId: c.id, activityId: a.id, score, reasons };
}
