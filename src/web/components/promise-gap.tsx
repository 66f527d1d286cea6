/**
 * Promised, delivered and the gap as big figures, with where the delivered money comes
 * from (progress reports, IATI, official statistics): the headline of the home page and of
 * the MDG 8 theme pages. No data is not zero (no-data.tsx): without delivery data,
 * delivered and the gap say "Information not available".
 */
import type { PageContext } from "../context.ts";
import { themes as m } from "../i18n/themes.messages.ts";
import { FigureCards } from "./figure-cards.tsx";
import { usd } from "./group-figures.tsx";
import { type Coverage, hasDelivery } from "./no-data.tsx";

export interface PromiseGapFigures extends Coverage {
	gap: string | null;
	delivered_by_source: { report: string; iati: string; statistics: string } | null;
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
	return (
		<section class="delivery-figures promise-gap" aria-label={props.label}>
			{/* No "due by now" here: these pages compare promise and delivery only. */}
			<FigureCards ctx={ctx} figures={{ ...f, expected: undefined }} />
			{hasDelivery(f) && <SourcesLine ctx={ctx} sources={f.delivered_by_source} />}
		</section>
	);
}
