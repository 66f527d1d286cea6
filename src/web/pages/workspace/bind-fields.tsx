/**
 * A form's controls bound once to what was typed and to the errors of the last post, so
 * each field is written by its name and label alone: `input("title", label, { required:
 * true })`. A field's name is the service's (financial.amount ...), which is how its value
 * and its error find it.
 */
import {
	type FormErrors,
	type InputProps,
	type Option,
	Select,
	type SelectProps,
	TextArea,
	type TextAreaProps,
	TextInput,
} from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import type { Message } from "../../i18n/messages.ts";
import { type FormValues, text } from "./form-values.ts";

/** What a control takes beyond its name and label (a typed value given here wins). */
type Extra<P> = Partial<Omit<P, "ctx" | "name" | "label" | "errors">>;

export function bindFields(ctx: PageContext, values: FormValues, errors: FormErrors) {
	const bound = (name: string, label: string) => ({
		ctx,
		name,
		label,
		value: text(values, name),
		errors,
	});
	return {
		input: (name: string, label: string, extra: Extra<InputProps> = {}) => (
			<TextInput {...bound(name, label)} {...extra} />
		),
		textarea: (name: string, label: string, extra: Extra<TextAreaProps> = {}) => (
			<TextArea {...bound(name, label)} {...extra} />
		),
		select: (name: string, label: string, options: Option[], extra: Extra<SelectProps> = {}) => (
			<Select {...bound(name, label)} options={options} {...extra} />
		),
	};
}

/** The choices of a closed list, named in the page's language. */
export function namedOptions<T extends string>(
	ctx: PageContext,
	names: Record<T, Message>,
	keys: readonly T[],
): Option[] {
	return keys.map((k) => ({ value: k, label: ctx.t(names[k]) }));
}
