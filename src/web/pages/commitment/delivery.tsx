/**
 * Delivery: a bar chart per year of what was committed, due by today and delivered (US
 * dollars at constant prices of the base year), with its table; then the status and the
 * reporting light, each with the rule that decides it, in words. A target stated as a share
 * of national income is measured as a share (share.tsx): its money by year is GNI × target
 * and the ODA of the due years only, which as bars would hide the years before it was due
 * and the years not published, and read as an amount promised, which it is not.
 */

import type { CommitmentDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import { type DeliveryStatus, deliveryStatuses } from "../../../modules/analytics/status.ts";
import { BarChart } from "../../charts/index.ts";
import { DeliveryStatusBadge } from "../../components/delivery-status.tsx";
import { usd, usdFormats } from "../../components/group-figures.tsx";
import type { PageContext } from "../../context.ts";
import { cm, financialRuleLines, policyRuleLines } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import { components } from "../../i18n/components.messages.ts";
import {
	trafficLightNames,
	trafficLightNoReportNames,
	trafficLightRules,
} from "../../i18n/enums.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { shareRuleLines, share as sm } from "../../i18n/share.messages.ts";
import { IncreaseFigures } from "./increase.tsx";
import { labelled, listOf } from "./names.ts";
import { ShareSection } from "./share.tsx";

export function DeliveryChart(props: { ctx: PageContext; delivery: CommitmentDelivery }) {
	const { ctx, delivery: dl } = props;
	const series = dl.series;
	const hasMoney = series.some(
		(s) => Number(s.committed.constant) !== 0 || Number(s.delivered.constant) !== 0,
	);
	const year = ctx.fmt.year(dl.base_year);
	const sources = series.filter((s) => s.source !== null);
	let previous = 0;
	const expected = series.map((s) => {
		const cumulative = Number(s.expected_cumulative.constant);
		const due = cumulative - previous;
		previous = cumulative;
		return Math.max(0, due);
	});
	if (dl.share)
		return (
			<section id="delivery" aria-labelledby="delivery-heading">
				<h2 id="delivery-heading">{ctx.t(cm.delivery_heading)}</h2>
				<ShareSection ctx={ctx} share={dl.share} />
			</section>
		);
	return (
		<section id="delivery" aria-labelledby="delivery-heading">
			<h2 id="delivery-heading">{ctx.t(cm.delivery_heading)}</h2>
			{!hasMoney || series.length === 0 ? (
				<p class="muted">{ctx.t(cm.no_series)}</p>
			) : (
				<>
					<BarChart
						id="commitment-delivery"
						title={ctx.t(cm.chart_title)}
						description={ctx.t(cm.chart_desc, {
							first: ctx.fmt.year(series[0]?.year ?? 0),
							last: ctx.fmt.year(series.at(-1)?.year ?? 0),
							year,
							committed: usd(ctx, dl.committed ? Number(dl.committed.constant) : 0),
							expected: usd(ctx, Number(dl.expected.constant)),
							delivered: usd(ctx, Number(dl.delivered.constant)),
						})}
						categories={series.map((s) => ctx.fmt.year(s.year))}
						series={[
							{
								key: "committed",
								label: ctx.t(cm.committed),
								values: series.map((s) => Number(s.committed.constant)),
							},
							{ key: "expected", label: ctx.t(cm.series_expected), values: expected },
							{
								key: "delivered",
								label: ctx.t(components.delivered),
								values: series.map((s) => Number(s.delivered.constant)),
							},
						]}
						{...usdFormats(ctx)}
						tableCaption={ctx.t(common.show_numbers)}
						categoryHeader={ctx.t(common.year)}
						noDataLabel={ctx.t(common.no_data)}
					/>
					<p class="muted small">{ctx.t(cm.col_usd_constant, { year })}</p>
					{sources.length > 0 && (
						<p class="small">
							{ctx.t(cm.source_year_note, {
								list: listOf(
									ctx,
									sources.map(
										(s) =>
											`${labelled(ctx, ctx.fmt.year(s.year))} ${ctx.t(s.source === "iati" ? cm.source_iati : cm.source_report)}`,
									),
								),
							})}
						</p>
					)}
				</>
			)}
		</section>
	);
}

/** The rule as a list of its cases, the one that decided this commitment marked. */
function RuleList(props: {
	ctx: PageContext;
	lines: Record<DeliveryStatus, Message>;
	current: DeliveryStatus | null;
	/** Order the cases are tried in. */
	order: readonly DeliveryStatus[];
}) {
	const { ctx } = props;
	return (
		<ul class="rule-list">
			{props.order.map((s) => {
				const here = s === props.current;
				return (
					<li key={s} class={here ? "rule-applies" : undefined}>
						{ctx.t(props.lines[s])}
						{here && <strong class="rule-mark"> ({ctx.t(cm.rule_applies)})</strong>}
					</li>
				);
			})}
		</ul>
	);
}

/** Its own data stop before its money was all due: the status is judged up to their last day. */
function dataStopsEarly(dl: CommitmentDelivery): boolean {
	return dl.expected_through_data !== null && dl.data_through !== null;
}

/**
 * What was delivered of what was due: by today, or, when the data stop early, by their
 * last day (what the status is judged on), not by a day nobody published figures for.
 */
function dueShare(dl: CommitmentDelivery, ctx: PageContext): { pct2: string; date: string } {
	const due = dl.expected_through_data;
	if (due !== null && dl.data_through !== null && Number(due.constant) > 0)
		return {
			pct2: ctx.fmt.percent(Number(dl.delivered.constant) / Number(due.constant)),
			date: ctx.fmt.date(dl.data_through as string),
		};
	return {
		pct2: dl.ratio_to_expected === null ? "—" : ctx.fmt.percent(dl.ratio_to_expected),
		date: ctx.fmt.date(dl.as_of),
	};
}

export function StatusSection(props: { ctx: PageContext; delivery: CommitmentDelivery }) {
	const { ctx, delivery: dl } = props;
	const light = dl.reporting.light;
	const both = dl.financial_status !== null && dl.policy_status !== null;
	return (
		<section id="status" aria-labelledby="status-heading">
			<h2 id="status-heading">{ctx.t(cm.status_heading)}</h2>
			<dl class="facts status-facts">
				<dt>{ctx.t(cm.delivery_status)}</dt>
				<dd>
					<DeliveryStatusBadge ctx={ctx} status={dl.status} />
					{dataStopsEarly(dl) && (
						<div class="small">
							{ctx.t(cm.data_through, { date: ctx.fmt.date(dl.data_through as string) })}
						</div>
					)}
					{both && (
						<ul class="plain-list small">
							<li>
								{labelled(ctx, cm.financial_status)}{" "}
								<DeliveryStatusBadge ctx={ctx} status={dl.financial_status as DeliveryStatus} />
							</li>
							<li>
								{labelled(ctx, cm.policy_status)}{" "}
								<DeliveryStatusBadge ctx={ctx} status={dl.policy_status as DeliveryStatus} />
							</li>
						</ul>
					)}
				</dd>
				<dt>{ctx.t(cm.reporting)}</dt>
				<dd>
					<span class={`badge light light-${light}`}>
						<span class="light-dot" aria-hidden="true" />
						{ctx.t(
							dl.reporting.last_report_on === null && light !== "green"
								? trafficLightNoReportNames[light]
								: trafficLightNames[light],
						)}
					</span>
					<div class="small">
						{dl.reporting.last_report_on
							? ctx.t(cm.last_report, { date: ctx.fmt.date(dl.reporting.last_report_on) })
							: ctx.t(cm.no_report_yet)}
					</div>
				</dd>
			</dl>
			{dl.share === null &&
				dl.committed !== null &&
				dl.ratio !== null &&
				dl.status !== "no_data" && (
					<p>{ctx.t(cm.ratio_line, { pct: ctx.fmt.percent(dl.ratio), ...dueShare(dl, ctx) })}</p>
				)}
			{dl.increase?.target_year != null && (
				<p class="increase-line">
					{ctx.t(
						dl.increase.measured_on === "statistics" ? cm.increase_statistics : cm.increase_reports,
						{
							baseline: ctx.fmt.year(dl.increase.baseline_year),
							target: ctx.fmt.year(dl.increase.target_year),
						},
					)}
				</p>
			)}
			{dl.increase && <IncreaseFigures ctx={ctx} increase={dl.increase} />}
			<details class="rules" open>
				<summary>{ctx.t(cm.why_status)}</summary>
				{dl.share !== null && (
					<>
						<h3>{ctx.t(sm.rule_heading)}</h3>
						<p class="small">{ctx.t(sm.rule_measure)}</p>
						<RuleList
							ctx={ctx}
							lines={shareRuleLines}
							current={dl.share.status}
							order={["no_data", "met", "not_met", "on_track", "off_track"]}
						/>
						<p class="small">{ctx.t(sm.rule_gap)}</p>
					</>
				)}
				{dl.share === null && dl.financial_status !== null && (
					<>
						<h3>{ctx.t(cm.rule_financial_heading)}</h3>
						<RuleList
							ctx={ctx}
							lines={financialRuleLines}
							current={dl.financial_status}
							order={["no_data", "met", "not_met", "on_track", "off_track"]}
						/>
					</>
				)}
				{dl.policy_status !== null && (
					<>
						<h3>{ctx.t(cm.rule_policy_heading)}</h3>
						<p class="small">{ctx.t(cm.rule_policy_newest)}</p>
						<RuleList
							ctx={ctx}
							lines={policyRuleLines}
							current={dl.policy_status}
							order={deliveryStatuses}
						/>
						<p class="small">{ctx.t(cm.rule_policy_deadline)}</p>
					</>
				)}
				<h3>{ctx.t(cm.rule_reporting_heading)}</h3>
				<ul class="rule-list">
					{(["green", "amber", "red"] as const).map((l) => (
						<li key={l} class={l === light ? "rule-applies" : undefined}>
							{ctx.t(trafficLightRules[l])}
							{l === light && <strong class="rule-mark"> ({ctx.t(cm.rule_applies)})</strong>}
						</li>
					))}
				</ul>
				<p class="small">
					<a href={ctx.href("/methodology")}>{ctx.t(cm.methodology_status)}</a>
				</p>
			</details>
		</section>
	);
}
