/**
 * Delivery of a target stated as a share of national income (0.7 % of GNI), measured on
 * official statistics: the status with what decides it in the page's language, the gap in
 * money, the achieved share by year against the target and the path (a line chart), every
 * year in a table with the source of each figure, and, for a collective, each member's own
 * share beside the collective's. A year not published is shown as missing, never as zero.
 * Every figure is the analytics service's, as `/api/v1/commitments/{ref}/delivery` gives it.
 */
import type { ShareDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import { LineChart } from "../../charts/index.ts";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import {
	axisPct,
	basisText,
	dueText,
	pctOf,
	providerName,
	SourceIndex,
	SourceList,
	SourceRefs,
	targetText,
	usdOf,
	Value,
} from "../../components/share-parts.tsx";
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import { deliveryStatusNames } from "../../i18n/enums.messages.ts";
import { share as sm } from "../../i18n/share.messages.ts";
import { listOf } from "./names.ts";

type Year = ShareDelivery["years"][number];

/**
 * The measurement's explanation in the page's language, from its figures: the share of the
 * year that decides (the deadline year once published, else the latest), and the years
 * missing. The API's English `explanation` says the same.
 */
function explanation(ctx: PageContext, s: ShareDelivery): string[] {
	const at = (year: number | null) =>
		year === null ? undefined : s.years.find((y) => y.year === year && y.share !== null);
	const target = targetText(ctx, s.target);
	const deadline = at(s.deadline_year);
	const latest = at(s.latest_year);
	const lines: string[] = [];
	if (deadline?.share != null)
		lines.push(
			ctx.t(sm.expl_deadline, {
				share: pctOf(ctx, deadline.share),
				year: ctx.fmt.year(deadline.year),
				target,
			}),
		);
	else if (latest?.share != null)
		lines.push(
			ctx.t(sm.expl_latest, {
				share: pctOf(ctx, latest.share),
				year: ctx.fmt.year(latest.year),
				target,
			}),
		);
	else lines.push(ctx.t(sm.expl_none));
	if (s.missing_years.length)
		lines.push(
			ctx.t(sm.expl_missing, {
				years: listOf(
					ctx,
					s.missing_years.map((y) => ctx.fmt.year(y)),
				),
			}),
		);
	return lines;
}

/** Due years and missing years are marked, so a reader scanning the table sees them. */
function rowClass(y: Year): string | undefined {
	const names = [y.due ? "share-due" : "", y.share === null ? "share-missing" : ""].filter(Boolean);
	return names.length ? names.join(" ") : undefined;
}

function ShareCell(props: { ctx: PageContext; y: Year }) {
	const { ctx, y } = props;
	if (y.share === null)
		return (
			<>
				<span aria-hidden="true">—</span> <span class="muted small">{ctx.t(sm.not_published)}</span>
			</>
		);
	return (
		<>
			{pctOf(ctx, y.share)}
			{y.missing.length > 0 && (
				<div class="muted small">
					{ctx.t(sm.members_missing, { n: ctx.fmt.number(y.missing.length) })}
				</div>
			)}
		</>
	);
}

function YearTable(props: { ctx: PageContext; s: ShareDelivery; refs: number[][] }) {
	const { ctx, s, refs } = props;
	const missing = ctx.t(sm.not_published);
	const notDue = ctx.t(sm.not_due);
	return (
		<ScrollRegion label={ctx.t(sm.years_heading)}>
			<table class="share-years">
				<thead>
					<tr>
						<th scope="col">{ctx.t(common.year)}</th>
						<th scope="col" class="num">
							{ctx.t(s.measure === "oda_ldc" ? sm.col_oda_ldc : sm.col_oda)}
						</th>
						<th scope="col" class="num">
							{ctx.t(sm.col_gni)}
						</th>
						<th scope="col" class="num">
							{ctx.t(sm.col_share)}
						</th>
						<th scope="col" class="num">
							{ctx.t(sm.target)}
						</th>
						<th scope="col" class="num">
							{ctx.t(sm.col_gap)}
						</th>
						<th scope="col">{ctx.t(sm.col_basis)}</th>
						<th scope="col">{ctx.t(common.sources)}</th>
					</tr>
				</thead>
				<tbody>
					{s.years.map((y, i) => (
						<tr key={y.year} id={`share-${y.year}`} class={rowClass(y)}>
							<th scope="row">{ctx.fmt.year(y.year)}</th>
							<td class="num">
								<Value text={usdOf(ctx, y.oda)} missing={missing} />
							</td>
							<td class="num">
								<Value text={usdOf(ctx, y.gni)} missing={missing} />
							</td>
							<td class="num share-value">
								<ShareCell ctx={ctx} y={y} />
							</td>
							<td class="num">
								<Value text={y.target === null ? null : pctOf(ctx, y.target)} missing={notDue} />
							</td>
							<td class="num">
								<Value text={y.due ? usdOf(ctx, y.gap) : null} missing={y.due ? missing : notDue} />
							</td>
							<td>
								<Value text={basisText(ctx, y.basis)} missing={missing} />
							</td>
							<td>
								<SourceRefs ctx={ctx} id="share-source" numbers={refs[i] ?? []} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	);
}

/** Each member's own share in the latest year measured, beside the collective's. */
function MembersTable(props: { ctx: PageContext; s: ShareDelivery }) {
	const { ctx, s } = props;
	const year = s.latest_year;
	const row = s.years.find((y) => y.year === year);
	if (!s.provider?.collective || year === null || !row || s.members.length === 0) return null;
	// The members that year: those measured and those that did not publish.
	const that = new Set([...row.included, ...row.missing]);
	const members = s.members.filter((m) => that.size === 0 || that.has(m.code));
	if (!members.length) return null;
	const missing = ctx.t(sm.not_published);
	const heading = ctx.t(sm.members_heading, { year: ctx.fmt.year(year) });
	return (
		<>
			<h3 id="share-members-heading">{heading}</h3>
			<p class="small">{ctx.t(sm.members_intro, { year: ctx.fmt.year(year) })}</p>
			<ScrollRegion label={heading}>
				<table class="share-members">
					<thead>
						<tr>
							<th scope="col">{ctx.t(sm.member)}</th>
							<th scope="col" class="num">
								{ctx.t(sm.col_share)}
							</th>
						</tr>
					</thead>
					<tbody>
						<tr class="share-collective">
							<th scope="row">
								{ctx.t(sm.collective_row, { name: providerName(ctx, s.provider, false) })}
							</th>
							<td class="num">
								<Value text={row.share === null ? null : pctOf(ctx, row.share)} missing={missing} />
							</td>
						</tr>
						{members.map((m) => {
							const v = m.years.find((y) => y.year === year)?.share ?? null;
							return (
								<tr key={m.code}>
									<th scope="row">{providerName(ctx, m, true)}</th>
									<td class="num">
										<Value text={v === null ? null : pctOf(ctx, v)} missing={missing} />
									</td>
								</tr>
							);
						})}
					</tbody>
				</table>
			</ScrollRegion>
		</>
	);
}

export function ShareSection(props: { ctx: PageContext; share: ShareDelivery }) {
	const { ctx, share: s } = props;
	if (!s.provider) return <p>{ctx.t(sm.no_provider)}</p>;
	const provider = providerName(ctx, s.provider, !s.provider.collective);
	const years = s.years;
	const first = years[0]?.year;
	const last = years.at(-1)?.year;
	const values = years.flatMap((y) => [y.share, y.target, y.path]);
	// Sources numbered in the order the years cite them, listed once below the table.
	const sources = new SourceIndex();
	const refs = years.map((y) => sources.numbers(y.sources));
	const latest = years.find((y) => y.year === s.latest_year && y.share !== null);
	return (
		<div class="share-delivery">
			<p>
				{ctx.t(s.measure === "oda_ldc" ? sm.intro_ldc : sm.intro_oda, { provider })}
				{s.provider.collective && <> {ctx.t(sm.collective_note)}</>}
			</p>
			<dl class="facts share-facts">
				<dt>{ctx.t(cm.delivery_status)}</dt>
				<dd>
					<span class={`badge status-${s.status}`}>{ctx.t(deliveryStatusNames[s.status])}</span>
					{explanation(ctx, s).map((line) => (
						<div key={line} class="share-explanation">
							{line}
						</div>
					))}
				</dd>
				<dt>{ctx.t(sm.target)}</dt>
				<dd>{dueText(ctx, s)}</dd>
				{latest?.share != null && (
					<>
						<dt>{ctx.t(sm.latest)}</dt>
						<dd>
							{ctx.t(sm.latest_value, {
								year: ctx.fmt.year(latest.year),
								share: pctOf(ctx, latest.share),
							})}
						</dd>
					</>
				)}
				<dt>{ctx.t(sm.gap)}</dt>
				<dd>
					<strong class="share-gap">
						<Value text={usdOf(ctx, s.gap)} missing={ctx.t(common.no_data)} />
					</strong>
					<div class="muted small">{ctx.t(sm.gap_note)}</div>
				</dd>
				{s.missing_years.length > 0 && (
					<>
						<dt>{ctx.t(sm.missing_years)}</dt>
						<dd class="share-missing-years">
							{listOf(
								ctx,
								s.missing_years.map((y) => ctx.fmt.year(y)),
							)}
						</dd>
					</>
				)}
			</dl>
			{first !== undefined && last !== undefined && (
				<LineChart
					id="share-chart"
					title={ctx.t(s.measure === "oda_ldc" ? sm.chart_title_ldc : sm.chart_title_oda)}
					description={ctx.t(sm.chart_desc, {
						first: ctx.fmt.year(first),
						last: ctx.fmt.year(last),
					})}
					categories={years.map((y) => ctx.fmt.year(y.year))}
					series={[
						{
							key: "delivered",
							label: ctx.t(sm.series_achieved),
							values: years.map((y) => y.share),
						},
						{
							key: "gap",
							label: ctx.t(sm.target),
							values: years.map((y) => y.target),
							line: "dashed",
							// A deadline is one due year: a point, in the legend too.
							points: years.filter((y) => y.target !== null).length === 1,
						},
						{
							key: "expected",
							label: ctx.t(sm.series_path),
							values: years.map((y) => y.path),
							line: "dotted",
						},
					]}
					format={axisPct(ctx, values)}
					tableFormat={(n) => pctOf(ctx, n)}
					tableCaption={ctx.t(common.show_numbers)}
					categoryHeader={ctx.t(common.year)}
					noDataLabel={ctx.t(sm.not_published)}
					table={false}
				/>
			)}
			<h3>{ctx.t(sm.years_heading)}</h3>
			<YearTable ctx={ctx} s={s} refs={refs} />
			<SourceList ctx={ctx} id="share-source" index={sources} />
			<MembersTable ctx={ctx} s={s} />
		</div>
	);
}
