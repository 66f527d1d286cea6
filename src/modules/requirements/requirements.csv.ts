/** requirements.csv: one row per requirement (support required for a goal or target). */

import { oneOf, type Table } from "../../interchange/csv/table.ts";
import {
	providedSources,
	type RequirementView,
	requirementFrequencies,
	requirementScopes,
} from "./requirements.schemas.ts";

export const requirementsTable: Table<RequirementView> = {
	name: "requirements",
	row: "one estimate of the support a goal or target requires, with the gap to what was provided",
	columns: [
		{ name: "id", description: "IIF id.", value: (r) => r.id },
		{ name: "slug", description: "Its stable name in URLs.", value: (r) => r.slug },
		{ name: "title", description: "Title.", value: (r) => r.title },
		{
			name: "goal_code",
			description: "Goal: framework:code (mdg:8, sdg:3).",
			value: (r) => r.goal,
		},
		{
			name: "target_code",
			description: "Target, when narrower than the goal.",
			value: (r) => r.target,
		},
		{ name: "scope", description: oneOf(requirementScopes), value: (r) => r.scope },
		{
			name: "scope_code",
			description: "The country (ISO 3166-1 alpha-2) or region (IATI code) of the scope.",
			value: (r) => r.scope_code,
		},
		{ name: "scope_name", description: "Its English name.", value: (r) => r.scope_name },
		{
			name: "amount",
			description: "Amount required, exact decimal in major units of currency.",
			value: (r) => r.amount,
		},
		{
			name: "provided",
			description: "What the source says was provided, when it says.",
			value: (r) => r.provided,
		},
		{
			name: "currency",
			description: "ISO 4217 currency of the amounts.",
			value: (r) => r.currency,
		},
		{ name: "frequency", description: oneOf(requirementFrequencies), value: (r) => r.frequency },
		{
			name: "price_basis",
			description: "current or constant prices.",
			value: (r) => r.price_basis,
		},
		{
			name: "price_base_year",
			description: "Base year of constant prices.",
			value: (r) => r.price_base_year,
		},
		{ name: "period_start", description: "Start of the period.", value: (r) => r.period_start },
		{ name: "period_end", description: "End of the period.", value: (r) => r.period_end },
		{
			name: "usd_required_current",
			description: "The amount over the whole period in US dollars, current prices of each year.",
			value: (r) => r.usd.required.current,
		},
		{
			name: "usd_required_constant",
			description: "The same at constant prices of usd_base_year.",
			value: (r) => r.usd.required.constant,
		},
		{
			name: "usd_provided_current",
			description: "What the source says was provided, US dollars, current prices.",
			value: (r) => r.usd.provided?.current,
		},
		{
			name: "usd_provided_constant",
			description: "The same at constant prices.",
			value: (r) => r.usd.provided?.constant,
		},
		{
			name: "usd_base_year",
			description: "Base year of the constant prices.",
			value: (r) => r.usd.base_year,
		},
		{
			name: "gap_required",
			description: "The gap: required, US dollars at constant prices.",
			value: (r) => r.gap.required,
		},
		{
			name: "gap_provided",
			description: "The gap: provided, US dollars at constant prices.",
			value: (r) => r.gap.provided,
		},
		{
			name: "gap",
			description: "required - provided; negative when more was provided.",
			value: (r) => r.gap.gap,
		},
		{
			name: "gap_provided_source",
			description: `Where provided comes from. ${oneOf(providedSources)}`,
			value: (r) => r.gap.provided_source,
		},
		{
			name: "registry_delivered",
			description:
				"What the registry's public commitments for this goal and scope reported delivered in the period, constant prices.",
			value: (r) => r.gap.registry_delivered,
		},
		{ name: "conversion", description: "How the amounts converted.", value: (r) => r.conversion },
		{ name: "source_title", description: "Source of the estimate.", value: (r) => r.source_title },
		{ name: "source_url", description: "Link to the source.", value: (r) => r.source_url },
		{ name: "note", description: "Note.", value: (r) => r.note },
		{ name: "updated_at", description: "When it last changed (UTC).", value: (r) => r.updated_at },
	],
};
