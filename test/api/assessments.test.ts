import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import {
	assessmentList,
	assessmentView,
} from "../../src/modules/assessments/assessments.schemas.ts";
import { AuditRepository } from "../../src/modules/audit/audit.repository.ts";
import type { CommitmentInput } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { anonymous, call, type Person, person, withToken } from "../helpers/users.ts";

const g8 = "gleneagles-2005-oda-increase";
const ukGavi = "united-kingdom-gavi-2011";
const rationale = "Disbursements reported to the DAC show the pledge was met in full by 2010.";

const scorecard = (extra: Record<string, unknown> = {}) => ({
	scheme: "scorecard",
	score: "good",
	rationale,
	evidence: [{ title: "OECD DAC statistics", url: "https://stats.oecd.org/dac" }],
	...extra,
});

const compliance = (extra: Record<string, unknown> = {}) => ({
	scheme: "compliance",
	maker_scores: [{ stakeholder: "france", score: 1 }],
	rationale,
	...extra,
});

const isoDaysFromNow = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const draftInput: CommitmentInput = {
	title: "Draft pledge awaiting submission",
	text: "We will provide USD 5 million for primary education in Kenya over 2016-2018.",
	kind: "financial",
	makers: ["united-kingdom"],
	financial: { amount: "5000000", currency: "USD", frequency: "total" },
	status: "draft",
};

async function stakeholderId(ctx: TestContext, slug: string): Promise<number> {
	const res = await ctx.get(`/api/v1/stakeholders/${slug}`);
	assert.equal(res.status, 200);
	return res.body.id;
}

/** How many assessments a commitment has, as the public sees them. */
async function assessmentCount(ctx: TestContext, ref: string): Promise<number> {
	const res = await ctx.get(`/api/v1/commitments/${ref}/assessments`);
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body.total;
}

function assertProblem(
	res: { status: number; body: any },
	status: number,
	field?: string,
	label = "",
): void {
	assert.equal(res.status, status, `${label}: ${JSON.stringify(res.body)}`);
	assert.equal(res.body.status, status, label);
	if (field)
		assert.ok(
			res.body.errors?.some((e: { name: string }) => e.name === field),
			`${label} names ${field}: ${JSON.stringify(res.body.errors)}`,
		);
}

