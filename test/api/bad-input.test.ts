import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDialect } from "../helpers/app.ts";
import { call, person } from "../helpers/users.ts";

/** Each case: a request, its status, and the parameter the problem must name. */
const cases: [string, number, string][] = [
	["/api/v1/commitments?limit=100000", 400, "limit"],
	["/api/v1/commitments?limit=0", 400, "limit"],
	["/api/v1/commitments?limit=ten", 400, "limit"],
	["/api/v1/commitments?page=-1", 400, "page"],
	["/api/v1/commitments?goal=goal8", 400, "goal"],
	["/api/v1/commitments?goal=mdg:9", 400, "goal"],
	["/api/v1/commitments?goal=sdg:18", 400, "goal"],
	["/api/v1/commitments?target=mdg:8.Z", 400, "target"],
	["/api/v1/commitments?target=8.B", 400, "target"],
	["/api/v1/commitments?stakeholder=no-such-maker", 400, "stakeholder"],
	["/api/v1/commitments?stakeholder=99999", 400, "stakeholder"],
	["/api/v1/commitments?stakeholder=Bad%20Slug!", 400, "stakeholder"],
	["/api/v1/commitments?forum=no-such-forum", 400, "forum"],
	["/api/v1/commitments?forum_kind=summit", 400, "forum_kind"],
	["/api/v1/commitments?recipient=XX", 400, "recipient"],
	["/api/v1/commitments?recipient=Kenya", 400, "recipient"],
	["/api/v1/commitments?kind=loan", 400, "kind"],
	["/api/v1/commitments?status=draft", 400, "status"],
	["/api/v1/commitments?year_from=2010&year_to=2005", 400, "year_to"],
	["/api/v1/commitments?year_from=20100", 400, "year_from"],
	["/api/v1/commitments?q=", 400, "q"],
	["/api/v1/commitments?q=%21%21%21", 400, "q"],
	["/api/v1/commitments?sort=amount", 400, "sort"],
	["/api/v1/commitments?sort=relevance", 400, "sort"],
	["/api/v1/commitments?colour=red", 400, "colour"],
	["/api/v1/commitments/abc$", 400, "id"],
	["/api/v1/commitments/Not_A_Slug", 400, "id"],
	["/api/v1/commitments/0", 400, "id"],
	["/api/v1/commitments/999999", 404, ""],
	["/api/v1/commitments/no-such-commitment", 404, ""],
	["/api/v1/stakeholders/999999", 404, ""],
	["/api/v1/stakeholders/bad$id", 400, "id"],
	["/api/v1/stakeholders?kind=government", 400, "kind"],
	["/api/v1/stakeholders?limit=201", 400, "limit"],
	["/api/v1/forums/999999", 404, ""],
	["/api/v1/forums?kind=summit", 400, "kind"],
	["/api/v1/forums?year_from=2012&year_to=2001", 400, "year_to"],
	["/api/v1/countries/KEN", 400, "code"],
	["/api/v1/countries/QQ", 404, ""],
	["/api/v1/countries?lang=de", 400, "lang"],
	["/api/v1/frameworks/xdg", 400, "code"],
	["/api/v1/frameworks/sdg?lang=de", 400, "lang"],
	["/api/v1/frameworks?x=1", 400, "x"],
	["/api/v1/nothing-here", 404, ""],
	// NUL, which PostgreSQL cannot store (it answered 500 there), refused on both databases.
	["/api/v1/stakeholders?q=%00", 400, "q"],
	["/api/v1/commitments?q=aid%00", 400, "q"],
	["/api/v1/activities/%00", 400, "identifier"],
	["/api/v1/commitments/%00/reports", 400, "id"],
	["/api/v1/statistics?provider=G%00B", 400, "provider"],
];

