/**
 * The activity list's queries: filters by reporting organisation, recipient, sector, SDG,
 * linked commitment and title words; pages; and the small facts each list item shows.
 */
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toInt } from "../../lib/numbers.ts";

export interface ActivityQueryFilter {
	reportingOrgs?: string[];
	/** Country or region codes, upper-cased. */
	recipients?: string[];
	sectors?: string[];
	/** SDG goals ("3") and targets ("3.b", lower-cased). */
	sdgGoals?: string[];
	sdgTargets?: string[];
	commitmentIds?: number[];
	/** Normalised words (lib/text.ts), each of which the title must contain. */
	words?: string[];
}

type Eb = ExpressionBuilder<Tables, "activity">;

export class ActivityQueryRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	private filtered(f: ActivityQueryFilter) {
		let q = this.db.selectFrom("activity");
		if (f.reportingOrgs?.length) q = q.where("activity.reporting_org_ref", "in", f.reportingOrgs);
		if (f.recipients?.length) {
			const codes = f.recipients;
			q = q.where((eb) =>
				eb.or([
					eb.exists(
						eb
							.selectFrom("activity_recipient as r")
							.select("r.code")
							.whereRef("r.activity_id", "=", "activity.id")
							.where("r.code", "in", codes),
					),
					eb.exists(
						eb
							.selectFrom("activity_transaction as t")
							.select("t.id")
							.whereRef("t.activity_id", "=", "activity.id")
							.where((w) =>
								w.or([w("t.recipient_country", "in", codes), w("t.recipient_region", "in", codes)]),
							),
					),
				]),
			);
		}
		if (f.sectors?.length) {
			const codes = f.sectors;
			q = q.where((eb) =>
				eb.or([
					eb.exists(
						eb
							.selectFrom("activity_sector as s")
							.select("s.code")
							.whereRef("s.activity_id", "=", "activity.id")
							.where("s.code", "in", codes),
					),
					eb.exists(
						eb
							.selectFrom("activity_transaction_sector as s")
							.select("s.code")
							.whereRef("s.activity_id", "=", "activity.id")
							.where("s.code", "in", codes),
					),
				]),
			);
		}
		if (f.sdgGoals?.length || f.sdgTargets?.length) {
			const goals = f.sdgGoals ?? [];
			const targets = f.sdgTargets ?? [];
			q = q.where((eb) =>
				eb.or([...goals.map((g) => goalMatch(eb, g)), ...targets.map((t) => targetMatch(eb, t))]),
			);
		}
		if (f.commitmentIds?.length) {
			const ids = f.commitmentIds;
			q = q.where((eb) =>
				eb.exists(
					eb
						.selectFrom("commitment_activity as l")
						.select("l.activity_id")
						.whereRef("l.activity_id", "=", "activity.id")
						.where("l.commitment_id", "in", ids)
						.where("l.status", "=", "accepted"),
				),
			);
		}
		for (const word of f.words ?? []) {
			// Activities recorded through the API have a title and no search text.
			q = q.where((eb) =>
				eb(
					eb.fn.coalesce("activity.title_search", eb.fn("lower", ["activity.title"])),
					"like",
					`%${word}%`,
				),
			);
		}
		return q;
	}

	async count(f: ActivityQueryFilter): Promise<number> {
		const row = await this.filtered(f)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	async page(f: ActivityQueryFilter, offset: number, limit: number) {
		const rows = await this.filtered(f)
			.select([
				"activity.id",
				"activity.iati_identifier",
				"activity.title",
				"activity.reporting_org_ref",
				"activity.reporting_org_narratives",
				"activity.activity_status",
				"activity.default_currency",
				"activity.updated_at",
			])
			.orderBy("activity.iati_identifier")
			.limit(limit)
			.offset(offset)
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id) }));
	}

	async recipientsOf(ids: number[]): Promise<Map<number, { kind: string; code: string }[]>> {
		const out = new Map<number, { kind: string; code: string }[]>();
		if (ids.length === 0) return out;
		const rows = await this.db
			.selectFrom("activity_recipient")
			.select(["activity_id", "kind", "code"])
			.where("activity_id", "in", ids)
			.orderBy("activity_id")
			.orderBy("kind")
			.orderBy("position")
			.execute();
		for (const r of rows) {
			const list = out.get(toInt(r.activity_id)) ?? [];
			list.push({ kind: r.kind, code: r.code });
			out.set(toInt(r.activity_id), list);
		}
		return out;
	}

	async transactionCounts(ids: number[]): Promise<Map<number, number>> {
		if (ids.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("activity_transaction")
			.select((eb) => ["activity_id", eb.fn.countAll().as("n")])
			.where("activity_id", "in", ids)
			.groupBy("activity_id")
			.execute();
		return new Map(rows.map((r) => [toInt(r.activity_id), toInt(r.n)]));
	}

	/** The commitments, among those whose status is given, an activity is accepted as delivering. */
	async acceptedCommitments(activityId: number, statuses: readonly string[]) {
		const rows = await this.db
			.selectFrom("commitment_activity as l")
			.innerJoin("commitment as c", "c.id", "l.commitment_id")
			.select(["c.id", "c.slug", "c.title", "l.share_bp", "l.include_expenditure"])
			.where("l.activity_id", "=", activityId)
			.where("l.status", "=", "accepted")
			.where("c.status", "in", statuses)
			.orderBy("c.id")
			.execute();
		return rows.map((r) => ({
			id: toInt(r.id),
			slug: r.slug,
			title: r.title,
			share: toInt(r.share_bp) / 100,
			include_expenditure: toInt(r.include_expenditure) === 1,
		}));
	}
}

/** A goal: its tag (vocabulary 2) or sector (7), or any of its targets (3, 8) or indicators (9). */
function goalMatch(eb: Eb, goal: string) {
	const under = `${goal}.%`;
	return eb.or([
		eb.exists(
			eb
				.selectFrom("activity_tag as g")
				.select("g.code")
				.whereRef("g.activity_id", "=", "activity.id")
				.where((w) =>
					w.or([
						w.and([w("g.vocabulary", "=", "2"), w("g.code", "=", goal)]),
						w.and([w("g.vocabulary", "=", "3"), w("g.code", "like", under)]),
					]),
				),
		),
		eb.exists(
			eb
				.selectFrom("activity_sector as g")
				.select("g.code")
				.whereRef("g.activity_id", "=", "activity.id")
				.where((w) =>
					w.or([
						w.and([w("g.vocabulary", "=", "7"), w("g.code", "=", goal)]),
						w.and([w("g.vocabulary", "in", ["8", "9"]), w("g.code", "like", under)]),
					]),
				),
		),
	]);
}

/** A target: its tag (vocabulary 3) or sector (8), or any of its indicators (9). */
function targetMatch(eb: Eb, target: string) {
	return eb.or([
		eb.exists(
			eb
				.selectFrom("activity_tag as g")
				.select("g.code")
				.whereRef("g.activity_id", "=", "activity.id")
				.where("g.vocabulary", "=", "3")
				.where((w) => w(w.fn("lower", ["g.code"]), "=", target)),
		),
		eb.exists(
			eb
				.selectFrom("activity_sector as g")
				.select("g.code")
				.whereRef("g.activity_id", "=", "activity.id")
				.where((w) =>
					w.or([
						w.and([w("g.vocabulary", "=", "8"), w(w.fn("lower", ["g.code"]), "=", target)]),
						w.and([
							w("g.vocabulary", "=", "9"),
							w(w.fn("lower", ["g.code"]), "like", `${target}.%`),
						]),
					]),
				),
		),
	]);
}
