/**
 * Drafting a commitment, and its workspace page: the form to update it (with the
 * version it edits), what someone else changed when a save came too late, and the
 * workflow steps this actor may take (submit, publish, return, complete, withdraw).
 */

import type { Transition } from "../../../modules/commitments/commitments.policy.ts";
import {
	type CommitmentDetail,
	type CommitmentStatus,
	isPublicStatus,
} from "../../../modules/commitments/commitments.schemas.ts";
import { CsrfField, ErrorSummary, type FormErrors } from "../../components/form.tsx";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { stepButtons, stepReasonLabels, workspace as w } from "../../i18n/workspace.messages.ts";
import { bindFields } from "./bind-fields.tsx";
import { type ChangeRow, ChangesTable } from "./changes-table.tsx";
import { type CommitmentChoices, CommitmentFields } from "./commitment-form.tsx";
import type { FormValues } from "./form-values.ts";
import { ActionErrorSummary, ActionForm, BackToWorkspace, Flash, StatusBadge } from "./parts.tsx";
import { ProposalNotices, type ProposalState } from "./proposals.tsx";

export function NewCommitmentPage(props: {
	ctx: PageContext;
	values: FormValues;
	errors: FormErrors;
	choices: CommitmentChoices;
}) {
	const { ctx, errors } = props;
	const title = ctx.t(w.new_commitment);
	return (
		<Layout ctx={ctx} title={title} section="workspace">
			<BackToWorkspace ctx={ctx} />
			<h1>{title}</h1>
			<p class="muted">{ctx.t(w.new_commitment_intro)}</p>
			<ErrorSummary ctx={ctx} errors={errors} />
			<form
				method="post"
				action={ctx.href("/workspace/commitments/new")}
				class="commitment-form"
				id="commitment-form"
				novalidate
			>
				<CsrfField ctx={ctx} />
				<CommitmentFields ctx={ctx} values={props.values} errors={errors} choices={props.choices} />
				<button type="submit">{ctx.t(w.save_draft)}</button>
			</form>
		</Layout>
	);
}

export interface Conflict {
	started: number;
	current: number;
	changes: ChangeRow[];
}

function ConflictNotice(props: { ctx: PageContext; conflict: Conflict }) {
	const { ctx, conflict } = props;
	return (
		<section class="conflict" id="conflict" role="alert" aria-labelledby="conflict-heading">
			<h2 id="conflict-heading">{ctx.t(w.conflict_heading)}</h2>
			<p>
				{ctx.t(w.conflict_body, {
					started: conflict.started,
					current: conflict.current,
				})}
			</p>
			{conflict.changes.length > 0 ? (
				<ChangesTable
					ctx={ctx}
					id="conflict-changes"
					caption={ctx.t(w.conflict_caption)}
					beforeHeading={ctx.t(w.col_when_started, { n: conflict.started })}
					afterHeading={ctx.t(w.col_now, { n: conflict.current })}
					changes={conflict.changes}
				/>
			) : (
				<p>{ctx.t(w.conflict_no_field)}</p>
			)}
			<p>{ctx.t(w.conflict_reapply, { current: conflict.current })}</p>
		</section>
	);
}

export interface StepError {
	step: Transition;
	errors: FormErrors;
}

function Workflow(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	steps: { step: Transition; reason: boolean }[];
	stepError: StepError | null;
	reasonTyped: string;
}) {
	const { ctx, detail } = props;
	if (props.steps.length === 0) return null;
	const action = ctx.href(`/workspace/commitments/${detail.slug}/transition`);
	return (
		<section aria-labelledby="workflow-heading" id="workflow">
			<h2 id="workflow-heading">{ctx.t(w.workflow_heading)}</h2>
			<p class="muted">{ctx.t(w.workflow_intro)}</p>
			<div class="cards">
				{props.steps.map(({ step, reason }) => {
					const failed = props.stepError?.step === step ? props.stepError.errors : null;
					return (
						<div class="card" key={step}>
							<ActionForm
								ctx={ctx}
								id={`step-${step}`}
								action={action}
								button={ctx.t(stepButtons[step])}
								secondary={step !== "submit" && step !== "publish"}
								hidden={{ step, version: detail.version, back: "edit" }}
								reason={{
									label: ctx.t(stepReasonLabels[step]),
									required: reason,
									value: failed ? props.reasonTyped : "",
									error: failed?.fields.reason,
								}}
							/>
						</div>
					);
				})}
			</div>
		</section>
	);
}