describeEachDialect("assessments", (ctx) => {
	let assessor: Person;

	it("lets an assessor score a commitment under each scheme; the public list shows both with a summary", async () => {
		assessor = await person(ctx(), { role: "assessor" });
		const auditBefore = await ctx().services.audit.count();

		const s = await call(ctx(), assessor, "POST", `/api/v1/commitments/${g8}/assessments`, {
			...scorecard({ score: "satisfactory", assessed_on: "2011-06-30" }),
		});
		assert.equal(s.status, 201, JSON.stringify(s.body));
		assert.deepEqual(assessmentView.parse(s.body), s.body);
		assert.equal(s.body.scheme, "scorecard");
		assert.equal(s.body.score, "satisfactory");
		assert.deepEqual(s.body.maker_scores, []);
		assert.equal(s.body.rationale, rationale);
		assert.deepEqual(s.body.evidence, [
			{ title: "OECD DAC statistics", url: "https://stats.oecd.org/dac" },
		]);
		assert.equal(s.body.assessed_on, "2011-06-30");
		assert.equal(s.body.assessor.id, assessor.id);
		assert.equal(s.body.commitment.slug, g8);
		assert.equal(s.raw.headers["cache-control"], "no-store");

		const c = await call(ctx(), assessor, "POST", `/api/v1/commitments/${g8}/assessments`, {
			...compliance({
				maker_scores: [
					{ stakeholder: "france", score: 1 },
					{ stakeholder: "italy", score: -1 },
					{ stakeholder: "japan", score: 1 },
				],
				evidence: [],
			}),
		});
		assert.equal(c.status, 201, JSON.stringify(c.body));
		assert.equal(c.body.score, null);
		// assessed_on defaults to today
		assert.equal(c.body.assessed_on, new Date().toISOString().slice(0, 10));
		assert.equal(await ctx().services.audit.count(), auditBefore + 2);

		// An older scorecard, written later, does not become the latest verdict.
		const older = await call(ctx(), assessor, "POST", `/api/v1/commitments/${g8}/assessments`, {
			...scorecard({ score: "off_track", assessed_on: "2008-01-15" }),
		});
		assert.equal(older.status, 201, JSON.stringify(older.body));
		const c2 = await call(ctx(), assessor, "POST", `/api/v1/commitments/${g8}/assessments`, {
			...compliance({ maker_scores: [{ stakeholder: "canada", score: 0 }] }),
		});
		assert.equal(c2.status, 201, JSON.stringify(c2.body));

		const list = await ctx().get(`/api/v1/commitments/${g8}/assessments`);
		assert.equal(list.status, 200);
		assert.deepEqual(assessmentList.parse(list.body), list.body);
		assert.match(String(list.headers["cache-control"]), /^public/);
		assert.equal(list.body.total, 4);
		// Newest first: assessed_on descending, then id descending.
		assert.deepEqual(
			list.body.items.map((i: { id: number }) => i.id),
			[c2.body.id, c.body.id, s.body.id, older.body.id],
		);
		assert.deepEqual(list.body.items[2], s.body);
		assert.deepEqual(list.body.summary, {
			scorecard: { latest: "satisfactory", count: 2 },
			// (1 - 1 + 1 + 0) / 4
			compliance: { average: 0.25, count: 2 },
		});

		// Each is readable on its own.
		const one = await ctx().get(`/api/v1/assessments/${c.body.id}`);
		assert.equal(one.status, 200);
		assert.deepEqual(one.body, c.body);

		// Kept apart from the commitment itself: scoring it changes neither its version nor its history.
		const detail = await ctx().get(`/api/v1/commitments/${g8}`);
		assert.equal(detail.body.version, 1);
	});

	it("records each assessment in the audit log, as stored, and keeps the chain intact", async () => {
		const res = await call(
			ctx(),
			assessor,
			"POST",
			"/api/v1/commitments/uk-2010-oda-0-7-from-2013/assessments",
			{
				...scorecard({ score: "excellent" }),
			},
		);
		assert.equal(res.status, 201, JSON.stringify(res.body));
		const events = await new AuditRepository(ctx().services.database.db, ctx().dialect).forObject(
			"assessment",
			String(res.body.id),
		);
		assert.equal(events.length, 1);
		const event = events[0];
		assert.equal(event?.action, "assessment.create");
		const after = JSON.parse(String(event?.after));
		assert.equal(after.id, res.body.id);
		assert.equal(after.commitment_id, res.body.commitment.id);
		assert.equal(after.assessor_id, assessor.id);
		assert.equal(after.score, "excellent");
		assert.equal(after.rationale, rationale);
		assert.deepEqual(after.evidence, res.body.evidence);
		assert.deepEqual(await ctx().services.audit.verify(), {
			intact: true,
			...(await ctx().services.audit.anchor()),
		});
	});

	it("scores makers named by id or slug, resolved to the stakeholders", async () => {
		const germany = await stakeholderId(ctx(), "germany");
		const res = await call(
			ctx(),
			assessor,
			"POST",
			"/api/v1/commitments/gleneagles-2005-hiv-universal-access/assessments",
			compliance({
				maker_scores: [
					{ stakeholder: germany, score: 1 },
					{ stakeholder: "united-states", score: 0 },
					{ stakeholder: "russia", score: 0 },
				],
			}),
		);
		assert.equal(res.status, 201, JSON.stringify(res.body));
		const byslug = new Map(
			res.body.maker_scores.map((m: { stakeholder: { slug: string }; score: number }) => [
				m.stakeholder.slug,
				m,
			]),
		);
		assert.equal(byslug.size, 3);
		assert.deepEqual(byslug.get("germany"), {
			stakeholder: { id: germany, slug: "germany", name: "Germany" },
			score: 1,
		});
		assert.equal((byslug.get("united-states") as { score: number }).score, 0);
		assert.equal(
			(byslug.get("russia") as { stakeholder: { id: number } }).stakeholder.id,
			await stakeholderId(ctx(), "russia"),
		);
		const list = await ctx().get(
			"/api/v1/commitments/gleneagles-2005-hiv-universal-access/assessments",
		);
		// (1 + 0 + 0) / 3, to two decimals
		assert.deepEqual(list.body.summary.compliance, { average: 0.33, count: 1 });
		assert.deepEqual(list.body.summary.scorecard, { latest: null, count: 0 });
	});

	it("refuses bad input naming the field, and writes no row and no audit event", async () => {
		const url = `/api/v1/commitments/${ukGavi}/assessments`;
		const auditBefore = await ctx().services.audit.count();
		const rowsBefore = await assessmentCount(ctx(), ukGavi);
		const uk = await stakeholderId(ctx(), "united-kingdom");
		const cases: [string, unknown, string][] = [
			[
				"a maker's score on a scorecard",
				scorecard({ maker_scores: [{ stakeholder: "united-kingdom", score: 1 }] }),
				"maker_scores",
			],
			["a scorecard without score", scorecard({ score: undefined }), "score"],
			["a scorecard with score null", scorecard({ score: null }), "score"],
			["a score off the scale", scorecard({ score: "great" }), "score"],
			[
				"a score on a compliance assessment",
				compliance({ score: "good", maker_scores: [{ stakeholder: "united-kingdom", score: 1 }] }),
				"score",
			],
			["compliance without maker_scores", compliance({ maker_scores: undefined }), "maker_scores"],
			["compliance with no maker scored", compliance({ maker_scores: [] }), "maker_scores"],
			[
				"a stakeholder that is not a maker",
				compliance({ maker_scores: [{ stakeholder: "france", score: 1 }] }),
				"maker_scores",
			],
			[
				"a stakeholder that does not exist",
				compliance({ maker_scores: [{ stakeholder: "atlantis", score: 1 }] }),
				"maker_scores",
			],
			[
				"a maker scored twice, by id and by slug",
				compliance({
					maker_scores: [
						{ stakeholder: "united-kingdom", score: 1 },
						{ stakeholder: uk, score: 0 },
					],
				}),
				"maker_scores",
			],
			[
				"a compliance score of 2",
				compliance({ maker_scores: [{ stakeholder: "united-kingdom", score: 2 }] }),
				"maker_scores.0.score",
			],
			["an unknown scheme", scorecard({ scheme: "stars" }), "scheme"],
			["a rationale too short", scorecard({ rationale: "Looks fine to me." }), "rationale"],
			["a rationale of blanks", scorecard({ rationale: " ".repeat(40) }), "rationale"],
			["a rationale too long", scorecard({ rationale: "x".repeat(10001) }), "rationale"],
			["no rationale", scorecard({ rationale: undefined }), "rationale"],
			["a date in the future", scorecard({ assessed_on: isoDaysFromNow(3) }), "assessed_on"],
			["a date that does not exist", scorecard({ assessed_on: "2011-02-30" }), "assessed_on"],
			["a date badly written", scorecard({ assessed_on: "30/06/2011" }), "assessed_on"],
			[
				"evidence that is no web link",
				scorecard({ evidence: [{ title: "x", url: "javascript:alert(1)" }] }),
				"evidence.0.url",
			],
			[
				"evidence without a title",
				scorecard({ evidence: [{ title: "", url: "https://example.org" }] }),
				"evidence.0.title",
			],
			[
				"more than 20 pieces of evidence",
				scorecard({
					evidence: Array.from({ length: 21 }, (_, i) => ({
						title: `Source ${i}`,
						url: `https://example.org/${i}`,
					})),
				}),
				"evidence",
			],
			["an unknown field", scorecard({ stars: 4 }), "stars"],
		];
		for (const [label, body, field] of cases) {
			const res = await call(ctx(), assessor, "POST", url, body);
			assertProblem(res, 400, field, label);
			assert.match(String(res.raw.headers["content-type"]), /^application\/problem\+json/, label);
		}
		assert.equal(await ctx().services.audit.count(), auditBefore);
		assert.equal(await assessmentCount(ctx(), ukGavi), rowsBefore);
		// The same writer with good input is accepted: the refusals were about the input.
		const ok = await call(
			ctx(),
			assessor,
			"POST",
			url,
			compliance({ maker_scores: [{ stakeholder: uk, score: 1 }] }),
		);
		assert.equal(ok.status, 201, JSON.stringify(ok.body));
		assert.equal(await assessmentCount(ctx(), ukGavi), rowsBefore + 1);
		assert.equal(await ctx().services.audit.count(), auditBefore + 1);
	});

	it("lets no one but an assessor assess: 403 for every other role, 401 for anonymous", async () => {
		const url = `/api/v1/commitments/${ukGavi}/assessments`;
		const others: [string, Person][] = [
			["a plain user", await person(ctx())],
			["the secretariat", await person(ctx(), { role: "secretariat" })],
			["the admin", await person(ctx(), { role: "admin" })],
			[
				"a maker's focal point",
				await person(ctx(), {
					memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
				}),
			],
			[
				"a maker's editor",
				await person(ctx(), { memberships: [{ stakeholder: "united-kingdom", role: "editor" }] }),
			],
			[
				"the secretariat by API token",
				await withToken(ctx(), await person(ctx(), { role: "secretariat" })),
			],
		];
		// Counted once everyone is signed in: accounts and sign-ins are audited too.
		const auditBefore = await ctx().services.audit.count();
		const rowsBefore = await assessmentCount(ctx(), ukGavi);
		for (const [label, who] of others) {
			const res = await call(ctx(), who, "POST", url, scorecard());
			assertProblem(res, 403, undefined, label);
			assert.equal(res.body.code, "forbidden", label);
		}
		const anon = await call(ctx(), anonymous, "POST", url, scorecard());
		assertProblem(anon, 401, undefined, "anonymous");
		assert.equal(anon.body.code, "unauthenticated");
		assert.equal(await ctx().services.audit.count(), auditBefore);
		assert.equal(await assessmentCount(ctx(), ukGavi), rowsBefore);
	});

	it("refuses an assessor who is a member of one of the makers, and only them", async () => {
		const url = "/api/v1/commitments/united-kingdom-nutrition-for-growth-2013/assessments";
		for (const role of ["focal_point", "editor"] as const) {
			const insider = await person(ctx(), {
				role: "assessor",
				memberships: [{ stakeholder: "united-kingdom", role }],
			});
			const res = await call(ctx(), insider, "POST", url, scorecard());
			assertProblem(res, 403, undefined, role);
			assert.match(res.body.detail, /own commitment/);
			// A commitment of collective makers counts too.
			const collective = await call(
				ctx(),
				insider,
				"POST",
				`/api/v1/commitments/${g8}/assessments`,
				scorecard(),
			);
			assertProblem(collective, 403, undefined, `${role} on a collective pledge`);
		}
		assert.equal(await assessmentCount(ctx(), "united-kingdom-nutrition-for-growth-2013"), 0);
		// Membership of a stakeholder that did not make it is no conflict.
		const outsider = await person(ctx(), {
			role: "assessor",
			memberships: [{ stakeholder: "australia", role: "focal_point" }],
		});
		const res = await call(ctx(), outsider, "POST", url, scorecard());
		assert.equal(res.status, 201, JSON.stringify(res.body));
	});

	it("assesses only public commitments: a draft or submission answers 404", async () => {
		const s = ctx().services;
		const draft = await s.commitments.create(draftInput, cliActor);
		const submitted = await s.commitments.create(
			{ ...draftInput, title: "Submitted pledge awaiting publication", status: "submitted" },
			cliActor,
		);
		for (const c of [draft, submitted]) {
			for (const ref of [c.slug, String(c.id)]) {
				const res = await call(
					ctx(),
					assessor,
					"POST",
					`/api/v1/commitments/${ref}/assessments`,
					scorecard(),
				);
				assertProblem(res, 404, undefined, ref);
				assert.equal((await ctx().get(`/api/v1/commitments/${ref}/assessments`)).status, 404);
			}
		}
		for (const ref of ["no-such-commitment", "999999", "99999999999"]) {
			const res = await call(
				ctx(),
				assessor,
				"POST",
				`/api/v1/commitments/${ref}/assessments`,
				scorecard(),
			);
			assertProblem(res, 404, undefined, ref);
			assert.equal((await ctx().get(`/api/v1/commitments/${ref}/assessments`)).status, 404, ref);
		}
		const bad = await call(
			ctx(),
			assessor,
			"POST",
			"/api/v1/commitments/Not_A_Slug/assessments",
			scorecard(),
		);
		assertProblem(bad, 400, "id", "malformed commitment id");
	});

	it("needs the CSRF token with the session cookie, and none with an API token", async () => {
		const url = `/api/v1/commitments/${ukGavi}/assessments`;
		const rowsBefore = await assessmentCount(ctx(), ukGavi);
		const auditBefore = await ctx().services.audit.count();
		const { "x-csrf-token": _, ...cookieOnly } = assessor.headers;
		const noToken = await call(
			ctx(),
			{ ...assessor, headers: cookieOnly },
			"POST",
			url,
			scorecard(),
		);
		assertProblem(noToken, 403, undefined, "no CSRF token");
		assert.match(noToken.body.detail, /CSRF/);
		const wrongToken = await call(ctx(), assessor, "POST", url, scorecard(), {
			"x-csrf-token": "forged",
		});
		assertProblem(wrongToken, 403, undefined, "a forged CSRF token");
		assert.equal(await assessmentCount(ctx(), ukGavi), rowsBefore);
		assert.equal(await ctx().services.audit.count(), auditBefore);

		const client = await withToken(ctx(), assessor);
		assert.ok(client.headers.authorization);
		assert.equal(client.headers.cookie, undefined);
		const res = await call(ctx(), client, "POST", url, scorecard({ score: "below_expectations" }));
		assert.equal(res.status, 201, JSON.stringify(res.body));
		assert.equal(res.body.assessor.id, assessor.id);
		const list = await ctx().get(`/api/v1/commitments/${ukGavi}/assessments`);
		assert.equal(list.body.total, rowsBefore + 1);
		assert.equal(list.body.summary.scorecard.latest, "below_expectations");
	});

	it("reads one assessment by id: 400 for a malformed id, 404 for an unknown one", async () => {
		const cases: [string, number, string][] = [
			["/api/v1/assessments/abc", 400, "id"],
			["/api/v1/assessments/0", 400, "id"],
			["/api/v1/assessments/-1", 400, "id"],
			["/api/v1/assessments/1.5", 400, "id"],
			["/api/v1/assessments/999999", 404, ""],
			["/api/v1/assessments/99999999999", 404, ""],
			["/api/v1/assessments/1?x=1", 400, "x"],
		];
		for (const [url, status, field] of cases) {
			const res = await ctx().get(url);
			assertProblem(res, status, field || undefined, url);
			assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, url);
		}
	});

	it("documents the routes in OpenAPI under the assessments tag", async () => {
		const doc = (await ctx().get("/api/openapi.json")).body;
		const list = doc.paths["/api/v1/commitments/{id}/assessments"];
		assert.deepEqual(list?.get?.tags, ["assessments"]);
		assert.deepEqual(list?.post?.tags, ["assessments"]);
		assert.ok(list.post.summary);
		assert.deepEqual(doc.paths["/api/v1/assessments/{id}"]?.get?.tags, ["assessments"]);
	});
});
