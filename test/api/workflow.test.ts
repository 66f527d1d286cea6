import assert from "node:assert/strict";
import { before, it } from "node:test";
import { commitmentDetail } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { commitmentDraft } from "../helpers/records.ts";
import { anonymous, call, type Person, person } from "../helpers/users.ts";

const draft = commitmentDraft;

describeEachDialect("the commitment workflow through the API", (ctx) => {
	let focal: Person;
	let editor: Person;
	let other: Person;
	let secretariat: Person;
	let citizen: Person;

	before(async () => {
		focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		editor = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "editor" }],
		});
		other = await person(ctx(), { memberships: [{ stakeholder: "canada", role: "focal_point" }] });
		secretariat = await person(ctx(), { role: "secretariat" });
		citizen = await person(ctx());
	});

	it("drafts, returns, submits, publishes, updates and completes, with every step in the history", async () => {
		const forumSlug = (
			await call(ctx(), anonymous, "GET", "/api/v1/forums?kind=g8_summit&limit=200")
		).body.items.find((f: any) => /muskoka/i.test(f.slug))?.slug;
		const created = await call(ctx(), editor, "POST", "/api/v1/commitments", {
			...draft,
			forum: forumSlug,
		});
		assert.equal(created.status, 201, JSON.stringify(created.body));
		assert.equal(created.body.status, "draft");
		const url = `/api/v1/commitments/${created.body.slug}`;

		// Private while a draft.
		assert.equal((await call(ctx(), anonymous, "GET", url)).status, 404);
		assert.equal((await call(ctx(), citizen, "GET", url)).status, 404);
		assert.equal((await call(ctx(), other, "GET", url)).status, 404);
		assert.equal((await call(ctx(), focal, "GET", url)).status, 200);
		assert.equal((await call(ctx(), secretariat, "GET", url)).status, 200);
		assert.equal(
			(await call(ctx(), anonymous, "GET", `/api/v1/commitments?q=maternal%20ethiopia`)).body.total,
			0,
		);

		assert.equal(
			(await call(ctx(), secretariat, "POST", `${url}/publish`, {})).status,
			409,
			"a draft is submitted first",
		);
		assert.equal((await call(ctx(), focal, "POST", `${url}/submit`, {})).status, 200);
		assert.equal(
			(
				await call(ctx(), focal, "PATCH", url, {
					version: 2,
					changes: { title: "Edited while submitted" },
				})
			).status,
			409,
		);
		const queue = await call(ctx(), secretariat, "GET", "/api/v1/workspace/commitments");
		assert.ok(queue.body.items.some((c: any) => c.slug === created.body.slug));
		assert.equal(
			(await call(ctx(), focal, "POST", `${url}/publish`, {})).status,
			403,
			"makers do not publish their own",
		);
		assert.equal(
			(await call(ctx(), secretariat, "POST", `${url}/return`, {})).status,
			400,
			"a return says why",
		);
		const returned = await call(ctx(), secretariat, "POST", `${url}/return`, {
			reason: "Add the source document symbol",
		});
		assert.equal(returned.body.status, "draft");
		const mine = await call(ctx(), editor, "GET", "/api/v1/workspace/commitments");
		assert.ok(
			mine.body.items.some((c: any) => c.slug === created.body.slug && c.status === "draft"),
		);
		const fixed = await call(
			ctx(),
			editor,
			"PATCH",
			url,
			{
				reason: "source added",
				changes: {
					sources: [
						{
							title: "Announcement",
							url: "https://example.org/uk-ethiopia",
							document_symbol: "UK/2015/42",
						},
					],
				},
			},
			{ "if-match": '"3"' },
		);
		assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
		assert.equal((await call(ctx(), focal, "POST", `${url}/submit`, { version: 4 })).status, 200);
		const published = await call(ctx(), secretariat, "POST", `${url}/publish`, {});
		assert.equal(published.body.status, "published");

		// Public now; a published commitment is updated by its makers, version by version.
		const pub = await call(ctx(), anonymous, "GET", url);
		assert.equal(pub.status, 200);
		assert.deepEqual(commitmentDetail.parse(pub.body), pub.body);
		assert.equal(pub.raw.headers.etag, `"${pub.body.version}"`);
		const v = pub.body.version;
		const [a, b] = await Promise.all([
			call(
				ctx(),
				focal,
				"PATCH",
				url,
				{
					reason: "amount raised",
					changes: { financial: { ...draft.financial, amount: "25000000" } },
				},
				{ "if-match": `"${v}"` },
			),
			call(
				ctx(),
				editor,
				"PATCH",
				url,
				{ reason: "title clarified", changes: { title: "UK maternal health pledge, Ethiopia" } },
				{ "if-match": `"${v}"` },
			),
		]);
		assert.deepEqual([a.status, b.status].sort(), [200, 409]);
		const loser = a.status === 409 ? a : b;
		assert.equal(loser.body.current_version, v + 1);
		const after = await call(ctx(), focal, "GET", url);
		assert.equal(after.body.versions.length, v + 1, "exactly one new version");
		assert.equal(
			(await call(ctx(), other, "PATCH", url, { version: v + 1, changes: { title: "Hijacked" } }))
				.status,
			403,
		);
		assert.equal(
			(await call(ctx(), citizen, "PATCH", url, { version: v + 1, changes: { title: "Hijacked" } }))
				.status,
			403,
		);
		assert.equal(
			(await call(ctx(), focal, "PATCH", url, { version: v + 1, changes: { status: "completed" } }))
				.status,
			400,
		);
		assert.equal(
			(await call(ctx(), focal, "PATCH", url, { changes: { title: "No version" } })).status,
			400,
		);

		assert.equal(
			(await call(ctx(), editor, "POST", `${url}/complete`, { reason: "All disbursed" })).status,
			403,
			"closing is the focal point's",
		);
		const completed = await call(ctx(), focal, "POST", `${url}/complete`, {
			reason: "All disbursed by 2018",
		});
		assert.equal(completed.body.status, "completed");
		const final = await call(ctx(), anonymous, "GET", url);
		assert.equal(final.body.status_reason, "All disbursed by 2018");
		assert.equal(
			(
				await call(ctx(), focal, "PATCH", url, {
					version: final.body.version,
					changes: { title: "After closing" },
				})
			).status,
			409,
		);

		const history = await call(ctx(), focal, "GET", `${url}/history`);
		assert.deepEqual(
			history.body.items.map((e: any) => e.action),
			[
				"commitment.create",
				"commitment.submit",
				"commitment.return",
				"commitment.update",
				"commitment.submit",
				"commitment.publish",
				"commitment.update",
				"commitment.complete",
			],
		);
		assert.equal(history.body.items[2].reason, "Add the source document symbol");
		assert.deepEqual(history.body.items[3].changed, ["sources"]);
		assert.ok(history.body.items.every((e: any) => e.by));
		// The public sees the record from publication on: not the drafts, nor why it was returned.
		const publicHistory = await call(ctx(), anonymous, "GET", `${url}/history`);
		assert.deepEqual(
			publicHistory.body.items.map((e: any) => e.action),
			["commitment.publish", "commitment.update", "commitment.complete"],
		);
		assert.doesNotMatch(JSON.stringify(publicHistory.body), /source document symbol/);
		assert.deepEqual(
			final.body.versions.map((x: any) => x.version),
			[v, v + 1, v + 2],
			"public versions start at publication",
		);
		assert.deepEqual(final.body.versions[0].changed, []);
		const lastVersion = final.body.versions.at(-1);
		assert.deepEqual(lastVersion.changed, ["status"]);
		assert.equal(lastVersion.differences[0].before, "published");
		assert.ok((await ctx().services.audit.verify()).intact);
	});

	it("refuses drafts for another stakeholder, writer-set statuses, and bad input without writing", async () => {
		const auditBefore = await ctx().services.audit.count();
		assert.equal((await call(ctx(), other, "POST", "/api/v1/commitments", draft)).status, 403);
		assert.equal((await call(ctx(), citizen, "POST", "/api/v1/commitments", draft)).status, 403);
		assert.equal((await call(ctx(), anonymous, "POST", "/api/v1/commitments", draft)).status, 401);
		const published = await call(ctx(), focal, "POST", "/api/v1/commitments", {
			...draft,
			status: "published",
		});
		assert.equal(published.status, 400);
		assert.equal(published.body.errors[0].name, "status");
		for (const [change, field] of [
			[{ title: "" }, "title"],
			[{ makers: [] }, "makers"],
			[{ financial: { ...draft.financial, currency: "XYZ" } }, "financial.currency"],
			[{ recipients: [{ kind: "country", code: "XX" }] }, "recipients"],
			[{ announced_on: "2015-13-01" }, "announced_on"],
		] as const) {
			const res = await call(ctx(), focal, "POST", "/api/v1/commitments", { ...draft, ...change });
			assert.equal(res.status, 400, field);
			assert.ok(
				res.body.errors.some((e: any) => e.name === field),
				`${field}: ${JSON.stringify(res.body.errors)}`,
			);
		}
		assert.equal(await ctx().services.audit.count(), auditBefore);
		const badJson = await ctx().app.inject({
			method: "POST",
			url: "/api/v1/commitments",
			headers: { ...focal.headers, "content-type": "application/json" },
			payload: "{not json",
		});
		assert.equal(badJson.statusCode, 400);
	});

	it("refuses bad updates and workflow steps with the field named, writing nothing", async () => {
		const c = await call(ctx(), focal, "POST", "/api/v1/commitments", {
			...draft,
			title: "UK pledge to be edited badly",
		});
		const url = `/api/v1/commitments/${c.body.slug}`;
		const before = await ctx().services.audit.count();
		const cases: [string, unknown, Record<string, string>, string][] = [
			["", { version: 1, changes: { title: "" } }, {}, "title"],
			[
				"",
				{ version: 1, changes: { financial: { ...draft.financial, amount: "1.234" } } },
				{},
				"financial.amount",
			],
			["", { version: 1, changes: { makers: ["canada"] } }, {}, "changes.makers"],
			["", { version: "one", changes: {} }, {}, "version"],
			["", { changes: { title: "x y z" } }, { "if-match": "yesterday" }, "If-Match"],
			["", { version: 1, changes: { colour: "red" } }, {}, "colour"],
			["/submit", { reason: 42 }, {}, "reason"],
			["/submit", { version: 0 }, {}, "version"],
		];
		for (const [path, body, headers, field] of cases) {
			const res = await call(ctx(), focal, path ? "POST" : "PATCH", `${url}${path}`, body, headers);
			assert.equal(res.status, 400, `${path} ${field}: ${JSON.stringify(res.body)}`);
			assert.ok(
				res.body.errors.some((e: any) => e.name === field),
				`${field}: ${JSON.stringify(res.body.errors)}`,
			);
		}
		assert.equal(await ctx().services.audit.count(), before);
		const after = await call(ctx(), focal, "GET", url);
		assert.equal(after.body.version, 1);
		assert.equal(after.body.title, "UK pledge to be edited badly");
	});

	it("relates a maker's commitment to another, and only for makers or the secretariat", async () => {
		const c = await call(ctx(), focal, "POST", "/api/v1/commitments", {
			...draft,
			title: "UK share of the Muskoka pledge",
		});
		const url = `/api/v1/commitments/${c.body.slug}/relations`;
		assert.equal(
			(
				await call(ctx(), focal, "POST", url, {
					to: "muskoka-2010-mnch-initiative",
					kind: "part_of",
				})
			).body.created,
			true,
		);
		const incoming = async (who: Person) =>
			(
				await call(ctx(), who, "GET", "/api/v1/commitments/muskoka-2010-mnch-initiative")
			).body.relations.incoming.map((r: any) => r.commitment.slug);
		assert.ok(
			(await incoming(focal)).includes(c.body.slug),
			"its makers see the draft among the parts",
		);
		assert.ok(
			!(await incoming(anonymous)).includes(c.body.slug),
			"the public does not see a draft through a relation",
		);
		assert.ok(!(await incoming(other)).includes(c.body.slug));
		assert.ok((await incoming(secretariat)).includes(c.body.slug));
		assert.equal(
			(
				await call(ctx(), other, "POST", url, {
					to: "muskoka-2010-mnch-initiative",
					kind: "overlaps",
				})
			).status,
			404,
			"another stakeholder cannot see the draft",
		);
		assert.equal(
			(await call(ctx(), focal, "POST", url, { to: "no-such-commitment", kind: "part_of" })).status,
			404,
		);
		assert.equal(
			(
				await call(ctx(), focal, "POST", url, {
					to: "muskoka-2010-mnch-initiative",
					kind: "cousin_of",
				})
			).status,
			400,
		);
	});
});
