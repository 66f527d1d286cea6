/**
 * A donor's aid as a share of its national income, on its stakeholder page: its ODA/GNI
 * (and ODA to the least developed countries / GNI where published) every year of its
 * official series, against each share target it made, as a line chart; the figures with
 * their sources in a table; and the targets with their status. The years run from the
 * series' first to its latest: a year inside that range with no figure is shown as a gap
 * in the line and "not published" in the table, never as zero.
 *
 * A target drawn is one measured on this same series. A collective target the donor joined
 * (the EU's 0.56 %, the DAC's to the LDCs) is measured on the collective's sum, so it is
 * listed with its status but not drawn against the donor's own line, which it does not bind.
 */
import type { ShareDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import type { ProviderSeries } from "../../../modules/statistics/statistics.schemas.ts";
import { LineChart, type LineSeries } from "../../charts/index.ts";
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
import { common } from "../../i18n/common.messages.ts";
import { deliveryStatusNames } from "../../i18n/enums.messages.ts";
import { share as sm } from "../../i18n/share.messages.ts";

/** A commitment of the stakeholder with a share target, as the analytics service measures it. */
export interface ShareTarget {
	commitment: { slug: string; title: string };
	share: ShareDelivery;
}

/** The stakeholder's official series and its share targets (routes/share-record.ts loads them). */
export interface ShareRecord {
	series: ProviderSeries;
	targets: ShareTarget[];
}

type SeriesYear = ShareRecord["series"]["years"][number];

/** Colours of the target lines, after the achieved lines' blue-green and sky blue. */
const targetKeys = ["gap", "other", "expected", "neutral"] as const;

/** Every year from the first to the latest of the series, the ones without figures as null. */
function yearRange(years: readonly SeriesYear[]): { year: number; row: SeriesYear | null }[] {
	const first = years[0]?.year;
	const last = years.at(-1)?.year;
	if (first === undefined || last === undefined) return [];
	const byYear = new Map(years.map((y) => [y.year, y]));
	return Array.from({ length: last - first + 1 }, (_, i) => ({
		year: first + i,
		row: byYear.get(first + i) ?? null,
	}));
}

function shortDue(ctx: PageContext, t: ShareTarget["share"]): string {
	const year = t.deadline_year ?? t.first_due_year;
	if (year === null) return targetText(ctx, t.target);
	return ctx.t(t.deadline_year !== null ? sm.due_short_in : sm.due_short_from, {
		year: ctx.fmt.year(year),
	});
}

function TargetList(props: { ctx: PageContext; record: ShareRecord; name: string }) {
	const { ctx, record } = props;
	if (!record.targets.length)
		return <p class="muted">{ctx.t(sm.no_targets, { name: props.name })}</p>;
	return (
		<ul class="share-targets">
			{record.targets.map((t) => (
				<li key={t.commitment.slug}>
					<a href={ctx.href(`/commitments/${t.commitment.slug}`)} dir="auto">
						{t.commitment.title}
					</a>
					<div>
						{dueText(ctx, t.share)}{" "}
						<span class={`badge status-${t.share.status}`}>
							{ctx.t(deliveryStatusNames[t.share.status])}
						</span>
					</div>
					{t.share.provider && t.share.provider.code !== record.series.code && (
						<div class="muted small">
							{ctx.t(sm.measured_on_other, {
								provider: providerName(ctx, t.share.provider, !t.share.provider.collective),
							})}
						</div>
					)}
				</li>
			))}
		</ul>
	);
}

export function ShareRecordSection(props: {
	ctx: PageContext;
	record: ShareRecord;
	/** The stakeholder's name. */
	name: string;
}) {
	const { ctx, record, name } = props;
	const s = record.series;
	const years = yearRange(s.years);
	const first = years[0]?.year;
	const last = years.at(-1)?.year;
	if (first === undefined || last === undefined) return null;
	const hasLdc = s.years.some((y) => y.oda_ldc_share !== null);
	const latest = [...s.years].reverse().find((y) => y.share !== null);
	const provider = providerName(ctx, s, s.kind === "country");
	const drawn = record.targets.filter((t) => t.share.provider?.code === s.code);
	const series: LineSeries[] = [
		{
			key: "delivered",
			label: ctx.t(sm.col_oda_gni),
			values: years.map((y) => y.row?.share ?? null),
		},
		...(hasLdc
			? [
					{
						key: "sky",
						label: ctx.t(sm.col_ldc_gni),
						values: years.map((y) => y.row?.oda_ldc_share ?? null),
					},
				]
			: []),
		...drawn.map((t, i) => {
			const due = new Map(t.share.years.map((y) => [y.year, y.target]));
			return {
				key: targetKeys[i % targetKeys.length] ?? "gap",
				label: ctx.t(sm.record_target_series, {
					target: targetText(ctx, t.share.target),
					due: shortDue(ctx, t.share),
				}),
				values: years.map((y) => due.get(y.year) ?? null),
				line: "dashed" as const,
				// A deadline is one due year: a point, in the legend too.
				points: t.share.years.filter((y) => y.target !== null).length === 1,
			};
		}),
	];
	const sources = new SourceIndex();
	const refs = years.map((y) => sources.numbers(y.row?.sources ?? []));
	const missing = ctx.t(sm.not_published);
	return (
		<section aria-labelledby="share-record-h" id="share-record">
			<h2 id="share-record-h">{ctx.t(sm.record_heading)}</h2>
			<p>{ctx.t(sm.record_intro, { provider, name })}</p>
			<LineChart
				id="share-record-chart"
				title={ctx.t(sm.record_chart_title, {
					name,
					first: ctx.fmt.year(first),
					last: ctx.fmt.year(last),
				})}
				description={ctx.t(sm.record_chart_desc, {
					first: ctx.fmt.year(first),
					last: ctx.fmt.year(last),
					year: latest ? ctx.fmt.year(latest.year) : "—",
					share: latest?.share != null ? pctOf(ctx, latest.share) : "—",
				})}
				categories={years.map((y) => ctx.fmt.year(y.year))}
				series={series}
				format={axisPct(
					ctx,
					series.flatMap((x) => x.values),
				)}
				tableFormat={(n) => pctOf(ctx, n)}
				tableCaption={ctx.t(common.show_numbers)}
				categoryHeader={ctx.t(common.year)}
				noDataLabel={missing}
				table={false}
			/>
			{hasLdc && <p class="muted small">{ctx.t(sm.ldc_note)}</p>}
			<details class="chart-data share-record-data">
				<summary>{ctx.t(sm.years_heading)}</summary>
				<ScrollRegion label={ctx.t(sm.years_heading)}>
					<table class="share-record">
						<thead>
							<tr>
								<th scope="col">{ctx.t(common.year)}</th>
								<th scope="col" class="num">
									{ctx.t(sm.col_oda)}
								</th>
								<th scope="col" class="num">
									{ctx.t(sm.col_gni)}
								</th>
								<th scope="col" class="num">
									{ctx.t(sm.col_oda_gni)}
								</th>
								{hasLdc && (
									<th scope="col" class="num">
										{ctx.t(sm.col_ldc_gni)}
									</th>
								)}
								<th scope="col">{ctx.t(sm.col_basis)}</th>
								<th scope="col">{ctx.t(common.sources)}</th>
							</tr>
						</thead>
						<tbody>
							{years.map(({ year, row }, i) => (
								<tr
									key={year}
									id={`share-record-${year}`}
									class={row?.share == null ? "share-missing" : undefined}
								>
									<th scope="row">{ctx.fmt.year(year)}</th>
									<td class="num">
										<Value text={usdOf(ctx, row?.oda ?? null)} missing={missing} />
									</td>
									<td class="num">
										<Value text={usdOf(ctx, row?.gni ?? null)} missing={missing} />
									</td>
									<td class="num">
										{row?.share != null ? (
											pctOf(ctx, row.share)
										) : (
											<>
												<span aria-hidden="true">—</span> <span class="muted small">{missing}</span>
											</>
										)}
									</td>
									{hasLdc && (
										<td class="num">
											<Value
												text={row?.oda_ldc_share != null ? pctOf(ctx, row.oda_ldc_share) : null}
												missing={missing}
											/>
										</td>
									)}
									<td>
										<Value text={basisText(ctx, row?.basis ?? null)} missing={missing} />
									</td>
									<td>
										<SourceRefs ctx={ctx} id="share-record-source" numbers={refs[i] ?? []} />
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
				<SourceList ctx={ctx} id="share-record-source" index={sources} />
			</details>
			<h3>{ctx.t(sm.targets_heading)}</h3>
			<TargetList ctx={ctx} record={record} name={name} />
		</section>
	);
}
