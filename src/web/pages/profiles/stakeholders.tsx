/**
 * The makers' league table: for each stakeholder, its own pledges (methodology 5a) with
 * what was promised, delivered and the gap, the share delivered, how many collective
 * pledges it shares, how recent its reports are and its aid as a share of national income where
 * official statistics measure it. Sorted by any of the money columns; the figures are the
 * analytics by stakeholder, no data shows as "Information not available".
 */

import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import type { GroupSort } from "../../../modules/analytics/group.sort.ts";
import { commitmentsIn } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { Amount, GapCell, NotAvailable } from "../../components/no-data.tsx";
import { Pager } from "../../components/pager.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import { pctOf } from "../../components/share-parts.tsx";
import { type NamedStakeholder, StakeholderName } from "../../components/stakeholder-name.tsx";
import type { PageContext } from "../../context.ts";
import { components } from "../../i18n/components.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";

export interface MakerExtras {
	/** What its name is shown by: a member state by its country's name in the language. */
	named: NamedStakeholder | null;
	/** The end of the latest period its progress reports cover, on public commitments. */
	reportedUpTo: string | null;
	/** Its ODA as a share of GNI in the latest year published, where measured. */
	share: { year: number; share: number } | null;
}

type Group = DeliveryAggregate["groups"][number];

/** A maker's commitments other than the collective ones it shares. */
const ownCount = (g: Group) => commitmentsIn(g) - (g.counts?.collective ?? 0);

export function StakeholdersPage(props: {
	ctx: PageContext;
	byMaker: DeliveryAggregate;
	sort: GroupSort;
	extras: Map<string, MakerExtras>;
}) {
	const { ctx, byMaker, sort, extras } = props;
	const baseYear = byMaker.price_basis.base_year ?? "—";
	const title = ctx.t(m.stakeholders_title);
	const href = (s: GroupSort, page = 1) => {
		const q = new URLSearchParams();
		if (s !== "committed") q.set("sort", s);
		if (page > 1) q.set("page", String(page));
		const text = q.toString();
		return ctx.href(text ? `/stakeholders?${text}` : "/stakeholders");
	};
	// A header that sorts: the current order is marked for screen readers and by sight.
	const sortable = (s: GroupSort, label: string) => (
		<th scope="col" class="num" aria-sort={s === sort ? "descending" : undefined}>
			{s === sort ? (
				<span class="sorted">{label} ↓</span>
			) : (
				<a href={href(s)} title={ctx.t(m.sort_by, { column: label })}>
					{label}
				</a>
			)}
		</th>
	);
	return (
		<Layout ctx={ctx} title={title} description={ctx.t(m.stakeholders_intro)} section="explore">
			<h1>{title}</h1>
			<p>{ctx.t(m.stakeholders_intro)}</p>
			<p class="muted small">
				{ctx.t(m.usd_basis, { year: baseYear })} · {ctx.t(m.stakeholders_rule)}{" "}
				<a
					href={ctx.href(
						"/methodology#5a-what-a-maker-promised-its-own-pledges-not-the-whole-of-a-collective-one",
					)}
				>
					{ctx.t(m.how_counted)}
				</a>
			</p>
			{byMaker.groups.length === 0 ? (
				<p class="muted">{ctx.t(m.stakeholders_empty)}</p>
			) : (
				<ScrollRegion label={title}>
					<table id="stakeholders-table" class="league">
						<thead>
							<tr>
								<th scope="col">{ctx.t(m.col_maker)}</th>
								<th scope="col" class="num">
									{ctx.t(m.col_own)}
								</th>
								<th scope="col" class="num">
									{ctx.t(m.col_collective)}
								</th>
								{sortable("committed", ctx.t(components.promised))}
								{sortable("delivered", ctx.t(components.delivered))}
								{sortable("gap", ctx.t(components.gap))}
								{sortable("ratio", ctx.t(m.col_share_delivered))}
								<th scope="col">{ctx.t(m.col_latest_report)}</th>
								<th scope="col" class="num">
									{ctx.t(m.col_oda_gni)}
								</th>
							</tr>
						</thead>
						<tbody>
							{byMaker.groups.map((g) => {
								const x = extras.get(g.key);
								return (
									<tr key={g.key}>
										<th scope="row">
											<a href={ctx.href(`/stakeholders/${g.slug ?? g.key}`)}>
												<StakeholderName
													ctx={ctx}
													stakeholder={x?.named ?? { name: g.name ?? g.key }}
												/>
											</a>
										</th>
										<td class="num">{ctx.fmt.number(ownCount(g))}</td>
										<td class="num">{ctx.fmt.number(g.counts?.collective ?? 0)}</td>
										<td class="num">
											<Amount ctx={ctx} value={g.committed} />
										</td>
										<td class="num">
											<Amount ctx={ctx} value={g.delivered} />
										</td>
										<td class="num">
											<GapCell ctx={ctx} figures={g} />
										</td>
										<td class="num">
											{g.ratio === null ? <NotAvailable ctx={ctx} /> : ctx.fmt.percent(g.ratio)}
										</td>
										<td>
											{x?.reportedUpTo ? (
												<time datetime={x.reportedUpTo}>{ctx.fmt.date(x.reportedUpTo)}</time>
											) : (
												<span class="muted">{ctx.t(m.no_report_yet)}</span>
											)}
										</td>
										<td class="num">
											{x?.share ? (
												<>
													{pctOf(ctx, x.share.share)}{" "}
													<span class="muted small">({ctx.fmt.year(x.share.year)})</span>
												</>
											) : (
												<span class="muted" title={ctx.t(m.not_measured_title)}>
													{ctx.t(m.not_measured)}
												</span>
											)}
										</td>
									</tr>
								);
							})}
						</tbody>
					</table>
				</ScrollRegion>
			)}
			<Pager
				ctx={ctx}
				page={byMaker.page}
				total={byMaker.total_groups}
				limit={byMaker.limit}
				hrefFor={(n) => href(sort, n)}
			/>
		</Layout>
	);
}
