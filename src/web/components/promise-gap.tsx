/**
 * Promised, delivered and the gap as big figures, with where the delivered money comes
 * from (progress reports, IATI, official statistics): the headline of the home page and of
 * the MDG 8 theme pages. Honest about absence: when no source delivered anything, the
 * registry has no delivery data for these commitments, so delivered, the gap and the share
 * say "Information not available" instead of a zero and a gap as large as the promise.
 */
import type { PageContext } from "../context.ts";
import { components } from "../i18n/components.messages.ts";
import { themes as m } from "../i18n/themes.messages.ts";
import { usd } from "./group-figures.tsx";

export interface PromiseGapFigures {
	committed: string;
	delivered: string;
	gap: string;
	ratio: number | null;
	delivered_by_source: { report: string; iati: string; statistics: string } | null;
}

/**
 * Whether anything measures delivery: the aggregate cannot tell a reported zero from no
 * report at all, and a reported zero is rare, so nothing delivered reads as no data.
 */
export function hasDelivery(f: Pick<PromiseGapFigures, "delivered">): boolean {
	return Number(f.delivered) > 0;
}

export function NotAvailable(props: { ctx: PageContext }) {
	return <span class="not-available">{props.ctx.t(m.not_available)}</span>;
}

/** "Delivered according to progress reports US$1B, IATI US$0, official statistics US$3T." */
export function SourcesLine(props: {
	ctx: PageContext;
	sources: PromiseGapFigures["delivered_by_source"];
}) {
	const { ctx, sources } = props;
	if (!sources) return null;
	return (
		<p class="small sources-line">
			{ctx.t(m.by_source, {
				report: usd(ctx, sources.report),
				iati: usd(ctx, sources.iati),
				statistics: usd(ctx, sources.statistics),
			})}
		</p>
	);
}

export function PromiseGapCards(props: {
	ctx: PageContext;
	figures: PromiseGapFigures;
	label: string;
}) {
	const { ctx, figures: f } = props;
	const delivered = hasDelivery(f);
	return (
		<section class="delivery-figures promise-gap" aria-label={props.label}>
			<div class="cards">
				<div class="card">
					<div class="muted">{ctx.t(components.promised)}</div>
					<div class="figure-big">{usd(ctx, f.committed)}</div>
				</div>
				<div class="card">
					<div class="muted">{ctx.t(components.delivered)}</div>
					{delivered ? (
						<>
							<div class="figure-big">{usd(ctx, f.delivered)}</div>
							{f.ratio !== null && (
								<div class="small">
									{ctx.t(components.delivered_share, { pct: ctx.fmt.percent(f.ratio) })}
								</div>
							)}
						</>
					) : (
						<div class="figure-big">
							<NotAvailable ctx={ctx} />
						</div>
					)}
				</div>
				<div class="card">
					<div class="muted">{ctx.t(components.gap)}</div>
					<div class="figure-big">{delivered ? usd(ctx, f.gap) : <NotAvailable ctx={ctx} />}</div>
				</div>
			</div>
			{delivered && <SourcesLine ctx={ctx} sources={f.delivered_by_source} />}
		</section>
	);
}
