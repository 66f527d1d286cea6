/**
 * Accounting for a commitment: a progress report by a maker (money disbursed, policy
 * status) or by a recipient government (where it shows in the national strategy), and
 * an assessor's independent assessment. Field names are the services' own.
 */
import {
	complianceScores,
	scorecardScores,
} from "../../../modules/assessments/assessments.schemas.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import { policyStatuses, reportKinds } from "../../../modules/reports/reports.schemas.ts";
import {
	CsrfField,
	ErrorSummary,
	type FormErrors,
	Select,
	TextArea,
	TextInput,
} from "../../components/form.tsx";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import {
	complianceNames,
	policyStatusNames,
	reportKindNames,
	roleNames,
	schemeNames,
	scorecardNames,
	workspace as w,
} from "../../i18n/workspace.messages.ts";
import type { StakeholderChoice } from "./access.ts";
import { type FormValues, rowIndexes, text } from "./form-values.ts";
import { GroupError } from "./parts.tsx";

/** The rows of a repeated group to show: those typed, and one more (at least `min`). */
function rowsToShow(values: FormValues, prefix: string, min: number): number[] {
	const shown = rowIndexes(values, prefix);
	let next = shown.length ? Math.max(...shown) + 1 : 0;
	const out = [...shown];
	do out.push(next++);
	while (out.length < min);
	return out;
}

function Evidence(props: { ctx: PageContext; values: FormValues; errors: FormErrors }) {
	const { ctx, values, errors } = props;
	return (
		<fieldset id="evidence">
			<legend>{ctx.t(w.section_evidence)}</legend>
			<p class="hint">{ctx.t(w.evidence_hint)}</p>
			<GroupError name="evidence" errors={errors} />
			{rowsToShow(values, "evidence", 2).map((i, n) => (
				<div class="row" key={i}>
					<TextInput
						ctx={ctx}
						name={`evidence.${i}.title`}
						label={ctx.t(w.f_evidence_title, { n: n + 1 })}
						value={text(values, `evidence.${i}.title`)}
						errors={errors}
						dir="auto"
					/>
					<TextInput
						ctx={ctx}
						name={`evidence.${i}.url`}
						label={ctx.t(w.f_evidence_url, { n: n + 1 })}
						type="url"
						value={text(values, `evidence.${i}.url`)}
						errors={errors}
						dir="ltr"
					/>
				</div>
			))}
		</fieldset>
	);
}

function Crumbs(props: { ctx: PageContext; detail: CommitmentDetail }) {
	const { ctx, detail } = props;
	return (
		<p class="crumbs">
			<a href={ctx.href("/workspace")}>{ctx.t(w.back_to_workspace)}</a> ·{" "}
			<a href={ctx.href(`/commitments/${detail.slug}`)} dir="auto">
				{detail.title}
			</a>
		</p>
	);
}

