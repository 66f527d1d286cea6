/**
 * Progress reports: written by a maker's members (money disbursed, policy status) or a
 * recipient government's members (national strategy), on published commitments;
 * versioned like commitments, each update a new version refused when stale.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type Actor, auditActorId } from "../../lib/actor.ts";
import { type Batches, keysetBatches, mapBatches, oneBatch } from "../../lib/batches.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { isRecordId } from "../../lib/ids.ts";
import { formatMinorUnits, toMinorUnits } from "../../lib/money.ts";
import { parseInput } from "../../lib/validation.ts";
import { staleVersion, versionHistory } from "../../lib/versioning.ts";
import { refreshDelivery } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import { CommitmentRepository } from "../commitments/commitments.repository.ts";
import { isPublicStatus, publicStatuses } from "../commitments/commitments.schemas.ts";
import { type CommitmentRef, visibleCommitment } from "../commitments/commitments.visible.ts";
import { recipientNames } from "../reference/recipient-names.ts";
import { checkRecipients } from "../reference/recipients.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { reportPolicy } from "./reports.policy.ts";
import { ReportRepository } from "./reports.repository.ts";
import {
	type ReportData,
	type ReportInput,
	reportInput,
	reportPatch,
	reportWithdrawal,
} from "./reports.schemas.ts";
import type { ReportState } from "./reports.state.ts";

const idOf = (text: string) => {
	if (!/^[1-9]\d{0,15}$/.test(text)) throw AppError.invalid("id", `'${text}' is not a report id`);
	const id = Number(text);
	if (!isRecordId(id)) throw AppError.notFound("report", text);
	return id;
};

export class ReportService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	async create(
		commitmentRef: string,
		input: unknown,
		actor: Actor,
	): Promise<{ id: number; version: number }> {
		const data = parseInput(reportInput, input);
		return this.db.transaction().execute(async (trx) => {
			const commitment = await this.reportable(trx, commitmentRef, actor);
			const state = await this.resolve(trx, data, commitment, actor);
			const now = nowIso();
			const repo = new ReportRepository(trx);
			const id = await repo.insert(commitment.id, state, now, auditActorId(actor));
			await repo.insertVersion({
				report_id: id,
				version: 1,
				snapshot: JSON.stringify(state),
				reason: null,
				created_at: now,
				created_by: auditActorId(actor),
			});
			await recordAudit(trx, actor, {
				action: "report.create",
				objectId: id,
				after: { commitment_id: commitment.id, ...state },
			});
			await refreshDelivery(trx, [commitment.id]);
			return { id, version: 1 };
		});
	}

	async update(
		reportText: string,
		patch: unknown,
		actor: Actor,
	): Promise<{ id: number; version: number }> {
		const p = parseInput(reportPatch, patch);
		return this.change(reportText, p.version, actor, "update", async (trx, found) => {
			const { id, expected, repo, current, commitment } = found;
			const before = toState(current);
			const merged = { ...toInput(before, current.stakeholder_id), ...p.changes };
			if ("kind" in p.changes && p.changes.kind !== before.kind)
				throw AppError.invalid(
					"changes.kind",
					"a report keeps its kind: write a new report instead",
				);
			const data = parseInput(reportInput, merged);
			const state = await this.resolve(trx, data, commitment, actor);
			if (state.stakeholder_id !== before.stakeholder_id)
				throw AppError.invalid("changes.stakeholder", "a report keeps its stakeholder");
			const now = nowIso();
			if (!(await repo.update(id, state, expected, now)))
				throw staleVersion(expected + 1, expected);
			const version = expected + 1;
			await repo.insertVersion({
				report_id: id,
				version,
				snapshot: JSON.stringify(state),
				reason: p.reason ?? null,
				created_at: now,
				created_by: auditActorId(actor),
			});
			await recordAudit(trx, actor, {
				action: "report.update",
				objectId: id,
				before,
				after: { ...state, reason: p.reason ?? null },
			});
			await refreshDelivery(trx, [commitment.id]);
			return { id, version };
		});
	}

	/**
	 * Withdraws a report: kept on the record with the day and the reason, counted in no
	 * delivery figure from then on. Only by those who may update it, on its current version.
	 */
	async withdraw(
		reportText: string,
		input: unknown,
		actor: Actor,
	): Promise<{ id: number; version: number }> {
		const data = parseInput(reportWithdrawal, input);
		return this.change(reportText, data.version, actor, "withdraw", async (trx, found) => {
			const { id, expected, repo, current, commitment } = found;
			const now = nowIso();
			if (!(await repo.withdraw(id, data.reason, expected, now)))
				throw staleVersion(expected + 1, expected);
			const version = expected + 1;
			await repo.insertVersion({
				report_id: id,
				version,
				snapshot: JSON.stringify({ ...toState(current), withdrawn_at: now }),
				reason: data.reason,
				created_at: now,
				created_by: auditActorId(actor),
			});
			await recordAudit(trx, actor, {
				action: "report.withdraw",
				objectId: id,
				before: { withdrawn_at: null, version: expected },
				after: { withdrawn_at: now, reason: data.reason, version },
			});
			await refreshDelivery(trx, [commitment.id]);
			return { id, version };
		});
	}

	/**
	 * Runs a change of a report (update or withdraw) in one transaction, once it is sure
	 * the report exists, its commitment takes reports, the reader reports for its
	 * stakeholder, it is in force, and it is still at the version the change was made to.
	 */
	private change<T>(
		reportText: string,
		version: number | undefined,
		actor: Actor,
		verb: "update" | "withdraw",
		run: (
			trx: Kysely<Tables>,
			found: {
				id: number;
				expected: number;
				repo: ReportRepository;
				current: Loaded;
				commitment: Awaited<ReturnType<ReportService["reportable"]>>;
			},
		) => Promise<T>,
	): Promise<T> {
		const id = idOf(reportText);
		if (version === undefined)
			throw AppError.invalid(
				"version",
				`say which version you ${verb}: a version field or an If-Match header`,
			);
		const expected = version;
		return this.db.transaction().execute(async (trx) => {
			const repo = new ReportRepository(trx);
			const [current] = await repo.load({ ids: [id] });
			if (!current) throw AppError.notFound("report", id);
			const commitment = await this.reportable(trx, String(current.commitment_id), actor);
			if (!reportPolicy.update(actor, current))
				throw new AppError(
					"forbidden",
					`only the members of the stakeholder that reported ${verb} a report`,
				);
			if (current.withdrawn_at !== null)
				throw new AppError(
					"conflict",
					`report ${id} was withdrawn on ${current.withdrawn_at.slice(0, 10)}: it is kept as it was; file a new report instead`,
				);
			if (current.version !== expected) throw staleVersion(current.version, expected);
			return run(trx, { id, expected, repo, current, commitment });
		});
	}

	async list(commitmentRef: CommitmentRef, actor: Actor | null) {
		const commitment = await this.publicCommitment(this.db, commitmentRef, actor);
		const rows = await new ReportRepository(this.db).load({ commitmentId: commitment.id });
		return { items: rows.map(view), total: rows.length };
	}

	/**
	 * What a recipient government reported about where commitments show in its national
	 * strategy: its recipient reports on public commitments, newest period first (at most
	 * `limit`), for its country page.
	 */
	async nationalStrategies(stakeholderId: number, limit = 50) {
		const rows = await new ReportRepository(this.db).load({
			stakeholderId,
			kind: "recipient",
			commitmentStatuses: publicStatuses,
			inForce: true,
			limit,
		});
		return { items: rows.map(view) };
	}

	/** The end of the latest period each maker reported on, on public commitments: the league table's column. */
	reportedUpTo(stakeholderIds: number[]): Promise<Map<number, string>> {
		return new ReportRepository(this.db).reportedUpTo(stakeholderIds, publicStatuses);
	}

	/** The reports of one commitment as a flat export: the list's items, with US dollar values and names. */
	async exportForCommitment(
		commitmentRef: string,
		actor: Actor | null,
	): Promise<Batches<ReportExport>> {
		const commitment = await this.publicCommitment(this.db, commitmentRef, actor);
		const repo = new ReportRepository(this.db);
		return mapBatches(oneBatch(repo.load({ commitmentId: commitment.id })), (rows) =>
			this.exportRecords(repo, rows),
		);
	}

	/** Every report on a public commitment, in id order, a batch at a time. */
	async exportAll(): Promise<Batches<ReportExport>> {
		const repo = new ReportRepository(this.db);
		const ids = keysetBatches(
			(after, limit) => repo.idsAfter(after, limit, publicStatuses),
			(id) => id,
		);
		return mapBatches(ids, async (batch) => {
			const rows = (await repo.load({ ids: batch })).sort((a, b) => a.id - b.id);
			return this.exportRecords(repo, rows);
		});
	}

	private async exportRecords(repo: ReportRepository, rows: Loaded[]): Promise<ReportExport[]> {
		const [usd, names] = await Promise.all([
			repo.usd(rows.map((r) => r.id)),
			recipientNames(
				new ReferenceRepository(this.db),
				rows.flatMap((r) => r.recipients),
			),
		]);
		return rows.map((r) => {
			const u = usd.get(r.id);
			return {
				report: view(r),
				recipient_names: r.recipients.map((x) => names.get(`${x.kind}:${x.code}`) ?? null),
				usd_current: u?.current ?? null,
				usd_constant: u?.constant ?? null,
				conversion: u?.conversion ?? null,
			};
		});
	}

	async get(reportText: string, actor: Actor | null) {
		const id = idOf(reportText);
		const repo = new ReportRepository(this.db);
		const [row] = await repo.load({ ids: [id] });
		if (!row) throw AppError.notFound("report", id);
		await this.publicCommitment(this.db, String(row.commitment_id), actor);
		const versions = versionHistory(await repo.versions(id));
		return { ...view(row), versions };
	}

	/** The id of the commitment a report belongs to, if the report exists. */
	async commitmentOf(reportId: number): Promise<number | null> {
		return new ReportRepository(this.db).commitmentOf(reportId);
	}

	/** Reports are written on, and read from, commitments the public can see. */
	private async publicCommitment(db: Kysely<Tables>, ref: CommitmentRef, actor: Actor | null) {
		const commitment = await visibleCommitment(db, ref, actor);
		const status = commitment.row.status;
		if (!isPublicStatus(status))
			throw new AppError(
				"conflict",
				`reports are written on published commitments; this one is ${status}`,
			);
		return commitment;
	}

	/** A public commitment with what a report is checked against: its makers and recipients. */
	private async reportable(trx: Kysely<Tables>, ref: string, actor: Actor) {
		const commitment = await this.publicCommitment(trx, ref, actor);
		const stored = await new CommitmentRepository(trx).loadState(commitment.id);
		return { ...commitment, recipients: stored?.state.recipients ?? [] };
	}

	/** Checks the reporting stakeholder's right to report, and every code and amount. */
	private async resolve(
		db: Kysely<Tables>,
		r: ReportData,
		commitment: { makerIds: number[]; recipients: { kind: string; code: string }[] },
		actor: Actor,
	): Promise<ReportState> {
		const stakeholders = new StakeholderRepository(db);
		const ref = typeof r.stakeholder === "number" ? { id: r.stakeholder } : { slug: r.stakeholder };
		const stakeholder = await stakeholders.find(ref);
		if (!stakeholder)
			throw AppError.invalid("stakeholder", `stakeholder '${r.stakeholder}' does not exist`);
		if (r.kind === "maker" && !commitment.makerIds.includes(stakeholder.id))
			throw AppError.invalid(
				"stakeholder",
				`${stakeholder.name} is not a maker of this commitment`,
			);
		if (r.kind === "recipient") {
			if (!reportPolicy.recipientGovernment(stakeholder, commitment.recipients)) {
				throw AppError.invalid(
					"stakeholder",
					`${stakeholder.name} is not a recipient government of this commitment (a member state among its country recipients)`,
				);
			}
		}
		if (!reportPolicy.report(actor, stakeholder.id))
			throw new AppError(
				"forbidden",
				`only the focal points and editors of ${stakeholder.name} report for it`,
			);
		const problems: FieldProblem[] = [];
		let disbursedMinor: number | null = null;
		let byYear: { year: number; amount_minor: number }[] = [];
		let recipients: { kind: string; code: string }[] = [];
		const d = r.disbursed;
		if (d) {
			const reference = new ReferenceRepository(db);
			if (!(await reference.existingCodes("Currency", [d.currency])).has(d.currency))
				problems.push({
					name: "disbursed.currency",
					message: `'${d.currency}' is not an ISO 4217 currency`,
				});
			else {
				const convert = (amount: string, field: string) => {
					try {
						return toMinorUnits(amount, d.currency, field);
					} catch (e) {
						if (e instanceof AppError) problems.push(...e.fields);
						return 0;
					}
				};
				disbursedMinor = convert(d.amount, "disbursed.amount");
				byYear = d.by_year
					.map((y, i) => ({
						year: y.year,
						amount_minor: convert(y.amount, `disbursed.by_year.${i}.amount`),
					}))
					.sort((a, b) => a.year - b.year);
				const sum = byYear.reduce((n, y) => n + y.amount_minor, 0);
				if (byYear.length && problems.length === 0 && sum !== disbursedMinor)
					problems.push({
						name: "disbursed.by_year",
						message: `disbursed.by_year adds up to ${formatMinorUnits(sum, d.currency)}, not the amount ${d.amount}`,
					});
			}
			const checked = await checkRecipients(reference, d.recipients);
			for (const message of checked.problems)
				problems.push({
					name: "disbursed.recipients",
					message: `disbursed.recipients: ${message}`,
				});
			recipients = checked.recipients;
		}
		if (problems.length)
			throw new AppError("invalid_input", problems.map((p) => p.message).join("; "), {
				fields: problems,
			});
		return {
			kind: r.kind,
			stakeholder_id: stakeholder.id,
			period_start: r.period_start,
			period_end: r.period_end,
			disbursed_minor: disbursedMinor,
			currency: d?.currency ?? null,
			recipients,
			by_year: byYear,
			policy_status: r.policy_status,
			narrative: r.narrative,
			evidence: r.evidence,
			strategy_document: r.national_strategy?.document ?? null,
			strategy_section: r.national_strategy?.section ?? null,
			strategy_url: r.national_strategy?.url ?? null,
		};
	}
}

