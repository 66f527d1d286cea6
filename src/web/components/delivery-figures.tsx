/**
 * Promised, delivered, due by now and the gap, as big figures: the headline of the home
 * page and of every profile. Amounts come from the analytics service as decimal strings
 * of US dollars; no data is not zero (no-data.tsx).
 */
import type { PageContext } from "../context.ts";
import { components as m } from "../i18n/components.messages.ts";
import { FigureCards } from "./figure-cards.tsx";
import type { Coverage } from "./no-data.tsx";

export interface DeliveryFiguresData extends Coverage {
	expected: string;
	gap: string | null;
	as_of: string;
	price_basis: { base_year: number | null };
	counts?: Record<string, number>;
}

export function DeliveryFigures(props: {
	ctx: PageContext;
	figures: DeliveryFiguresData;
	heading?: string;
}) {
	const { ctx, figures: f } = props;
	const counts = f.counts;
	const others = counts
		? (counts.reaffirmation ?? 0) +
			(counts.part ?? 0) +
			(counts.overlap ?? 0) +
			(counts.superseded ?? 0)
		: 0;
	return (
		<section class="delivery-figures" aria-label={props.heading}>
			<FigureCards ctx={ctx} figures={f} />
			<p class="muted small">
				{ctx.t(m.basis_constant, {
					year: f.price_basis.base_year ?? "—",
					date: ctx.fmt.date(f.as_of),
				})}
				{counts && (
					<>
						{" "}
						{ctx.t(m.counts_line, {
							counted: ctx.fmt.number(counts.counted ?? 0),
							other: ctx.fmt.number(others),
						})}
					</>
				)}
				{counts && (counts.unconverted ?? 0) > 0 && (
					<> {ctx.t(m.unconverted_line, { n: ctx.fmt.number(counts.unconverted ?? 0) })}</>
				)}
			</p>
		</section>
	);
}
