/** commitments.csv: one row per commitment. */

import { type Column, joined, oneOf, type Table, usd } from "../../interchange/csv/table.ts";
import { conversionStatuses } from "../analytics/conversion.ts";
import { countReasons } from "../analytics/roots.ts";
import type { CommitmentExport } from "./commitments.export.ts";
import { commitmentKinds, forumKinds, publicStatuses, textKinds } from "./commitments.schemas.ts";

type C = Column<CommitmentExport>;

const columns: C[] = [
	{ name: "id", description: "IIF id of the commitment.", value: (r) => r.item.id },
	{ name: "slug", description: "Its stable name in URLs.", value: (r) => r.item.slug },
	{ name: "title", description: "Title.", value: (r) => r.item.title },
	{
		name: "kind",
		description: oneOf(commitmentKinds),
		value: (r) => r.item.kind,
	},
	{
		name: "status",
		description: `${oneOf(publicStatuses)} Drafts and submissions are never exported.`,
		value: (r) => r.item.status,
	},
	{
		name: "version",
		description: "Version number of the current text.",
		value: (r) => r.item.version,
	},
	{
		name: "announced_on",
		description: "Date announced (YYYY-MM-DD).",
		value: (r) => r.item.announced_on,
	},
	{
		name: "forum_id",
		description: "Forum where it was made: IIF id.",
		value: (r) => r.item.forum?.id,
	},
	{ name: "forum_slug", description: "Forum: slug.", value: (r) => r.item.forum?.slug },
	{ name: "forum_name", description: "Forum: name.", value: (r) => r.item.forum?.name },
	{
		name: "forum_kind",
		description: `Forum: kind. ${oneOf(forumKinds)}`,
		value: (r) => r.item.forum?.kind,
	},
	{
		name: "maker_ids",
		description: 'Makers (stakeholders who made it): IIF ids, separated by "; ".',
		value: (r) => joined(r.item.makers.map((m) => m.id)),
	},
	{
		name: "maker_names",
		description: "Makers: names, in the same order as maker_ids.",
		value: (r) => joined(r.item.makers.map((m) => m.name)),
	},
	{
		name: "goal_codes",
		description: 'Goals served: framework:code (mdg:8, sdg:3), separated by "; ".',
		value: (r) => joined(r.goals.map((g) => g.code)),
	},
	{
		name: "goal_titles",
		description: "Goals: English titles, in the same order as goal_codes.",
		value: (r) => joined(r.goals.map((g) => g.title)),
	},
	{
		name: "target_codes",
		description: "Targets served: framework:code (mdg:8.B, sdg:3.b).",
		value: (r) => joined(r.targets.map((t) => t.code)),
	},
	{
		name: "target_titles",
		description: "Targets: English titles, in the same order as target_codes.",
		value: (r) => joined(r.targets.map((t) => t.title)),
	},
	{
		name: "recipient_kinds",
		description: "Recipients: kind of each (country, region, group, global).",
		value: (r) => joined(r.item.recipients.map((x) => x.kind)),
	},
	{
		name: "recipient_codes",
		description:
			"Recipients: ISO 3166-1 alpha-2 country, IATI region code or group code (LDC, SIDS ...); global for a global recipient. Same order as recipient_kinds.",
		value: (r) => joined(r.item.recipients.map((x) => x.code ?? "global")),
	},
	{
		name: "recipient_names",
		description: "Recipients: English names, same order.",
		value: (r) => joined(r.item.recipients.map((x) => x.name)),
	},
	{
		name: "sector_codes",
		description: "OECD DAC sectors: 5-digit purpose or 3-digit category codes.",
		value: (r) => joined(r.sectors.map((s) => s.code)),
	},
	{
		name: "sector_names",
		description: "Sectors: English names, same order.",
		value: (r) => joined(r.sectors.map((s) => s.name)),
	},
	{
		name: "amount",
		description: "Amount promised, exact decimal in major units of currency (empty without one).",
		value: (r) => r.item.amount,
	},
	{ name: "currency", description: "ISO 4217 currency of amount.", value: (r) => r.item.currency },
	{
		name: "amount_minor",
		description: "The same amount as a whole number of minor units (cents).",
		value: (r) => r.item.amount_minor,
	},
	{
		name: "frequency",
		description: "annual (the amount each year) or total (over the period).",
		value: (r) => r.terms.frequency,
	},
	{
		name: "increase_over_year",
		description: "When the amount is an increase: the year it is measured from.",
		value: (r) => r.terms.increase_over_year,
	},
	{
		name: "price_basis",
		description: "current or constant prices, as stated.",
		value: (r) => r.terms.price_basis,
	},
	{
		name: "price_base_year",
		description: "Base year of constant prices.",
		value: (r) => r.terms.price_base_year,
	},
	{
		name: "period_start",
		description: "Start of the period covered.",
		value: (r) => r.terms.period_start,
	},
	{
		name: "period_end",
		description: "End of the period covered.",
		value: (r) => r.terms.period_end,
	},
	{
		name: "additionality",
		description: "new, reaffirmed or unspecified money.",
		value: (r) => r.terms.additionality,
	},
	{
		name: "gni_share_min",
		description: "A promise stated as a share of gross national income, in percent: lower end.",
		value: (r) => r.item.gni_share?.min,
	},
	{
		name: "gni_share_max",
		description: "Share of GNI: upper end (equal to the lower end for a single figure).",
		value: (r) => r.item.gni_share?.max,
	},
	{
		name: "statistics_provider",
		description:
			"Whose official statistics measure it when its makers' own do not fit (DAC: the DAC countries as a whole); empty: its makers' own.",
		value: (r) => r.terms.statistics_provider,
	},
	{
		name: "statistics_reason",
		description: "Why that provider's statistics measure it.",
		value: (r) => r.terms.statistics_reason,
	},
	{
		name: "financial_note",
		description: "Note on the financial terms.",
		value: (r) => r.terms.note,
	},
	{
		name: "policy_target",
		description: "Measurable policy target.",
		value: (r) => r.policy.target,
	},
	{
		name: "policy_baseline",
		description: "Policy baseline.",
		value: (r) => r.policy.baseline,
	},
	{
		name: "policy_deadline",
		description: "Deadline of the policy target.",
		value: (r) => r.policy.deadline,
	},
	{
		name: "usd_committed_current",
		description:
			"The amount in US dollars at current prices, as IIF normalises it (see docs/methodology.md); empty when it could not be converted.",
		value: (r) => usd(r.delivery?.committed_current),
	},
	{
		name: "usd_committed_constant",
		description: "The amount in US dollars at constant prices of IIF's base year.",
		value: (r) => usd(r.delivery?.committed_constant),
	},
	{
		name: "usd_delivered_current",
		description:
			"Delivered so far (progress reports and linked IATI disbursements), US dollars at current prices.",
		value: (r) => usd(r.delivery?.delivered_current),
	},
	{
		name: "usd_delivered_constant",
		description: "Delivered so far, US dollars at constant prices of the base year.",
		value: (r) => usd(r.delivery?.delivered_constant),
	},
	{
		name: "usd_conversion",
		description: `How the amount converted to US dollars. ${oneOf(conversionStatuses)}`,
		value: (r) => r.delivery?.conversion,
	},
	{
		name: "counted_as",
		description: `How it counts in totals: counted, or why its money adds nothing of its own. ${oneOf(countReasons.filter((r) => r !== "not_public"))}`,
		value: (r) => r.delivery?.reason,
	},
	{
		name: "source_titles",
		description: "Source documents: titles.",
		value: (r) => joined(r.sources.map((s) => s.title)),
	},
	{
		name: "source_symbols",
		description: "Source documents: UN document symbols (A/RES/65/1), same order.",
		value: (r) => joined(r.sources.map((s) => s.document_symbol)),
	},
	{
		name: "source_urls",
		description: "Source documents: links, same order.",
		value: (r) => joined(r.sources.map((s) => s.url)),
	},
	{
		name: "status_reason",
		description: "Why it was completed or withdrawn.",
		value: (r) => r.status_reason,
	},
	{
		name: "origin",
		description: "How it was recorded: user, demo or import.",
		value: (r) => r.item.origin,
	},
	{
		name: "published_at",
		description: "When it was first published (UTC).",
		value: (r) => r.published_at,
	},
	{ name: "updated_at", description: "When it last changed (UTC).", value: (r) => r.updated_at },
	{
		name: "text_kind",
		description: `${oneOf(textKinds)} verbatim: the text is its source's own words; summary: our words.`,
		value: (r) => r.text_kind,
	},
	{
		name: "quote_source",
		description: "For a verbatim text: the title of the source it quotes.",
		value: (r) => r.quote?.source,
	},
	{
		name: "quote_locator",
		description: "For a verbatim text: where the words are in it (para. 42, p. 3 ...).",
		value: (r) => r.quote?.locator,
	},
	{
		name: "text",
		description: "The text of the commitment: its source's words or a summary (text_kind).",
		value: (r) => r.text,
	},
];

export const commitmentsTable: Table<CommitmentExport> = {
	name: "commitments",
	row: "one public commitment (published, completed or withdrawn)",
	columns,
};