type Loaded = Awaited<ReturnType<ReportRepository["load"]>>[number];

/** A report as the list shows it (the JSON form of exports). */
export type ReportView = ReturnType<typeof view>;

/** A report as a flat export sees it: the list item, recipient names and US dollar values (cents). */
export interface ReportExport {
	report: ReportView;
	recipient_names: (string | null)[];
	usd_current: number | null;
	usd_constant: number | null;
	conversion: string | null;
}

function toState(r: Loaded): ReportState {
	return {
		kind: r.kind as ReportState["kind"],
		stakeholder_id: r.stakeholder_id,
		period_start: r.period_start,
		period_end: r.period_end,
		disbursed_minor: r.disbursed_minor,
		currency: r.currency,
		recipients: r.recipients,
		by_year: r.by_year,
		policy_status: r.policy_status,
		narrative: r.narrative,
		evidence: r.evidence,
		strategy_document: r.strategy_document,
		strategy_section: r.strategy_section,
		strategy_url: r.strategy_url,
	};
}

/** A stored report as writer's input, for an update to be merged into and checked again. */
function toInput(s: ReportState, stakeholderId: number): ReportInput {
	const currency = s.currency ?? "USD";
	return {
		kind: s.kind,
		stakeholder: stakeholderId,
		period_start: s.period_start,
		period_end: s.period_end,
		disbursed:
			s.disbursed_minor === null
				? null
				: {
						amount: formatMinorUnits(s.disbursed_minor, currency),
						currency,
						recipients: s.recipients.map((r) =>
							r.kind === "global"
								? { kind: "global" as const }
								: { kind: r.kind as "country", code: r.code },
						),
						by_year: s.by_year.map((y) => ({
							year: y.year,
							amount: formatMinorUnits(y.amount_minor, currency),
						})),
					},
		policy_status: s.policy_status as ReportInput["policy_status"],
		narrative: s.narrative,
		evidence: s.evidence,
		national_strategy:
			s.strategy_document === null
				? null
				: { document: s.strategy_document, section: s.strategy_section, url: s.strategy_url },
	};
}

