/**
 * A goal or a target: its title in the page's language, its targets (for a goal), what
 * was promised and delivered for it, the gap between what is required and what was
 * provided, and the commitments serving it.
 */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import { feedPaths } from "../../../modules/feeds/feeds.service.ts";
import type { RequirementView } from "../../../modules/requirements/requirements.schemas.ts";
import { DeliveryFigures, type DeliveryFiguresData } from "../../components/delivery-figures.tsx";
import {
	commitmentsIn,
	GroupFiguresChart,
	GroupFiguresTable,
	usd,
} from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { components } from "../../i18n/components.messages.ts";
import { recipientKindNames, regionNames } from "../../i18n/enums.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { CommitmentSection, codeLabel, FeedLink, type Paged } from "./parts.tsx";
import { ThemeLinks } from "./theme-links.tsx";
import { themedGoal } from "./themes.ts";

type Group = DeliveryAggregate["groups"][number];

export interface GoalPageData {
	kind: "goal" | "target";
	/** As the registry stores it: "sdg:3", "mdg:8.B". */
	code: string;
	title: string;
	/** For a target: its goal. */
	goal: { code: string; title: string } | null;
	/** For a goal: its targets, with their figures when commitments serve them. */
	targets: { code: string; title: string; figures: Group | undefined }[];
	delivery: DeliveryFiguresData;
	requirements: RequirementView[];
	list: Paged<CommitmentListItem>;
}

function scopeLabel(ctx: PageContext, r: RequirementView): { text: string; english: boolean } {
	if (r.scope === "global") return { text: ctx.t(recipientKindNames.global), english: false };
	if (r.scope === "country" && r.scope_code)
		return { text: ctx.fmt.country(r.scope_code), english: false };
	const known = r.scope_code ? regionNames[r.scope_code] : undefined;
	if (known) return { text: ctx.t(known), english: false };
	return {
		text: r.scope_name ?? r.scope_code ?? ctx.t(recipientKindNames.region),
		english: ctx.lang !== "en",
	};
}

function usdOrUnknown(ctx: PageContext, value: string | null) {
	return value === null ? <span class="muted">{ctx.t(m.not_converted)}</span> : usd(ctx, value);
}

function Requirements(props: { ctx: PageContext; items: RequirementView[] }) {
	const { ctx, items } = props;
	if (items.length === 0) return <p class="muted">{ctx.t(m.requirements_none)}</p>;
	return (
		<ScrollRegion label={ctx.t(common.required_and_provided)}>
			<table class="requirements">
				<thead>
					<tr>
						<th scope="col">{ctx.t(m.col_requirement)}</th>
						<th scope="col">{ctx.t(m.col_scope)}</th>
						<th scope="col">{ctx.t(common.period)}</th>
						<th scope="col" class="num">
							{ctx.t(m.col_required)}
						</th>
						<th scope="col" class="num">
							{ctx.t(m.col_provided)}
						</th>
						<th scope="col" class="num">
							{ctx.t(components.gap)}
						</th>
						<th scope="col">{ctx.t(common.source)}</th>
					</tr>
				</thead>
				<tbody>
					{items.map((r) => {
						const scope = scopeLabel(ctx, r);
						const stated = ctx.fmt.moneyCompact(Number(r.amount), r.currency);
						return (
							<tr key={r.id} id={`requirement-${r.slug}`}>
								<td>
									<span dir="auto">{r.title}</span>
									<div class="muted small">
										{ctx.t(m.as_stated, {
											amount: r.frequency === "annual" ? `${stated} ${ctx.t(m.per_year)}` : stated,
										})}
										{r.target && (
											<>
												{" · "}
												<a href={ctx.href(`/targets/${r.target}`)}>{codeLabel(ctx, r.target)}</a>
											</>
										)}
									</div>
								</td>
								<td dir="auto" lang={scope.english ? "en" : undefined}>
									{scope.text}
								</td>
								<td class="nowrap">
									{ctx.t(m.period, {
										from: ctx.fmt.date(r.period_start),
										to: ctx.fmt.date(r.period_end),
									})}
								</td>
								<td class="num">{usdOrUnknown(ctx, r.gap.required)}</td>
								<td class="num">
									{usdOrUnknown(ctx, r.gap.provided)}
									<div class="muted small">
										{ctx.t(
											r.gap.provided_source === "source"
												? m.provided_by_source
												: m.provided_by_registry,
										)}
									</div>
								</td>
								<td class="num">{usdOrUnknown(ctx, r.gap.gap)}</td>
								<td dir="auto">
									{r.source_url ? (
										<a href={r.source_url} rel="external noopener">
											{r.source_title}
										</a>
									) : (
										r.source_title
									)}
								</td>
							</tr>
						);
					})}
				</tbody>
			</table>
		</ScrollRegion>
	);
}

