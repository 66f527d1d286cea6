/**
 * IATI organisations (from organisation files): their names and their budgets and
 * expenditure, with each amount in US dollars. Saving replaces the budgets of an
 * organisation matched by identifier; loading gives back the IatiOrganisation saved.
 */
import type { Kysely, Selectable } from "kysely";
import { stakeholderOrgRefs } from "../../db/org-refs.ts";
import type { OrganisationBudgetTable, Tables } from "../../db/tables.ts";
import type {
	IatiOrganisation,
	OrganisationBudget,
} from "../../interchange/iati/activity.model.ts";
import { toConvertedCentsOrNull, toInt } from "../../lib/numbers.ts";
import { parseNarratives, type TransactionMoney } from "./iati.rows.ts";

export interface OrganisationToSave {
	organisation: IatiOrganisation;
	/** One per budget, in order. */
	money: TransactionMoney[];
}

export class IatiOrganisationRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	/** Creates or replaces an organisation; returns its id and whether it is new. */
	async save(item: OrganisationToSave, now: string): Promise<{ id: number; created: boolean }> {
		const o = item.organisation;
		const fields = {
			version: o.version,
			default_currency: o.default_currency,
			last_updated_datetime: o.last_updated_datetime,
			name_narratives: JSON.stringify(o.name),
			reporting_org_ref: o.reporting_org.ref,
			reporting_org_type: o.reporting_org.type,
			reporting_org_narratives: JSON.stringify(o.reporting_org.narratives),
			updated_at: now,
		};
		const existing = await this.db
			.selectFrom("organisation")
			.select("id")
			.where("organisation_identifier", "=", o.organisation_identifier)
			.executeTakeFirst();
		let id: number;
		if (existing) {
			id = toInt(existing.id);
			await this.db.updateTable("organisation").set(fields).where("id", "=", id).execute();
			await this.db.deleteFrom("organisation_budget").where("organisation_id", "=", id).execute();
		} else {
			const row = await this.db
				.insertInto("organisation")
				.values({ ...fields, organisation_identifier: o.organisation_identifier, created_at: now })
				.returning("id")
				.executeTakeFirstOrThrow();
			id = toInt(row.id);
		}
		const budgets = o.budgets.map((b, i) => {
			const m = item.money[i] as TransactionMoney;
			return {
				organisation_id: id,
				position: i + 1,
				kind: b.kind,
				status: b.status,
				period_start: b.period_start,
				period_end: b.period_end,
				value_minor: b.value_minor,
				value_currency: b.currency,
				currency: m.currency,
				value_date: b.value_date,
				recipient: b.recipient,
				usd_current: m.usd_current,
				usd_constant: m.usd_constant,
				conversion: m.conversion,
			};
		});
		for (let i = 0; i < budgets.length; i += 1000)
			await this.db
				.insertInto("organisation_budget")
				.values(budgets.slice(i, i + 1000))
				.execute();
		return { id, created: !existing };
	}

	async load(identifier: string): Promise<IatiOrganisation | null> {
		const row = await this.db
			.selectFrom("organisation")
			.select("id")
			.where("organisation_identifier", "=", identifier)
			.executeTakeFirst();
		if (!row) return null;
		const [found] = await this.loadMany([toInt(row.id)]);
		return found ?? null;
	}

	/** Every organisation in id order, a page at a time, for the exporter. */
	async *all(pageSize = 500): AsyncGenerator<IatiOrganisation> {
		let after = 0;
		for (;;) {
			const ids = (
				await this.db
					.selectFrom("organisation")
					.select("id")
					.where("id", ">", after)
					.orderBy("id")
					.limit(pageSize)
					.execute()
			).map((r) => toInt(r.id));
			if (ids.length === 0) return;
			yield* await this.loadMany(ids);
			after = ids[ids.length - 1] as number;
		}
	}

	private async loadMany(ids: number[]): Promise<IatiOrganisation[]> {
		const rows = await this.db
			.selectFrom("organisation")
			.selectAll()
			.where("id", "in", ids)
			.execute();
		const budgets = await this.db
			.selectFrom("organisation_budget")
			.selectAll()
			.where("organisation_id", "in", ids)
			.orderBy("organisation_id")
			.orderBy("position")
			.execute();
		const byOrg = new Map<number, Selectable<OrganisationBudgetTable>[]>();
		for (const b of budgets) {
			const list = byOrg.get(toInt(b.organisation_id)) ?? [];
			list.push(b);
			byOrg.set(toInt(b.organisation_id), list);
		}
		const byId = new Map(rows.map((r) => [toInt(r.id), r]));
		return ids.flatMap((id) => {
			const r = byId.get(id);
			if (!r) return [];
			return [
				{
					organisation_identifier: r.organisation_identifier,
					version: r.version,
					default_currency: r.default_currency,
					last_updated_datetime: r.last_updated_datetime,
					name: parseNarratives(r.name_narratives),
					reporting_org: {
						ref: r.reporting_org_ref,
						type: r.reporting_org_type,
						narratives: parseNarratives(r.reporting_org_narratives),
					},
					budgets: (byOrg.get(id) ?? []).map(
						(b): OrganisationBudget => ({
							kind: b.kind as OrganisationBudget["kind"],
							status: b.status,
							period_start: b.period_start,
							period_end: b.period_end,
							value_minor: toInt(b.value_minor),
							currency: b.value_currency,
							value_date: b.value_date,
							recipient: b.recipient,
						}),
					),
				},
			];
		});
	}

	/** Every budget with what its conversion needs: the currency that applies and the reporter's country. */
	async budgetsForConversion() {
		const rows = await this.db
			.selectFrom("organisation_budget as b")
			.innerJoin("organisation as o", "o.id", "b.organisation_id")
			.leftJoin(stakeholderOrgRefs(this.db).as("r"), "r.ref", "o.reporting_org_ref")
			.leftJoin("stakeholder as s", "s.id", "r.stakeholder_id")
			.select([
				"b.organisation_id",
				"b.position",
				"b.value_minor",
				"b.currency",
				"b.value_date",
				"b.period_start",
				"b.usd_current",
				"b.usd_constant",
				"b.conversion",
				"s.country_code as reporter_country",
			])
			.orderBy("b.organisation_id")
			.orderBy("b.position")
			.execute();
		return rows.map((r) => ({
			...r,
			organisation_id: toInt(r.organisation_id),
			value_minor: toInt(r.value_minor),
			usd_current: toConvertedCentsOrNull(r.usd_current),
			usd_constant: toConvertedCentsOrNull(r.usd_constant),
			reporter_country: r.reporter_country ?? null,
		}));
	}

	async setBudgetUsd(
		organisationId: number,
		position: number,
		v: { usd_current: number | null; usd_constant: number | null; conversion: string },
	): Promise<void> {
		await this.db
			.updateTable("organisation_budget")
			.set(v)
			.where("organisation_id", "=", organisationId)
			.where("position", "=", position)
			.execute();
	}

	/** What the organisation's budgets come to in US dollars, for checks and reports. */
	async budgetUsd(identifier: string) {
		const rows = await this.db
			.selectFrom("organisation_budget as b")
			.innerJoin("organisation as o", "o.id", "b.organisation_id")
			.select(["b.kind", "b.position", "b.usd_current", "b.usd_constant", "b.conversion"])
			.where("o.organisation_identifier", "=", identifier)
			.orderBy("b.position")
			.execute();
		return rows.map((r) => ({
			kind: r.kind,
			usd_current: toConvertedCentsOrNull(r.usd_current),
			usd_constant: toConvertedCentsOrNull(r.usd_constant),
			conversion: r.conversion,
		}));
	}
}