function view(r: Loaded) {
	const currency = r.currency ?? "USD";
	return {
		id: r.id,
		commitment: { id: r.commitment_id, slug: r.commitment_slug, title: r.commitment_title },
		kind: r.kind as "maker" | "recipient",
		stakeholder: { id: r.stakeholder_id, slug: r.stakeholder_slug, name: r.stakeholder_name },
		period_start: r.period_start,
		period_end: r.period_end,
		disbursed:
			r.disbursed_minor === null
				? null
				: {
						amount: formatMinorUnits(r.disbursed_minor, currency),
						amount_minor: r.disbursed_minor,
						currency,
						recipients: r.recipients.map((x) => ({
							kind: x.kind as "country",
							code: x.kind === "global" ? null : x.code,
						})),
						by_year: r.by_year.map((y) => ({
							year: y.year,
							amount: formatMinorUnits(y.amount_minor, currency),
							amount_minor: y.amount_minor,
						})),
					},
		policy_status: r.policy_status as "achieved" | null,
		narrative: r.narrative,
		evidence: r.evidence,
		national_strategy:
			r.strategy_document === null
				? null
				: { document: r.strategy_document, section: r.strategy_section, url: r.strategy_url },
		version: r.version,
		created_at: r.created_at,
		updated_at: r.updated_at,
		withdrawn:
			r.withdrawn_at === null ? null : { on: r.withdrawn_at, reason: r.withdrawn_reason ?? "" },
	};
}