function Targets(props: { ctx: PageContext; data: GoalPageData; baseYear: number | string }) {
	const { ctx, data } = props;
	if (data.targets.length === 0) return null;
	const charted = data.targets.flatMap((t) =>
		t.figures && Number(t.figures.committed) > 0
			? [{ ...t.figures, label: codeLabel(ctx, t.code) }]
			: [],
	);
	return (
		<section aria-labelledby="targets-h" id="targets">
			<h2 id="targets-h">{ctx.t(common.targets)}</h2>
			<GroupFiguresTable
				ctx={ctx}
				label={ctx.t(common.targets)}
				class="targets-table"
				nameHeader={ctx.t(common.target)}
				countHeader={ctx.t(m.col_commitments)}
				rows={data.targets.map((t) => ({
					key: t.code,
					name: (
						<a href={ctx.href(`/targets/${t.code}`)}>
							<span class="pf-code">{codeLabel(ctx, t.code)}</span>{" "}
							<span dir="auto">{t.title}</span>
						</a>
					),
					figures: t.figures,
					count: ctx.fmt.number(commitmentsIn(t.figures)),
				}))}
			/>
			{charted.length > 0 && (
				<GroupFiguresChart
					heading
					ctx={ctx}
					id="targets-chart"
					title={ctx.t(m.targets_chart_title)}
					description={ctx.t(m.targets_chart_desc, { year: props.baseYear })}
					categoryHeader={ctx.t(common.target)}
					groups={charted}
				/>
			)}
		</section>
	);
}

export function GoalPage(props: { ctx: PageContext; data: GoalPageData }) {
	const { ctx, data } = props;
	const label = codeLabel(ctx, data.code);
	const goalCode = data.goal?.code ?? data.code;
	const feed = feedPaths.goal(goalCode);
	const baseYear = data.delivery.price_basis.base_year ?? "—";
	const path = data.kind === "goal" ? `/goals/${data.code}` : `/targets/${data.code}`;
	const filter = `${data.kind}=${encodeURIComponent(data.code)}`;
	return (
		<Layout
			ctx={ctx}
			title={`${label}: ${data.title}`}
			description={ctx.t(m.goal_description, { code: label, title: data.title })}
			feeds={[{ title: codeLabel(ctx, goalCode), href: feed }]}
			section="goals"
		>
			<article class="profile" id={data.kind}>
				<p class="muted pf-eyebrow">
					<a href={ctx.href("/goals")}>{ctx.t(common.goals_and_targets)}</a>
				</p>
				<h1>
					<span class="pf-code">{label}</span> <span dir="auto">{data.title}</span>
				</h1>
				{data.goal && (
					<p>
						<a href={ctx.href(`/goals/${data.goal.code}`)}>
							{ctx.t(m.part_of_goal, {
								code: codeLabel(ctx, data.goal.code),
								title: data.goal.title,
							})}
						</a>
					</p>
				)}

				{data.code === themedGoal && <ThemeLinks ctx={ctx} />}

				<section aria-labelledby="delivery-h" id="delivery">
					<h2 id="delivery-h">{ctx.t(m.delivery_record)}</h2>
					<DeliveryFigures ctx={ctx} figures={data.delivery} heading={ctx.t(m.delivery_record)} />
				</section>

				<Targets ctx={ctx} data={data} baseYear={baseYear} />

				<section aria-labelledby="requirements-h" id="requirements">
					<h2 id="requirements-h">{ctx.t(common.required_and_provided)}</h2>
					<p class="small">{ctx.t(m.requirements_intro, { year: baseYear })}</p>
					<Requirements ctx={ctx} items={data.requirements} />
				</section>

				<CommitmentSection
					ctx={ctx}
					id="commitments"
					heading={ctx.t(m.commitments_serving, { n: ctx.fmt.number(data.list.total) })}
					list={data.list}
					path={path}
					filter={filter}
				/>
				<FeedLink ctx={ctx} href={feed} label={ctx.t(m.goal_feed)} />
			</article>
		</Layout>
	);
}
