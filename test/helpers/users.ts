/**
 * People for tests: users created as the operator would (CLI service calls), signed in
 * through the real API, and a small client that sends their cookie and CSRF token (or
 * their API token) with each request.
 */
import type { LightMyRequestResponse } from "fastify";
import { cliActor, type GlobalRole, type MembershipRole } from "../../src/lib/actor.ts";
import type { TestContext } from "./app.ts";

export interface Person {
	id: number | null;
	email: string;
	password: string;
	/** Headers that authenticate as this person: cookie and CSRF token, or a bearer token. */
	headers: Record<string, string>;
}

export interface Response {
	status: number;
	body: any;
	raw: LightMyRequestResponse;
}

let counter = 0;

export async function createUser(
	ctx: TestContext,
	opts: {
		role?: GlobalRole;
		memberships?: { stakeholder: string; role: MembershipRole }[];
		email?: string;
	} = {},
): Promise<{ id: number; email: string; password: string }> {
	counter++;
	const email = opts.email ?? `person${counter}.${Date.now()}@example.org`;
	const password = `correct horse battery ${counter}`;
	const id = await ctx.services.users.add(
		{ email, password, display_name: `Person ${counter}`, role: opts.role ?? null },
		cliActor,
	);
	for (const m of opts.memberships ?? [])
		await ctx.services.users.grantMembership(cliActor, id, {
			stakeholder: m.stakeholder,
			role: m.role,
		});
	return { id, email, password };
}

/** Signs in through POST /api/v1/session and returns the cookie and CSRF headers. */
export async function signIn(
	ctx: TestContext,
	email: string,
	password: string,
): Promise<Record<string, string>> {
	const res = await ctx.app.inject({
		method: "POST",
		url: "/api/v1/session",
		payload: { email, password },
	});
	if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
	const cookie = res.cookies.find((c) => c.name === "iif_session");
	if (!cookie) throw new Error("no session cookie");
	return { cookie: `iif_session=${cookie.value}`, "x-csrf-token": res.json().csrf_token };
}

export async function person(
	ctx: TestContext,
	opts: Parameters<typeof createUser>[1] = {},
): Promise<Person> {
	const u = await createUser(ctx, opts);
	return { ...u, headers: await signIn(ctx, u.email, u.password) };
}

/** The same person, authenticated by an API token instead of the cookie. */
export async function withToken(ctx: TestContext, p: Person): Promise<Person> {
	const res = await call(ctx, p, "POST", "/api/v1/tokens", { name: "test client" });
	if (res.status !== 201)
		throw new Error(`token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
	return { ...p, headers: { authorization: `Bearer ${res.body.token}` } };
}

export const anonymous: Person = { id: null, email: "", password: "", headers: {} };

export async function call(
	ctx: TestContext,
	p: Person,
	method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
	url: string,
	payload?: unknown,
	headers: Record<string, string> = {},
): Promise<Response> {
	const raw = await ctx.app.inject({
		method,
		url,
		headers: { ...p.headers, ...headers },
		...(payload === undefined ? {} : { payload: payload as object }),
	});
	const type = String(raw.headers["content-type"] ?? "");
	return { status: raw.statusCode, body: type.includes("json") ? raw.json() : raw.body, raw };
}
