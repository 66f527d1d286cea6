/** Signing in and registering: two short forms, and what happens after registering. */
import { ErrorSummary, type FormErrors, TextInput } from "../../components/form.tsx";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { workspace as w } from "../../i18n/workspace.messages.ts";

export function SignInPage(props: {
	ctx: PageContext;
	email: string;
	next: string | null;
	errors: FormErrors;
}) {
	const { ctx, errors } = props;
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
				<TextInput
					ctx={ctx}
					name="email"
					type="email"
					label={ctx.t(w.email)}
					value={props.email}
					errors={errors}
					required
					autocomplete="username"
					dir="ltr"
				/>
				<TextInput
					ctx={ctx}
					name="password"
					type="password"
					label={ctx.t(w.password)}
					errors={errors}
					required
					autocomplete="current-password"
					dir="ltr"
				/>
				<button type="submit">{title}</button>
			</form>
			<p>
				{ctx.t(w.no_account)} <a href={ctx.href("/register")}>{ctx.t(common.register)}</a>
			</p>
		</Layout>
	);
}

export function RegisterPage(props: {
	ctx: PageContext;
	values: { email: string; display_name: string };
	errors: FormErrors;
}) {
	const { ctx, errors } = props;
	const title = ctx.t(w.register_title);
	return (
		<Layout ctx={ctx} title={title}>
			<h1>{title}</h1>
			<p>{ctx.t(w.register_intro)}</p>
			<ErrorSummary ctx={ctx} errors={errors} />
			<form method="post" action={ctx.href("/register")} class="narrow" id="register-form">
				<TextInput
					ctx={ctx}
					name="display_name"
					label={ctx.t(w.display_name)}
					hint={ctx.t(w.display_name_hint)}
					value={props.values.display_name}
					errors={errors}
					required
					autocomplete="name"
					dir="auto"
				/>
				<TextInput
					ctx={ctx}
					name="email"
					type="email"
					label={ctx.t(w.email)}
					value={props.values.email}
					errors={errors}
					required
					autocomplete="email"
					dir="ltr"
				/>
				<TextInput
					ctx={ctx}
					name="password"
					type="password"
					label={ctx.t(w.password)}
					hint={ctx.t(w.password_hint)}
					errors={errors}
					required
					autocomplete="new-password"
					dir="ltr"
				/>
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