export function ReportFormPage(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	stakeholders: (StakeholderChoice & { role: "focal_point" | "editor" })[];
	values: FormValues;
	errors: FormErrors;
}) {
	const { ctx, detail, values: v, errors } = props;
	const title = ctx.t(w.report_title);
	const input = (
		name: string,
		label: string,
		extra: Partial<Parameters<typeof TextInput>[0]> = {},
	) => (
		<TextInput
			ctx={ctx}
			name={name}
			label={label}
			value={text(v, name)}
			errors={errors}
			{...extra}
		/>
	);
	return (
		<Layout ctx={ctx} title={title} section="workspace">
			<Crumbs ctx={ctx} detail={detail} />
			<h1>{title}</h1>
			<p class="muted" dir="auto">
				{detail.title}
			</p>
			<ErrorSummary ctx={ctx} errors={errors} />
			<form
				method="post"
				action={ctx.href(`/workspace/commitments/${detail.slug}/reports/new`)}
				id="report-form"
				novalidate
			>
				<CsrfField ctx={ctx} />
				<fieldset id="who">
					<legend>{ctx.t(w.section_report_who)}</legend>
					<Select
						ctx={ctx}
						name="kind"
						label={ctx.t(w.f_report_kind)}
						hint={ctx.t(w.f_report_kind_hint)}
						value={text(v, "kind")}
						errors={errors}
						required
						options={reportKinds.map((k) => ({ value: k, label: ctx.t(reportKindNames[k]) }))}
					/>
					<Select
						ctx={ctx}
						name="stakeholder"
						label={ctx.t(w.f_report_stakeholder)}
						value={text(v, "stakeholder")}
						errors={errors}
						required
						options={props.stakeholders.map((s) => ({
							value: s.slug,
							label: `${s.name} (${ctx.t(roleNames[s.role])})`,
						}))}
					/>
					<div class="row">
						{input("period_start", ctx.t(w.f_period_start), { type: "date", required: true })}
						{input("period_end", ctx.t(w.f_period_end), { type: "date", required: true })}
					</div>
				</fieldset>
				<fieldset
					id="disbursed"
					aria-describedby={errors.fields.disbursed ? "disbursed-error" : undefined}
				>
					<legend>{ctx.t(w.section_disbursed)}</legend>
					<p class="hint">{ctx.t(w.section_disbursed_hint)}</p>
					<GroupError name="disbursed" errors={errors} />
					<div class="row">
						{input("disbursed.amount", ctx.t(w.f_disbursed_amount), {
							inputMode: "decimal",
							hint: ctx.t(w.f_amount_hint),
							dir: "ltr",
						})}
						{input("disbursed.currency", ctx.t(w.f_currency), {
							hint: ctx.t(w.f_currency_hint),
							dir: "ltr",
						})}
					</div>
					{input("disbursed.recipients", ctx.t(w.f_recipients), {
						hint: ctx.t(w.f_recipients_hint),
						dir: "ltr",
					})}
					<TextArea
						ctx={ctx}
						name="disbursed.by_year"
						label={ctx.t(w.f_by_year)}
						hint={ctx.t(w.f_by_year_hint)}
						value={text(v, "disbursed.by_year")}
						errors={errors}
						rows={3}
						dir="ltr"
					/>
					<Select
						ctx={ctx}
						name="policy_status"
						label={ctx.t(w.f_policy_status)}
						value={text(v, "policy_status")}
						errors={errors}
						empty={ctx.t(w.not_reported)}
						options={policyStatuses.map((s) => ({ value: s, label: ctx.t(policyStatusNames[s]) }))}
					/>
				</fieldset>
				<TextArea
					ctx={ctx}
					name="narrative"
					label={ctx.t(w.f_narrative)}
					hint={ctx.t(w.f_narrative_hint)}
					value={text(v, "narrative")}
					errors={errors}
					required
					rows={6}
				/>
				<Evidence ctx={ctx} values={v} errors={errors} />
				<fieldset
					id="national_strategy"
					aria-describedby={errors.fields.national_strategy ? "national_strategy-error" : undefined}
				>
					<legend>{ctx.t(w.section_strategy)}</legend>
					<p class="hint">{ctx.t(w.section_strategy_hint)}</p>
					<GroupError name="national_strategy" errors={errors} />
					{input("national_strategy.document", ctx.t(w.f_strategy_document), { dir: "auto" })}
					{input("national_strategy.section", ctx.t(w.f_strategy_section), { dir: "auto" })}
					{input("national_strategy.url", ctx.t(w.f_strategy_url), { type: "url", dir: "ltr" })}
				</fieldset>
				<button type="submit">{ctx.t(w.report_submit)}</button>
			</form>
		</Layout>
	);
}

export function AssessFormPage(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	values: FormValues;
	errors: FormErrors;
}) {
	const { ctx, detail, values: v, errors } = props;
	const title = ctx.t(w.assess_title);
	return (
		<Layout ctx={ctx} title={title} section="workspace">
			<Crumbs ctx={ctx} detail={detail} />
			<h1>{title}</h1>
			<p class="muted" dir="auto">
				{detail.title}
			</p>
			<p>{ctx.t(w.assess_intro)}</p>
			<ErrorSummary ctx={ctx} errors={errors} />
			<form
				method="post"
				action={ctx.href(`/workspace/commitments/${detail.slug}/assess`)}
				id="assess-form"
				novalidate
			>
				<CsrfField ctx={ctx} />
				<Select
					ctx={ctx}
					name="scheme"
					label={ctx.t(w.f_scheme)}
					hint={ctx.t(w.f_scheme_hint)}
					value={text(v, "scheme")}
					errors={errors}
					required
					options={(["scorecard", "compliance"] as const).map((s) => ({
						value: s,
						label: ctx.t(schemeNames[s]),
					}))}
				/>
				<Select
					ctx={ctx}
					name="score"
					label={ctx.t(w.f_score)}
					hint={ctx.t(w.f_score_hint)}
					value={text(v, "score")}
					errors={errors}
					empty="—"
					options={scorecardScores.map((s) => ({ value: s, label: ctx.t(scorecardNames[s]) }))}
				/>
				<fieldset
					id="maker_scores"
					aria-describedby={errors.fields.maker_scores ? "maker_scores-error" : undefined}
				>
					<legend>{ctx.t(w.f_maker_scores)}</legend>
					<p class="hint">{ctx.t(w.f_maker_scores_hint)}</p>
					<GroupError name="maker_scores" errors={errors} />
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
											{ctx.t(complianceNames[String(s) as "-1" | "0" | "1"])}
										</option>
									))}
								</select>
							</div>
						);
					})}
				</fieldset>
				<TextArea
					ctx={ctx}
					name="rationale"
					label={ctx.t(w.f_rationale)}
					hint={ctx.t(w.f_rationale_hint)}
					value={text(v, "rationale")}
					errors={errors}
					required
					rows={6}
				/>
				<Evidence ctx={ctx} values={v} errors={errors} />
				<TextInput
					ctx={ctx}
					name="assessed_on"
					type="date"
					label={ctx.t(w.f_assessed_on)}
					value={text(v, "assessed_on")}
					errors={errors}
				/>
				<button type="submit">{ctx.t(w.assess_submit)}</button>
			</form>
		</Layout>
	);
}
