/**
 * Accounting for a commitment: a progress report by a maker (money disbursed, policy
 * status) or by a recipient government (where it shows in the national strategy), and
 * an assessor's independent assessment. Field names are the services' own.
 */

import type { ComponentChildren } from "preact";
import {
	assessmentSchemes,
	complianceScores,
	scorecardScores,
} from "../../../modules/assessments/assessments.schemas.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import { policyStatuses, reportKinds } from "../../../modules/reports/reports.schemas.ts";
import { CsrfField, ErrorSummary, FieldError, type FormErrors } from "../../components/form.tsx";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	assessmentSchemeNames,
	complianceScoreNames,
	policyStatusNames,
	reportKindNames,
	roleNames,
	scorecardScoreNames,
} from "../../i18n/enums.messages.ts";
import { workspace as w } from "../../i18n/workspace.messages.ts";
import type { StakeholderChoice } from "./access.ts";
import { bindFields, namedOptions } from "./bind-fields.tsx";
import { type FormValues, rowsToShow, text } from "./form-values.ts";
import { BackToWorkspace, FieldGroup } from "./parts.tsx";

function Evidence(props: { ctx: PageContext; values: FormValues; errors: FormErrors }) {
	const { ctx, values, errors } = props;
	const { input } = bindFields(ctx, values, errors);
	return (
		<fieldset id="evidence">
			<legend>{ctx.t(w.section_evidence)}</legend>
			<p class="hint">{ctx.t(w.evidence_hint)}</p>
			<FieldError ctx={ctx} name="evidence" errors={errors} />
			{rowsToShow(values, "evidence", 2).map((i, n) => (
				<div class="row" key={i}>
					{input(`evidence.${i}.title`, ctx.t(w.f_evidence_title, { n: n + 1 }), { dir: "auto" })}
					{input(`evidence.${i}.url`, ctx.t(w.f_evidence_url, { n: n + 1 }), {
						type: "url",
						dir: "ltr",
					})}
				</div>
			))}
		</fieldset>
	);
}

/**
 * The amounts disbursed each year, one year and its amount per row (three rows, and one
 * more than those filled in when the form comes back), as the page writes numbers.
 */
function ByYear(props: { ctx: PageContext; values: FormValues; errors: FormErrors }) {
	const { ctx, values, errors } = props;
	const { input } = bindFields(ctx, values, errors);
	return (
		<fieldset id="disbursed.by_year">
			<legend>{ctx.t(w.f_by_year)}</legend>
			<p class="hint">{ctx.t(w.f_by_year_hint)}</p>
			<FieldError ctx={ctx} name="disbursed.by_year" errors={errors} />
			{rowsToShow(values, "disbursed.by_year", 3).map((i, n) => (
				<div class="row" key={i}>
					{input(`disbursed.by_year.${i}.year`, ctx.t(w.f_by_year_year, { n: n + 1 }), {
						inputMode: "numeric",
						dir: "ltr",
					})}
					{input(`disbursed.by_year.${i}.amount`, ctx.t(w.f_by_year_amount, { n: n + 1 }), {
						inputMode: "decimal",
						dir: "ltr",
					})}
				</div>
			))}
		</fieldset>
	);
}

/**
 * A form about one commitment: the way back, the commitment's title, what failed last
 * time, and the form itself (posting to the commitment's `action`).
 */
function CommitmentFormPage(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	title: string;
	intro?: string;
	errors: FormErrors;
	/** Under the commitment's workspace path: "reports/new", "assess". */
	action: string;
	id: string;
	children: ComponentChildren;
}) {
	const { ctx, detail } = props;
	return (
		<Layout ctx={ctx} title={props.title} section="workspace">
			<BackToWorkspace ctx={ctx}>
				{" "}
				·{" "}
				<a href={ctx.href(`/commitments/${detail.slug}`)} dir="auto">
					{detail.title}
				</a>
			</BackToWorkspace>
			<h1>{props.title}</h1>
			<p class="muted" dir="auto">
				{detail.title}
			</p>
			{props.intro && <p>{props.intro}</p>}
			<ErrorSummary ctx={ctx} errors={props.errors} />
			<form
				method="post"
				action={ctx.href(`/workspace/commitments/${detail.slug}/${props.action}`)}
				id={props.id}
				novalidate
			>
				<CsrfField ctx={ctx} />
				{props.children}
			</form>
		</Layout>
	);
}

