/** Stores progress reports with their parts and versions; reads them back. */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toInt, toIntOrNull } from "../../lib/numbers.ts";
import type { ReportState } from "./reports.state.ts";

export class ReportRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	private columns(s: ReportState, now: string) {
		return {
			kind: s.kind,
			stakeholder_id: s.stakeholder_id,
			period_start: s.period_start,
			period_end: s.period_end,
			disbursed_minor: s.disbursed_minor,
			currency: s.currency,
			policy_status: s.policy_status,
			narrative: s.narrative,
			strategy_document: s.strategy_document,
			strategy_section: s.strategy_section,
			strategy_url: s.strategy_url,
			updated_at: now,
		};
	}

	async insert(
		commitmentId: number,
		s: ReportState,
		now: string,
		createdBy: number | null,
	): Promise<number> {
		const r = await this.db
			.insertInto("progress_report")
			.values({
				...this.columns(s, now),
				commitment_id: commitmentId,
				version: 1,
				created_by: createdBy,
				created_at: now,
			})
			.returning("id")
			.executeTakeFirstOrThrow();
		const id = toInt(r.id);
		await this.writeParts(id, s);
		return id;
	}

	/** Only if the stored version is still `expected`: false when another update got there first. */
	async update(id: number, s: ReportState, expected: number, now: string): Promise<boolean> {
		const r = await this.db
			.updateTable("progress_report")
			.set({ ...this.columns(s, now), version: expected + 1 })
			.where("id", "=", id)
			.where("version", "=", expected)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return false;
		for (const t of ["report_recipient", "report_year", "report_evidence"] as const)
			await this.db.deleteFrom(t).where("report_id", "=", id).execute();
		await this.writeParts(id, s);
		return true;
	}

	private async writeParts(id: number, s: ReportState): Promise<void> {
		if (s.recipients.length)
			await this.db
				.insertInto("report_recipient")
				.values(s.recipients.map((r) => ({ report_id: id, ...r })))
				.execute();
		if (s.by_year.length)
			await this.db
				.insertInto("report_year")
				.values(
					s.by_year.map((y) => ({ report_id: id, year: y.year, amount_minor: y.amount_minor })),
				)
				.execute();
		if (s.evidence.length)
			await this.db
				.insertInto("report_evidence")
				.values(s.evidence.map((e, i) => ({ report_id: id, position: i + 1, ...e })))
				.execute();
	}

	/** Marks a report withdrawn, if its version is still `expected`: false when it is not. */
	async withdraw(id: number, reason: string, expected: number, now: string): Promise<boolean> {
		const r = await this.db
			.updateTable("progress_report")
			.set({ withdrawn_at: now, withdrawn_reason: reason, version: expected + 1, updated_at: now })
			.where("id", "=", id)
			.where("version", "=", expected)
			.where("withdrawn_at", "is", null)
			.executeTakeFirst();
		return Number(r.numUpdatedRows) === 1;
	}

	async insertVersion(v: {
		report_id: number;
		version: number;
		snapshot: string;
		reason: string | null;
		created_at: string;
		created_by: number | null;
	}): Promise<void> {
		await this.db.insertInto("report_version").values(v).execute();
	}

	/**
	 * Reports with their parts, for one commitment or by ids; or one stakeholder's reports of
	 * a kind on commitments in some statuses (a recipient's national strategies), newest first.
	 */
	async load(where: {
		commitmentId?: number;
		ids?: number[];
		stakeholderId?: number;
		kind?: string;
		commitmentStatuses?: readonly string[];
		/** Only reports in force: none withdrawn. */
		inForce?: boolean;
		limit?: number;
	}) {
		let q = this.db
			.selectFrom("progress_report as r")
			.innerJoin("stakeholder as s", "s.id", "r.stakeholder_id")
			.innerJoin("commitment as c", "c.id", "r.commitment_id")
			.select([
				"r.id",
				"r.commitment_id",
				"c.slug as commitment_slug",
				"c.title as commitment_title",
				"r.kind",
				"r.stakeholder_id",
				"s.slug as stakeholder_slug",
				"s.name as stakeholder_name",
				"r.period_start",
				"r.period_end",
				"r.disbursed_minor",
				"r.currency",
				"r.policy_status",
				"r.narrative",
				"r.strategy_document",
				"r.strategy_section",
				"r.strategy_url",
				"r.version",
				"r.created_at",
				"r.updated_at",
				"r.withdrawn_at",
				"r.withdrawn_reason",
			]);
		if (where.commitmentId !== undefined) q = q.where("r.commitment_id", "=", where.commitmentId);
		if (where.ids) q = q.where("r.id", "in", where.ids.length ? where.ids : [-1]);
		if (where.stakeholderId !== undefined)
			q = q.where("r.stakeholder_id", "=", where.stakeholderId);
		if (where.kind !== undefined) q = q.where("r.kind", "=", where.kind);
		if (where.commitmentStatuses) q = q.where("c.status", "in", where.commitmentStatuses);
		if (where.inForce) q = q.where("r.withdrawn_at", "is", null);
		q = q.orderBy("r.period_end", "desc").orderBy("r.id", "desc");
		if (where.limit !== undefined) q = q.limit(where.limit);
		const rows = (await q.execute()).map((r) => ({
			...r,
			id: toInt(r.id),
			commitment_id: toInt(r.commitment_id),
			stakeholder_id: toInt(r.stakeholder_id),
			disbursed_minor: toIntOrNull(r.disbursed_minor),
			version: toInt(r.version),
		}));
		const ids = rows.map((r) => r.id);
		if (ids.length === 0) return [];
		const [recipients, years, evidence] = await Promise.all([
			this.db
				.selectFrom("report_recipient")
				.select(["report_id", "kind", "code"])
				.where("report_id", "in", ids)
				.orderBy("kind")
				.orderBy("code")
				.execute(),
			this.db
				.selectFrom("report_year")
				.select(["report_id", "year", "amount_minor"])
				.where("report_id", "in", ids)
				.orderBy("year")
				.execute(),
			this.db
				.selectFrom("report_evidence")
				.select(["report_id", "title", "url"])
				.where("report_id", "in", ids)
				.orderBy("position")
				.execute(),
		]);
		return rows.map((r) => ({
			...r,
			recipients: recipients
				.filter((x) => toInt(x.report_id) === r.id)
				.map((x) => ({ kind: x.kind, code: x.code })),
			by_year: years
				.filter((x) => toInt(x.report_id) === r.id)
				.map((x) => ({ year: toInt(x.year), amount_minor: toInt(x.amount_minor) })),
			evidence: evidence
				.filter((x) => toInt(x.report_id) === r.id)
				.map((x) => ({ title: x.title, url: x.url })),
		}));
	}

	/** Ids of the reports on commitments in these statuses, in id order after `afterId`: an export's batches. */
	async idsAfter(afterId: number, limit: number, statuses: readonly string[]): Promise<number[]> {
		const rows = await this.db
			.selectFrom("progress_report as r")
			.innerJoin("commitment as c", "c.id", "r.commitment_id")
			.select("r.id")
			.where("r.id", ">", afterId)
			.where("c.status", "in", statuses)
			.orderBy("r.id")
			.limit(limit)
			.execute();
		return rows.map((r) => toInt(r.id));
	}

	/**
	 * The end of the latest period each maker reported on, for commitments in these
	 * statuses: how recent its record is (a report filed today may cover 2012).
	 */
	async reportedUpTo(
		stakeholderIds: number[],
		statuses: readonly string[],
	): Promise<Map<number, string>> {
		if (stakeholderIds.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("progress_report as r")
			.innerJoin("commitment as c", "c.id", "r.commitment_id")
			.select((eb) => ["r.stakeholder_id", eb.fn.max("r.period_end").as("latest")])
			.where("r.stakeholder_id", "in", stakeholderIds)
			.where("r.kind", "=", "maker")
			.where("r.withdrawn_at", "is", null)
			.where("c.status", "in", statuses)
			.groupBy("r.stakeholder_id")
			.execute();
		return new Map(rows.map((r) => [toInt(r.stakeholder_id), String(r.latest).slice(0, 10)]));
	}

	/** The amounts disbursed in US cents (current and constant prices), as stored at write time. */
	async usd(
		ids: number[],
	): Promise<
		Map<number, { current: number | null; constant: number | null; conversion: string | null }>
	> {
		if (ids.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("progress_report")
			.select(["id", "usd_current", "usd_constant", "conversion"])
			.where("id", "in", ids)
			.execute();
		return new Map(
			rows.map((r) => [
				toInt(r.id),
				{
					current: toIntOrNull(r.usd_current),
					constant: toIntOrNull(r.usd_constant),
					conversion: r.conversion,
				},
			]),
		);
	}

	async commitmentOf(reportId: number): Promise<number | null> {
		const r = await this.db
			.selectFrom("progress_report")
			.select("commitment_id")
			.where("id", "=", reportId)
			.executeTakeFirst();
		return r ? toInt(r.commitment_id) : null;
	}

	async versions(reportId: number) {
		const rows = await this.db
			.selectFrom("report_version")
			.leftJoin("app_user", "app_user.id", "report_version.created_by")
			.select([
				"report_version.version",
				"report_version.snapshot",
				"report_version.reason",
				"report_version.created_at",
				"app_user.display_name as by",
			])
			.where("report_version.report_id", "=", reportId)
			.orderBy("report_version.version")
			.execute();
		return rows.map((r) => ({ ...r, version: toInt(r.version) }));
	}
}
