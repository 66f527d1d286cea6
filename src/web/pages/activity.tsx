/**
 * One IATI activity as its publisher reported it: who reported it, its transactions (as
 * published, and in US dollars at constant prices as IIF converts them), and the public
 * commitments it is accepted as delivering, each with the share that counts. The
 * publisher's own words (title, names) stay in the language they were published in.
 */
import type { ActivityDetail } from "../../modules/activities/activities.schemas.ts";
import { Layout } from "../components/layout.tsx";
import { ScrollRegion } from "../components/scroll-region.tsx";
import type { PageContext } from "../context.ts";
import { activities as m } from "../i18n/activities.messages.ts";

type Narrative = ActivityDetail["title"][number];

/** The narrative in the page's language, else the default one, else the first. */
function narrativeIn(ctx: PageContext, list: Narrative[]): Narrative | null {
	return (
		list.find((n) => n.lang === ctx.lang) ?? list.find((n) => n.lang === null) ?? list[0] ?? null
	);
}

function Published(props: { ctx: PageContext; list: Narrative[]; fallback: string }) {
	const n = narrativeIn(props.ctx, props.list);
	return (
		<span dir="auto" lang={n?.lang ?? undefined}>
			{n?.text ?? props.fallback}
		</span>
	);
}

export function ActivityPage(props: {
	ctx: PageContext;
	activity: ActivityDetail;
	/** IATI transaction type code -> its name in the page's language (or English). */
	transactionTypes: Map<string, string>;
	baseYear: number;
}) {
	const { ctx, activity: a } = props;
	const title = narrativeIn(ctx, a.title)?.text ?? a.iati_identifier;
	return (
		<Layout ctx={ctx} title={title} description={ctx.t(m.description)} section="explore">
			<article class="profile" id="activity">
				<p class="muted pf-eyebrow">
					<a href={ctx.href("/activities")}>{ctx.t(m.eyebrow)}</a>
				</p>
				<h1>
					<Published ctx={ctx} list={a.title} fallback={a.iati_identifier} />
				</h1>
				<dl class="facts">
					<dt>{ctx.t(m.identifier)}</dt>
					<dd>
						<code dir="ltr">{a.iati_identifier}</code>
					</dd>
					<dt>{ctx.t(m.publisher)}</dt>
					<dd>
						<Published ctx={ctx} list={a.reporting_org.narratives} fallback={a.reporting_org.ref} />{" "}
						(<code dir="ltr">{a.reporting_org.ref}</code>)
					</dd>
					{a.reports_for?.via_agency && (
						<>
							<dt>{ctx.t(m.reports_for)}</dt>
							<dd id="reports-for">
								<a href={ctx.href(`/stakeholders/${a.reports_for.slug}`)} dir="auto">
									{a.reports_for.name}
								</a>
							</dd>
						</>
					)}
					{a.last_updated_datetime && (
						<>
							<dt>{ctx.t(m.last_updated)}</dt>
							<dd>{ctx.fmt.date(a.last_updated_datetime.slice(0, 10))}</dd>
						</>
					)}
				</dl>

				<section aria-labelledby="delivers-h" id="delivers">
					<h2 id="delivers-h">{ctx.t(m.delivers_heading)}</h2>
					{a.commitments.length === 0 ? (
						<p class="muted">{ctx.t(m.delivers_none)}</p>
					) : (
						<ul class="plain-list">
							{a.commitments.map((c) => (
								<li key={c.id}>
									<a href={ctx.href(`/commitments/${c.slug}`)} dir="auto">
										{c.title}
									</a>{" "}
									<span class="muted small">
										{ctx.t(m.share_counted, { pct: ctx.fmt.percent(c.share / 100) })}
									</span>
								</li>
							))}
						</ul>
					)}
				</section>

				<section aria-labelledby="transactions-h" id="transactions">
					<h2 id="transactions-h">
						{ctx.t(m.transactions_heading, { n: ctx.fmt.number(a.transactions.length) })}
					</h2>
					{a.transactions.length === 0 ? (
						<p class="muted">{ctx.t(m.no_transactions)}</p>
					) : (
						<ScrollRegion label={ctx.t(m.transactions_heading, { n: a.transactions.length })}>
							<table class="transactions">
								<thead>
									<tr>
										<th scope="col">{ctx.t(m.col_type)}</th>
										<th scope="col">{ctx.t(m.col_date)}</th>
										<th scope="col" class="num">
											{ctx.t(m.col_value)}
										</th>
										<th scope="col" class="num">
											{ctx.t(m.col_usd, { year: ctx.fmt.year(props.baseYear) })}
										</th>
									</tr>
								</thead>
								<tbody>
									{a.transactions.map((t) => (
										<tr key={t.id}>
											<th scope="row">
												{props.transactionTypes.get(t.transaction_type) ?? t.transaction_type}
											</th>
											<td class="nowrap">{ctx.fmt.date(t.transaction_date)}</td>
											<td class="num">
												{t.currency
													? ctx.fmt.money(Number(t.value), t.currency)
													: ctx.fmt.number(Number(t.value))}
											</td>
											<td class="num">
												{t.usd_constant === null
													? "—"
													: ctx.fmt.money(Number(t.usd_constant), "USD")}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</ScrollRegion>
					)}
				</section>
			</article>
		</Layout>
	);
}
