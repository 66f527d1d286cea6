/**
 * Requirements: what a documented source says a goal or target needs, set beside what
 * was provided so the gap shows. Money is put in US dollars when written (as commitments
 * are), so the gap is a difference of two figures on one price basis: constant prices of
 * the analytics base year. What was provided is the source's own figure when it gives
 * one, else what the registry's commitments for that goal and scope delivered.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../lib/actor.ts";
import { type Batches, mapBatches, offsetBatches } from "../../lib/batches.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { parseRecordRef, slugify } from "../../lib/ids.ts";
import { formatMinorUnits, toMinorUnits } from "../../lib/money.ts";
import { parseInput } from "../../lib/validation.ts";
import { type ConversionStatus, Converter } from "../analytics/conversion.ts";
import { storedBaseYear } from "../analytics/delivery.refresh.ts";
import { recordAudit } from "../audit/audit.record.ts";
import {
	normalizeGoalCode,
	normalizeRecipient,
	normalizeTargetCode,
} from "../commitments/commitments.filters.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { requirementUsd } from "./requirements.conversion.ts";
import { requirementPolicy } from "./requirements.policy.ts";
import {
	type RegistryDelivered,
	type RequirementInsert,
	type RequirementRecord,
	RequirementRepository,
} from "./requirements.repository.ts";
import {
	type RequirementData,
	type RequirementList,
	type RequirementListQuery,
	type RequirementView,
	requirementInput,
} from "./requirements.schemas.ts";

const usd = (cents: number | null) => (cents === null ? null : formatMinorUnits(cents, "USD"));

/** Plain words for a conversion that is not ok, so a null is never read as zero. */
export function conversionNote(status: ConversionStatus, currency: string): string | null {
	switch (status) {
		case "ok":
			return null;
		case "provisional":
			return "converted with the last exchange rate or deflator the tables hold, carried forward to later years: the US dollar figures may change when the tables are updated";
		case "no_rate":
			return `not converted: no exchange rate or deflator for ${currency} in a year of the period (or the price base year), so the US dollar figures and the gap are unknown, not zero`;
		default:
			return `not converted (${status}): the US dollar figures and the gap are unknown, not zero`;
	}
}

