/**
 * Signing in, out and up with plain forms. Sign-in sets the same session cookie as the
 * API's POST /api/v1/session (one helper does both); sign-in and registration are made
 * before any session exists, so they carry no CSRF token.
 */
import { AppError } from "../../lib/errors.ts";
import { endSession, startSession } from "../../modules/auth/auth.session.ts";
import type { Services } from "../../server/services.ts";
import { type FormErrors, field, formErrorsOf, noErrors } from "../components/form.tsx";
import type { PageContext } from "../context.ts";
import { workspace as w } from "../i18n/workspace.messages.ts";
import { type PageRouter, seeOther } from "../page-route.ts";
import { RegisteredPage, RegisterPage, SignInPage } from "../pages/workspace/auth.tsx";
import { localPath } from "../pages/workspace/form-values.ts";

/** Where a sign-in sends its user: back where they came from, if that is a page of this site. */
function nextOf(value: string | undefined): string | null {
	return localPath(value);
}

/** What went wrong with a sign-in or registration, for the form: never a stack, never who exists. */
function accountErrors(ctx: PageContext, error: unknown): FormErrors {
	if (error instanceof AppError && error.code === "unauthenticated")
		return { message: ctx.t(w.wrong_credentials), fields: {} };
	if (error instanceof AppError && error.code === "rate_limited") {
		const seconds = Number(error.extra.retry_after ?? 0);
		return {
			message: ctx.t(w.rate_limited, { seconds: ctx.fmt.number(seconds) }),
			fields: {},
		};
	}
	return formErrorsOf(error);
}

export function authPageRoutes(pages: PageRouter, services: Services): void {
	pages.get("/sign-in", async ({ ctx, query }) =>
		SignInPage({
			ctx,
			email: "",
			next: nextOf(typeof query.next === "string" ? query.next : undefined),
			errors: noErrors,
		}),
	);

	pages.post(
		"/sign-in",
		async ({ ctx, request, reply, form }) => {
			const email = field(form, "email");
			const next = nextOf(field(form, "next"));
			try {
				await startSession(services.auth, request, reply, {
					email,
					password: typeof form.password === "string" ? form.password : "",
				});
			} catch (error) {
				const errors = accountErrors(ctx, error);
				const status = error instanceof AppError ? error.status : 400;
				if (status === 429 && error instanceof AppError)
					reply.header("retry-after", String(error.extra.retry_after ?? 60));
				return { page: SignInPage({ ctx, email, next, errors }), status };
			}
			return seeOther(reply, next ?? ctx.href("/workspace"));
		},
		{ csrf: false },
	);

	pages.post("/sign-out", async ({ ctx, request, reply }) => {
		await endSession(services.auth, request, reply);
		return seeOther(reply, ctx.href("/"));
	});

	pages.get("/register", async ({ ctx, query }) =>
		query.done === "1"
			? RegisteredPage({ ctx })
			: RegisterPage({
					ctx,
					values: { email: "", display_name: "" },
					next: nextOf(typeof query.next === "string" ? query.next : undefined),
					errors: noErrors,
				}),
	);

	pages.post(
		"/register",
		async ({ ctx, request, reply, form }) => {
			const values = { email: field(form, "email"), display_name: field(form, "display_name") };
			const next = nextOf(field(form, "next"));
			const password = typeof form.password === "string" ? form.password : "";
			try {
				await services.users.register({ ...values, password }, { ip: request.ip });
			} catch (error) {
				const errors = accountErrors(ctx, error);
				return {
					page: RegisterPage({ ctx, values, next, errors }),
					status: error instanceof AppError ? error.status : 400,
				};
			}
			// The new account signs in at once and goes back to the page it came from. An
			// address registered before answers alike (registration never tells who exists):
			// its password then fails to sign in, and the page says to sign in as before.
			try {
				await startSession(services.auth, request, reply, { email: values.email, password });
			} catch (error) {
				if (!(error instanceof AppError)) throw error;
				return seeOther(reply, ctx.href("/register?done=1"));
			}
			return seeOther(reply, next ?? ctx.href("/workspace"));
		},
		{ csrf: false },
	);
}
