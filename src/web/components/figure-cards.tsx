/**
 * The big figures of a total: promised, delivered (with the share), due by now where the
 * page shows it, and the gap; delivered and the gap say "Information not available" when
 * nothing in the total has delivery data (no-data.tsx). The home page, the theme pages
 * and every profile head their money with these cards.
 */
import type { PageContext } from "../context.ts";
import { components as m } from "../i18n/components.messages.ts";
import { usd } from "./group-figures.tsx";
import { Amount, type Coverage, CoverageLine, DeliveredShare } from "./no-data.tsx";

export function FigureCards(props: {
	ctx: PageContext;
	figures: Coverage & { gap: string | null; expected?: string };
}) {
	const { ctx, figures: f } = props;
	return (
		<>
			<div class="cards">
				<div class="card">
					<div class="muted">{ctx.t(m.promised)}</div>
					<div class="figure-big">{usd(ctx, f.committed)}</div>
				</div>
				<div class="card">
					<div class="muted">{ctx.t(m.delivered)}</div>
					<div class="figure-big">
						<Amount ctx={ctx} value={f.delivered} />
					</div>
					{f.delivered !== null && <DeliveredShare ctx={ctx} figures={f} />}
				</div>
				{f.expected !== undefined && (
					<div class="card">
						<div class="muted">{ctx.t(m.expected)}</div>
						<div class="figure-big">{usd(ctx, f.expected)}</div>
					</div>
				)}
				<div class="card">
					<div class="muted">{ctx.t(m.gap)}</div>
					<div class="figure-big">
						<Amount ctx={ctx} value={f.gap} />
					</div>
				</div>
			</div>
			<CoverageLine ctx={ctx} figures={f} />
		</>
	);
}
