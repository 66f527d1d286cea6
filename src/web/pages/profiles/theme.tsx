/**
 * A theme of MDG 8 (aid, trade, debt, medicines, technology), in the manner of the UN IIF's
 * MDG 8 pages: the theme's targets and indicators, a box "Commitment / Delivery (year) /
 * Gap (year)" linked to the commitments behind it, the money the registry's commitments
 * promised and delivered, and the commitments themselves. Aid is measured by the official
 * statistics (the DAC countries' ODA against 0.7% of their GNI); a theme nothing measures
 * says that the information is not available rather than showing a zero.
 */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import type { RequirementView } from "../../../modules/requirements/requirements.schemas.ts";
import type { OdaGap } from "../../../modules/statistics/statistics.gap.ts";
import { CommitmentTable } from "../../components/commitment-table.tsx";
import { usd } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { Amount, hasDelivery, NotAvailable } from "../../components/no-data.tsx";
import { PromiseGapCards } from "../../components/promise-gap.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { components } from "../../i18n/components.messages.ts";
import { profiles } from "../../i18n/profiles.messages.ts";
import { themes as m, themeIntros, themeNames } from "../../i18n/themes.messages.ts";
import { codeLabel } from "./parts.tsx";
import { ThemeLinks } from "./theme-links.tsx";
import { odaProvider, odaTargetPercent, type Theme, themedGoal, themeQuery } from "./themes.ts";

/** A framework text; `english` when the page's language has no translation of it. */
export interface FrameworkText {
	code: string;
	title: string;
	english: boolean;
}

export interface ThemePageData {
	theme: Theme;
	goal: FrameworkText;
	targets: FrameworkText[];
	indicators: FrameworkText[];
	delivery: DeliveryAggregate;
	/** The aid theme's measurement by the official statistics; null elsewhere or without data. */
	oda: OdaGap | null;
	requirements: RequirementView[];
	/** The theme's commitments (the first of them when there are very many). */
	list: { items: CommitmentListItem[]; total: number };
}

/** Commitments named in the box: a few, then a link to the list below. */
const namedInBox = 8;

function TextList(props: {
	ctx: PageContext;
	items: FrameworkText[];
	label: (code: string) => string;
}) {
	const { ctx } = props;
	return (
		<ul class="theme-texts">
			{props.items.map((x) => (
				<li key={x.code}>
					<span class="pf-code">{props.label(x.code)}</span>{" "}
					<span dir="auto" lang={x.english && ctx.lang !== "en" ? "en" : undefined}>
						{x.title}
					</span>
				</li>
			))}
		</ul>
	);
}

/** Links to commitments; with `total`, a link to the whole list below. */
function CommitmentLinks(props: { ctx: PageContext; items: CommitmentListItem[]; total?: number }) {
	const { ctx, items } = props;
	if (items.length === 0) return <p class="muted small">{ctx.t(profiles.none_yet)}</p>;
	return (
		<>
			<ul class="theme-commitments small">
				{items.slice(0, namedInBox).map((c) => (
					<li key={c.slug}>
						<a href={ctx.href(`/commitments/${c.slug}`)} dir="auto">
							{c.title}
						</a>
					</li>
				))}
			</ul>
			{props.total !== undefined && (
				<p class="small">
					<a href="#commitments">{ctx.t(m.all_n, { n: ctx.fmt.number(props.total) })}</a>
				</p>
			)}
		</>
	);
}

/** "0.7% of GNI", written the language's way. */
function gniShare(ctx: PageContext, percent: number): string {
	return ctx.t(components.gni_share, { share: ctx.fmt.number(percent) });
}

