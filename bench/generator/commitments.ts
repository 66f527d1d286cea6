/**
 * Commitments in the order they were announced, with their makers, goals, targets,
 * recipients, terms and relations: reaffirmation chains by the same maker (up to five
 * long), collectives with three to eight parts, a few supersessions and overlaps.
 */
import type {
	CommitmentRecord,
	ForumRecord,
	RelationRecord,
	StakeholderRecord,
} from "../dataset.ts";
import { randomDate } from "./forums.ts";
import { currencyFor, minorAmount } from "./money.ts";
import { type Random, Zipf } from "./random.ts";
import { bigRecipients, dacDonors, ldcs, type Reference } from "./reference.ts";
import { goalWeights, mdgWeights, pledgeNouns, sentences, topics, verbs } from "./vocabulary.ts";

/** What the activity generator needs to know of a commitment, kept for all of them. */
export interface CommitmentSummary {
	id: number;
	maker: number;
	/** First and last year money is due. */
	from: number;
	to: number;
}

export interface CommitmentSink {
	commitment(c: CommitmentRecord): Promise<void>;
	relation(r: RelationRecord): Promise<void>;
}

interface Prior {
	id: number;
	depth: number;
	goals: string[];
	recipients: { kind: string; code: string }[];
	superseded: boolean;
}

const sdgStart = "2015-09-25";

export async function generateCommitments(
	random: Random,
	ref: Reference,
	n: number,
	ranking: StakeholderRecord[],
	forums: ForumRecord[],
	sink: CommitmentSink,
): Promise<CommitmentSummary[]> {
	const makers = new Zipf(ranking, 1.05);
	const forumDraw = new Zipf(random.shuffle([...forums]), 0.6);
	const donorSet = new Set<string>(dacDonors);
	// A government pledges a share of its income once (0.7% of GNI); it reaffirms it later,
	// and every further independent 0.7% would promise its whole aid budget again.
	const sharePledged = new Set<number>();
	const countryRank = [
		...ldcs,
		...bigRecipients,
		...random.shuffle(
			ref.countries
				.map((c) => c.code)
				.filter((c) => !donorSet.has(c) && !ldcs.includes(c) && !bigRecipients.includes(c)),
		),
	];
	const countries = new Zipf([...ldcs.slice(0, 10), ...random.shuffle(countryRank.slice(10))], 0.9);
	const countryName = new Map(ref.countries.map((c) => [c.code, c.name]));

	// When each was announced, first, so that ids follow time and "earlier" means a lower id.
	const dates = Array.from({ length: n }, () => {
		if (random.chance(0.88)) {
			const f = forumDraw.draw(random);
			return { forum: f.id as number | null, on: f.held_on };
		}
		return { forum: null, on: randomDate(random, 2000, 2024) };
	}).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

	const byMaker = new Map<number, Prior[]>();
	const summaries: CommitmentSummary[] = [];
	const recent: Prior[] = [];
	let whole: { id: number; partsLeft: number } | null = null;

	for (let i = 0; i < n; i++) {
		const id = i + 1;
		const { forum, on } = dates[i] as { forum: number | null; on: string };
		const year = Number(on.slice(0, 4));
		const first = makers.draw(random);
		const makerIds = [first.id];
		if (random.chance(0.06)) {
			for (const s of makers.drawDistinct(random, random.int(2, 5)))
				if (!makerIds.includes(s.id)) makerIds.push(s.id);
		}
		const priors = byMaker.get(first.id) ?? [];

		// One outgoing relation at most, so each commitment has one clear place in the graph.
		let relation: RelationRecord | null = null;
		let like: Prior | undefined;
		if (whole && whole.partsLeft > 0) {
			relation = { from_id: id, to_id: whole.id, kind: "part_of" };
			whole.partsLeft--;
		} else if (priors.length && random.chance(0.1)) {
			const open = priors.slice(-20).filter((p) => p.depth < 4);
			if (open.length) {
				like = random.pick(open);
				relation = { from_id: id, to_id: like.id, kind: "reaffirms" };
			}
		} else if (priors.length && random.chance(0.006)) {
			const open = priors.slice(-20).filter((p) => !p.superseded);
			if (open.length) {
				like = random.pick(open);
				like.superseded = true;
				relation = { from_id: id, to_id: like.id, kind: "supersedes" };
			}
		} else if (recent.length && random.chance(0.006)) {
			const other = random.pick(recent);
			relation = { from_id: id, to_id: other.id, kind: "overlaps" };
		}
		if (!relation && random.chance(0.012)) whole = { id, partsLeft: random.int(3, 8) };

		const framework = on < sdgStart ? (random.chance(0.92) ? "mdg" : "sdg") : "sdg";
		const weights = framework === "mdg" ? mdgWeights : goalWeights;
		const goals = like
			? [...like.goals]
			: [
					...new Set([
						random.weighted(weights),
						...Array.from({ length: random.int(0, 2) }, () => random.weighted(weights)),
					]),
				];
		const targetPool = goals.flatMap((g) => ref.targets.get(g) ?? []);
		const targets = random.sample(targetPool, Number(random.weighted({ 0: 3, 1: 3, 2: 2, 3: 1 })));
		const recipients = like ? [...like.recipients] : drawRecipients(random, ref, countries);

		const mainGoal = goals[0] as string;
		const topic = random.pick(topics[mainGoal] ?? ["development"]);
		const otherTopic = random.pick(
			(goals[1] && topics[goals[1]]) || ["capacity building", "technical assistance"],
		);
		const where = recipientPhrase(recipients, countryName);
		const who = first.short_name ?? first.name;
		const kind = random.weighted({ financial: 75, both: 15, policy: 10 });
		const status = random.weighted({ published: 88, completed: 9, withdrawn: 3 });
		const title = `${like ? "Reaffirmed " : ""}${who} ${random.pick(pledgeNouns)} to ${random.pick(verbs)} ${topic}${where}`;
		const text = [
			`${first.name} commits to ${random.pick(verbs)} ${topic} and ${otherTopic}${where}.`,
			...random.sample(sentences, random.int(1, 3)),
		].join(" ");

		const record: CommitmentRecord = {
			id,
			slug: `bench-${id}`,
			title,
			text,
			kind,
			forum_id: forum,
			announced_on: on,
			status,
			amount_minor: null,
			currency: null,
			frequency: null,
			price_basis: null,
			price_base_year: null,
			period_start: null,
			period_end: null,
			additionality: null,
			gni_share: null,
			policy_target: null,
			policy_deadline: null,
			makers: makerIds,
			goals,
			targets,
			recipients,
		};
		let from = year;
		let to = year;
		if (kind !== "policy") {
			Object.assign(record, financialTerms(random, first, year, sharePledged));
			if (record.period_start && record.period_end) {
				from = Number(record.period_start.slice(0, 4));
				to = Number(record.period_end.slice(0, 4));
			}
		}
		if (kind !== "financial") {
			const deadline = year + random.int(2, 15);
			record.policy_target = `Reach 80% coverage of ${topic} by ${deadline}`;
			record.policy_deadline = `${deadline}-12-31`;
		}
		await sink.commitment(record);
		if (relation) await sink.relation(relation);

		const prior: Prior = {
			id,
			depth: relation?.kind === "reaffirms" && like ? like.depth + 1 : 0,
			goals,
			recipients,
			superseded: false,
		};
		priors.push(prior);
		byMaker.set(first.id, priors);
		recent.push(prior);
		if (recent.length > 2000) recent.shift();
		if (kind !== "policy" && record.amount_minor !== null && status !== "withdrawn")
			summaries.push({ id, maker: first.id, from, to });
	}
	return summaries;
}