export class RequirementService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	/** The secretariat (or the operator's CLI) records a requirement from a documented source. */
	async create(input: unknown, actor: Actor): Promise<RequirementView> {
		if (!requirementPolicy.create(actor))
			throw new AppError(
				"forbidden",
				"only the secretariat records requirements: they are reference figures from documented sources",
			);
		const data = parseInput(requirementInput, input);
		return this.db.transaction().execute(async (trx) => {
			const repo = new RequirementRepository(trx);
			if (data.slug && (await repo.slugTaken(data.slug)))
				throw new AppError("conflict", `a requirement with slug '${data.slug}' exists already`, {
					fields: [{ name: "slug", message: "is taken" }],
				});
			const slug = data.slug ?? (await this.freeSlug(repo, slugify(data.title)));
			const resolved = await this.resolve(trx, data);
			const money = requirementUsd(new Converter(await storedBaseYear(trx)), resolved);
			const now = nowIso();
			const row: RequirementInsert = {
				...resolved,
				slug,
				title: data.title,
				source_title: data.source_title,
				source_url: data.source_url ?? null,
				note: data.note ?? null,
				...money,
				created_at: now,
				updated_at: now,
			};
			const id = await repo.insert(row);
			await recordAudit(trx, actor, {
				action: "requirement.create",
				objectId: id,
				after: { id, ...row },
			});
			const stored = await repo.find({ id });
			if (!stored) throw new AppError("internal", `requirement ${id} vanished while being written`);
			const [view] = await this.views(trx, [stored]);
			return view as RequirementView;
		});
	}

	async list(query: RequirementListQuery): Promise<RequirementList> {
		const repo = new RequirementRepository(this.db);
		const filter = {
			goals: query.goal?.map(normalizeGoalCode),
			targets: query.target?.map(normalizeTargetCode),
			scopes: query.scope,
			recipients: query.recipient?.map(normalizeRecipient),
		};
		const [total, rows] = await Promise.all([
			repo.count(filter),
			repo.page(filter, (query.page - 1) * query.limit, query.limit),
		]);
		return {
			items: await this.views(this.db, rows),
			total,
			page: query.page,
			limit: query.limit,
		};
	}

	/** The whole selection of the list, in its order, a batch at a time (format=csv|json, the dump). */
	async exportBatches(
		query: Omit<RequirementListQuery, "page" | "limit">,
	): Promise<Batches<RequirementView>> {
		const repo = new RequirementRepository(this.db);
		const filter = {
			goals: query.goal?.map(normalizeGoalCode),
			targets: query.target?.map(normalizeTargetCode),
			scopes: query.scope,
			recipients: query.recipient?.map(normalizeRecipient),
		};
		return mapBatches(
			offsetBatches((offset, limit) => repo.page(filter, offset, limit)),
			(rows) => this.views(this.db, rows),
		);
	}

	/** One requirement, by id or slug. */
	async get(refText: string): Promise<RequirementView> {
		const ref = parseRecordRef(refText);
		if (!ref) throw AppError.invalid("id", `'${refText}' is not a requirement id or slug`);
		const found = await new RequirementRepository(this.db).find(ref);
		if (!found) throw AppError.notFound("requirement", refText);
		const [view] = await this.views(this.db, [found]);
		return view as RequirementView;
	}

	/** Checks every reference against the database and reports all problems at once. */
	private async resolve(db: Kysely<Tables>, d: RequirementData) {
		const problems: FieldProblem[] = [];
		const problem = (name: string, message: string) =>
			problems.push({ name, message: `${name}: ${message}` });
		const reference = new ReferenceRepository(db);

		const goal = normalizeGoalCode(d.goal);
		if (!(await reference.existingGoals([goal])).has(goal))
			problem("goal", `goal '${goal}' does not exist`);
		const target = d.target ? normalizeTargetCode(d.target) : null;
		if (target) {
			const goalOfTarget = (await reference.targetGoals([target])).get(target);
			if (goalOfTarget === undefined) problem("target", `target '${target}' does not exist`);
			else if (goalOfTarget !== goal)
				problem("target", `target '${target}' belongs to goal '${goalOfTarget}', not '${goal}'`);
		}

		let scopeCode: string | null = null;
		if (d.scope !== "global" && d.scope_code) {
			scopeCode = d.scope === "country" ? d.scope_code.toUpperCase() : d.scope_code;
			const list = d.scope === "country" ? "Country" : "Region";
			if (!(await reference.existingCodes(list, [scopeCode])).has(scopeCode))
				problem(
					"scope_code",
					d.scope === "country"
						? `'${scopeCode}' is not an ISO 3166-1 alpha-2 country code`
						: `'${scopeCode}' is not an IATI Region code`,
				);
		}

		let amountMinor = 0;
		let providedMinor: number | null = null;
		if (!(await reference.existingCodes("Currency", [d.currency])).has(d.currency))
			problem("currency", `'${d.currency}' is not an ISO 4217 currency`);
		else {
			const exact = (value: string, field: string): number | null => {
				try {
					return toMinorUnits(value, d.currency, field);
				} catch (e) {
					if (!(e instanceof AppError)) throw e;
					problems.push(...e.fields);
					return null;
				}
			};
			amountMinor = exact(d.amount, "amount") ?? 0;
			providedMinor = d.provided == null ? null : exact(d.provided, "provided");
		}

		if (problems.length)
			throw new AppError("invalid_input", problems.map((p) => p.message).join("; "), {
				fields: problems,
			});
		return {
			goal_id: goal,
			target_id: target,
			scope: d.scope,
			scope_code: scopeCode,
			amount_minor: amountMinor,
			provided_minor: providedMinor,
			currency: d.currency,
			frequency: d.frequency,
			price_basis: d.price_basis,
			price_base_year: d.price_basis === "constant" ? (d.price_base_year ?? null) : null,
			period_start: d.period_start,
			period_end: d.period_end,
		};
	}

	/** The answer for stored requirements: exact amounts, US dollars, and the gap. */
	private async views(db: Kysely<Tables>, rows: RequirementRecord[]): Promise<RequirementView[]> {
		if (rows.length === 0) return [];
		const repo = new RequirementRepository(db);
		const baseYear = await storedBaseYear(db);
		const names = await repo.scopeNames(
			rows.flatMap((r) => (r.scope_code ? [{ scope: r.scope, code: r.scope_code }] : [])),
		);
		const registry = await Promise.all(
			rows.map((r) =>
				repo.registryDelivered({
					dim: r.target_id ? "target" : "goal",
					key: r.target_id ?? r.goal_id,
					recipient: r.scope === "global" ? null : `${r.scope}:${r.scope_code}`,
					fromYear: Number(r.period_start.slice(0, 4)),
					toYear: Number(r.period_end.slice(0, 4)),
				}),
			),
		);
		return rows.map((r, i) => view(r, baseYear, registry[i] as RegistryDelivered, names));
	}

	private async freeSlug(repo: RequirementRepository, base: string): Promise<string> {
		for (let n = 1; ; n++) {
			const candidate = n === 1 ? base : `${base}-${n}`;
			if (!(await repo.slugTaken(candidate))) return candidate;
		}
	}
}

function view(
	r: RequirementRecord,
	baseYear: number,
	registry: RegistryDelivered,
	names: Map<string, string>,
): RequirementView {
	const fromSource = r.provided_minor !== null;
	const provided = fromSource ? r.provided_constant : registry.constant;
	const gap =
		r.required_constant !== null && provided !== null ? r.required_constant - provided : null;
	return {
		id: r.id,
		slug: r.slug,
		title: r.title,
		goal: r.goal_id,
		target: r.target_id,
		scope: r.scope,
		scope_code: r.scope_code,
		scope_name: r.scope_code ? (names.get(`${r.scope}:${r.scope_code}`) ?? null) : null,
		amount: formatMinorUnits(r.amount_minor, r.currency),
		provided: r.provided_minor === null ? null : formatMinorUnits(r.provided_minor, r.currency),
		currency: r.currency,
		frequency: r.frequency,
		price_basis: r.price_basis,
		price_base_year: r.price_base_year,
		period_start: r.period_start,
		period_end: r.period_end,
		source_title: r.source_title,
		source_url: r.source_url,
		note: r.note,
		conversion: r.conversion,
		conversion_note: conversionNote(r.conversion, r.currency),
		usd: {
			base_year: baseYear,
			required: { current: usd(r.required_current), constant: usd(r.required_constant) },
			provided: fromSource
				? { current: usd(r.provided_current), constant: usd(r.provided_constant) }
				: null,
		},
		gap: {
			basis: "constant",
			base_year: baseYear,
			required: usd(r.required_constant),
			provided: usd(provided),
			gap: usd(gap),
			provided_source: fromSource ? "source" : "registry",
			registry_delivered: formatMinorUnits(registry.constant, "USD"),
		},
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}
