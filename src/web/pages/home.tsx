/**
 * The home page: the registry's headline (promised, delivered and the gap for MDG 8 and
 * for each goal with money, where delivered money comes from, and how recent the official
 * statistics are), the latest commitments, and the latest public changes (what the Atom
 * feed lists). No chart here: one goal's share-of-income targets outweigh the others by
 * two orders of magnitude, so the table says more, and the goals page has the charts.
 */
import type { DeliveryAggregate } from "../../modules/analytics/analytics.schemas.ts";
import type { CommitmentListItem } from "../../modules/commitments/commitments.schemas.ts";
import type { RecentChange } from "../../modules/feeds/feeds.service.ts";
import { CommitmentTable } from "../components/commitment-table.tsx";
import { usd } from "../components/group-figures.tsx";
import { Layout } from "../components/layout.tsx";
import { Amount, hasDelivery, NotAvailable } from "../components/no-data.tsx";
import { PromiseGapCards, type PromiseGapFigures } from "../components/promise-gap.tsx";
import { ScrollRegion } from "../components/scroll-region.tsx";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { components } from "../i18n/components.messages.ts";
import { commitmentActionNames } from "../i18n/enums.messages.ts";
import { home as m } from "../i18n/home.messages.ts";
import type { Message } from "../i18n/messages.ts";
import { themes as tm } from "../i18n/themes.messages.ts";
import { goalLabel } from "./explorer/labels.ts";
import { ThemeLinks } from "./profiles/theme-links.tsx";
import { themedGoal } from "./profiles/themes.ts";

export interface HomeView {
	/** Grouped by goal. */
	delivery: DeliveryAggregate;
	/** How recent the official statistics are. */
	statistics: { latest_year: number | null; published_on: string | null };
	latest: { items: CommitmentListItem[]; total: number };
	changes: RecentChange[];
	demo: boolean;
}

/** With data, delivered, the gap, the share and the sources of one row; one cell when nothing measures delivery. */
function DeliveryCells(props: { ctx: PageContext; f: PromiseGapFigures }) {
	const { ctx, f } = props;
	if (!hasDelivery(f))
		return (
			<td colSpan={7} class="not-available-cell">
				<NotAvailable ctx={ctx} />
			</td>
		);
	const s = f.delivered_by_source;
	return (
		<>
			{/* What the gap and the share are over: the promises that have delivery data. */}
			<td class="num">{usd(ctx, f.committed_with_data)}</td>
			<td class="num">
				<Amount ctx={ctx} value={f.delivered} />
			</td>
			<td class="num">
				<Amount ctx={ctx} value={f.gap} />
			</td>
			<td class="num">{f.ratio === null ? "—" : ctx.fmt.percent(f.ratio)}</td>
			<td class="num">{s ? usd(ctx, s.report) : "—"}</td>
			<td class="num">{s ? usd(ctx, s.iati) : "—"}</td>
			<td class="num">{s ? usd(ctx, s.statistics) : "—"}</td>
		</>
	);
}

