/**
 * The page of one commitment: what was promised in the words of its source, by whom,
 * where and for what; the money as stated and in US dollars; delivery over time; status
 * and reporting light with their rules; flags, related commitments and how it counts in
 * totals; progress reports and assessments; comments; and the history of the record.
 */
import { isPublicStatus } from "../../modules/commitments/commitments.schemas.ts";
import { feedPaths } from "../../modules/feeds/feeds.service.ts";
import { Layout } from "../components/layout.tsx";
import type { PageContext } from "../context.ts";
import { activities as am } from "../i18n/activities.messages.ts";
import { cm } from "../i18n/commitment.messages.ts";
import { common } from "../i18n/common.messages.ts";
import { commitmentKindNames, commitmentStatusNames } from "../i18n/enums.messages.ts";
import { ActivitiesSection } from "./commitment/activities.tsx";
import { CommentsSection } from "./commitment/comments.tsx";
import { DeliveryChart, StatusSection } from "./commitment/delivery.tsx";
import { HistorySection } from "./commitment/history.tsx";
import { MoneySection } from "./commitment/money.tsx";
import { labelled } from "./commitment/names.ts";
import { FlagsSection, RelationsSection } from "./commitment/related.tsx";
import { AssessmentsSection, ReportsSection } from "./commitment/reports.tsx";
import { CommitmentFacts, VerbatimText } from "./commitment/summary.tsx";
import type { CommitmentForms, CommitmentPageData } from "./commitment/types.ts";

/** The first ~200 characters of the text, cut at a word, for link previews. */
export function excerpt(text: string, max = 200): string {
	const flat = text.replace(/\s+/g, " ").trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max);
	const space = cut.lastIndexOf(" ");
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

export function CommitmentPage(props: {
	ctx: PageContext;
	data: CommitmentPageData;
	forms?: CommitmentForms;
}) {
	const { ctx, data } = props;
	const d = data.detail;
	const forms = props.forms ?? {};
	const isPublic = isPublicStatus(d.status);
	const feed = isPublic ? feedPaths.commitment(d.id) : null;
	const description = excerpt(d.text);
	const toc: [string, string][] = [
		["text", ctx.t(cm.verbatim_heading)],
		["money", ctx.t(cm.money_heading)],
		["delivery", ctx.t(cm.delivery_heading)],
		["status", ctx.t(cm.status_heading)],
		["flags", ctx.t(cm.flags_heading)],
		["related", ctx.t(cm.relations_heading)],
		["reports", ctx.t(cm.reports_heading)],
		...(data.activities ? [["activities", ctx.t(am.section_heading)] as [string, string]] : []),
		["assessments", ctx.t(cm.assessments_heading)],
		["comments", ctx.t(cm.comments_heading, { n: data.thread?.total ?? 0 })],
		["history", ctx.t(cm.history_heading)],
	];
	return (
		<Layout
			ctx={ctx}
			title={d.title}
			description={description}
			section="explore"
			htmx={isPublic && ctx.actor !== null}
			feeds={feed ? [{ title: ctx.t(cm.feed_title, { title: d.title }), href: feed }] : []}
			og={{ title: d.title, description, url: data.url, type: "article" }}
		>
			<article class="commitment-page" data-slug={d.slug}>
				<header class="commitment-head">
					<p class="kicker">
						<span>{ctx.t(cm.kicker)}</span>{" "}
						<span class="badge">{ctx.t(commitmentKindNames[d.kind])}</span>{" "}
						<span class={`badge lifecycle lifecycle-${d.status}`}>
							<span class="commitment-sr-only">{labelled(ctx, cm.lifecycle)} </span>
							{ctx.t(commitmentStatusNames[d.status])}
						</span>
					</p>
					<h1 dir="auto">{d.title}</h1>
					<p class="muted small">
						{ctx.t(cm.version_line, { n: d.version, date: ctx.fmt.date(d.updated_at) })}
						{" · "}
						<a href={`/api/v1/commitments/${d.slug}`} type="application/json">
							{ctx.t(cm.as_json)}
						</a>
						{feed && (
							<>
								{" · "}
								<a href={feed} type="application/atom+xml" class="feed-link">
									{ctx.t(common.feed_link)}
								</a>
							</>
						)}
					</p>
				</header>
				{d.origin === "demo" && <p class="notice small">{ctx.t(common.demo_notice)}</p>}
				{!isPublic && (
					<p class="notice">
						{ctx.t(cm.not_public_notice, { status: ctx.t(commitmentStatusNames[d.status]) })}
					</p>
				)}
				{d.status_reason && (
					<p class="notice">
						{labelled(ctx, common.status_reason)} <q dir="auto">{d.status_reason}</q>
					</p>
				)}
				<nav class="commitment-toc" aria-label={ctx.t(cm.on_this_page)}>
					<ul>
						{toc.map(([id, label]) => (
							<li key={id}>
								<a href={`#${id}`}>{label}</a>
							</li>
						))}
					</ul>
				</nav>
				<VerbatimText ctx={ctx} detail={d} />
				<CommitmentFacts ctx={ctx} detail={d} />
				<MoneySection ctx={ctx} detail={d} delivery={data.delivery} />
				<DeliveryChart ctx={ctx} delivery={data.delivery} />
				<StatusSection ctx={ctx} delivery={data.delivery} />
				<FlagsSection ctx={ctx} flags={data.flags} />
				<RelationsSection ctx={ctx} detail={d} delivery={data.delivery} />
				<ReportsSection ctx={ctx} reports={data.reports} />
				<ActivitiesSection ctx={ctx} links={data.activities} />
				<AssessmentsSection ctx={ctx} assessments={data.assessments} />
				<CommentsSection ctx={ctx} slug={d.slug} thread={data.thread} forms={forms} />
				<HistorySection ctx={ctx} data={data} />
			</article>
		</Layout>
	);
}
