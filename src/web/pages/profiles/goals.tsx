/** The goals of both frameworks, with what was promised and delivered for each. */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import {
	commitmentsIn,
	GroupFiguresChart,
	GroupFiguresTable,
} from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import type { GoalTitle, PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { codeLabel } from "./parts.tsx";

type Group = DeliveryAggregate["groups"][number];

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
	const name = ctx.t(framework === "mdg" ? common.framework_mdg : common.framework_sdg);
	const charted = goals.flatMap((g) => {
		const f = byGoal.get(g.code);
		return f && Number(f.committed) > 0 ? [{ ...f, label: codeLabel(ctx, g.code) }] : [];
	});
	return (
		<section aria-labelledby={`${framework}-h`} id={framework}>
			<h2 id={`${framework}-h`}>{name}</h2>
			<GroupFiguresTable
				ctx={ctx}
				label={name}
				class="goals-table"
				nameHeader={ctx.t(common.goal)}
				countHeader={ctx.t(m.col_commitments)}
				rows={goals.map((g) => {
					const f = byGoal.get(g.code);
					const n = commitmentsIn(f);
					return {
						key: g.code,
						name: (
							<a href={ctx.href(`/goals/${g.code}`)}>
								<span class="pf-code">{codeLabel(ctx, g.code)}</span>{" "}
								<span dir="auto">{g.title}</span>
							</a>
						),
						figures: f,
						count:
							n > 0 ? (
								<a href={ctx.href(`/commitments?goal=${g.code}`)}>{ctx.fmt.number(n)}</a>
							) : (
								ctx.fmt.number(0)
							),
					};
				})}
			/>
			{charted.length > 0 && (
				<GroupFiguresChart
					heading
					ctx={ctx}
					id={`${framework}-goals-chart`}
					title={ctx.t(m.goals_chart_title, { framework: name })}
					description={ctx.t(m.goals_chart_desc, { year: props.baseYear })}
					categoryHeader={ctx.t(common.goal)}
					groups={charted}
				/>
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
			title={ctx.t(common.goals_and_targets)}
			description={ctx.t(m.goals_intro)}
			section="goals"
		>
			<h1>{ctx.t(common.goals_and_targets)}</h1>
			<p>{ctx.t(m.goals_intro)}</p>
			<p class="muted small">
				{ctx.t(m.usd_basis, { year: baseYear })} · {ctx.t(m.groups_not_additive)}
			</p>
			<FrameworkSection ctx={ctx} framework="mdg" byGoal={groups} baseYear={baseYear} />
			<FrameworkSection ctx={ctx} framework="sdg" byGoal={groups} baseYear={baseYear} />
		</Layout>
	);
}