function GoalsTable(props: { ctx: PageContext; delivery: DeliveryAggregate }) {
	const { ctx, delivery } = props;
	const goals = delivery.groups.filter((g) => Number(g.committed) > 0);
	if (goals.length === 0) return <p class="muted">{ctx.t(common.no_data)}</p>;
	const headers = [
		components.promised,
		components.with_data,
		components.delivered,
		components.gap,
		m.share_delivered,
		tm.from_reports,
		tm.from_iati,
		tm.from_statistics,
	];
	return (
		<ScrollRegion label={ctx.t(m.headline)}>
			<table class="home-goals" id="headline-goals">
				<caption class="muted small">{ctx.t(m.goals_caption)}</caption>
				<thead>
					<tr>
						<th scope="col">{ctx.t(common.goal)}</th>
						{headers.map((h) => (
							<th scope="col" class="num" key={h.en}>
								{ctx.t(h)}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{goals.map((g) => (
						<tr key={g.key} data-goal={g.key}>
							<th scope="row">
								<a href={ctx.href(`/goals/${g.key}`)}>{goalLabel(ctx, g.key)}</a>
							</th>
							<td class="num">{usd(ctx, g.committed)}</td>
							<DeliveryCells ctx={ctx} f={g} />
						</tr>
					))}
				</tbody>
				<tfoot>
					<tr data-goal="total">
						<th scope="row">{ctx.t(m.registry_total)}</th>
						<td class="num">{usd(ctx, delivery.total.committed)}</td>
						<DeliveryCells ctx={ctx} f={delivery.total} />
					</tr>
				</tfoot>
			</table>
		</ScrollRegion>
	);
}

function Headline(props: { ctx: PageContext; view: HomeView }) {
	const { ctx, view } = props;
	const { delivery, statistics } = view;
	const mdg8 = delivery.groups.find((g) => g.key === themedGoal);
	return (
		<section aria-labelledby="headline-heading" id="headline">
			<h2 id="headline-heading">{ctx.t(m.headline)}</h2>
			<p class="muted small" id="latest-data">
				{statistics.latest_year === null
					? ctx.t(tm.no_statistics)
					: ctx.t(tm.latest_data, {
							year: ctx.fmt.year(statistics.latest_year),
							date: ctx.fmt.date(statistics.published_on),
						})}{" "}
				{ctx.t(components.basis_constant, {
					year: delivery.price_basis.base_year ?? "—",
					date: ctx.fmt.date(delivery.as_of),
				})}
			</p>
			<div id="headline-mdg8">
				<h3>
					<a href={ctx.href(`/goals/${themedGoal}`)}>{goalLabel(ctx, themedGoal)}</a>
				</h3>
				{mdg8 ? (
					<PromiseGapCards ctx={ctx} figures={mdg8} label={goalLabel(ctx, themedGoal)} />
				) : (
					<p class="muted">{ctx.t(common.no_data)}</p>
				)}
				<ThemeLinks ctx={ctx} />
			</div>
			<GoalsTable ctx={ctx} delivery={delivery} />
			<ul class="pf-inline" id="by-whom">
				<li>
					<a href={ctx.href("/goals")}>{ctx.t(m.all_goals)}</a>
				</li>
				<li>
					<a href={ctx.href("/stakeholders")}>{ctx.t(m.by_stakeholder)}</a>
				</li>
				<li>
					<a href={ctx.href("/forums")}>{ctx.t(m.by_forum)}</a>
				</li>
			</ul>
		</section>
	);
}

const commitmentEvents: Record<string, Message> = {
	"commitment.create": m.event_created,
	"commitment.publish": m.event_published,
	"commitment.update": commitmentActionNames["commitment.update"],
	"commitment.complete": m.event_completed,
	"commitment.withdraw": commitmentActionNames["commitment.withdraw"],
};

function changeLabel(ctx: PageContext, c: RecentChange): string {
	const name = c.by ?? "";
	switch (c.type) {
		case "commitment":
			return ctx.t(commitmentEvents[c.action] ?? commitmentActionNames["commitment.update"]);
		case "report":
			return ctx.t(c.action === "report.update" ? m.event_report_updated : m.event_report, {
				name,
			});
		case "assessment":
			return ctx.t(m.event_assessment, { name });
		case "comment":
			return ctx.t(c.action === "comment.edit" ? m.event_comment_edited : m.event_comment, {
				name,
			});
	}
}

function RecentChanges(props: { ctx: PageContext; changes: RecentChange[] }) {
	const { ctx, changes } = props;
	if (changes.length === 0) return <p class="muted">{ctx.t(m.no_updates)}</p>;
	return (
		<ol class="recent-changes">
			{changes.map((c) => (
				<li key={`${c.type}-${c.action}-${c.record_id ?? c.commitment.id}-${c.at}`}>
					<time datetime={c.at} class="muted small">
						{ctx.fmt.date(c.at)}
					</time>{" "}
					<span class="change-kind">{changeLabel(ctx, c)}</span>
					{": "}
					<a href={ctx.href(`/commitments/${c.commitment.slug}`)} dir="auto">
						{c.commitment.title}
					</a>
				</li>
			))}
		</ol>
	);
}

export function HomePage(props: { ctx: PageContext; view: HomeView }) {
	const { ctx, view } = props;
	const feed = { title: ctx.t(m.feed_title), href: "/feeds/all.atom" };
	return (
		<Layout
			ctx={ctx}
			title={ctx.t(m.title)}
			description={ctx.t(m.description)}
			feeds={[feed]}
			og={{
				title: ctx.t(m.title),
				description: ctx.t(m.description),
				url: ctx.href("/"),
				type: "website",
			}}
			section="home"
		>
			<h1>{ctx.t(m.title)}</h1>
			{view.demo && <p class="notice">{ctx.t(common.demo_notice)}</p>}
			<Headline ctx={ctx} view={view} />
			<section aria-labelledby="latest-heading" id="latest-commitments">
				<h2 id="latest-heading">{ctx.t(m.latest_commitments)}</h2>
				<CommitmentTable ctx={ctx} items={view.latest.items} caption={ctx.t(m.latest_caption)} />
				<p>
					<a href={ctx.href("/commitments")} id="explore-all">
						{ctx.t(m.all_commitments, { n: ctx.fmt.number(view.latest.total) })}
					</a>
				</p>
			</section>
			<section aria-labelledby="changes-heading" id="latest-updates">
				<h2 id="changes-heading">{ctx.t(m.latest_updates)}</h2>
				<RecentChanges ctx={ctx} changes={view.changes} />
				<p>
					<a href={feed.href} type="application/atom+xml">
						{ctx.t(common.feed_link)}
					</a>
				</p>
			</section>
		</Layout>
	);
}