function drawRecipients(
	random: Random,
	ref: Reference,
	countries: Zipf<string>,
): { kind: string; code: string }[] {
	if (random.chance(0.12)) return [{ kind: "global", code: "global" }];
	const out = new Map<string, { kind: string; code: string }>();
	const n = random.weighted({ 1: 55, 2: 20, 3: 15, 4: 10 });
	for (let i = 0; i < Number(n); i++) {
		const kind = random.weighted({ country: 85, region: 12, group: 3 });
		const code =
			kind === "country"
				? countries.draw(random)
				: kind === "region"
					? random.pick(ref.regions)
					: random.pick(["LDC", "SIDS", "LLDC", "HIPC"]);
		out.set(`${kind}:${code}`, { kind, code });
	}
	return [...out.values()];
}

function recipientPhrase(
	recipients: { kind: string; code: string }[],
	names: Map<string, string>,
): string {
	const first = recipients[0];
	if (!first || first.kind === "global") return " worldwide";
	if (first.kind === "country") return ` in ${names.get(first.code) ?? first.code}`;
	if (first.kind === "group") return ` in the ${first.code} countries`;
	return " in the region";
}

function financialTerms(
	random: Random,
	maker: StakeholderRecord,
	year: number,
	sharePledged: Set<number>,
): Partial<CommitmentRecord> {
	if (maker.kind === "member_state" && random.chance(0.01) && !sharePledged.has(maker.id)) {
		sharePledged.add(maker.id);
		return { gni_share: 0.7, additionality: "unspecified", price_basis: null };
	}
	const currency = currencyFor(random, maker.country_code, 0.65);
	const frequency = random.chance(0.72) ? "total" : "annual";
	const usd = frequency === "total" ? random.logUniform(5e5, 2e9) : random.logUniform(2e5, 3e8);
	const terms: Partial<CommitmentRecord> = {
		amount_minor: minorAmount(usd, currency),
		currency,
		frequency,
		additionality: random.weighted({ new: 40, reaffirmed: 20, unspecified: 40 }),
		price_basis: "current",
		price_base_year: null,
	};
	if (random.chance(0.15)) {
		terms.price_basis = "constant";
		terms.price_base_year = year;
	}
	if (random.chance(0.92)) {
		const start = year + random.int(0, 1);
		const length = Number(
			random.weighted({ 1: 8, 2: 10, 3: 18, 4: 14, 5: 20, 6: 6, 7: 5, 8: 5, 9: 4, 10: 10 }),
		);
		terms.period_start = `${start}-01-01`;
		terms.period_end = `${start + length - 1}-12-31`;
	}
	return terms;
}
