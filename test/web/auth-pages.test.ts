/**
 * Signing in, out and up with the plain forms, without JavaScript: the session cookie of
 * the API, the email kept after a wrong password, the back-off told in words, a
 * registration confirmed, and sign-out guarded by the CSRF token.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { languages } from "../../src/web/i18n/locale.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { assertPage, htmlPage, postForm } from "../helpers/pages.ts";
import { createUser, person } from "../helpers/users.ts";

/** A form post as a browser sends it, with the session's cookie when given. */
function post(ctx: TestContext, url: string, fields: Record<string, string>, cookie?: string) {
	return postForm(ctx, url, fields, cookie ? { cookie } : {});
}

function sessionCookie(res: { cookies: { name: string; value: string }[] }): string | null {
	const c = res.cookies.find((x) => x.name === "iif_session" && x.value);
	return c ? `iif_session=${c.value}` : null;
}

describeEachDialect("sign-in, sign-out and registration pages", (ctx) => {
	it("shows the sign-in form in every language, right to left in Arabic", async () => {
		for (const lang of languages) {
			const url = `/${lang}/sign-in`;
			const html = await htmlPage(ctx(), url);
			assert.match(html, /<form method="post" action="\/[a-z]{2}\/sign-in"/);
			assert.match(html, /<label for="email">/);
			assert.match(html, /<label for="password">/);
			assert.match(html, /autocomplete="current-password"/);
			assertPage(html, url, lang);
		}
		const ar = await htmlPage(ctx(), "/ar/sign-in");
		assert.match(ar, /تسجيل الدخول|سجّل الدخول|دخول/);
	});

	it("signs in with the form: the API's session cookie, then see-other to the workspace", async () => {
		const u = await createUser(ctx(), {
			memberships: [{ stakeholder: "japan", role: "focal_point" }],
		});
		const res = await post(ctx(), "/en/sign-in", { email: u.email, password: u.password });
		assert.equal(res.statusCode, 303, res.body);
		assert.equal(res.headers.location, "/en/workspace");
		const set = res.cookies.find((c) => c.name === "iif_session");
		assert.ok(set?.value, "the session cookie is set");
		assert.equal(set?.httpOnly, true);
		assert.equal(set?.sameSite, "Lax");
		assert.equal(set?.path, "/");
		const cookie = sessionCookie(res) as string;
		const session = await ctx().app.inject({
			method: "GET",
			url: "/api/v1/session",
			headers: { cookie },
		});
		assert.equal(session.statusCode, 200);
		assert.equal(session.json().user.email, u.email);
		const workspace = await ctx().app.inject({
			method: "GET",
			url: "/en/workspace",
			headers: { cookie },
		});
		assert.equal(workspace.statusCode, 200);
		assert.match(workspace.body, /Japan/);
	});

	it("goes back to `next` when it is a page of this site, never elsewhere", async () => {
		const u = await createUser(ctx());
		const here = await post(ctx(), "/fr/sign-in", {
			email: u.email,
			password: u.password,
			next: "/fr/workspace/commitments/new",
		});
		assert.equal(here.statusCode, 303);
		assert.equal(here.headers.location, "/fr/workspace/commitments/new");
		for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
			const res = await post(ctx(), "/fr/sign-in", { email: u.email, password: u.password, next });
			assert.equal(res.statusCode, 303);
			assert.equal(res.headers.location, "/fr/workspace", next);
		}
		// The sign-in link of a protected page carries its way back.
		const anonymous = await ctx().app.inject({ method: "GET", url: "/fr/workspace" });
		assert.equal(anonymous.statusCode, 303);
		assert.equal(anonymous.headers.location, "/fr/sign-in?next=%2Ffr%2Fworkspace");
		const form = await ctx().app.inject({
			method: "GET",
			url: "/fr/sign-in?next=%2Ffr%2Fworkspace",
		});
		assert.match(form.body, /<input type="hidden" name="next" value="\/fr\/workspace"/);
	});

	it("keeps the email and says plainly what went wrong after a wrong password", async () => {
		const u = await createUser(ctx());
		const res = await post(ctx(), "/en/sign-in", { email: u.email, password: "not the password" });
		assert.equal(res.statusCode, 401);
		assert.equal(sessionCookie(res), null);
		assert.match(res.body, /The email or the password is wrong/);
		assert.match(res.body, new RegExp(`id="email"[^>]*value="${u.email.replace(/\./g, "\\.")}"`));
		assert.doesNotMatch(res.body, /not the password/, "the password is never sent back");
		const ar = await post(ctx(), "/ar/sign-in", { email: u.email, password: "not the password" });
		assert.equal(ar.statusCode, 401);
		assert.match(ar.body, /البريد الإلكتروني أو كلمة المرور غير صحيحة/);

		const bad = await post(ctx(), "/en/sign-in", { email: "not-an-email", password: "x" });
		assert.equal(bad.statusCode, 400);
		assert.match(bad.body, /<div class="field invalid"><label for="email">/);
		assert.match(bad.body, /id="email-error"[^>]*>[^<]*Give an email address/);
		assert.match(bad.body, /value="not-an-email"/);
	});

	it("tells a guesser to wait, in words, when sign-in is slowed down", async () => {
		const u = await createUser(ctx());
		let last = await post(ctx(), "/en/sign-in", { email: u.email, password: "wrong one" });
		for (let i = 0; i < 5 && last.statusCode !== 429; i++)
			last = await post(ctx(), "/en/sign-in", { email: u.email, password: "wrong one" });
		assert.equal(last.statusCode, 429);
		assert.match(last.body, /Too many attempts\. Please wait \d+ seconds/);
		assert.ok(last.headers["retry-after"]);
	});

	it("registers an account and signs it in, back on the page it came from", async () => {
		const email = `new.${Date.now()}@example.org`;
		const page = "/es/commitments/canada-muskoka-2010-mnch";
		// The commitment page's "no account yet?" link carries the way back.
		const asking = await htmlPage(ctx(), page);
		const link = `/es/register?next=${encodeURIComponent(page)}`;
		assert.ok(asking.includes(`href="${link.replace(/&/g, "&amp;")}"`), "register link with next");
		const form = await htmlPage(ctx(), link);
		assert.match(form, new RegExp(`<input type="hidden" name="next" value="${page}"`));
		const res = await post(ctx(), "/es/register", {
			display_name: "Ana Pérez",
			email,
			password: "a long enough password",
			next: page,
		});
		assert.equal(res.statusCode, 303, res.body);
		assert.equal(res.headers.location, page);
		const cookie = sessionCookie(res);
		assert.ok(cookie, "signed in");
		const back = await ctx().app.inject({ method: "GET", url: page, headers: { cookie } });
		assert.match(back.body, /<textarea[^>]*name="body"/, "the comment form, signed in");
		// Without a way back, the workspace.
		const other = await post(ctx(), "/es/register", {
			display_name: "Luis Gómez",
			email: `other.${Date.now()}@example.org`,
			password: "another long password",
		});
		assert.equal(other.headers.location, "/es/workspace");
		// An address registered before answers alike and signs nobody in with another password.
		const again = await post(ctx(), "/es/register", {
			display_name: "Someone else",
			email,
			password: "not ana's password at all",
		});
		assert.equal(again.statusCode, 303, again.body);
		assert.equal(again.headers.location, "/es/register?done=1");
		assert.ok(!sessionCookie(again), "no session");
		const done = await ctx().app.inject({ method: "GET", url: "/es/register?done=1" });
		assert.equal(done.statusCode, 200);
		assert.match(done.body, /Compruebe e inicie sesión/);
		assert.match(done.body, /href="\/es\/sign-in"/);
	});

	it("shows a registration's problems next to their fields and keeps what was typed", async () => {
		const res = await post(ctx(), "/en/register", {
			display_name: "Zhang Wei",
			email: "zhang@example.org",
			password: "short",
		});
		assert.equal(res.statusCode, 400);
		assert.match(res.body, /<div class="field invalid"><label for="password">/);
		assert.match(res.body, /id="password-error"[^>]*>[^<]*at least 10 characters/);
		assert.match(res.body, /id="display_name"[^>]*value="Zhang Wei"/);
		assert.match(res.body, /id="email"[^>]*value="zhang@example.org"/);
		assertPage(await htmlPage(ctx(), "/ar/register"), "/ar/register", "ar");
	});

	it("signs out with the session's CSRF token, and refuses without it", async () => {
		const p = await person(ctx());
		const cookie = p.headers.cookie as string;
		const csrf = p.headers["x-csrf-token"] as string;
		const refused = await post(ctx(), "/en/sign-out", {}, cookie);
		assert.equal(refused.statusCode, 403);
		assert.match(String(refused.headers["content-type"]), /^text\/html/);
		assert.match(refused.body, /<html lang="en"/);
		const res = await post(ctx(), "/en/sign-out", { _csrf: csrf }, cookie);
		assert.equal(res.statusCode, 303);
		assert.equal(res.headers.location, "/en/");
		const after = await ctx().app.inject({
			method: "GET",
			url: "/api/v1/session",
			headers: { cookie },
		});
		assert.equal(after.statusCode, 401, "the session is over");
	});
});
