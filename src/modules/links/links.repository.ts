/**
 * Links between commitments and IATI activities: the facts the proposal rules read,
 * the candidates worth scoring, and the link rows (proposed, accepted, rejected).
 */
import type { Kysely } from "kysely";
import { chunks } from "../../db/batch.ts";
import { stakeholderOrgRefs } from "../../db/org-refs.ts";
import type { Tables } from "../../db/tables.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";
import type { ActivityFacts, CommitmentFacts } from "./links.rules.ts";

export interface LinkRow {
	commitment_id: number;
	activity_id: number;
	iati_identifier: string;
	title: string | null;
	reporting_org_ref: string | null;
	share_bp: number;
	status: string;
	include_expenditure: number;
	score: number | null;
	reasons: string[];
	created_at: string;
	decided_at: string | null;
}

const group = <T>(rows: { id: number; v: T }[]) => {
	const m = new Map<number, T[]>();
	for (const r of rows) m.set(r.id, [...(m.get(r.id) ?? []), r.v]);
	return m;
};

export class LinkRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async commitmentFacts(ids: number[]): Promise<CommitmentFacts[]> {
		if (ids.length === 0) return [];
		const [rows, makers, goals, targets, sectors, recipients] = await Promise.all([
			this.db
				.selectFrom("commitment")
				.select(["id", "period_start", "period_end", "announced_on"])
				.where("id", "in", ids)
				.execute(),
			// A maker's own identifier and its agencies': a state reports through its agencies.
			this.db
				.selectFrom("commitment_maker as m")
				.innerJoin(stakeholderOrgRefs(this.db).as("r"), "r.stakeholder_id", "m.stakeholder_id")
				.select(["m.commitment_id as id", "r.ref as v"])
				.where("m.commitment_id", "in", ids)
				.execute(),
			this.db
				.selectFrom("commitment_goal")
				.select(["commitment_id as id", "goal_id as v"])
				.where("commitment_id", "in", ids)
				.execute(),
			this.db
				.selectFrom("commitment_target")
				.select(["commitment_id as id", "target_id as v"])
				.where("commitment_id", "in", ids)
				.execute(),
			this.db
				.selectFrom("commitment_sector")
				.select(["commitment_id as id", "code as v"])
				.where("commitment_id", "in", ids)
				.execute(),
			this.db
				.selectFrom("commitment_recipient")
				.select(["commitment_id", "kind", "code"])
				.where("commitment_id", "in", ids)
				.execute(),
		]);
		const norm = <T>(r: { id: number | string; v: T }) => ({ id: toInt(r.id), v: r.v });
		const makerMap = group(makers.map((r) => ({ id: toInt(r.id), v: r.v as string })));
		const goalMap = group(goals.map(norm));
		const targetMap = group(targets.map(norm));
		const sectorMap = group(sectors.map(norm));
		const recipientMap = group(
			recipients.map((r) => ({ id: toInt(r.commitment_id), v: { kind: r.kind, code: r.code } })),
		);
		return rows.map((r) => {
			const id = toInt(r.id);
			return {
				id,
				makerOrgRefs: makerMap.get(id) ?? [],
				goals: goalMap.get(id) ?? [],
				targets: targetMap.get(id) ?? [],
				sectors: sectorMap.get(id) ?? [],
				recipients: recipientMap.get(id) ?? [],
				periodStart: r.period_start ?? r.announced_on,
				periodEnd: r.period_end,
			};
		});
	}

	/** Activities reported, funded or extended by any of these IATI organisations. */
	async candidateActivities(orgRefs: string[]): Promise<number[]> {
		if (orgRefs.length === 0) return [];
		const [reported, funded] = await Promise.all([
			this.db
				.selectFrom("activity")
				.select("id")
				.where("reporting_org_ref", "in", orgRefs)
				.execute(),
			this.db
				.selectFrom("activity_participating_org")
				.select("activity_id as id")
				.where("ref", "in", orgRefs)
				.where("role", "in", ["1", "3"])
				.execute(),
		]);
		return [...new Set([...reported, ...funded].map((r) => toInt(r.id)))];
	}

	/** Commitments made by stakeholders publishing as, or through agencies that are, these organisations. */
	async candidateCommitments(orgRefs: string[]): Promise<number[]> {
		if (orgRefs.length === 0) return [];
		const rows = await this.db
			.selectFrom("commitment_maker as m")
			.innerJoin(stakeholderOrgRefs(this.db).as("r"), "r.stakeholder_id", "m.stakeholder_id")
			.innerJoin("commitment as c", "c.id", "m.commitment_id")
			.select("m.commitment_id")
			.where("r.ref", "in", orgRefs)
			.where("c.status", "in", ["published", "completed"])
			.execute();
		return [...new Set(rows.map((r) => toInt(r.commitment_id)))];
	}

	async activityOrgRefs(activityIds: number[]): Promise<string[]> {
		if (activityIds.length === 0) return [];
		const [reported, funded] = await Promise.all([
			this.db
				.selectFrom("activity")
				.select("reporting_org_ref as ref")
				.where("id", "in", activityIds)
				.execute(),
			this.db
				.selectFrom("activity_participating_org")
				.select("ref")
				.where("activity_id", "in", activityIds)
				.where("role", "in", ["1", "3"])
				.execute(),
		]);
		return [...new Set([...reported, ...funded].map((r) => r.ref).filter((r): r is string => !!r))];
	}

	async activityFacts(ids: number[]): Promise<ActivityFacts[]> {
		const out: ActivityFacts[] = [];
		for (const part of chunks(ids, 500)) {
			const [rows, funders, sectors, tags, recipients, dates] = await Promise.all([
				this.db
					.selectFrom("activity")
					.select(["id", "iati_identifier", "reporting_org_ref"])
					.where("id", "in", part)
					.execute(),
				this.db
					.selectFrom("activity_participating_org")
					.select(["activity_id as id", "ref as v"])
					.where("activity_id", "in", part)
					.where("role", "in", ["1", "3"])
					.where("ref", "is not", null)
					.execute(),
				this.db
					.selectFrom("activity_sector")
					.select(["activity_id", "vocabulary", "code"])
					.where("activity_id", "in", part)
					.execute(),
				this.db
					.selectFrom("activity_tag")
					.select(["activity_id", "vocabulary", "code"])
					.where("activity_id", "in", part)
					.execute(),
				this.db
					.selectFrom("activity_recipient")
					.select(["activity_id", "kind", "code"])
					.where("activity_id", "in", part)
					.execute(),
				this.db
					.selectFrom("activity_date")
					.select(["activity_id", "type", "iso_date"])
					.where("activity_id", "in", part)
					.execute(),
			]);
			const funderMap = group(funders.map((r) => ({ id: toInt(r.id), v: r.v as string })));
			const codes = new Map<number, { goals: string[]; targets: string[]; dac: string[] }>();
			const codesOf = (id: number) => {
				const c = codes.get(id) ?? { goals: [], targets: [], dac: [] };
				codes.set(id, c);
				return c;
			};
			// SDG goals: tag vocabulary 2 or sector vocabulary 7; targets: tag 3 or sector 8.
			for (const s of [
				...sectors,
				...tags.map((t) => ({ ...t, vocabulary: `tag${t.vocabulary}` })),
			]) {
				const c = codesOf(toInt(s.activity_id));
				if (s.vocabulary === "7" || s.vocabulary === "tag2") c.goals.push(s.code);
				else if (s.vocabulary === "8" || s.vocabulary === "tag3") c.targets.push(s.code);
				else if (s.vocabulary === "1" || s.vocabulary === "2") c.dac.push(s.code);
			}
			const recipientMap = group(
				recipients.map((r) => ({ id: toInt(r.activity_id), v: { kind: r.kind, code: r.code } })),
			);
			const dateMap = group(
				dates.map((d) => ({ id: toInt(d.activity_id), v: { type: d.type, date: d.iso_date } })),
			);
			for (const r of rows) {
				const id = toInt(r.id);
				const ds = dateMap.get(id) ?? [];
				// Actual dates win over planned ones (types 2/4 over 1/3).
				const pick = (actual: string, planned: string) =>
					ds.find((d) => d.type === actual)?.date ??
					ds.find((d) => d.type === planned)?.date ??
					null;
				const c = codes.get(id) ?? { goals: [], targets: [], dac: [] };
				const rec = recipientMap.get(id) ?? [];
				out.push({
					id,
					identifier: r.iati_identifier,
					reportingOrgRef: r.reporting_org_ref,
					funderRefs: funderMap.get(id) ?? [],
					sdgGoals: c.goals,
					sdgTargets: c.targets,
					dacSectors: c.dac,
					recipientCountries: rec.filter((x) => x.kind === "country").map((x) => x.code),
					recipientRegions: rec.filter((x) => x.kind === "region").map((x) => x.code),
					start: pick("2", "1"),
					end: pick("4", "3"),
				});
			}
		}
		return out;
	}

	/** A new proposal, or a fresh score on one still waiting; decided links stay as decided. */
	async propose(p: {
		commitment_id: number;
		activity_id: number;
		share_bp: number;
		score: number;
		reasons: string[];
		created_at: string;
	}): Promise<boolean> {
		const existing = await this.db
			.selectFrom("commitment_activity")
			.select("status")
			.where("commitment_id", "=", p.commitment_id)
			.where("activity_id", "=", p.activity_id)
			.executeTakeFirst();
		if (existing && existing.status !== "proposed") return false;
		const reasons = JSON.stringify(p.reasons);
		if (existing) {
			await this.db
				.updateTable("commitment_activity")
				.set({ score: p.score, reasons })
				.where("commitment_id", "=", p.commitment_id)
				.where("activity_id", "=", p.activity_id)
				.execute();
			return false;
		}
		await this.db
			.insertInto("commitment_activity")
			.values({
				commitment_id: p.commitment_id,
				activity_id: p.activity_id,
				share_bp: p.share_bp,
				status: "proposed",
				include_expenditure: 0,
				score: p.score,
				reasons,
				created_by: null,
				created_at: p.created_at,
			})
			.execute();
		return true;
	}

	async find(commitmentId: number, activityId: number) {
		const row = await this.db
			.selectFrom("commitment_activity")
			.selectAll()
			.where("commitment_id", "=", commitmentId)
			.where("activity_id", "=", activityId)
			.executeTakeFirst();
		return row ? { ...row, share_bp: toInt(row.share_bp) } : null;
	}

	async decide(
		commitmentId: number,
		activityId: number,
		d: {
			status: "accepted" | "rejected";
			share_bp: number;
			include_expenditure: number;
			decided_by: number | null;
			decided_at: string;
			/** The reasons kept with the link (JSON), when the decision adds one. */
			reasons?: string;
		},
	): Promise<void> {
		await this.db
			.updateTable("commitment_activity")
			.set(d)
			.where("commitment_id", "=", commitmentId)
			.where("activity_id", "=", activityId)
			.execute();
	}

	async list(commitmentId: number, statuses: string[]): Promise<LinkRow[]> {
		const rows = await this.db
			.selectFrom("commitment_activity as l")
			.innerJoin("activity as a", "a.id", "l.activity_id")
			.select([
				"l.commitment_id",
				"l.activity_id",
				"a.iati_identifier",
				"a.title",
				"a.reporting_org_ref",
				"l.share_bp",
				"l.status",
				"l.include_expenditure",
				"l.score",
				"l.reasons",
				"l.created_at",
				"l.decided_at",
			])
			.where("l.commitment_id", "=", commitmentId)
			.where("l.status", "in", statuses)
			.orderBy("l.status")
			.orderBy("l.score", (o) => o.desc().nullsLast())
			.orderBy("a.iati_identifier")
			.execute();
		return rows.map((r) => ({
			...r,
			commitment_id: toInt(r.commitment_id),
			activity_id: toInt(r.activity_id),
			share_bp: toInt(r.share_bp),
			score: r.score === null ? null : Number(r.score),
			reasons: parseReasons(r.reasons),
			include_expenditure: toIntOrNull(r.include_expenditure) ?? 0,
		}));
	}
}

/** A link's reasons as stored (a JSON array of strings; none when null). */
export function parseReasons(stored: string | null | undefined): string[] {
	return stored ? (JSON.parse(stored) as string[]) : [];
}
