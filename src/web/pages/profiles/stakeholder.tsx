/** A stakeholder: who it is, its delivery record and the commitments it made. */

import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import { feedPaths } from "../../../modules/feeds/feeds.service.ts";
import type { StakeholderService } from "../../../modules/stakeholders/stakeholders.service.ts";
import { DeliveryFigures } from "../../components/delivery-figures.tsx";
import { YearFiguresChart } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { stakeholderName } from "../../components/stakeholder-name.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { stakeholderKindNames } from "../../i18n/enums.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { CommitmentSection, FeedLink, groupLabel, type Paged } from "./parts.tsx";
import { type ShareRecord, ShareRecordSection } from "./share-record.tsx";

/** A stakeholder as the stakeholder service gives it, with its delivery figures. */
export type StakeholderData = Awaited<ReturnType<StakeholderService["get"]>>;

export function StakeholderPage(props: {
	ctx: PageContext;
	stakeholder: StakeholderData;
	list: Paged<CommitmentListItem>;
	byYear: DeliveryAggregate;
	/** Its aid as a share of national income, when its provider has official statistics. */
	shareRecord?: ShareRecord | null;
}) {
	const { ctx, stakeholder: s, byYear } = props;
	const name = stakeholderName(ctx, s);
	const feed = feedPaths.stakeholder(s.slug);
	const baseYear = s.delivery.price_basis.base_year ?? "—";
	return (
		<Layout
			ctx={ctx}
			title={name.text}
			description={ctx.t(m.stakeholder_description, { name: name.text })}
			feeds={[{ title: name.text, href: feed }]}
			section="explore"
		>
			<article class="profile" id="stakeholder">
				<p class="muted pf-eyebrow">
					<a href={ctx.href("/stakeholders")}>{ctx.t(m.stakeholder_label)}</a>
				</p>
				<h1 dir="auto" lang={name.lang ?? undefined}>
					{name.text}
				</h1>
				<dl class="facts">
					{s.short_name && s.short_name !== s.name && (
						<>
							<dt>{ctx.t(m.short_name)}</dt>
							<dd dir="auto">{s.short_name}</dd>
						</>
					)}
					<dt>{ctx.t(m.kind)}</dt>
					<dd>{ctx.t(stakeholderKindNames[s.kind])}</dd>
					{s.country && (
						<>
							<dt>{ctx.t(common.country)}</dt>
							<dd>
								<a href={ctx.href(`/countries/${s.country}`)}>{ctx.fmt.country(s.country)}</a>
							</dd>
						</>
					)}
					{s.groups.length > 0 && (
						<>
							<dt>{ctx.t(m.groups)}</dt>
							<dd>
								<ul class="pf-inline">
									{s.groups.map((g) => (
										<li key={g}>
											<abbr title={groupLabel(ctx, g)}>{g}</abbr>
										</li>
									))}
								</ul>
							</dd>
						</>
					)}
					{s.website && (
						<>
							<dt>{ctx.t(m.website)}</dt>
							<dd>
								<a href={s.website} rel="external noopener" dir="ltr">
									{s.website.replace(/^https?:\/\//, "")}
								</a>
							</dd>
						</>
					)}
					{s.iati_org_id && (
						<>
							<dt>{ctx.t(m.iati_id)}</dt>
							<dd>
								<code dir="ltr">{s.iati_org_id}</code>
							</dd>
						</>
					)}
					{s.agencies.length > 0 && (
						<>
							<dt>{ctx.t(m.agencies)}</dt>
							<dd id="agencies">
								<ul class="plain-list">
									{s.agencies.map((a) => (
										<li key={a.iati_org_id}>
											{a.name && (
												<>
													<span dir="auto">{a.name}</span>{" "}
												</>
											)}
											(<code dir="ltr">{a.iati_org_id}</code>)
											{(a.reported_from !== null || a.reported_to !== null) && (
												<span class="muted small">
													{" "}
													{a.reported_from ?? "…"}–{a.reported_to ?? "…"}
												</span>
											)}
										</li>
									))}
								</ul>
							</dd>
						</>
					)}
				</dl>

				<section aria-labelledby="delivery-h" id="delivery">
					<h2 id="delivery-h">{ctx.t(m.delivery_record)}</h2>
					<p class="muted" id="own-pledges">
						{ctx.t(m.own_pledges_note, { name: s.name })}
					</p>
					<DeliveryFigures ctx={ctx} figures={s.delivery} heading={ctx.t(m.delivery_record)} />
					{s.delivery.counts.collective > 0 && (
						<p id="collective-pledges">
							{ctx.t(m.collective_note, {
								name: s.name,
								n: ctx.fmt.number(s.delivery.counts.collective),
							})}
						</p>
					)}
					{byYear.groups.length > 0 && (
						<YearFiguresChart
							heading
							ctx={ctx}
							id="stakeholder-years"
							title={ctx.t(m.by_year_title)}
							description={ctx.t(m.by_year_desc, { name: s.name, year: baseYear })}
							groups={byYear.groups}
						/>
					)}
				</section>

				{props.shareRecord && (
					<ShareRecordSection ctx={ctx} record={props.shareRecord} name={s.name} />
				)}

				<CommitmentSection
					ctx={ctx}
					id="commitments"
					heading={ctx.t(m.commitments_n, { n: ctx.fmt.number(props.list.total) })}
					list={props.list}
					path={`/stakeholders/${s.slug}`}
					filter={`stakeholder=${encodeURIComponent(s.slug)}`}
				/>
				<FeedLink ctx={ctx} href={feed} />
			</article>
		</Layout>
	);
}
