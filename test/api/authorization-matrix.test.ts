/**
 * Every role against every write route, with the exact status each must get. Each cell
 * runs on a fresh target (a new commitment, report or comment), so no cell depends on
 * another. Drafts and submissions are invisible (404) to those who may not see them.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import type { CommitmentInput } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { anonymous, call, type Person, person, signIn } from "../helpers/users.ts";

// The matrix posts many comments per person; the rate limit has its own test in comments.test.ts.
process.env.IIF_COMMENT_RATE = "10000/600";

const roles = [
	"anonymous",
	"user",
	"focal",
	"otherFocal",
	"editor",
	"assessor",
	"secretariat",
	"admin",
] as const;
type Role = (typeof roles)[number];

/** Statuses in role order: anonymous, user, focal point of the maker, focal point of another stakeholder, editor of the maker, assessor, secretariat, admin. The author writes the comments others act on. */
type People = Record<Role | "author", Person>;

/** Statuses in role order. */
type Row = [number, number, number, number, number, number, number, number];

interface Cell {
	method: "POST" | "PATCH" | "PUT" | "DELETE";
	/** Makes a fresh target and returns the URL and body to send. */
	setup: (
		ctx: TestContext,
		who: Person,
		people: People,
	) => Promise<{ url: string; body?: unknown; headers?: Record<string, string> }>;
	expect: Row;
}

const commitment = (status: "draft" | "submitted" | "published", n: number): CommitmentInput => ({
	title: `Matrix pledge ${status} ${n}`,
	text: "A pledge made for the authorization matrix.",
	text_kind: "verbatim",
	quote: { source: 0, locator: "para. 1" },
	kind: "financial",
	makers: ["united-kingdom"],
	goals: ["mdg:8"],
	financial: { amount: "1000000", currency: "USD", frequency: "total" },
	sources: [{ title: "Matrix communiqué", url: "https://example.org/matrix" }],
	status,
});