export interface EditPageProps {
	ctx: PageContext;
	detail: CommitmentDetail;
	values: FormValues;
	errors: FormErrors;
	/** The version the form edits (hidden field): the stored one, or after a conflict the new one. */
	version: number;
	choices: CommitmentChoices;
	/** The actor may update it, and its status allows updates. */
	editable: boolean;
	/** Why the form is not shown, when it is not. */
	notEditable: string | null;
	steps: { step: Transition; reason: boolean }[];
	stepError: StepError | null;
	reasonTyped: string;
	conflict: Conflict | null;
	done: string | undefined;
	canReport: boolean;
	canAssess: boolean;
	proposals: ProposalState;
}

function Summary(props: { ctx: PageContext; detail: CommitmentDetail }) {
	const { ctx, detail: d } = props;
	return (
		<dl class="facts" id="commitment-summary">
			<dt>{ctx.t(w.f_makers)}</dt>
			<dd dir="auto">{d.makers.map((m) => m.name).join(", ")}</dd>
			<dt>{ctx.t(w.f_forum)}</dt>
			<dd dir="auto">{d.forum?.name ?? "—"}</dd>
			<dt>{ctx.t(w.f_announced_on)}</dt>
			<dd>{ctx.fmt.date(d.announced_on)}</dd>
			{d.financial?.amount && d.financial.currency && (
				<>
					<dt>{ctx.t(common.amount)}</dt>
					<dd>{ctx.fmt.money(Number(d.financial.amount), d.financial.currency)}</dd>
				</>
			)}
			<dt>{ctx.t(common.commitment_text)}</dt>
			<dd>
				<blockquote dir="auto" class="verbatim">
					{d.text}
				</blockquote>
			</dd>
			{d.status_reason && (
				<>
					<dt>{ctx.t(common.status_reason)}</dt>
					<dd dir="auto">{d.status_reason}</dd>
				</>
			)}
		</dl>
	);
}

export function EditCommitmentPage(props: EditPageProps) {
	const { ctx, detail, errors } = props;
	const title = ctx.t(w.edit_title, { title: detail.title });
	return (
		<Layout ctx={ctx} title={title} section="workspace">
			<BackToWorkspace ctx={ctx} />
			<h1 dir="auto">{detail.title}</h1>
			<p class="status-line">
				<StatusBadge ctx={ctx} status={detail.status as CommitmentStatus} />{" "}
				<span class="muted">{ctx.t(common.version_n, { n: detail.version })}</span>
				{isPublicStatus(detail.status) && (
					<>
						{" · "}
						<a href={ctx.href(`/commitments/${detail.slug}`)}>{ctx.t(w.action_public_page)}</a>
					</>
				)}
				{props.canReport && (
					<>
						{" · "}
						<a
							href={ctx.href(`/workspace/commitments/${detail.slug}/reports/new`)}
							id="report-link"
						>
							{ctx.t(w.action_report)}
						</a>
					</>
				)}
				{props.canAssess && (
					<>
						{" · "}
						<a href={ctx.href(`/workspace/commitments/${detail.slug}/assess`)} id="assess-link">
							{ctx.t(w.action_assess)}
						</a>
					</>
				)}
			</p>
			<Flash ctx={ctx} done={props.done} />
			<ProposalNotices ctx={ctx} state={props.proposals} />
			{props.conflict && <ConflictNotice ctx={ctx} conflict={props.conflict} />}
			{!props.conflict && <ErrorSummary ctx={ctx} errors={errors} />}
			{props.stepError && (
				<ActionErrorSummary
					ctx={ctx}
					id="step-error"
					form={`step-${props.stepError.step}`}
					errors={props.stepError.errors}
				/>
			)}

			{props.editable ? (
				<section aria-labelledby="edit-heading">
					<h2 id="edit-heading">{ctx.t(w.edit_heading)}</h2>
					<form
						method="post"
						action={ctx.href(`/workspace/commitments/${detail.slug}/edit`)}
						class="commitment-form"
						id="commitment-form"
						novalidate
					>
						<CsrfField ctx={ctx} />
						<input type="hidden" name="version" value={String(props.version)} />
						<CommitmentFields
							ctx={ctx}
							values={props.values}
							errors={errors}
							choices={props.choices}
						/>
						{bindFields(ctx, props.values, errors).input("reason", ctx.t(w.f_change_reason), {
							hint: ctx.t(w.f_change_reason_hint),
							dir: "auto",
						})}
						<button type="submit">{ctx.t(w.save_changes)}</button>
					</form>
				</section>
			) : (
				<section aria-labelledby="summary-heading">
					<h2 id="summary-heading">{ctx.t(w.summary_heading)}</h2>
					{props.notEditable && <p class="notice">{props.notEditable}</p>}
					<Summary ctx={ctx} detail={detail} />
				</section>
			)}
			<Workflow
				ctx={ctx}
				detail={detail}
				steps={props.steps}
				stepError={props.stepError}
				reasonTyped={props.reasonTyped}
			/>
		</Layout>
	);
}
