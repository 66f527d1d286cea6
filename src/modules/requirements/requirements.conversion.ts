/**
 * A requirement's money in US dollars, by the rules commitments follow (conversion.ts,
 * schedule.ts): the amount is spread over the years of its period, each year's part
 * converted at that year's rate and moved to the base year with the DAC total deflator
 * (a requirement has no donor), and the parts summed. One part that cannot be converted
 * leaves the whole sum unknown: a partial sum would read as a smaller need.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import {
	type ConversionStatus,
	type Converter,
	type PriceBasis,
	totalDac,
	worseStatus,
} from "../analytics/conversion.ts";
import { scheduleShares, splitAmount } from "../analytics/schedule.ts";
import { RequirementRepository } from "./requirements.repository.ts";

export interface RequirementMoneyTerms {
	amount_minor: number;
	provided_minor: number | null;
	currency: string;
	frequency: "annual" | "total";
	price_basis: "current" | "constant";
	price_base_year: number | null;
	period_start: string;
	period_end: string;
}

export interface RequirementUsd {
	required_current: number | null;
	required_constant: number | null;
	provided_current: number | null;
	provided_constant: number | null;
	conversion: ConversionStatus;
}

const converted = (s: ConversionStatus) => s === "ok" || s === "provisional";

function toUsd(
	converter: Converter,
	minor: number,
	t: RequirementMoneyTerms,
): { current: number | null; constant: number | null; status: ConversionStatus } {
	const shares = scheduleShares({
		frequency: t.frequency,
		periodStart: t.period_start,
		periodEnd: t.period_end,
		announcedOn: null,
	});
	if (shares.length === 0) return { current: null, constant: null, status: "no_year" };
	const basis: PriceBasis =
		t.price_basis === "constant" && t.price_base_year !== null
			? { basis: "constant", baseYear: t.price_base_year }
			: { basis: "current" };
	let status: ConversionStatus = "ok";
	let current = 0;
	let constant = 0;
	for (const part of splitAmount(minor, shares)) {
		const v = converter.toUsd(part.minor, t.currency, part.year, totalDac, basis);
		status = worseStatus(status, v.status);
		current += v.current ?? 0;
		constant += v.constant ?? 0;
	}
	return converted(status)
		? { current, constant, status }
		: { current: null, constant: null, status };
}

/** Both amounts of a requirement in US cents; the status is the worse of the two. */
export function requirementUsd(converter: Converter, t: RequirementMoneyTerms): RequirementUsd {
	const required = toUsd(converter, t.amount_minor, t);
	const provided = t.provided_minor === null ? null : toUsd(converter, t.provided_minor, t);
	return {
		required_current: required.current,
		required_constant: required.constant,
		provided_current: provided?.current ?? null,
		provided_constant: provided?.constant ?? null,
		conversion: provided ? worseStatus(required.status, provided.status) : required.status,
	};
}

/**
 * Converts every stored requirement again, for a new base year or new rate tables (called
 * by the analytics rebuild, inside its transaction). Returns how many were converted.
 */
export async function convertRequirements(
	db: Kysely<Tables>,
	converter: Converter,
): Promise<number> {
	const repo = new RequirementRepository(db);
	const all = await repo.moneyTerms();
	for (const r of all) await repo.setUsd(r.id, requirementUsd(converter, r));
	return all.length;
}
