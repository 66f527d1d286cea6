/** The goals of both frameworks, with what was promised and delivered for each. */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import { Layout } from "../../components/layout.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { GoalTitle, PageContext } from "../../context.ts";
import { components } from "../../i18n/components.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { codeLabel, GroupChart, usd } from "./parts.tsx";

type Group = DeliveryAggregate["groups"][number];

/** Commitments in a group of the analytics: those that carry money and those counted through them. */
export function commitmentsIn(group: Pick<Group, "counts"> | undefined): number {
	const c = group?.counts;
	if (!c) return 0;
	const kinds = ["counted", "reaffirmation", "part", "overlap", "superseded", "withdrawn"];
	return kinds.reduce((sum, k) => sum + (c[k] ?? 0), 0);
}

/** The goals of a framework ("mdg", "sdg") in their order, from the titles of the page's language. */
export function goalsOf(ctx: PageContext, framework: string): GoalTitle[] {
	return [...ctx.titles.values()].filter(
		(g) => g.code.startsWith(`${framework}:`) && !g.code.includes("."),
	);
}

function FrameworkSection(props: {
	ctx: PageContext;
	framework: "mdg" | "sdg";
	byGoal: Map<string, Group>;
	baseYear: number | string;
}) {
	const { ctx, framework, byGoal } = props;
	const goals = goalsOf(ctx, framework);
	const name = ctx.t(framework === "mdg" ? m.framework_mdg : m.framework_sdg);
	const charted = goals.flatMap((g) => {
		const f = byGoal.get(g.code);
		return f && Number(f.committed) > 0 ? [{ ...f, label: codeLabel(ctx, g.code) }] : [];
	});
	return (
		<section aria-labelledby={`${framework}-h`} id={framework}>
			<h2 id={`${framework}-h`}>{name}</h2>
			<ScrollRegion label={name}>
				<table class="goals-table">
					<thead>
						<tr>
							<th scope="col">{ctx.t(m.col_goal)}</th>
							<th scope="col" class="num">
								{ctx.t(m.col_commitments)}
							</th>
							<th scope="col" class="num">
								{ctx.t(components.promised)}
							</th>
							<th scope="col" class="num">
								{ctx.t(components.delivered)}
							</th>
						</tr>
					</thead>
					<tbody>
						{goals.map((g) => {
							const f = byGoal.get(g.code);
							const n = commitmentsIn(f);
							return (
								<tr key={g.code}>
									<th scope="row">
										<a href={ctx.href(`/goals/${g.code}`)}>
											<span class="pf-code">{codeLabel(ctx, g.code)}</span>{" "}
											<span dir="auto">{g.title}</span>
										</a>
									</th>
									<td class="num">
										{n > 0 ? (
											<a href={ctx.href(`/commitments?goal=${g.code}`)}>{ctx.fmt.number(n)}</a>
										) : (
											ctx.fmt.number(0)
										)}
									</td>
									<td class="num">{f ? usd(ctx, f.committed) : "—"}</td>
									<td class="num">{f ? usd(ctx, f.delivered) : "—"}</td>
								</tr>
							);
						})}
					</tbody>
				</table>
			</ScrollRegion>
			{charted.length > 0 && (
				<>
					<h3>{ctx.t(m.goals_chart_title, { framework: name })}</h3>
					<GroupChart
						ctx={ctx}
						id={`${framework}-goals-chart`}
						title={ctx.t(m.goals_chart_title, { framework: name })}
						description={ctx.t(m.goals_chart_desc, { year: props.baseYear })}
						categoryHeader={ctx.t(m.col_goal)}
						groups={charted}
					/>
				</>
			)}
		</section>
	);
}

export function GoalsPage(props: { ctx: PageContext; byGoal: DeliveryAggregate }) {
	const { ctx, byGoal } = props;
	const groups = new Map(byGoal.groups.map((g) => [g.key, g]));
	const baseYear = byGoal.price_basis.base_year ?? "—";
	return (
		<Layout
			ctx={ctx}
			title={ctx.t(m.goals_title)}
			description={ctx.t(m.goals_intro)}
			section="goals"
		>
			<h1>{ctx.t(m.goals_title)}</h1>
			<p>{ctx.t(m.goals_intro)}</p>
			<p class="muted small">
				{ctx.t(m.usd_basis, { year: baseYear })} · {ctx.t(m.groups_not_additive)}
			</p>
			<FrameworkSection ctx={ctx} framework="mdg" byGoal={groups} baseYear={baseYear} />
			<FrameworkSection ctx={ctx} framework="sdg" byGoal={groups} baseYear={baseYear} />
		</Layout>
	);
}
