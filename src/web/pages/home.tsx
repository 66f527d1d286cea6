/**
 * The home page: how much was promised and delivered across the registry (the gap), the
 * same by goal, the latest commitments, and the latest public changes (what the Atom
 * feed lists).
 */
import type { DeliveryAggregate } from "../../modules/analytics/analytics.schemas.ts";
import type { CommitmentListItem } from "../../modules/commitments/commitments.schemas.ts";
import type { RecentChange } from "../../modules/feeds/feeds.service.ts";
import { CommitmentTable } from "../components/commitment-table.tsx";
import { DeliveryFigures } from "../components/delivery-figures.tsx";
import { GroupFiguresChart, GroupFiguresTable } from "../components/group-figures.tsx";
import { Layout } from "../components/layout.tsx";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { commitmentActionNames } from "../i18n/enums.messages.ts";
import { home as m } from "../i18n/home.messages.ts";
import type { Message } from "../i18n/messages.ts";
import { goalLabel } from "./explorer/labels.ts";

/** Goals shown in the chart: those with the largest commitments. */
const chartGoals = 10;

export interface HomeView {
	delivery: DeliveryAggregate;
	latest: { items: CommitmentListItem[]; total: number };
	changes: RecentChange[];
	demo: boolean;
}

function ByGoal(props: { ctx: PageContext; delivery: DeliveryAggregate }) {
	const { ctx } = props;
	const goals = props.delivery.groups
		.filter((g) => Number(g.committed) > 0 || Number(g.delivered) > 0)
		.slice(0, chartGoals);
	if (goals.length === 0) return <p class="muted">{ctx.t(common.no_data)}</p>;
	const labelled = goals.map((g) => ({ ...g, label: goalLabel(ctx, g.key) }));
	return (
		<>
			<GroupFiguresChart
				ctx={ctx}
				id="home-by-goal"
				title={ctx.t(m.chart_title)}
				description={ctx.t(m.chart_description, { n: ctx.fmt.number(goals.length) })}
				tableCaption={ctx.t(m.chart_table)}
				categoryHeader={ctx.t(common.goal)}
				groups={labelled}
			/>
			<GroupFiguresTable
				ctx={ctx}
				label={ctx.t(m.goals_table_caption)}
				class="home-goals"
				caption={ctx.t(m.goals_table_caption)}
				captionClass="muted"
				nameHeader={ctx.t(common.goal)}
				lastHeader={ctx.t(m.share_delivered)}
				rows={labelled.map((g) => ({
					key: g.key,
					name: <a href={ctx.href(`/goals/${g.key}`)}>{g.label}</a>,
					figures: g,
					last: g.ratio === null ? "—" : ctx.fmt.percent(g.ratio),
				}))}
			/>
			<p>
				<a href={ctx.href("/goals")}>{ctx.t(m.all_goals)}</a>
			</p>
		</>
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
			<section aria-labelledby="headline-heading" id="headline">
				<h2 id="headline-heading">{ctx.t(m.headline)}</h2>
				<DeliveryFigures
					ctx={ctx}
					figures={{
						...view.delivery.total,
						as_of: view.delivery.as_of,
						price_basis: view.delivery.price_basis,
					}}
				/>
			</section>
			<section aria-labelledby="by-goal-heading" id="by-goal">
				<h2 id="by-goal-heading">{ctx.t(m.by_goal)}</h2>
				<ByGoal ctx={ctx} delivery={view.delivery} />
			</section>
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
