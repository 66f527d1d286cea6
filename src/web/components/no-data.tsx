/**
 * No data is not zero. A group's delivered money is null when none of its promises has
 * delivery data (no report, no linked IATI activity, no official statistics): the pages
 * say "Information not available", as the original framework did, instead of "$0
 * delivered" and a gap as large as the promise. Where only part of a total has data, the
 * gap and the share delivered are over that part, and a line says how much it is.
 */
import type { PageContext } from "../context.ts";
import { components as m } from "../i18n/components.messages.ts";
import { usd } from "./group-figures.tsx";

/** What the analytics answer of a group says about its delivery data. */
export interface Coverage {
	committed: string;
	delivered: string | null;
	committed_with_data: string;
	committed_without_data: string;
	ratio: number | null;
}

export function hasDelivery(f: Pick<Coverage, "delivered">): boolean {
	return f.delivered !== null;
}

export function NotAvailable(props: { ctx: PageContext }) {
	return <span class="not-available">{props.ctx.t(m.not_available)}</span>;
}

/** "40% of the promise delivered", or of the promises with data when that is a part. */
export function DeliveredShare(props: { ctx: PageContext; figures: Coverage }) {
	const { ctx, figures: f } = props;
	if (f.ratio === null) return null;
	const partial = Number(f.committed_without_data) !== 0;
	return (
		<div class="small">
			{ctx.t(partial ? m.delivered_share_of_covered : m.delivered_share, {
				pct: ctx.fmt.percent(f.ratio),
			})}
		</div>
	);
}

/** The line under the figures when only part of the promised money has delivery data. */
export function CoverageLine(props: { ctx: PageContext; figures: Coverage }) {
	const { ctx, figures: f } = props;
	if (!hasDelivery(f) || Number(f.committed_without_data) === 0) return null;
	return (
		<p class="small coverage-line">
			{ctx.t(m.coverage_line, {
				covered: usd(ctx, f.committed_with_data),
				committed: usd(ctx, f.committed),
				missing: usd(ctx, f.committed_without_data),
			})}
		</p>
	);
}

/** An amount in US dollars, or "Information not available" when it is null. */
export function Amount(props: { ctx: PageContext; value: string | null }) {
	const { ctx, value } = props;
	return value === null ? <NotAvailable ctx={ctx} /> : usd(ctx, value);
}

/**
 * A gap in a table cell: computed over the promises with delivery data, which the cell
 * says when they are only part of the promise (a gap of $0 over $154M of $47.6B).
 */
export function GapCell(props: { ctx: PageContext; figures: Coverage & { gap: string | null } }) {
	const { ctx, figures: f } = props;
	return (
		<>
			<Amount ctx={ctx} value={f.gap} />
			{f.gap !== null && Number(f.committed_without_data) !== 0 && (
				<div class="muted small">
					{ctx.t(m.gap_over, { covered: usd(ctx, f.committed_with_data) })}
				</div>
			)}
		</>
	);
}
