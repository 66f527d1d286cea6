/** Signing in and registering: two short forms, and what happens after registering. */
import { ErrorSummary, type FormErrors } from "../../components/form.tsx";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { workspace as w } from "../../i18n/workspace.messages.ts";
import { bindFields } from "./bind-fields.tsx";

/** The fields both forms ask for; the password is never shown again after a post. */
function credentialFields(ctx: PageContext, input: ReturnType<typeof bindFields>["input"]) {
	return {
		email: (autocomplete: "username" | "email") =>
			input("email", ctx.t(w.email), { type: "email", required: true, autocomplete, dir: "ltr" }),
		password: (autocomplete: "current-password" | "new-password", hint?: string) =>
			input("password", ctx.t(w.password), {
				type: "password",
				hint,
				required: true,
				autocomplete,
				dir: "ltr",
				value: "",
			}),
	};
}

export function SignInPage(props: {
	ctx: PageContext;
	email: string;
	next: string | null;
	errors: FormErrors;
}) {
	const { ctx, errors } = props;
	const field = credentialFields(ctx, bindFields(ctx, { email: props.email }, errors).input);
	const title = ctx.t(common.sign_in);
	return (
		<Layout ctx={ctx} title={title}>
			<h1>{title}</h1>
			{ctx.actor && (
				<p class="notice">
					{ctx.t(w.already_signed_in, { name: ctx.actor.displayName })}{" "}
					<a href={ctx.href("/workspace")}>{ctx.t(common.nav_workspace)}</a>
				</p>
			)}
			<ErrorSummary ctx={ctx} errors={errors} />
			<form method="post" action={ctx.href("/sign-in")} class="narrow" id="sign-in-form">
				{props.next && <input type="hidden" name="next" value={props.next} />}
				{field.email("username")}
				{field.password("current-password")}
				<button type="submit">{title}</button>
			</form>
			<p>
				{ctx.t(w.no_account)}{" "}
				<a
					href={ctx.href(
						props.next ? `/register?next=${encodeURIComponent(props.next)}` : "/register",
					)}
				>
					{ctx.t(common.register)}
				</a>
			</p>
		</Layout>
	);
}

export function RegisterPage(props: {
	ctx: PageContext;
	values: { email: string; display_name: string };
	/** Where to go once registered and signed in (the page that asked to register). */
	next: string | null;
	errors: FormErrors;
}) {
	const { ctx, errors } = props;
	const { input } = bindFields(ctx, props.values, errors);
	const field = credentialFields(ctx, input);
	const title = ctx.t(w.register_title);
	return (
		<Layout ctx={ctx} title={title}>
			<h1>{title}</h1>
			<p>{ctx.t(w.register_intro)}</p>
			<ErrorSummary ctx={ctx} errors={errors} />
			<form method="post" action={ctx.href("/register")} class="narrow" id="register-form">
				{props.next && <input type="hidden" name="next" value={props.next} />}
				{input("display_name", ctx.t(w.display_name), {
					hint: ctx.t(w.display_name_hint),
					required: true,
					autocomplete: "name",
					dir: "auto",
				})}
				{field.email("email")}
				{field.password("new-password", ctx.t(w.password_hint))}
				<button type="submit">{ctx.t(w.register_button)}</button>
			</form>
			<p>
				{ctx.t(w.have_account)} <a href={ctx.href("/sign-in")}>{ctx.t(common.sign_in)}</a>
			</p>
		</Layout>
	);
}

export function RegisteredPage(props: { ctx: PageContext }) {
	const { ctx } = props;
	const title = ctx.t(w.registered_title);
	return (
		<Layout ctx={ctx} title={title}>
			<h1>{title}</h1>
			<p class="flash" role="status">
				{ctx.t(w.registered_body)}
			</p>
			<p>
				<a class="button" href={ctx.href("/sign-in")}>
					{ctx.t(common.sign_in)}
				</a>
			</p>
		</Layout>
	);
}
