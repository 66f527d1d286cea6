/**
 * The money: the amount as stated (currency, frequency, period, price basis, new or
 * reaffirmed, share of GNI) and the same in US dollars at current and constant prices of
 * the base year, as the delivery figures give them, with how (or why not) it converted.
 */
import type { CommitmentDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import { NotAvailable } from "../../components/no-data.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { cm, conversionNames } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import { components } from "../../i18n/components.messages.ts";
import { additionalityNames, flowTypeNames } from "../../i18n/enums.messages.ts";
import { labelled } from "./names.ts";

export function periodText(ctx: PageContext, start: string | null, end: string | null): string {
	const from = start ? ctx.fmt.date(start) : null;
	const to = end ? ctx.fmt.date(end) : null;
	if (from && to) return ctx.t(cm.period_range, { from, to });
	if (from) return ctx.t(cm.period_from, { from });
	if (to) return ctx.t(cm.period_until, { to });
	return "—";
}

export function gniText(ctx: PageContext, min: number, max: number): string {
	const share = min === max ? ctx.fmt.number(min) : `${ctx.fmt.number(min)}–${ctx.fmt.number(max)}`;
	return ctx.t(cm.gni_value, { share });
}

const usd = (ctx: PageContext, value: string | null | undefined) =>
	value === null || value === undefined ? "—" : ctx.fmt.money(Number(value), "USD");

export function MoneySection(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	delivery: CommitmentDelivery;
}) {
	const { ctx, detail, delivery: dl } = props;
	const f = detail.financial;
	const additionality = {
		new: additionalityNames.new,
		reaffirmed: additionalityNames.reaffirmed,
		unspecified: additionalityNames.unspecified,
	};
	const hasAmount = f?.amount !== null && f?.amount !== undefined && f.currency !== null;
	// No data is not zero: a commitment nothing reported on says so, not "$0 delivered".
	const hasData =
		dl.share !== null ||
		dl.series.some((y) => y.source !== null) ||
		Number(dl.delivered.constant) !== 0 ||
		Number(dl.delivered.current) !== 0;
	const delivered = (amount: string) => (hasData ? usd(ctx, amount) : <NotAvailable ctx={ctx} />);
	const carriesOthers =
		dl.delivered.constant !== dl.delivered_own.constant ||
		dl.delivered.current !== dl.delivered_own.current;
	return (
		<section id="money" aria-labelledby="money-heading">
			<h2 id="money-heading">{ctx.t(cm.money_heading)}</h2>
			{!f ? (
				<p>{ctx.t(cm.no_money)}</p>
			) : (
				<>
					<h3>{ctx.t(cm.as_stated)}</h3>
					<dl class="facts money-facts">
						{hasAmount && (
							<>
								<dt>{ctx.t(common.amount)}</dt>
								<dd>
									<strong class="amount-original">
										{ctx.fmt.money(Number(f.amount), f.currency as string)}
									</strong>{" "}
									<span class="muted small">({f.currency})</span>
									{f.increase_over_year !== null && (
										<div class="small">
											{ctx.t(cm.increase_over, { year: ctx.fmt.year(f.increase_over_year) })}
										</div>
									)}
								</dd>
								<dt>{ctx.t(cm.frequency)}</dt>
								<dd>
									{f.frequency === "annual"
										? ctx.t(cm.freq_annual)
										: f.frequency === "total"
											? ctx.t(cm.freq_total)
											: "—"}
								</dd>
							</>
						)}
						<dt>{ctx.t(common.period)}</dt>
						<dd>{periodText(ctx, f.period_start, f.period_end)}</dd>
						{hasAmount && (
							<>
								<dt>{ctx.t(cm.price_basis)}</dt>
								<dd>
									{f.price_basis === "constant" && f.price_base_year !== null
										? ctx.t(cm.basis_constant, { year: ctx.fmt.year(f.price_base_year) })
										: f.price_basis === "current"
											? ctx.t(cm.basis_current)
											: ctx.t(cm.basis_unstated)}
								</dd>
							</>
						)}
						<dt>{ctx.t(cm.additionality)}</dt>
						<dd>{ctx.t(additionality[f.additionality])}</dd>
						<dt>{ctx.t(cm.flow_type)}</dt>
						<dd id="flow-type" data-flow-type={f.flow_type}>
							{ctx.t(flowTypeNames[f.flow_type])}
							{f.flow_type !== "oda" && (
								<p class="notice small" id="not-aid">
									{ctx.t(cm.not_aid_note)}
								</p>
							)}
						</dd>
						{dl.statistics_of && (
							<>
								<dt>{ctx.t(cm.statistics_provider)}</dt>
								<dd id="statistics-of" data-provider={dl.statistics_of.code}>
									<p dir="auto">
										{ctx.t(cm.measured_on_named, {
											provider: dl.statistics_of.name,
											reason: dl.statistics_of.reason,
										})}
									</p>
								</dd>
							</>
						)}
						{f.gni_share_min !== null && f.gni_share_max !== null && (
							<>
								<dt>{ctx.t(cm.gni_share)}</dt>
								<dd>{gniText(ctx, f.gni_share_min, f.gni_share_max)}</dd>
							</>
						)}
						{f.note && (
							<>
								<dt>{ctx.t(cm.note)}</dt>
								<dd dir="auto">{f.note}</dd>
							</>
						)}
					</dl>
				</>
			)}
			{(hasAmount || dl.committed !== null || dl.unconverted > 0) && (
				<>
					<h3>{ctx.t(cm.normalised_heading)}</h3>
					<p class="muted small">{ctx.t(cm.normalised_intro, { date: ctx.fmt.date(dl.as_of) })}</p>
					<ScrollRegion label={ctx.t(cm.normalised_heading)}>
						<table class="normalised">
							<thead>
								<tr>
									<th scope="col">{ctx.t(cm.col_figure)}</th>
									<th scope="col" class="num">
										{ctx.t(cm.col_usd_current)}
									</th>
									<th scope="col" class="num">
										{ctx.t(cm.col_usd_constant, { year: ctx.fmt.year(dl.base_year) })}
									</th>
								</tr>
							</thead>
							<tbody>
								<tr>
									<th scope="row">{ctx.t(cm.committed)}</th>
									<td class="num">{usd(ctx, dl.committed?.current)}</td>
									<td class="num">{usd(ctx, dl.committed?.constant)}</td>
								</tr>
								<tr>
									<th scope="row">{ctx.t(cm.row_expected, { date: ctx.fmt.date(dl.as_of) })}</th>
									<td class="num">{usd(ctx, dl.expected.current)}</td>
									<td class="num">{usd(ctx, dl.expected.constant)}</td>
								</tr>
								<tr>
									<th scope="row">{ctx.t(components.delivered)}</th>
									<td class="num">{delivered(dl.delivered.current)}</td>
									<td class="num">{delivered(dl.delivered.constant)}</td>
								</tr>
								{carriesOthers && (
									<tr>
										<th scope="row">{ctx.t(cm.row_delivered_own)}</th>
										<td class="num">{delivered(dl.delivered_own.current)}</td>
										<td class="num">{delivered(dl.delivered_own.constant)}</td>
									</tr>
								)}
							</tbody>
						</table>
					</ScrollRegion>
					{carriesOthers && <p class="small">{ctx.t(cm.delivered_tree_note)}</p>}
					<p class={dl.conversion.status === "ok" ? "small" : "notice small"}>
						<strong>{labelled(ctx, cm.conversion_label)}</strong>{" "}
						{ctx.t(conversionNames[dl.conversion.status])}
					</p>
					{dl.unconverted > 0 && (
						<p class="notice small">
							{ctx.t(cm.unconverted_count, { n: ctx.fmt.number(dl.unconverted) })}
						</p>
					)}
					<p class="small">
						<a href={ctx.href("/methodology")}>{ctx.t(cm.methodology_money)}</a>
					</p>
				</>
			)}
		</section>
	);
}