/** Aid: the UN target against the DAC countries' ODA/GNI in the statistics' latest year. */
function OdaRow(props: { ctx: PageContext; oda: OdaGap; stating: CommitmentListItem[] }) {
	const { ctx, oda } = props;
	const met = Number(oda.moneyGap) <= 0;
	return (
		<tr>
			<td>
				<div class="figure-big">{gniShare(ctx, odaTargetPercent)}</div>
				<p class="small">{ctx.t(m.un_target)}</p>
				{props.stating.length > 0 && (
					<>
						<p class="small">{ctx.t(m.stated_by)}</p>
						<CommitmentLinks ctx={ctx} items={props.stating} />
					</>
				)}
			</td>
			<td id="oda-delivery">
				<div class="figure-big">{gniShare(ctx, oda.share)}</div>
				<p class="small">
					{ctx.t(m.dac_delivery, { oda: usd(ctx, oda.oda), gni: usd(ctx, oda.gni) })}
				</p>
				{oda.sources.map((s) => (
					<p class="small muted" key={s.source}>
						{s.source_url ? (
							<a href={s.source_url} rel="external noopener" lang="en" dir="ltr">
								{s.source}
							</a>
						) : (
							<span lang="en" dir="ltr">
								{s.source}
							</span>
						)}
						{s.published_on && (
							<> {ctx.t(m.published_on, { date: ctx.fmt.date(s.published_on) })}</>
						)}
					</p>
				))}
				<p class="small">
					<a href={`/api/v1/statistics/providers/${odaProvider}`}>{ctx.t(m.series_json)}</a>
				</p>
			</td>
			<td id="oda-gap">
				{met ? (
					<div class="figure-big">{ctx.t(m.target_met)}</div>
				) : (
					<>
						<div class="figure-big">
							{ctx.t(m.share_gap, { points: ctx.fmt.number(oda.shareGap) })}
						</div>
						<p class="small">{ctx.t(m.money_gap, { amount: usd(ctx, oda.moneyGap) })}</p>
					</>
				)}
			</td>
		</tr>
	);
}

/** Any other theme: the registry's own money when something measures its delivery, else "not available". */
function RegistryRow(props: { ctx: PageContext; data: ThemePageData }) {
	const { ctx, data } = props;
	const total = data.delivery.total;
	const measured = hasDelivery(total);
	return (
		<tr>
			<td>
				{measured && <div class="figure-big">{usd(ctx, total.committed)}</div>}
				<p class="small">{ctx.t(m.behind_it)}</p>
				<CommitmentLinks ctx={ctx} items={data.list.items} total={data.list.total} />
			</td>
			<td>
				{measured ? (
					<div class="figure-big">
						<Amount ctx={ctx} value={total.delivered} />
					</div>
				) : (
					<NotAvailable ctx={ctx} />
				)}
			</td>
			<td>
				{measured ? (
					<div class="figure-big">
						<Amount ctx={ctx} value={total.gap} />
					</div>
				) : (
					<NotAvailable ctx={ctx} />
				)}
			</td>
		</tr>
	);
}

function Box(props: { ctx: PageContext; data: ThemePageData }) {
	const { ctx, data } = props;
	const { oda } = data;
	// The years: the statistics' year for aid; the day of the registry's figures otherwise.
	const year = oda ? ctx.fmt.year(oda.year) : null;
	const measured = oda !== null || hasDelivery(data.delivery.total);
	const stating = data.list.items.filter(
		(c) =>
			c.gni_share && (c.gni_share.min === odaTargetPercent || c.gni_share.max === odaTargetPercent),
	);
	return (
		<section aria-labelledby="box-h" id="theme-box">
			<h2 id="box-h">{ctx.t(m.box_heading)}</h2>
			<ScrollRegion label={ctx.t(m.box_heading)}>
				<table class="theme-box">
					<thead>
						<tr>
							<th scope="col">{ctx.t(m.col_commitment)}</th>
							<th scope="col">
								{year ? ctx.t(m.col_delivery_year, { year }) : ctx.t(m.col_delivery)}
							</th>
							<th scope="col">{year ? ctx.t(m.col_gap_year, { year }) : ctx.t(m.col_gap)}</th>
						</tr>
					</thead>
					<tbody>
						{oda ? (
							<OdaRow ctx={ctx} oda={oda} stating={stating} />
						) : (
							<RegistryRow ctx={ctx} data={data} />
						)}
					</tbody>
				</table>
			</ScrollRegion>
			{!measured && <p class="small muted">{ctx.t(m.no_delivery_data)}</p>}
			{!oda && measured && (
				<p class="small muted">
					{ctx.t(components.basis_constant, {
						year: data.delivery.price_basis.base_year ?? "—",
						date: ctx.fmt.date(data.delivery.as_of),
					})}
				</p>
			)}
		</section>
	);
}