export function ReportFormPage(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	stakeholders: (StakeholderChoice & { role: "focal_point" | "editor" })[];
	values: FormValues;
	errors: FormErrors;
	/** A filed report being corrected: a new version of it, with the reason. */
	correcting?: { id: number; version: number };
}) {
	const { ctx, detail, values: v, errors, correcting } = props;
	const { input, textarea, select } = bindFields(ctx, v, errors);
	return (
		<CommitmentFormPage
			ctx={ctx}
			detail={detail}
			title={ctx.t(correcting ? w.report_correct_title : w.report_title)}
			intro={correcting ? ctx.t(w.report_correct_intro) : undefined}
			errors={errors}
			action={correcting ? `reports/${correcting.id}/edit` : "reports/new"}
			id="report-form"
		>
			{correcting && <input type="hidden" name="version" value={String(correcting.version)} />}
			<fieldset id="who">
				<legend>{ctx.t(w.section_report_who)}</legend>
				{select("kind", ctx.t(w.f_report_kind), namedOptions(ctx, reportKindNames, reportKinds), {
					hint: ctx.t(w.f_report_kind_hint),
					required: true,
				})}
				{select(
					"stakeholder",
					ctx.t(w.f_report_stakeholder),
					props.stakeholders.map((s) => ({
						value: s.slug,
						label: `${s.name} (${ctx.t(roleNames[s.role])})`,
					})),
					{ required: true },
				)}
				<div class="row">
					{input("period_start", ctx.t(w.f_period_start), { type: "date", required: true })}
					{input("period_end", ctx.t(w.f_period_end), { type: "date", required: true })}
				</div>
			</fieldset>
			<FieldGroup
				ctx={ctx}
				name="disbursed"
				legend={ctx.t(w.section_disbursed)}
				hint={ctx.t(w.section_disbursed_hint)}
				errors={errors}
			>
				<div class="row">
					{input("disbursed.amount", ctx.t(w.f_disbursed_amount), {
						inputMode: "decimal",
						hint: ctx.t(w.f_amount_hint),
						dir: "ltr",
					})}
					{input("disbursed.currency", ctx.t(common.currency), {
						hint: ctx.t(w.f_currency_hint),
						dir: "ltr",
					})}
				</div>
				{input("disbursed.recipients", ctx.t(common.recipients), {
					hint: ctx.t(w.f_recipients_hint),
					dir: "ltr",
				})}
				<ByYear ctx={ctx} values={v} errors={errors} />
				{select(
					"policy_status",
					ctx.t(w.f_policy_status),
					namedOptions(ctx, policyStatusNames, policyStatuses),
					{ empty: ctx.t(w.not_reported) },
				)}
			</FieldGroup>
			{textarea("narrative", ctx.t(w.f_narrative), {
				hint: ctx.t(w.f_narrative_hint),
				required: true,
				rows: 6,
			})}
			<Evidence ctx={ctx} values={v} errors={errors} />
			<FieldGroup
				ctx={ctx}
				name="national_strategy"
				legend={ctx.t(w.section_strategy)}
				hint={ctx.t(w.section_strategy_hint)}
				errors={errors}
			>
				{input("national_strategy.document", ctx.t(w.f_strategy_document), { dir: "auto" })}
				{input("national_strategy.section", ctx.t(common.section), { dir: "auto" })}
				{input("national_strategy.url", ctx.t(w.f_strategy_url), { type: "url", dir: "ltr" })}
			</FieldGroup>
			{correcting &&
				textarea("reason", ctx.t(w.f_correction_reason), { rows: 2, required: true, dir: "auto" })}
			<button type="submit">{ctx.t(correcting ? w.report_correct_submit : w.report_submit)}</button>
		</CommitmentFormPage>
	);
}

/** Withdrawing a filed report: what it said, and the reason, which shows with it. */
export function ReportWithdrawPage(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	report: { id: number; version: number; period_start: string; period_end: string };
	values: FormValues;
	errors: FormErrors;
}) {
	const { ctx, detail, report: r, errors } = props;
	const { textarea } = bindFields(ctx, props.values, errors);
	return (
		<CommitmentFormPage
			ctx={ctx}
			detail={detail}
			title={ctx.t(w.report_withdraw_title)}
			intro={ctx.t(w.report_withdraw_intro)}
			errors={errors}
			action={`reports/${r.id}/withdraw`}
			id="withdraw-form"
		>
			<input type="hidden" name="version" value={String(r.version)} />
			<p>
				<a href={ctx.href(`/commitments/${detail.slug}#report-${r.id}`)}>
					{ctx.fmt.date(r.period_start)} – {ctx.fmt.date(r.period_end)}
				</a>
			</p>
			{textarea("reason", ctx.t(w.f_withdraw_reason), { rows: 3, required: true, dir: "auto" })}
			<button type="submit" class="danger">
				{ctx.t(w.report_withdraw_submit)}
			</button>
		</CommitmentFormPage>
	);
}

export function AssessFormPage(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	values: FormValues;
	errors: FormErrors;
}) {
	const { ctx, detail, values: v, errors } = props;
	const { input, textarea, select } = bindFields(ctx, v, errors);
	return (
		<CommitmentFormPage
			ctx={ctx}
			detail={detail}
			title={ctx.t(w.assess_title)}
			intro={ctx.t(w.assess_intro)}
			errors={errors}
			action="assess"
			id="assess-form"
		>
			{select(
				"scheme",
				ctx.t(w.f_scheme),
				namedOptions(ctx, assessmentSchemeNames, assessmentSchemes),
				{ hint: ctx.t(w.f_scheme_hint), required: true },
			)}
			{select("score", ctx.t(w.f_score), namedOptions(ctx, scorecardScoreNames, scorecardScores), {
				hint: ctx.t(w.f_score_hint),
				empty: "—",
			})}
			<FieldGroup
				ctx={ctx}
				name="maker_scores"
				legend={ctx.t(w.f_maker_scores)}
				hint={ctx.t(w.f_maker_scores_hint)}
				errors={errors}
			>
				{detail.makers.map((m) => {
					const name = `maker_scores.${m.slug}`;
					return (
						<div class="field" key={m.slug}>
							<label for={name} dir="auto">
								{m.name}
							</label>
							<select id={name} name={name}>
								<option value="">{ctx.t(w.not_scored)}</option>
								{complianceScores.map((s) => (
									<option key={s} value={String(s)} selected={text(v, name) === String(s)}>
										{ctx.t(complianceScoreNames[`${s}`])}
									</option>
								))}
							</select>
						</div>
					);
				})}
			</FieldGroup>
			{textarea("rationale", ctx.t(w.f_rationale), {
				hint: ctx.t(w.f_rationale_hint),
				required: true,
				rows: 6,
			})}
			<Evidence ctx={ctx} values={v} errors={errors} />
			{input("assessed_on", ctx.t(w.f_assessed_on), { type: "date" })}
			<button type="submit">{ctx.t(w.assess_submit)}</button>
		</CommitmentFormPage>
	);
}
