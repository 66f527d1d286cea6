/**
 * Accounts of the commitment: the progress reports of its makers (money disbursed by
 * year, policy status, narrative, evidence) and of recipient governments (national
 * strategy), then the independent assessments, kept apart from the makers' own word.
 */
import type { AssessmentList } from "../../../modules/assessments/assessments.schemas.ts";
import { reportPolicy } from "../../../modules/reports/reports.policy.ts";
import type { ReportView } from "../../../modules/reports/reports.service.ts";
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	complianceScoreNames,
	nameOf,
	policyStatusNames,
	scorecardScoreNames,
} from "../../i18n/enums.messages.ts";
import { periodText } from "./money.tsx";
import { labelled } from "./names.ts";

function EvidenceList(props: { ctx: PageContext; items: { title: string; url: string }[] }) {
	if (props.items.length === 0) return null;
	return (
		<>
			<dt>{props.ctx.t(cm.evidence)}</dt>
			<dd>
				<ul class="plain-list">
					{props.items.map((e) => (
						<li key={e.url}>
							<a href={e.url} rel="noopener nofollow" dir="auto">
								{e.title}
							</a>
						</li>
					))}
				</ul>
			</dd>
		</>
	);
}

function Report(props: { ctx: PageContext; report: ReportView }) {
	const { ctx, report: r } = props;
	const money = r.disbursed;
	const actor = ctx.actor;
	// Its filer's focal points and editors correct or withdraw it; a withdrawn one stays as it was.
	const mayChange =
		actor !== null &&
		r.withdrawn === null &&
		reportPolicy.update(actor, { stakeholder_id: r.stakeholder.id });
	const workspace = `/workspace/commitments/${r.commitment.slug}/reports/${r.id}`;
	return (
		<article
			class={r.withdrawn ? "report card withdrawn" : "report card"}
			id={`report-${r.id}`}
			aria-labelledby={`report-${r.id}-h`}
		>
			<h3 id={`report-${r.id}-h`}>
				{periodText(ctx, r.period_start, r.period_end)}
				<span class="muted small">
					{" "}
					· {ctx.t(r.kind === "maker" ? cm.report_maker : cm.report_recipient)}
				</span>
			</h3>
			{r.withdrawn && (
				<p class="notice">
					{ctx.t(cm.report_withdrawn, {
						date: ctx.fmt.date(r.withdrawn.on),
						reason: r.withdrawn.reason,
					})}
				</p>
			)}
			<dl class="facts">
				<dt>{ctx.t(cm.reported_by)}</dt>
				<dd>
					<a href={ctx.href(`/stakeholders/${r.stakeholder.slug}`)} dir="auto">
						{r.stakeholder.name}
					</a>
				</dd>
				{money && (
					<>
						<dt>{ctx.t(cm.disbursed)}</dt>
						<dd>
							<strong>{ctx.fmt.money(Number(money.amount), money.currency)}</strong>
							{money.by_year.length > 0 && (
								<table class="by-year">
									<caption class="muted small">{ctx.t(cm.by_year)}</caption>
									<thead>
										<tr>
											<th scope="col">{ctx.t(common.year)}</th>
											<th scope="col" class="num">
												{ctx.t(cm.disbursed)}
											</th>
										</tr>
									</thead>
									<tbody>
										{money.by_year.map((y) => (
											<tr key={y.year}>
												<th scope="row">{ctx.fmt.year(y.year)}</th>
												<td class="num">{ctx.fmt.money(Number(y.amount), money.currency)}</td>
											</tr>
										))}
									</tbody>
								</table>
							)}
						</dd>
					</>
				)}
				{r.policy_status && (
					<>
						<dt>{ctx.t(cm.report_policy_status)}</dt>
						<dd>
							<span class="badge">{nameOf(ctx, policyStatusNames, r.policy_status)}</span>
						</dd>
					</>
				)}
				{r.national_strategy && (
					<>
						<dt>{ctx.t(cm.national_strategy)}</dt>
						<dd dir="auto">
							{r.national_strategy.url ? (
								<a href={r.national_strategy.url} rel="noopener nofollow">
									{r.national_strategy.document}
								</a>
							) : (
								r.national_strategy.document
							)}
							{r.national_strategy.section && `, ${r.national_strategy.section}`}
						</dd>
					</>
				)}
				<dt>{ctx.t(cm.narrative)}</dt>
				<dd dir="auto" class="prewrap">
					{r.narrative}
				</dd>
				<EvidenceList ctx={ctx} items={r.evidence} />
			</dl>
			<p class="muted small">
				{ctx.t(cm.report_version, { n: r.version, date: ctx.fmt.date(r.updated_at) })}
			</p>
			{mayChange && (
				<p class="small report-actions">
					<a href={ctx.href(`${workspace}/edit`)}>{ctx.t(cm.report_correct)}</a>
					{" · "}
					<a href={ctx.href(`${workspace}/withdraw`)}>{ctx.t(cm.report_withdraw)}</a>
				</p>
			)}
		</article>
	);
}