describeEachDialect("bad input", (ctx) => {
	it("answers each bad request with problem+json naming the parameter", async () => {
		for (const [url, status, param] of cases) {
			const res = await ctx().get(url);
			assert.equal(res.status, status, `${url}: ${JSON.stringify(res.body)}`);
			assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, url);
			assert.equal(res.body.status, status, url);
			assert.ok(res.body.title && res.body.detail && res.body.type, url);
			if (param) {
				assert.ok(
					res.body.errors.some((e: { name: string }) => e.name === param),
					`${url} names ${param}: ${JSON.stringify(res.body.errors)}`,
				);
				assert.ok(
					res.body.detail.includes(param),
					`${url} detail mentions ${param}: ${res.body.detail}`,
				);
			}
		}
	});

	it("writes nothing and keeps serving after bad requests", async () => {
		const before = await ctx().get("/api/v1/commitments?limit=1");
		for (const [url] of cases) await ctx().get(url);
		const after = await ctx().get("/api/v1/commitments?limit=1");
		assert.equal(after.status, 200);
		assert.equal(after.body.total, before.body.total);
		assert.deepEqual(after.body.items, before.body.items);
	});

	it("accepts no anonymous writes, and no methods a route does not have", async () => {
		const post = await ctx().app.inject({
			method: "POST",
			url: "/api/v1/commitments",
			payload: { title: "x" },
		});
		assert.equal(post.statusCode, 401);
		assert.equal(post.json().code, "unauthenticated");
		for (const method of ["PUT", "DELETE"] as const) {
			const res = await ctx().app.inject({
				method,
				url: "/api/v1/commitments",
				payload: { title: "x" },
			});
			assert.equal(res.statusCode, 404, method);
		}
	});

	it("refuses a body that is not an object of fields, and names each bad field the service finds, writing nothing", async () => {
		const admin = await person(ctx(), { role: "admin" });
		const audits = await ctx().services.audit.count();
		for (const payload of [[1, 2], "text", 42])
			for (const url of [
				"/api/v1/commitments",
				"/api/v1/commitments/gleneagles-2005-oda-increase/relations",
				"/api/v1/commitments/gleneagles-2005-oda-increase/links/remove",
			]) {
				const res = await call(ctx(), admin, "POST", url, JSON.stringify(payload), {
					"content-type": "application/json",
				});
				assert.equal(res.status, 400, `${url} ${JSON.stringify(payload)}`);
				assert.deepEqual(
					res.body.errors.map((e: { name: string }) => e.name),
					["body"],
				);
			}
		// The services parse what the routes hand on as sent: each problem is named by its field.
		const cases: [string, string, object, string[]][] = [
			[
				"POST",
				"/api/v1/commitments/gleneagles-2005-oda-increase/relations",
				{ kind: "contradicts" },
				["to", "kind"],
			],
			[
				"POST",
				"/api/v1/commitments/gleneagles-2005-oda-increase/links/remove",
				{ activity: 7, extra: true },
				["activity", "extra"],
			],
			["PUT", `/api/v1/users/${admin.id}/role`, { role: "king" }, ["role"]],
		];
		for (const [method, url, payload, names] of cases) {
			const res = await call(ctx(), admin, method as "POST", url, payload);
			assert.equal(res.status, 400, url);
			assert.deepEqual(
				res.body.errors.map((e: { name: string }) => e.name).sort(),
				names.sort(),
				url,
			);
		}
		assert.equal(await ctx().services.audit.count(), audits);
	});

	it("refuses NUL in a body, a form and a page's query with a 400 naming the field, writing nothing", async () => {
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		const audits = await ctx().services.audit.count();
		const register = await ctx().app.inject({
			method: "POST",
			url: "/api/v1/users",
			payload: {
				email: "nul@example.org",
				password: "long enough password",
				display_name: "A\u0000B",
			},
		});
		assert.equal(register.statusCode, 400);
		assert.deepEqual(
			register.json().errors.map((e: { name: string }) => e.name),
			["display_name"],
		);
		const report = await call(
			ctx(),
			focal,
			"POST",
			"/api/v1/commitments/united-kingdom-gavi-2011/reports",
			{
				kind: "maker",
				stakeholder: "united-kingdom",
				period_start: "2012-01-01",
				period_end: "2012-12-31",
				policy_status: "in_progress",
				narrative: "Paid\u0000",
				evidence: [{ title: "ok", url: "https://example.org/\u0000" }],
			},
		);
		assert.equal(report.status, 400);
		assert.equal(report.body.errors[0].name, "narrative");
		const page = await ctx().app.inject({
			method: "GET",
			url: "/en/commitments?q=aid%00",
			headers: { accept: "text/html" },
		});
		assert.equal(page.statusCode, 400);
		assert.match(page.body, /NUL/);
		// Nothing of the refused requests was kept.
		assert.equal(await ctx().services.audit.count(), audits);
		const users = await ctx().get("/api/v1/commitments/united-kingdom-gavi-2011/reports");
		assert.ok(!JSON.stringify(users.body).includes("Paid"));
	});
});