let n = 0;
async function newCommitment(ctx: TestContext, status: "draft" | "submitted" | "published") {
	return ctx.services.commitments.create(commitment(status, ++n), cliActor);
}
async function newActivity(ctx: TestContext): Promise<string> {
	const identifier = `XM-MATRIX-${++n}`;
	await ctx.services.activities.record(
		{
			iati_identifier: identifier,
			default_currency: "USD",
			transactions: [{ transaction_type: "3", transaction_date: "2020-01-01", value_minor: 100 }],
		},
		cliActor,
	);
	return identifier;
}
async function newLink(ctx: TestContext) {
	const c = await newCommitment(ctx, "published");
	const activity = await newActivity(ctx);
	await ctx.services.links.link(c.slug, { activity }, cliActor);
	return { slug: c.slug, activity };
}
async function newReport(ctx: TestContext) {
	const c = await newCommitment(ctx, "published");
	return ctx.services.reports.create(
		c.slug,
		{
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2016-01-01",
			period_end: "2016-12-31",
			policy_status: "in_progress",
			narrative: "Under way.",
		},
		cliActor,
	);
}
/** A change to a published commitment's text, proposed by the maker's editor: its proposal id. */
async function newProposal(ctx: TestContext, people: People): Promise<number> {
	const c = await newCommitment(ctx, "published");
	const res = await call(ctx, people.editor, "PATCH", `/api/v1/commitments/${c.slug}`, {
		version: c.version,
		changes: { text: `Proposed wording ${++n}` },
	});
	if (res.status !== 202)
		throw new Error(`proposal setup: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.proposal.id;
}
async function newComment(ctx: TestContext, author: Person): Promise<number> {
	const res = await call(
		ctx,
		author,
		"POST",
		"/api/v1/commitments/united-kingdom-gavi-2011/comments",
		{ body: `Matrix comment ${++n}` },
	);
	if (res.status !== 201)
		throw new Error(`comment setup: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.id;
}

const reportBody = {
	kind: "maker",
	stakeholder: "united-kingdom",
	period_start: "2016-01-01",
	period_end: "2016-12-31",
	policy_status: "in_progress",
	narrative: "Under way.",
};

const matrix: Record<string, Cell> = {
	"POST /commitments": {
		method: "POST",
		setup: async () => ({
			url: "/api/v1/commitments",
			body: { ...commitment("draft", ++n), status: undefined },
		}),
		expect: [401, 403, 201, 403, 201, 403, 201, 201],
	},
	"PATCH /commitments/{id}": {
		method: "PATCH",
		setup: async (ctx) => {
			const c = await newCommitment(ctx, "published");
			return {
				url: `/api/v1/commitments/${c.slug}`,
				body: { version: c.version, changes: { title: `Renamed ${++n}` } },
			};
		},
		expect: [401, 403, 200, 403, 200, 403, 403, 403],
	},
	"PATCH /commitments/{id} (its verbatim text, once published: held for review)": {
		method: "PATCH",
		setup: async (ctx) => {
			const c = await newCommitment(ctx, "published");
			return {
				url: `/api/v1/commitments/${c.slug}`,
				body: { version: c.version, changes: { text: `Reworded ${++n}` } },
			};
		},
		expect: [401, 403, 202, 403, 202, 403, 403, 403],
	},
	"POST /proposals/{id}/accept": {
		method: "POST",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/proposals/${await newProposal(ctx, people)}/accept`,
			body: {},
		}),
		expect: [401, 403, 403, 403, 403, 403, 200, 200],
	},
	"POST /proposals/{id}/reject": {
		method: "POST",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/proposals/${await newProposal(ctx, people)}/reject`,
			body: { reason: "The source says otherwise" },
		}),
		expect: [401, 403, 403, 403, 403, 403, 200, 200],
	},
	"POST /proposals/{id}/withdraw (proposed by the editor)": {
		method: "POST",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/proposals/${await newProposal(ctx, people)}/withdraw`,
		}),
		// The editor proposed it; the maker's focal point may take it back too.
		expect: [401, 403, 200, 403, 200, 403, 403, 403],
	},
	"POST /commitments/{id}/submit": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "draft")).slug}/submit`,
			body: {},
		}),
		expect: [401, 404, 200, 404, 200, 404, 403, 403],
	},
	"POST /commitments/{id}/publish": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "submitted")).slug}/publish`,
			body: {},
		}),
		expect: [401, 404, 403, 404, 403, 404, 200, 200],
	},
	"POST /commitments/{id}/return": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "submitted")).slug}/return`,
			body: { reason: "Needs a source" },
		}),
		expect: [401, 404, 403, 404, 403, 404, 200, 200],
	},
	"POST /commitments/{id}/complete": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "published")).slug}/complete`,
			body: { reason: "Delivered in full" },
		}),
		expect: [401, 403, 200, 403, 403, 403, 403, 403],
	},
	"POST /commitments/{id}/withdraw": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "published")).slug}/withdraw`,
			body: { reason: "Replaced by a new pledge" },
		}),
		expect: [401, 403, 200, 403, 403, 403, 403, 403],
	},
	"POST /commitments/{id}/relations": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "published")).slug}/relations`,
			body: { to: "gavi-2011-pledging-conference", kind: "part_of" },
		}),
		expect: [401, 403, 200, 403, 200, 403, 200, 200],
	},
	"POST /commitments/{id}/reports": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "published")).slug}/reports`,
			body: reportBody,
		}),
		expect: [401, 403, 201, 403, 201, 403, 403, 403],
	},
	"PATCH /reports/{id}": {
		method: "PATCH",
		setup: async (ctx) => ({
			url: `/api/v1/reports/${(await newReport(ctx)).id}`,
			body: { version: 1, changes: { policy_status: "achieved" } },
		}),
		expect: [401, 403, 200, 403, 200, 403, 403, 403],
	},
	"POST /reports/{id}/withdraw": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/reports/${(await newReport(ctx)).id}/withdraw`,
			body: { version: 1, reason: "Filed twice by mistake" },
		}),
		expect: [401, 403, 200, 403, 200, 403, 403, 403],
	},
	"POST /commitments/{id}/comments": {
		method: "POST",
		setup: async () => ({
			url: "/api/v1/commitments/united-kingdom-gavi-2011/comments",
			body: { body: `A citizen's question ${++n}` },
		}),
		expect: [401, 201, 201, 201, 201, 201, 201, 201],
	},
	"POST /reports/{id}/comments": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/reports/${(await newReport(ctx)).id}/comments`,
			body: { body: `On this report ${++n}` },
		}),
		expect: [401, 201, 201, 201, 201, 201, 201, 201],
	},
	"PATCH /comments/{id} (the plain user's comment)": {
		method: "PATCH",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/comments/${await newComment(ctx, people.user)}`,
			body: { body: "Edited" },
		}),
		expect: [401, 200, 403, 403, 403, 403, 403, 403],
	},
	"DELETE /comments/{id} (the plain user's comment)": {
		method: "DELETE",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/comments/${await newComment(ctx, people.user)}`,
		}),
		expect: [401, 200, 403, 403, 403, 403, 403, 403],
	},
	"POST /comments/{id}/flag (someone else's comment)": {
		method: "POST",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/comments/${await newComment(ctx, people.author)}/flag`,
			body: { reason: "Abusive" },
		}),
		expect: [401, 200, 200, 200, 200, 200, 200, 200],
	},
	"POST /comments/{id}/hide": {
		method: "POST",
		setup: async (ctx, _who, people) => ({
			url: `/api/v1/comments/${await newComment(ctx, people.author)}/hide`,
			body: { reason: "Personal attack" },
		}),
		expect: [401, 403, 403, 403, 403, 403, 200, 200],
	},
	"POST /comments/{id}/unhide": {
		method: "POST",
		setup: async (ctx, _who, people) => {
			const id = await newComment(ctx, people.author);
			const hidden = await call(ctx, people.secretariat, "POST", `/api/v1/comments/${id}/hide`, {
				reason: "Personal attack",
			});
			if (hidden.status !== 200) throw new Error(`hide setup: ${hidden.status}`);
			return { url: `/api/v1/comments/${id}/unhide`, body: {} };
		},
		expect: [401, 403, 403, 403, 403, 403, 200, 200],
	},
	"POST /comments/{id}/dismiss-flags": {
		method: "POST",
		setup: async (ctx, _who, people) => {
			const id = await newComment(ctx, people.author);
			const flagged = await call(ctx, people.user, "POST", `/api/v1/comments/${id}/flag`, {
				reason: "Off topic",
			});
			if (flagged.status !== 200) throw new Error(`flag setup: ${flagged.status}`);
			return {
				url: `/api/v1/comments/${id}/dismiss-flags`,
				body: { reason: "Reviewed: within the rules" },
			};
		},
		expect: [401, 403, 403, 403, 403, 403, 200, 200],
	},
	"POST /commitments/{id}/assessments": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "published")).slug}/assessments`,
			body: {
				scheme: "scorecard",
				score: "good",
				rationale: "Disbursements match the pledged schedule in the donor's reports.",
			},
		}),
		expect: [401, 403, 403, 403, 403, 201, 403, 403],
	},
	"POST /commitments/{id}/links/propose": {
		method: "POST",
		setup: async (ctx) => ({
			url: `/api/v1/commitments/${(await newCommitment(ctx, "published")).slug}/links/propose`,
			body: {},
		}),
		expect: [401, 403, 200, 403, 403, 403, 200, 200],
	},
	"POST /commitments/{id}/links": {
		method: "POST",
		setup: async (ctx) => {
			const c = await newCommitment(ctx, "published");
			return {
				url: `/api/v1/commitments/${c.slug}/links`,
				body: { activity: await newActivity(ctx) },
			};
		},
		expect: [401, 403, 200, 403, 403, 403, 200, 200],
	},
	"POST /commitments/{id}/links/reject": {
		method: "POST",
		setup: async (ctx) => {
			const { slug, activity } = await newLink(ctx);
			return { url: `/api/v1/commitments/${slug}/links/reject`, body: { activity } };
		},
		expect: [401, 403, 200, 403, 403, 403, 200, 200],
	},
	"POST /commitments/{id}/links/remove": {
		method: "POST",
		setup: async (ctx) => {
			const { slug, activity } = await newLink(ctx);
			return { url: `/api/v1/commitments/${slug}/links/remove`, body: { activity } };
		},
		expect: [401, 403, 200, 403, 403, 403, 200, 200],
	},
	"POST /requirements": {
		method: "POST",
		setup: async () => ({
			url: "/api/v1/requirements",
			body: {
				title: `Matrix requirement ${++n}`,
				goal: "mdg:8",
				scope: "global",
				amount: "1000000",
				currency: "USD",
				frequency: "total",
				period_start: "2013-01-01",
				period_end: "2013-12-31",
				source_title: "Matrix source",
			},
		}),
		expect: [401, 403, 403, 403, 403, 403, 201, 201],
	},
	"POST /tokens": {
		method: "POST",
		setup: async () => ({ url: "/api/v1/tokens", body: { name: "matrix" } }),
		expect: [401, 201, 201, 201, 201, 201, 201, 201],
	},
	"DELETE /tokens/{id} (one's own)": {
		method: "DELETE",
		setup: async (ctx, who, people) => {
			const owner = who.id === null ? people.user : who;
			const t = await call(ctx, owner, "POST", "/api/v1/tokens", { name: "to revoke" });
			return { url: `/api/v1/tokens/${t.body.id}` };
		},
		expect: [401, 200, 200, 200, 200, 200, 200, 200],
	},
	"DELETE /session": {
		method: "DELETE",
		// A session of its own, so signing out here leaves the other cells signed in.
		setup: async (ctx, who) => ({
			url: "/api/v1/session",
			headers: who.id === null ? {} : await signIn(ctx, who.email, who.password),
		}),
		expect: [401, 200, 200, 200, 200, 200, 200, 200],
	},
	"PUT /users/{id}/role": {
		method: "PUT",
		setup: async (_ctx, _who, people) => ({
			url: `/api/v1/users/${people.author.id}/role`,
			body: { role: null },
		}),
		expect: [401, 403, 403, 403, 403, 403, 403, 200],
	},
	"POST /users/{id}/memberships": {
		method: "POST",
		setup: async (_ctx, _who, people) => ({
			url: `/api/v1/users/${people.author.id}/memberships`,
			body: { stakeholder: "japan", role: "editor" },
		}),
		expect: [401, 403, 403, 403, 403, 403, 403, 200],
	},
	"DELETE /users/{id}/memberships/{stakeholder}": {
		method: "DELETE",
		setup: async (ctx, _who, people) => {
			await ctx.services.users.grantMembership(cliActor, people.author.id as number, {
				stakeholder: "italy",
				role: "editor",
			});
			return { url: `/api/v1/users/${people.author.id}/memberships/italy` };
		},
		expect: [401, 403, 403, 403, 403, 403, 403, 200],
	},
	"POST /users (registration, open to all)": {
		method: "POST",
		setup: async () => ({
			url: "/api/v1/users",
			body: {
				email: `matrix${++n}@example.org`,
				password: "a long enough password",
				display_name: "Matrix",
			},
		}),
		expect: [202, 202, 202, 202, 202, 202, 202, 202],
	},
};

describeEachDialect("authorization matrix", (ctx) => {
	const people = {} as People;

	before(async () => {
		people.anonymous = anonymous;
		people.user = await person(ctx());
		people.focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		people.otherFocal = await person(ctx(), {
			memberships: [{ stakeholder: "canada", role: "focal_point" }],
		});
		people.editor = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "editor" }],
		});
		people.assessor = await person(ctx(), { role: "assessor" });
		people.secretariat = await person(ctx(), { role: "secretariat" });
		people.admin = await person(ctx(), { role: "admin" });
		people.author = await person(ctx());
	});

	for (const [name, cell] of Object.entries(matrix)) {
		it(`${name}: ${roles.map((r, i) => `${r} ${cell.expect[i]}`).join(", ")}`, async () => {
			const got: number[] = [];
			for (const role of roles) {
				const who = people[role];
				const { url, body, headers } = await cell.setup(ctx(), who, people);
				const res = await call(ctx(), headers ? { ...who, headers } : who, cell.method, url, body);
				got.push(res.status);
			}
			assert.deepEqual(got, cell.expect);
		});
	}

	it("covers every write route the API documents", async () => {
		const doc = (await ctx().get("/api/openapi.json")).body;
		const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.keys(ops as object)
				.filter((m) => m !== "get")
				.map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, "")}`),
		);
		const covered = new Set(Object.keys(matrix).map((k) => k.replace(/ \(.*\)$/, "")));
		const missing = writes.filter((w) => !covered.has(w) && w !== "POST /session");
		assert.deepEqual(
			missing,
			[],
			"every write route has a row (sign-in is open to all and tested in accounts.test.ts)",
		);
	});
});