export function ReportsSection(props: {
	ctx: PageContext;
	reports: { items: ReportView[] } | null;
}) {
	const { ctx } = props;
	const items = [...(props.reports?.items ?? [])].sort((a, b) =>
		a.period_end === b.period_end ? b.id - a.id : a.period_end < b.period_end ? 1 : -1,
	);
	return (
		<section id="reports" aria-labelledby="reports-heading">
			<h2 id="reports-heading">{ctx.t(cm.reports_heading)}</h2>
			{items.length === 0 ? (
				<p class="muted">{ctx.t(cm.no_reports)}</p>
			) : (
				items.map((r) => <Report key={r.id} ctx={ctx} report={r} />)
			)}
		</section>
	);
}

export function AssessmentsSection(props: {
	ctx: PageContext;
	assessments: AssessmentList | null;
}) {
	const { ctx, assessments } = props;
	const items = assessments?.items ?? [];
	const summary = assessments?.summary;
	return (
		<section id="assessments" aria-labelledby="assessments-heading">
			<h2 id="assessments-heading">{ctx.t(cm.assessments_heading)}</h2>
			{items.length === 0 ? (
				<p class="muted">{ctx.t(cm.no_assessments)}</p>
			) : (
				<>
					{summary && (summary.scorecard.count > 0 || summary.compliance.count > 0) && (
						<ul class="plain-list">
							{summary.scorecard.latest && (
								<li>
									{ctx.t(cm.summary_scorecard, {
										score: nameOf(ctx, scorecardScoreNames, summary.scorecard.latest),
										n: summary.scorecard.count,
									})}
								</li>
							)}
							{summary.compliance.average !== null && (
								<li>
									{ctx.t(cm.summary_compliance, {
										mean: ctx.fmt.number(summary.compliance.average),
										n: summary.compliance.count,
									})}
								</li>
							)}
						</ul>
					)}
					{items.map((a) => (
						<article
							key={a.id}
							class="assessment card"
							id={`assessment-${a.id}`}
							aria-labelledby={`assessment-${a.id}-h`}
						>
							<h3 id={`assessment-${a.id}-h`}>
								{a.score ? (
									<>
										{labelled(ctx, cm.scheme_scorecard)}{" "}
										<span class="badge">{nameOf(ctx, scorecardScoreNames, a.score)}</span>
									</>
								) : (
									ctx.t(a.scheme === "scorecard" ? cm.scheme_scorecard : cm.scheme_compliance)
								)}
							</h3>
							<p class="muted small">
								{ctx.t(cm.assessed_by, {
									name: a.assessor.display_name,
									date: ctx.fmt.date(a.assessed_on),
								})}
							</p>
							{a.maker_scores.length > 0 && (
								<ul class="plain-list">
									{a.maker_scores.map((m) => (
										<li key={m.stakeholder.id}>
											<a href={ctx.href(`/stakeholders/${m.stakeholder.slug}`)} dir="auto">
												{m.stakeholder.name}
											</a>{" "}
											<span class="badge">
												{nameOf(ctx, complianceScoreNames, String(m.score))}
											</span>
										</li>
									))}
								</ul>
							)}
							<dl class="facts">
								<dt>{ctx.t(cm.rationale)}</dt>
								<dd dir="auto" class="prewrap">
									{a.rationale}
								</dd>
								<EvidenceList ctx={ctx} items={a.evidence} />
							</dl>
						</article>
					))}
				</>
			)}
		</section>
	);
}
