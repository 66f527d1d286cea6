/**
 * Every forum where commitments were made (summits, conferences, replenishments,
 * initiatives), with what was promised there, what was delivered and the gap, most
 * promised first: the journalist's "which summits delivered?" on one page. Figures are the
 * analytics by forum; no data shows as "Information not available" (no-data.tsx).
 */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import { commitmentsIn, GroupFiguresTable } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { GapCell } from "../../components/no-data.tsx";
import { Pager } from "../../components/pager.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { components } from "../../i18n/components.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";

export function ForumsPage(props: { ctx: PageContext; byForum: DeliveryAggregate }) {
	const { ctx, byForum } = props;
	const baseYear = byForum.price_basis.base_year ?? "—";
	const title = ctx.t(m.forums_title);
	return (
		<Layout ctx={ctx} title={title} description={ctx.t(m.forums_intro)} section="explore">
			<h1>{title}</h1>
			<p>{ctx.t(m.forums_intro)}</p>
			<p class="muted small">
				{ctx.t(m.usd_basis, { year: baseYear })} · {ctx.t(m.groups_not_additive)}
			</p>
			{byForum.groups.length === 0 ? (
				<p class="muted">{ctx.t(m.forums_empty)}</p>
			) : (
				<GroupFiguresTable
					ctx={ctx}
					label={title}
					id="forums-table"
					class="forums"
					nameHeader={ctx.t(common.forum)}
					countHeader={ctx.t(m.col_commitments)}
					lastHeader={ctx.t(components.gap)}
					rows={byForum.groups.map((g) => ({
						key: g.key,
						// Forum names are recorded in English.
						name: (
							<a href={ctx.href(`/forums/${g.slug ?? g.key}`)} dir="auto" lang="en">
								{g.name}
							</a>
						),
						figures: g,
						count: ctx.fmt.number(commitmentsIn(g)),
						last: <GapCell ctx={ctx} figures={g} />,
					}))}
				/>
			)}
			<Pager
				ctx={ctx}
				page={byForum.page}
				total={byForum.total_groups}
				limit={byForum.limit}
				hrefFor={(n) => ctx.href(n === 1 ? "/forums" : `/forums?page=${n}`)}
			/>
		</Layout>
	);
}
