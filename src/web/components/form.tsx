/**
 * Form parts that behave the same everywhere: a label for every control, the error
 * for a field printed next to it (and tied to it with aria-describedby), what was
 * typed kept after a failed post, and the CSRF token in every form of a session.
 */
import type { ComponentChildren } from "preact";
import { AppError } from "../../lib/errors.ts";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { fieldLabels, problemText } from "../i18n/problems.messages.ts";

export interface FormErrors {
	/** What went wrong as a whole (shown above the form). */
	message: string | null;
	/** Field name -> its problem. Names are the service's field names ("financial.amount"). */
	fields: Record<string, string>;
}

export const noErrors: FormErrors = { message: null, fields: {} };

/**
 * The errors of a failed write, for the form to show. Only the user's own mistakes
 * (bad input, a conflict, not allowed) are shown on the form; anything else propagates.
 */
export function formErrorsOf(error: unknown): FormErrors {
	if (
		!(error instanceof AppError) ||
		!["invalid_input", "conflict", "forbidden"].includes(error.code)
	)
		throw error;
	const fields: Record<string, string> = {};
	for (const f of error.fields) fields[f.name] ??= f.message;
	return { message: error.message, fields };
}

/** The ids a control points at: its hint and its error, when there are. */
export function describedBy(name: string, errors: FormErrors, hint?: string): string | undefined {
	const ids = [hint ? `${name}-hint` : null, errors.fields[name] ? `${name}-error` : null].filter(
		Boolean,
	);
	return ids.length ? ids.join(" ") : undefined;
}

/** "(required)" after a label or a legend. */
export function RequiredMark(props: { ctx: PageContext; required?: boolean }) {
	if (!props.required) return null;
	return <span class="muted"> ({props.ctx.t(common.required)})</span>;
}

/** The error of a field, or of a whole group (a fieldset) under its legend. */
export function FieldError(props: { ctx: PageContext; name: string; errors: FormErrors }) {
	const error = props.errors.fields[props.name];
	if (!error) return null;
	return (
		<p class="error" id={`${props.name}-error`}>
			{problemText(props.ctx, error)}
		</p>
	);
}

/** A control's frame: its label, hint and error, then the control itself (the children). */
export function FieldFrame(props: {
	ctx: PageContext;
	name: string;
	label: string;
	errors: FormErrors;
	hint?: string;
	required?: boolean;
	children: ComponentChildren;
}) {
	const error = props.errors.fields[props.name];
	return (
		<div class={error ? "field invalid" : "field"}>
			<label for={props.name}>
				{props.label}
				<RequiredMark ctx={props.ctx} required={props.required} />
			</label>
			{props.hint && (
				<p class="hint" id={`${props.name}-hint`}>
					{props.hint}
				</p>
			)}
			<FieldError ctx={props.ctx} name={props.name} errors={props.errors} />
			{props.children}
		</div>
	);
}

export interface InputProps {
	ctx: PageContext;
	name: string;
	label: string;
	errors: FormErrors;
	value?: string | null;
	hint?: string;
	required?: boolean;
	type?: "text" | "email" | "password" | "date" | "number" | "url";
	autocomplete?: string;
	inputMode?: "numeric" | "decimal";
	dir?: "auto" | "ltr";
}

export function TextInput(props: InputProps) {
	return (
		<FieldFrame {...props}>
			<input
				id={props.name}
				name={props.name}
				type={props.type ?? "text"}
				value={props.value ?? ""}
				required={props.required}
				autocomplete={props.autocomplete}
				inputMode={props.inputMode}
				dir={props.dir}
				aria-invalid={props.errors.fields[props.name] ? "true" : undefined}
				aria-describedby={describedBy(props.name, props.errors, props.hint)}
			/>
		</FieldFrame>
	);
}

export type TextAreaProps = Omit<InputProps, "type"> & { rows?: number };

export function TextArea(props: TextAreaProps) {
	return (
		<FieldFrame {...props}>
			<textarea
				id={props.name}
				name={props.name}
				rows={props.rows ?? 5}
				required={props.required}
				dir={props.dir ?? "auto"}
				aria-invalid={props.errors.fields[props.name] ? "true" : undefined}
				aria-describedby={describedBy(props.name, props.errors, props.hint)}
			>
				{props.value ?? ""}
			</textarea>
		</FieldFrame>
	);
}

export interface Option {
	value: string;
	label: string;
}

export type SelectProps = Omit<InputProps, "type"> & {
	options: Option[];
	/** A first, empty choice ("none"), for optional fields. */
	empty?: string;
};

export function Select(props: SelectProps) {
	return (
		<FieldFrame {...props}>
			<select
				id={props.name}
				name={props.name}
				required={props.required}
				aria-invalid={props.errors.fields[props.name] ? "true" : undefined}
				aria-describedby={describedBy(props.name, props.errors, props.hint)}
			>
				{props.empty !== undefined && <option value="">{props.empty}</option>}
				{props.options.map((o) => (
					<option key={o.value} value={o.value} selected={o.value === props.value}>
						{o.label}
					</option>
				))}
			</select>
		</FieldFrame>
	);
}

/**
 * The summary above a form that failed, every problem in it linked to its field. The
 * page opens with the focus on it (autofocus on an element made focusable), so that a
 * keyboard or screen reader user starts from the list of what to mend.
 */
export function ErrorSummary(props: { ctx: PageContext; errors: FormErrors }) {
	if (!props.errors.message) return null;
	const { ctx } = props;
	const names = Object.keys(props.errors.fields);
	// Each field's problem names the field by its label; the services' joined sentence
	// (for the API) is shown only when no field carries the problem.
	return (
		<div class="error-summary" role="alert" tabIndex={-1} autofocus>
			<p>
				<strong>{ctx.t(common.form_has_errors)}</strong>
			</p>
			{names.length === 0 ? (
				<p>{problemText(ctx, props.errors.message)}</p>
			) : (
				<ul>
					{names.map((n) => {
						const label = fieldLabels[n];
						const text = problemText(ctx, props.errors.fields[n] ?? "");
						return (
							<li key={n}>
								<a href={`#${n}`}>{label ? `${ctx.t(label)}: ${text}` : text}</a>
							</li>
						);
					})}
				</ul>
			)}
		</div>
	);
}

/** The session's CSRF token, which every signed-in form must carry. */
export function CsrfField(props: { ctx: PageContext }) {
	return <input type="hidden" name="_csrf" value={props.ctx.csrf ?? ""} />;
}

/** One text value from a posted form: the first of a repeated field, trimmed. */
export function field(form: Record<string, string | string[] | undefined>, name: string): string {
	const v = form[name];
	return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
}

/** Every value of a repeated field (checkboxes), without empties. */
export function fieldList(
	form: Record<string, string | string[] | undefined>,
	name: string,
): string[] {
	const v = form[name];
	return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
}
