/**
 * Pieces the workspace pages share: the notice after a successful post, groups of
 * checkboxes, a field's error at a fieldset, small forms for one action, and the status
 * of a commitment as a badge.
 */
import type { ComponentChildren } from "preact";
import type { CommitmentStatus } from "../../../modules/commitments/commitments.schemas.ts";
import {
	CsrfField,
	describedBy,
	FieldError,
	FieldFrame,
	type FormErrors,
	RequiredMark,
} from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import { commitmentStatusNames } from "../../i18n/enums.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { proposalDone } from "../../i18n/proposals.messages.ts";
import { doneMessages, workspace as w } from "../../i18n/workspace.messages.ts";

/** The way back to the workspace's first page, and any crumbs after it. */
export function BackToWorkspace(props: { ctx: PageContext; children?: ComponentChildren }) {
	return (
		<p class="crumbs">
			<a href={props.ctx.href("/workspace")}>{props.ctx.t(w.back_to_workspace)}</a>
			{props.children}
		</p>
	);
}

/** The translated notice for `?done=...` after a post/redirect/get. */
const allDone = { ...doneMessages, ...proposalDone };

export function Flash(props: {
	ctx: PageContext;
	done: string | undefined;
	children?: ComponentChildren;
}) {
	const message = props.done ? (allDone as Record<string, Message>)[props.done] : undefined;
	if (!message) return null;
	return (
		<div class="flash" role="status" id="flash">
			<p>{props.ctx.t(message)}</p>
			{props.children}
		</div>
	);
}

export function StatusBadge(props: { ctx: PageContext; status: CommitmentStatus }) {
	return (
		<span class={`badge status-${props.status}`}>
			{props.ctx.t(commitmentStatusNames[props.status])}
		</span>
	);
}

/** A fieldset named like the service's field, with its hint and its error under the legend. */
export function FieldGroup(props: {
	ctx: PageContext;
	name: string;
	legend: string;
	hint?: string;
	errors: FormErrors;
	children: ComponentChildren;
}) {
	const { name, errors } = props;
	return (
		<fieldset id={name} aria-describedby={errors.fields[name] ? `${name}-error` : undefined}>
			<legend>{props.legend}</legend>
			{props.hint && <p class="hint">{props.hint}</p>}
			<FieldError ctx={props.ctx} name={name} errors={errors} />
			{props.children}
		</fieldset>
	);
}

/** Checkboxes that post one name repeatedly, in a fieldset named like the service's field. */
export function CheckboxGroup(props: {
	ctx: PageContext;
	name: string;
	legend: string;
	hint?: string;
	options: { value: string; label: string }[];
	values: string[];
	errors: FormErrors;
	required?: boolean;
	/** The fieldset's id when the group's name is not unique on the page. */
	id?: string;
	class?: string;
}) {
	const id = props.id ?? props.name;
	const error = props.errors.fields[props.name];
	return (
		<fieldset
			id={id}
			class={`checks${error ? " invalid" : ""}${props.class ? ` ${props.class}` : ""}`}
			aria-describedby={error ? `${props.name}-error` : undefined}
		>
			<legend>
				{props.legend}
				<RequiredMark ctx={props.ctx} required={props.required} />
			</legend>
			{props.hint && <p class="hint">{props.hint}</p>}
			<FieldError ctx={props.ctx} name={props.name} errors={props.errors} />
			{props.options.map((o, i) => (
				<div class="check" key={o.value}>
					<input
						type="checkbox"
						id={`${id}-${i}`}
						name={props.name}
						value={o.value}
						checked={props.values.includes(o.value)}
					/>
					<label for={`${id}-${i}`} dir="auto">
						{o.label}
					</label>
				</div>
			))}
		</fieldset>
	);
}

/** A list to choose several from: checkboxes when short, a multiple select when long. */
export function MultiChoice(props: Parameters<typeof CheckboxGroup>[0]) {
	if (props.options.length <= 12) return <CheckboxGroup {...props} />;
	const error = props.errors.fields[props.name];
	return (
		<FieldFrame {...props} label={props.legend}>
			<select
				id={props.name}
				name={props.name}
				multiple
				size={8}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy(props.name, props.errors, props.hint)}
			>
				{props.options.map((o) => (
					<option key={o.value} value={o.value} selected={props.values.includes(o.value)}>
						{o.label}
					</option>
				))}
			</select>
		</FieldFrame>
	);
}

/**
 * Above a page of small forms (see ActionForm): what failed, linking to the form that
 * failed, at its reason when the reason is what was wrong.
 */
export function ActionErrorSummary(props: {
	ctx: PageContext;
	id: string;
	/** The failed form's id. */
	form: string;
	errors: FormErrors;
}) {
	const { errors } = props;
	return (
		<div class="error-summary" role="alert" id={props.id} tabIndex={-1} autofocus>
			<p>
				<strong>{props.ctx.t(w.action_failed)}</strong>
			</p>
			<p>
				<a href={`#${props.form}${errors.fields.reason ? "-reason" : ""}`}>
					{errors.fields.reason ?? errors.message}
				</a>
			</p>
		</div>
	);
}

/**
 * A small form doing one thing (publish, hide ...): its own ids, so many can share a
 * page, and an optional reason with its error next to it.
 */
export function ActionForm(props: {
	ctx: PageContext;
	action: string;
	/** Unique on the page: prefixes the ids of the form's fields. */
	id: string;
	button: string;
	secondary?: boolean;
	hidden?: Record<string, string | number | undefined>;
	reason?: { label: string; required: boolean; value?: string; error?: string | undefined };
}) {
	const { ctx, reason } = props;
	/** The reason's id: the form's, as many forms share a page (its name stays "reason"). */
	const rid = `${props.id}-reason`;
	return (
		<form method="post" action={props.action} class="action" id={props.id}>
			<CsrfField ctx={ctx} />
			{Object.entries(props.hidden ?? {}).map(([k, v]) =>
				v === undefined ? null : <input key={k} type="hidden" name={k} value={String(v)} />,
			)}
			{reason && (
				<FieldFrame
					ctx={ctx}
					name={rid}
					label={reason.label}
					required={reason.required}
					errors={{ message: null, fields: reason.error ? { [rid]: reason.error } : {} }}
				>
					<textarea
						id={rid}
						name="reason"
						rows={2}
						dir="auto"
						required={reason.required}
						aria-invalid={reason.error ? "true" : undefined}
						aria-describedby={reason.error ? `${rid}-error` : undefined}
					>
						{reason.value ?? ""}
					</textarea>
				</FieldFrame>
			)}
			<button type="submit" class={props.secondary ? "secondary" : undefined}>
				{props.button}
			</button>
		</form>
	);
}
