import assert from "node:assert/strict";
import { it } from "node:test";
import { AuthService } from "../../src/modules/auth/auth.service.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { anonymous, call, createUser, person, signIn, withToken } from "../helpers/users.ts";

describeEachDialect("accounts and sessions", (ctx) => {
	it("registers without telling who already has an account", async () => {
		const body = {
			email: "new.person@example.org",
			password: "a long enough password",
			display_name: "New Person",
		};
		const first = await call(ctx(), anonymous, "POST", "/api/v1/users", body);
		const again = await call(ctx(), anonymous, "POST", "/api/v1/users", {
			...body,
			password: "a different password!",
		});
		assert.equal(first.status, 202);
		assert.deepEqual(again.body, first.body);
		assert.equal(again.status, first.status);
		// The first password holds; the second registration changed nothing.
		assert.ok(await signIn(ctx(), body.email, body.password));
		const bad = await call(ctx(), anonymous, "POST", "/api/v1/users", {
			email: "not-an-email",
			password: "short",
			display_name: "",
		});
		assert.equal(bad.status, 400);
		assert.deepEqual(bad.body.errors.map((e: any) => e.name).sort(), [
			"display_name",
			"email",
			"password",
		]);
	});

	it("limits registrations per address before spending a password hash on them", async () => {
		let refused: Awaited<ReturnType<typeof call>> | undefined;
		let email = "";
		for (let i = 0; i < 25 && !refused; i++) {
			email = `bulk${i}@example.org`;
			const res = await call(ctx(), anonymous, "POST", "/api/v1/users", {
				email,
				password: "a long enough password",
				display_name: "Bulk",
			});
			if (res.status === 429) refused = res;
			else assert.equal(res.status, 202);
		}
		assert.ok(refused, "the 21st registration in the hour is refused");
		assert.ok(Number(refused.raw.headers["retry-after"]) > 0);
		const signIn = await call(ctx(), anonymous, "POST", "/api/v1/session", {
			email,
			password: "a long enough password",
		});
		assert.equal(signIn.status, 401, "the refused registration created no account");
	});

	it("answers a wrong password and an unknown email alike, and never returns a password", async () => {
		const u = await createUser(ctx());
		const wrong = await call(ctx(), anonymous, "POST", "/api/v1/session", {
			email: u.email,
			password: "not the password",
		});
		const unknown = await call(ctx(), anonymous, "POST", "/api/v1/session", {
			email: "nobody@example.org",
			password: "not the password",
		});
		assert.equal(wrong.status, 401);
		assert.equal(unknown.status, 401);
		assert.equal(wrong.body.detail, unknown.body.detail);
		const ok = await call(ctx(), anonymous, "POST", "/api/v1/session", {
			email: u.email.toUpperCase(),
			password: u.password,
		});
		assert.equal(ok.status, 200);
		assert.doesNotMatch(ok.raw.body, /password/i);
		const cookie = ok.raw.cookies.find((c) => c.name === "iif_session");
		assert.ok(cookie?.httpOnly);
		assert.equal(cookie?.sameSite, "Lax");
	});

	it("slows down repeated failures, counted in the database, and lets the right password through after the wait", async () => {
		const u = await createUser(ctx());
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++)
			statuses.push(
				(
					await call(ctx(), anonymous, "POST", "/api/v1/session", {
						email: u.email,
						password: `wrong ${i} attempt`,
					})
				).status,
			);
		assert.deepEqual(statuses.slice(0, 3), [401, 401, 401]);
		assert.equal(statuses[4], 429, JSON.stringify(statuses));
		const blocked = await call(ctx(), anonymous, "POST", "/api/v1/session", {
			email: u.email,
			password: u.password,
		});
		assert.equal(blocked.status, 429);
		assert.ok(Number(blocked.raw.headers["retry-after"]) >= 1);
		// A later instance (another clock, the same database) lets the user in once the delay has passed.
		const later = new AuthService(ctx().db.database, undefined, () => Date.now() + 60 * 60_000);
		const session = await later.login({ email: u.email, password: u.password }, { ip: "10.9.9.9" });
		assert.ok(session.token);
	});

	it("counts parallel guesses too: at most the free attempts and one more get a password check", async () => {
		const u = await createUser(ctx());
		const attempts = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				call(
					ctx(),
					{ ...anonymous, headers: { "x-forwarded-for": `10.0.0.${i}` } },
					"POST",
					"/api/v1/session",
					{ email: u.email, password: `guess ${i}` },
				),
			),
		);
		const statuses = attempts.map((a) => a.status);
		assert.equal(statuses.filter((s) => s === 401).length, 4, JSON.stringify(statuses));
		assert.equal(statuses.filter((s) => s === 429).length, 16);
	});

	it("takes the client address from X-Forwarded-For only from a trusted proxy", async () => {
		await call(
			ctx(),
			{ ...anonymous, headers: { "x-forwarded-for": "7.7.7.7" } },
			"POST",
			"/api/v1/session",
			{ email: "nobody@example.org", password: "wrong password" },
		);
		const keys = (
			await ctx().db.database.db.selectFrom("login_failure").select("key").execute()
		).map((r) => r.key);
		assert.ok(!keys.includes("ip:7.7.7.7"), "a client cannot choose its own address");
	});

	it("rotates the session at sign-in and ends it at sign-out", async () => {
		const u = await createUser(ctx());
		const first = await signIn(ctx(), u.email, u.password);
		const res = await ctx().app.inject({
			method: "POST",
			url: "/api/v1/session",
			headers: { cookie: first.cookie as string },
			payload: { email: u.email, password: u.password },
		});
		const second = `iif_session=${res.cookies.find((c) => c.name === "iif_session")?.value}`;
		assert.notEqual(second, first.cookie);
		assert.equal(
			(
				await call(
					ctx(),
					{ ...anonymous, headers: { cookie: first.cookie as string } },
					"GET",
					"/api/v1/session",
				)
			).status,
			401,
			"the old session is gone",
		);
		const me = await call(
			ctx(),
			{ ...anonymous, headers: { cookie: second } },
			"GET",
			"/api/v1/session",
		);
		assert.equal(me.status, 200);
		assert.equal(me.body.user.email, u.email);
		const csrf = me.body.csrf_token;
		assert.equal(
			(
				await call(
					ctx(),
					{ ...anonymous, headers: { cookie: second, "x-csrf-token": csrf } },
					"DELETE",
					"/api/v1/session",
				)
			).status,
			200,
		);
		assert.equal(
			(await call(ctx(), { ...anonymous, headers: { cookie: second } }, "GET", "/api/v1/session"))
				.status,
			401,
		);
	});

	it("ends sessions after the idle time and the absolute lifetime", async () => {
		const u = await createUser(ctx());
		const auth = ctx().services.auth;
		const s = await auth.login({ email: u.email, password: u.password }, { ip: "127.0.0.1" });
		assert.ok(await auth.resolveSession(s.token));
		const idle = new AuthService(
			ctx().db.database,
			{
				idleMinutes: 120,
				maxHours: 336,
				freeFailures: 3,
				freeFailuresPerAddress: 30,
				maxDelaySeconds: 900,
			},
			() => Date.now() + 121 * 60_000,
		);
		assert.equal(await idle.resolveSession(s.token), null);
		const settings = {
			idleMinutes: 100_000,
			maxHours: 1,
			freeFailures: 3,
			freeFailuresPerAddress: 30,
			maxDelaySeconds: 900,
		};
		const s2 = await new AuthService(ctx().db.database, settings).login(
			{ email: u.email, password: u.password },
			{ ip: "127.0.0.1" },
		);
		assert.ok(
			await new AuthService(
				ctx().db.database,
				settings,
				() => Date.now() + 30 * 60_000,
			).resolveSession(s2.token),
		);
		assert.equal(
			await new AuthService(
				ctx().db.database,
				settings,
				() => Date.now() + 2 * 3600_000,
			).resolveSession(s2.token),
			null,
		);
	});

	it("creates API tokens shown once, lists them without secrets, and revokes them", async () => {
		const p = await person(ctx());
		const t = await withToken(ctx(), p);
		const me = await call(ctx(), t, "GET", "/api/v1/session");
		assert.equal(me.status, 200);
		assert.equal(me.body.csrf_token, null);
		const list = await call(ctx(), p, "GET", "/api/v1/tokens");
		assert.equal(list.body.items.length, 1);
		assert.doesNotMatch(
			JSON.stringify(list.body),
			new RegExp((t.headers.authorization as string).slice(7 + 8)),
		);
		const id = list.body.items[0].id;
		assert.equal((await call(ctx(), p, "DELETE", `/api/v1/tokens/${id}`)).status, 200);
		assert.equal((await call(ctx(), t, "GET", "/api/v1/session")).status, 401);
		assert.equal(
			(await call(ctx(), p, "DELETE", `/api/v1/tokens/${id}`)).status,
			404,
			"revoked once",
		);
		assert.equal(
			(
				await call(
					ctx(),
					{ ...anonymous, headers: { authorization: "Basic abc" } },
					"GET",
					"/api/v1/commitments",
				)
			).status,
			401,
		);
	});

	it("keeps 401 (who are you?) apart from 403 (not you), and checks CSRF on cookie writes", async () => {
		const p = await person(ctx());
		assert.equal(
			(await call(ctx(), anonymous, "PUT", "/api/v1/users/1/role", { role: "admin" })).status,
			401,
		);
		assert.equal(
			(await call(ctx(), p, "PUT", "/api/v1/users/1/role", { role: "admin" })).status,
			403,
		);
		const noCsrf = await call(
			ctx(),
			{ ...p, headers: { cookie: p.headers.cookie as string } },
			"POST",
			"/api/v1/tokens",
			{ name: "x" },
		);
		assert.equal(noCsrf.status, 403);
		assert.match(noCsrf.body.detail, /CSRF/);
		const wrongCsrf = await call(
			ctx(),
			{ ...p, headers: { cookie: p.headers.cookie as string, "x-csrf-token": "forged" } },
			"POST",
			"/api/v1/tokens",
			{ name: "x" },
		);
		assert.equal(wrongCsrf.status, 403);
	});

	it("lets the admin alone grant roles and memberships", async () => {
		const admin = await person(ctx(), { role: "admin" });
		const p = await person(ctx());
		assert.equal(
			(await call(ctx(), admin, "PUT", `/api/v1/users/${p.id}/role`, { role: "assessor" })).status,
			200,
		);
		assert.equal(
			(
				await call(ctx(), admin, "POST", `/api/v1/users/${p.id}/memberships`, {
					stakeholder: "canada",
					role: "editor",
				})
			).status,
			200,
		);
		const me = await call(ctx(), await withToken(ctx(), p), "GET", "/api/v1/session");
		assert.equal(me.body.user.role, "assessor");
		assert.equal(me.body.user.memberships.length, 1);
		assert.equal(
			(await call(ctx(), admin, "DELETE", `/api/v1/users/${p.id}/memberships/canada`)).status,
			200,
		);
		assert.equal(
			(await call(ctx(), admin, "DELETE", `/api/v1/users/${p.id}/memberships/canada`)).status,
			404,
		);
		assert.equal(
			(await call(ctx(), admin, "PUT", `/api/v1/users/${p.id}/role`, { role: "king" })).status,
			400,
		);
		assert.equal(
			(
				await call(ctx(), admin, "POST", `/api/v1/users/${p.id}/memberships`, {
					stakeholder: "atlantis",
					role: "editor",
				})
			).status,
			400,
		);
		assert.equal(
			(await call(ctx(), admin, "PUT", "/api/v1/users/999999/role", { role: null })).status,
			404,
		);
	});

	it("refuses bad input on every account write with the field named, writing nothing", async () => {
		const admin = await person(ctx(), { role: "admin" });
		const p = await person(ctx());
		const before = await ctx().services.audit.count();
		const cases: [Parameters<typeof call>[2], string, unknown, string][] = [
			["POST", "/api/v1/tokens", { name: "" }, "name"],
			["POST", "/api/v1/tokens", { name: "x", scope: "all" }, "scope"],
			["PUT", `/api/v1/users/${p.id}/role`, { role: "emperor" }, "role"],
			["PUT", `/api/v1/users/${p.id}/role`, {}, "role"],
			[
				"POST",
				`/api/v1/users/${p.id}/memberships`,
				{ stakeholder: "canada", role: "boss" },
				"role",
			],
			[
				"POST",
				`/api/v1/users/${p.id}/memberships`,
				{ stakeholder: "Not A Slug!", role: "editor" },
				"stakeholder",
			],
			["PUT", "/api/v1/users/abc/role", { role: null }, "id"],
			["DELETE", "/api/v1/tokens/abc", undefined, "id"],
		];
		for (const [method, url, body, field] of cases) {
			const res = await call(ctx(), admin, method, url, body);
			assert.equal(res.status, 400, `${method} ${url}: ${JSON.stringify(res.body)}`);
			assert.ok(
				res.body.errors.some((e: any) => e.name === field),
				`${url} names ${field}: ${JSON.stringify(res.body.errors)}`,
			);
		}
		assert.equal(await ctx().services.audit.count(), before);
	});

	it("prunes expired sessions and old rate counters, and nothing current", async () => {
		const u = await createUser(ctx());
		const s = await ctx().services.auth.login(
			{ email: u.email, password: u.password },
			{ ip: "127.0.0.1" },
		);
		await call(
			ctx(),
			await person(ctx()),
			"POST",
			"/api/v1/commitments/gavi-2011-pledging-conference/comments",
			{ body: "Counted" },
		);
		const db = ctx().db.database.db;
		const counters = async () =>
			Number(
				(
					await db
						.selectFrom("rate_counter")
						.select((eb) => eb.fn.countAll().as("n"))
						.executeTakeFirstOrThrow()
				).n,
			);
		assert.ok((await counters()) > 0);
		assert.deepEqual(await ctx().services.auth.prune(), { counters: 0, sessions: 0 });
		assert.ok(await ctx().services.auth.resolveSession(s.token));
		const later = await new AuthService(
			ctx().db.database,
			undefined,
			() => Date.now() + 3 * 24 * 3600_000,
		).prune();
		assert.ok(later.counters > 0 && later.sessions > 0);
		assert.equal(await counters(), 0);
		assert.equal(await ctx().services.auth.resolveSession(s.token), null);
	});

	it("sends security headers and a strict Content-Security-Policy", async () => {
		const res = await ctx().app.inject({ method: "GET", url: "/" });
		const csp = String(res.headers["content-security-policy"]);
		assert.match(csp, /default-src 'self'/);
		assert.match(csp, /script-src 'self'/);
		assert.doesNotMatch(csp, /unsafe-inline/);
		assert.equal(res.headers["x-content-type-options"], "nosniff");
		assert.ok(res.headers["strict-transport-security"]);
		assert.doesNotMatch(res.body, /style="/, "no inline styles under the CSP");
	});
});