function Requirements(props: { ctx: PageContext; items: RequirementView[] }) {
	const { ctx, items } = props;
	if (items.length === 0) return null;
	const money = (amount: string | null, currency: string) =>
		amount === null ? "—" : ctx.fmt.moneyCompact(Number(amount), currency);
	const years = (r: RequirementView) => {
		const [from, to] = [r.period_start.slice(0, 4), r.period_end.slice(0, 4)];
		return from === to ? from : `${from}–${to}`;
	};
	return (
		<section aria-labelledby="required-h" id="required">
			<h2 id="required-h">{ctx.t(common.required_and_provided)}</h2>
			<p class="small">{ctx.t(m.required_intro)}</p>
			<ScrollRegion label={ctx.t(common.required_and_provided)}>
				<table class="requirements">
					<thead>
						<tr>
							<th scope="col">{ctx.t(profiles.col_requirement)}</th>
							<th scope="col">{ctx.t(common.period)}</th>
							<th scope="col" class="num">
								{ctx.t(profiles.col_required)}
							</th>
							<th scope="col" class="num">
								{ctx.t(profiles.col_provided)}
							</th>
							<th scope="col" class="num">
								{ctx.t(components.gap)}
							</th>
						</tr>
					</thead>
					<tbody>
						{items.map((r) => (
							<tr key={r.id}>
								<td>
									{r.source_url ? (
										<a href={r.source_url} rel="external noopener" dir="auto">
											{r.title}
										</a>
									) : (
										<span dir="auto">{r.title}</span>
									)}
								</td>
								<td class="nowrap">{years(r)}</td>
								<td class="num">{money(r.amount, r.currency)}</td>
								<td class="num">{money(r.provided, r.currency)}</td>
								<td class="num">
									{r.provided === null
										? "—"
										: money(String(Number(r.amount) - Number(r.provided)), r.currency)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
		</section>
	);
}

export function ThemePage(props: { ctx: PageContext; data: ThemePageData }) {
	const { ctx, data } = props;
	const name = ctx.t(themeNames[data.theme.slug]);
	const goal = codeLabel(ctx, themedGoal);
	const query = themeQuery(data.theme);
	const total = data.delivery.total;
	return (
		<Layout
			ctx={ctx}
			title={`${goal}: ${name}`}
			description={ctx.t(m.description, { theme: name })}
			section="goals"
		>
			<article class="profile" id="theme">
				<p class="muted pf-eyebrow">
					<a href={ctx.href(`/goals/${themedGoal}`)}>
						{goal} ·{" "}
						<span dir="auto" lang={data.goal.english && ctx.lang !== "en" ? "en" : undefined}>
							{data.goal.title}
						</span>
					</a>
				</p>
				<h1>{name}</h1>
				<p>{ctx.t(themeIntros[data.theme.slug])}</p>
				<ThemeLinks ctx={ctx} current={data.theme.slug} />

				<section aria-labelledby="framework-h" id="framework">
					<h2 id="framework-h">{ctx.t(m.targets_indicators)}</h2>
					<h3>{ctx.t(common.targets)}</h3>
					<TextList ctx={ctx} items={data.targets} label={(c) => codeLabel(ctx, `mdg:${c}`)} />
					<h3>{ctx.t(m.indicators)}</h3>
					<TextList ctx={ctx} items={data.indicators} label={(c) => c} />
				</section>

				<Box ctx={ctx} data={data} />

				<section aria-labelledby="money-h" id="registry-money">
					<h2 id="money-h">{ctx.t(m.registry_money)}</h2>
					{Number(total.committed) > 0 || hasDelivery(total) ? (
						<>
							<PromiseGapCards ctx={ctx} figures={total} label={ctx.t(m.registry_money)} />
							<p class="muted small">
								{ctx.t(components.basis_constant, {
									year: data.delivery.price_basis.base_year ?? "—",
									date: ctx.fmt.date(data.delivery.as_of),
								})}
							</p>
						</>
					) : (
						<p class="muted">{ctx.t(m.no_money)}</p>
					)}
				</section>

				<Requirements ctx={ctx} items={data.requirements} />

				<section aria-labelledby="commitments-h" id="commitments">
					<h2 id="commitments-h">
						{ctx.t(m.commitments_to, { n: ctx.fmt.number(data.list.total) })}
					</h2>
					<CommitmentTable ctx={ctx} items={data.list.items} />
					{data.list.total > data.list.items.length && (
						<p class="small">
							{ctx.t(m.first_n, {
								shown: ctx.fmt.number(data.list.items.length),
								n: ctx.fmt.number(data.list.total),
							})}
						</p>
					)}
					{data.list.total > 0 && (
						<p class="small">
							<a href={ctx.href(`/commitments?${query}`)}>{ctx.t(profiles.in_explorer)}</a> ·{" "}
							<a href={`/api/v1/commitments?${query}`}>{ctx.t(profiles.as_json)}</a>
						</p>
					)}
				</section>
			</article>
		</Layout>
	);
}
