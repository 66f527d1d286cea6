/**
 * A country: the commitments that target it and what was delivered to it, what its
 * government promised (when it is a registered stakeholder), where commitments show in
 * its national strategies, and where it is on the map.
 */
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import { feedPaths } from "../../../modules/feeds/feeds.service.ts";
import type { ReportView } from "../../../modules/reports/reports.service.ts";
import { DeliveryFigures, type DeliveryFiguresData } from "../../components/delivery-figures.tsx";
import { usd } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { WorldMap } from "../../map/world-map.tsx";
import { CommitmentSection, FeedLink, groupLabel, type Paged } from "./parts.tsx";

export interface CountryData {
	code: string;
	/** The codelist's (English) name, used when Intl has none for the code. */
	name: string;
	stakeholder: { id: number; slug: string; name: string } | null;
	groups: string[];
	delivery: { received: DeliveryFiguresData; made: DeliveryFiguresData | null };
}

/** The country's name in the page's language (Intl), else the codelist's. */
export function countryName(ctx: PageContext, code: string, fallback: string): string {
	const name = ctx.fmt.country(code);
	return name === code ? fallback : name;
}

function Strategies(props: { ctx: PageContext; reports: ReportView[] }) {
	const { ctx, reports } = props;
	if (reports.length === 0) return <p class="muted">{ctx.t(m.strategies_none)}</p>;
	return (
		<ScrollRegion label={ctx.t(m.strategies)}>
			<table class="strategies">
				<thead>
					<tr>
						<th scope="col">{ctx.t(common.commitment)}</th>
						<th scope="col">{ctx.t(m.col_document)}</th>
						<th scope="col">{ctx.t(common.section)}</th>
						<th scope="col">{ctx.t(common.period)}</th>
						<th scope="col">{ctx.t(m.col_account)}</th>
					</tr>
				</thead>
				<tbody>
					{reports.map((r) => (
						<tr key={r.id}>
							<td>
								<a href={ctx.href(`/commitments/${r.commitment.slug}`)} dir="auto">
									{r.commitment.title}
								</a>
							</td>
							<td dir="auto">
								{r.national_strategy?.url ? (
									<a href={r.national_strategy.url} rel="external noopener">
										{r.national_strategy.document}
									</a>
								) : (
									r.national_strategy?.document
								)}
							</td>
							<td dir="auto">{r.national_strategy?.section ?? "—"}</td>
							<td class="nowrap">
								{ctx.t(m.period, {
									from: ctx.fmt.date(r.period_start),
									to: ctx.fmt.date(r.period_end),
								})}
							</td>
							<td dir="auto" class="pf-narrative">
								{r.narrative}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	);
}

export function CountryPage(props: {
	ctx: PageContext;
	country: CountryData;
	list: Paged<CommitmentListItem>;
	strategies: ReportView[];
}) {
	const { ctx, country: c } = props;
	const name = countryName(ctx, c.code, c.name);
	const feed = feedPaths.country(c.code);
	const received = c.delivery.received;
	const promised = Number(received.committed);
	return (
		<Layout
			ctx={ctx}
			title={name}
			description={ctx.t(m.country_description, { country: name })}
			feeds={[{ title: name, href: feed }]}
			section="map"
		>
			<article class="profile" id="country">
				<p class="muted pf-eyebrow">{ctx.t(m.country_label)}</p>
				<h1>{name}</h1>
				{c.groups.length > 0 && (
					<dl class="facts">
						<dt>{ctx.t(m.groups)}</dt>
						<dd>
							<ul class="pf-inline">
								{c.groups.map((g) => (
									<li key={g}>
										<abbr title={groupLabel(ctx, g)}>{g}</abbr>
									</li>
								))}
							</ul>
						</dd>
					</dl>
				)}

				<div class="pf-columns">
					<section aria-labelledby="received-h" id="received">
						<h2 id="received-h">{ctx.t(m.delivery_to, { country: name })}</h2>
						<DeliveryFigures
							ctx={ctx}
							figures={received}
							heading={ctx.t(m.delivery_to, { country: name })}
						/>
					</section>
					<section aria-labelledby="locator-h" id="locator" class="pf-locator">
						<h2 id="locator-h">{ctx.t(m.locator_title, { country: name })}</h2>
						<WorldMap
							id="country-map"
							values={new Map([[c.code, promised]])}
							name={(code) => ctx.fmt.country(code)}
							format={(n) => usd(ctx, n)}
							href={(code) => ctx.href(`/countries/${code}`)}
							title={ctx.t(m.locator_title, { country: name })}
							description={ctx.t(m.locator_desc, { country: name, amount: usd(ctx, promised) })}
							legendTitle={ctx.t(m.locator_legend, { country: name })}
							noDataLabel={ctx.t(m.map_no_data)}
						/>
						<p class="small">
							<a href={ctx.href("/map")}>{ctx.t(m.whole_map)}</a>
						</p>
					</section>
				</div>

				<CommitmentSection
					ctx={ctx}
					id="commitments"
					heading={ctx.t(m.commitments_to, {
						country: name,
						n: ctx.fmt.number(props.list.total),
					})}
					list={props.list}
					path={`/countries/${c.code}`}
					filter={`recipient=${c.code}`}
				/>

				<section aria-labelledby="strategies-h" id="strategies">
					<h2 id="strategies-h">{ctx.t(m.strategies)}</h2>
					<p>{ctx.t(m.strategies_intro)}</p>
					<Strategies ctx={ctx} reports={props.strategies} />
				</section>

				<section aria-labelledby="government-h" id="government">
					<h2 id="government-h">{ctx.t(m.government)}</h2>
					{c.stakeholder && c.delivery.made ? (
						<>
							<p>
								<a href={ctx.href(`/stakeholders/${c.stakeholder.slug}`)} dir="auto">
									{ctx.t(m.government_link, { name: c.stakeholder.name })}
								</a>
							</p>
							<DeliveryFigures ctx={ctx} figures={c.delivery.made} heading={ctx.t(m.government)} />
						</>
					) : (
						<p class="muted">{ctx.t(m.no_government)}</p>
					)}
				</section>
				<FeedLink ctx={ctx} href={feed} />
			</article>
		</Layout>
	);
}
