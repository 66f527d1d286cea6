/** A table of commitments, the same on the explorer, home and every profile page. */
import type { CommitmentListItem } from "../../modules/commitments/commitments.schemas.ts";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { components as m } from "../i18n/components.messages.ts";
import { commitmentKindNames } from "../i18n/enums.messages.ts";
import { DeliveryStatusBadge } from "./delivery-status.tsx";
import { Amount } from "./no-data.tsx";
import { ScrollRegion } from "./scroll-region.tsx";
import { type NamedStakeholder, stakeholderName } from "./stakeholder-name.tsx";

/** The amount as promised, in its own currency, or the share of GNI. */
export function promisedAmount(
	ctx: PageContext,
	item: Pick<CommitmentListItem, "amount" | "currency" | "gni_share">,
): string {
	if (item.amount !== null && item.currency !== null)
		return ctx.fmt.moneyCompact(Number(item.amount), item.currency);
	if (item.gni_share) {
		const { min, max } = item.gni_share;
		const share =
			min === max ? ctx.fmt.number(min) : `${ctx.fmt.number(min)}–${ctx.fmt.number(max)}`;
		return ctx.t(m.gni_share, { share });
	}
	return "";
}

export function makerNames(ctx: PageContext, makers: NamedStakeholder[]): string {
	const name = (x: NamedStakeholder) => stakeholderName(ctx, x).text;
	if (makers.length <= 4) return makers.map(name).join(", ");
	return ctx.t(m.and_more, {
		names: makers.slice(0, 3).map(name).join(", "),
		n: makers.length - 3,
	});
}

export function CommitmentTable(props: {
	ctx: PageContext;
	items: CommitmentListItem[];
	caption?: string;
}) {
	const { ctx, items } = props;
	if (items.length === 0) return <p class="muted">{ctx.t(m.no_commitments)}</p>;
	return (
		<ScrollRegion label={props.caption ?? ctx.t(common.commitment)}>
			<table class="commitments">
				{props.caption && <caption class="muted">{props.caption}</caption>}
				<thead>
					<tr>
						<th scope="col">{ctx.t(m.col_announced)}</th>
						<th scope="col">{ctx.t(common.commitment)}</th>
						<th scope="col">{ctx.t(m.col_makers)}</th>
						<th scope="col">{ctx.t(common.forum)}</th>
						<th scope="col">{ctx.t(common.goals)}</th>
						<th scope="col" class="num">
							{ctx.t(common.amount)}
						</th>
						<th scope="col" class="num">
							{ctx.t(m.delivered)} <span class="small muted">(US$)</span>
						</th>
						<th scope="col" class="num">
							{ctx.t(m.gap)} <span class="small muted">(US$)</span>
						</th>
						<th scope="col">{ctx.t(m.col_delivery_status)}</th>
					</tr>
				</thead>
				<tbody>
					{items.map((c) => (
						<tr key={c.id}>
							<td class="nowrap">{ctx.fmt.date(c.announced_on)}</td>
							<td>
								<a href={ctx.href(`/commitments/${c.slug}`)} dir="auto">
									{c.title}
								</a>
								<div class="muted small">{ctx.t(commitmentKindNames[c.kind])}</div>
							</td>
							<td dir="auto">{makerNames(ctx, c.makers)}</td>
							<td dir="auto">
								{c.forum ? <a href={ctx.href(`/forums/${c.forum.slug}`)}>{c.forum.name}</a> : "—"}
							</td>
							<td>
								{c.goals.map((g) => (
									<a
										key={g}
										class="goal-chip"
										href={ctx.href(`/goals/${g}`)}
										title={ctx.goalTitle(g)}
									>
										{g.toUpperCase().replace(":", " ")}
									</a>
								))}
							</td>
							<td class="num">{promisedAmount(ctx, c)}</td>
							<td class="num">
								{c.delivery ? <Amount ctx={ctx} value={c.delivery.delivered_usd} /> : "—"}
							</td>
							<td class="num">
								{c.delivery ? <Amount ctx={ctx} value={c.delivery.gap_usd} /> : "—"}
							</td>
							<td>
								{c.delivery ? <DeliveryStatusBadge ctx={ctx} status={c.delivery.status} /> : "—"}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	);
}
