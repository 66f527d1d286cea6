/**
 * Promised, delivered, due by now and the gap, as big figures: the headline of the home
 * page and of every profile. Amounts come from the analytics service as decimal strings
 * of US dollars.
 */
import type { PageContext } from "../context.ts";
import { components as m } from "../i18n/components.messages.ts";
import { usd } from "./group-figures.tsx";

export interface DeliveryFiguresData {
	committed: string;
	delivered: string;
	expected: string;
	gap: string;
	ratio: number | null;
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
			<div class="cards">
				<div class="card">
					<div class="muted">{ctx.t(m.promised)}</div>
					<div class="figure-big">{usd(ctx, f.committed)}</div>
				</div>
				<div class="card">
					<div class="muted">{ctx.t(m.delivered)}</div>
					<div class="figure-big">{usd(ctx, f.delivered)}</div>
					{f.ratio !== null && (
						<div class="small">{ctx.t(m.delivered_share, { pct: ctx.fmt.percent(f.ratio) })}</div>
					)}
				</div>
				<div class="card">
					<div class="muted">{ctx.t(m.expected)}</div>
					<div class="figure-big">{usd(ctx, f.expected)}</div>
				</div>
				<div class="card">
					<div class="muted">{ctx.t(m.gap)}</div>
					<div class="figure-big">{usd(ctx, f.gap)}</div>
				</div>
			</div>
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
