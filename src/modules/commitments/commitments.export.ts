/** A commitment as a flat export sees it: the list item, and the terms and names a spreadsheet wants beside it. */
import type { CommitmentExportParts, DeliveryFigures } from "./commitments.export.repository.ts";
import type { CommitmentRow } from "./commitments.repository.ts";
import type { CommitmentListItem } from "./commitments.schemas.ts";

export interface CommitmentExport {
	/** Exactly the list item of GET /api/v1/commitments: the JSON form. */
	item: CommitmentListItem;
	text: string;
	text_kind: string;
	/** For a verbatim text: the title of the source it quotes, and where. */
	quote: { source: string | null; locator: string } | null;
	goals: { code: string; title: string | null }[];
	targets: { code: string; title: string | null }[];
	sectors: { code: string; name: string | null }[];
	sources: { title: string; url: string | null; document_symbol: string | null }[];
	terms: {
		frequency: string | null;
		increase_over_year: number | null;
		price_basis: string | null;
		price_base_year: number | null;
		period_start: string | null;
		period_end: string | null;
		additionality: string | null;
		statistics_provider: string | null;
		statistics_reason: string | null;
		note: string | null;
	};
	policy: { target: string | null; baseline: string | null; deadline: string | null };
	delivery: DeliveryFigures | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
	status_reason: string | null;
}

export function commitmentExport(
	row: CommitmentRow,
	item: CommitmentListItem,
	parts: CommitmentExportParts,
): CommitmentExport {
	const id = item.id;
	return {
		item,
		text: row.text,
		text_kind: row.text_kind,
		quote:
			row.quote_locator === null
				? null
				: {
						source: (parts.sources.get(id) ?? [])[Number(row.quote_source)]?.title ?? null,
						locator: row.quote_locator,
					},
		goals: item.goals.map((code) => ({ code, title: parts.goals.get(code) ?? null })),
		targets: item.targets.map((code) => ({ code, title: parts.targets.get(code) ?? null })),
		sectors: parts.sectors.get(id) ?? [],
		sources: parts.sources.get(id) ?? [],
		terms: {
			frequency: row.amount_frequency,
			increase_over_year: row.increase_over_year === null ? null : Number(row.increase_over_year),
			price_basis: row.price_basis,
			price_base_year: row.price_base_year === null ? null : Number(row.price_base_year),
			period_start: row.period_start,
			period_end: row.period_end,
			additionality: row.kind === "policy" ? null : row.additionality,
			statistics_provider: row.statistics_provider,
			statistics_reason: row.statistics_reason,
			note: row.financial_note,
		},
		policy: {
			target: row.policy_target,
			baseline: row.policy_baseline,
			deadline: row.policy_deadline,
		},
		delivery: parts.delivery.get(id) ?? null,
		created_at: row.created_at,
		updated_at: row.updated_at,
		published_at: row.published_at,
		status_reason: row.status_reason,
	};
}
