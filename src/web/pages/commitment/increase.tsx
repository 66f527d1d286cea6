/**
 * An increase over a baseline year measured on official statistics: whose, of what, the
 * two years compared with their sources, the increase at the commitment's own prices, and
 * a collective's members with their own figures beside its total (as for share targets).
 */
import type { CommitmentDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import {
	providerName,
	SourceIndex,
	SourceList,
	SourceRefs,
	Value,
} from "../../components/share-parts.tsx";
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { share as sm } from "../../i18n/share.messages.ts";

type Increase = NonNullable<CommitmentDelivery["increase"]>;

const measureNames = {
	oda: cm.increase_measure_oda,
	oda_ldc: cm.increase_measure_ldc,
	oda_africa: cm.increase_measure_africa,
} as const;

export function IncreaseFigures(props: { ctx: PageContext; increase: Increase }) {
	const { ctx, increase: inc } = props;
	if (!inc.measure || !inc.provider || !inc.baseline || !inc.target) return null;
	const money = (v: string | null) => (v === null ? null : ctx.fmt.money(Number(v), "USD"));
	const provider = providerName(ctx, inc.provider, !inc.provider.collective);
	const rise = inc.increase_at_commitment_prices;
	const sources = new SourceIndex();
	const refs = [sources.numbers(inc.baseline.sources), sources.numbers(inc.target.sources)];
	const missing = ctx.t(sm.not_published);
	const heading = ctx.t(cm.increase_members_heading);
	return (
		<div class="increase-figures" id="increase-figures" data-measure={inc.measure}>
			<p>
				{ctx.t(cm.increase_figures, {
					measure: ctx.t(measureNames[inc.measure]),
					provider:
						inc.series === "own_total"
							? ctx.t(cm.increase_own_total, { provider })
							: inc.series === "sum_of_members"
								? ctx.t(cm.increase_sum, { provider })
								: provider,
					baseline: ctx.fmt.year(inc.baseline.year),
					baseline_oda: money(inc.baseline.oda) ?? "",
					target: ctx.fmt.year(inc.target.year),
					target_oda: money(inc.target.oda) ?? "",
				})}{" "}
				<SourceRefs ctx={ctx} id="increase" numbers={[...new Set(refs.flat())]} />
				{rise && (
					<strong id="increase-at-prices">
						{" "}
						{ctx.t(cm.increase_at_prices, {
							amount: money(rise.amount) ?? "",
							year: ctx.fmt.year(rise.price_base_year),
						})}
					</strong>
				)}
			</p>
			{inc.provider.collective && inc.members.length > 0 && (
				<>
					<h3 id="increase-members-heading">{heading}</h3>
					<ScrollRegion label={heading}>
						<table class="increase-members">
							<thead>
								<tr>
									<th scope="col">{ctx.t(sm.member)}</th>
									<th scope="col" class="num">
										{ctx.fmt.year(inc.baseline.year)}
									</th>
									<th scope="col" class="num">
										{ctx.fmt.year(inc.target.year)}
									</th>
									<th scope="col" class="num">
										{rise
											? ctx.t(cm.increase_col_at_prices, {
													year: ctx.fmt.year(rise.price_base_year),
												})
											: ctx.t(cm.increase_col)}
									</th>
								</tr>
							</thead>
							<tbody>
								{inc.members.map((m) => (
									<tr key={m.code}>
										<th scope="row">{providerName(ctx, m, true)}</th>
										<td class="num">
											<Value text={money(m.baseline)} missing={missing} />
										</td>
										<td class="num">
											<Value text={money(m.target)} missing={missing} />
										</td>
										<td class="num">
											<Value text={money(m.increase_at_commitment_prices)} missing={missing} />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				</>
			)}
			<SourceList ctx={ctx} id="increase-sources" index={sources} />
		</div>
	);
}
