/** Atom feeds: valid Atom 1.0, public changes only, per commitment, stakeholder, goal and country. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { readAtom } from "../helpers/atom.ts";
import { call, type Person, person } from "../helpers/users.ts";

async function feed(ctx: TestContext, url: string) {
	const res = await ctx.app.inject({ method: "GET", url });
	assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
	assert.equal(res.headers["content-type"], "application/atom+xml; charset=utf-8");
	return { ...readAtom(res.body), etag: String(res.headers.etag), raw: res.body };
}

const titles = (f: { entries: { title: string }[] }) => f.entries.map((e) => e.title);

describeEachDialect("Atom feeds", (ctx) => {
	let ukFocal: Person;
	let secretariat: Person;
	let citizen: Person;
	let id: number;
	let slug: string;
	const title = "Feed test: UK support to Kenyan clinics & <schools>";

	before(async () => {
		ukFocal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		secretariat = await person(ctx(), { role: "secretariat" });
		citizen = await person(ctx());
		const c = await ctx().services.commitments.create(
			{
				title,
				text: "The UK will fund clinics in Kenya.",
				kind: "policy",
				makers: ["united-kingdom"],
				goals: ["mdg:6"],
				recipients: [{ kind: "country", code: "KE" }],
				policy: { target: "100 clinics open", deadline: "2015-12-31" },
				status: "published",
			},
			cliActor,
		);
		id = c.id;
		slug = c.slug;
	});

	it("serves valid Atom 1.0 with the required elements", async () => {
		const all = await feed(ctx(), "/feeds/all.atom");
		assert.match(all.id, /^urn:uuid:/);
		assert.ok(all.title.length > 0);
		assert.ok(all.author);
		const self = all.links.find((l) => l.rel === "self");
		assert.equal(self?.href, "http://localhost:80/feeds/all.atom", "an absolute self link");
		assert.equal(self?.type, "application/atom+xml");
		assert.ok(all.entries.length > 0 && all.entries.length <= 50, "the newest 50 at most");
		assert.equal(new Set(all.entries.map((e) => e.id)).size, all.entries.length, "unique ids");
		const times = all.entries.map((e) => e.updated);
		assert.deepEqual(times, [...times].sort().reverse(), "newest first");
		assert.equal(all.updated, times[0]);
		const again = await feed(ctx(), "/feeds/all.atom");
		assert.equal(again.id, all.id, "a stable feed id");
		assert.deepEqual(
			again.entries.map((e) => e.id),
			all.entries.map((e) => e.id),
			"stable entry ids",
		);
		const cached = await ctx().app.inject({
			method: "GET",
			url: "/feeds/all.atom",
			headers: { "if-none-match": again.etag },
		});
		assert.equal(cached.statusCode, 304);
	});

	it("shows a new report and a new comment in the commitment's feed, text escaped", async () => {
		const report = await call(ctx(), ukFocal, "POST", `/api/v1/commitments/${slug}/reports`, {
			kind: "maker",
			stakeholder: "united-kingdom",
			period_start: "2014-01-01",
			period_end: "2014-12-31",
			policy_status: "in_progress",
			narrative: "Forty clinics open & <more> coming.",
		});
		assert.equal(report.status, 201, JSON.stringify(report.body));
		const comment = await call(ctx(), citizen, "POST", `/api/v1/commitments/${slug}/comments`, {
			body: "Which <b>clinics</b>? A & B?",
		});
		assert.equal(comment.status, 201);
		for (const url of [`/feeds/commitments/${id}.atom`, `/feeds/commitments/${slug}.atom`]) {
			const f = await feed(ctx(), url);
			assert.equal(
				f.links.find((l) => l.rel === "self")?.href,
				`http://localhost:80/feeds/commitments/${id}.atom`,
			);
			const [newest, second] = f.entries;
			assert.match(newest?.title ?? "", /^Comment by Person \d+ on Feed test/);
			assert.equal(newest?.content, "Which <b>clinics</b>? A & B?");
			assert.match(second?.title ?? "", /^Progress report by United Kingdom: Feed test/);
			assert.match(second?.summary ?? "", /Forty clinics open & <more> coming\./);
			assert.ok(f.entries.some((e) => e.title === `New commitment: ${title}`));
			const link = second?.links.find((l) => (l.rel ?? "alternate") === "alternate");
			assert.equal(link?.href, `http://localhost:80/api/v1/reports/${report.body.id}`);
		}
		for (const url of [
			"/feeds/stakeholders/united-kingdom.atom",
			"/feeds/goals/mdg-6.atom",
			"/feeds/goals/mdg:6.atom",
			"/feeds/countries/KE.atom",
			"/feeds/all.atom",
		]) {
			const f = await feed(ctx(), url);
			assert.ok(
				titles(f).some((t) => t.startsWith("Progress report by United Kingdom: Feed test")),
				url,
			);
			assert.ok(
				titles(f).some((t) => t.startsWith("Comment by")),
				url,
			);
		}
		const elsewhere = await feed(ctx(), "/feeds/goals/sdg-17.atom");
		assert.ok(!titles(elsewhere).some((t) => t.includes("Feed test")), "other goals do not");
	});

	it("never shows a draft, its edits, or a hidden or deleted comment", async () => {
		const draft = await call(ctx(), ukFocal, "POST", "/api/v1/commitments", {
			title: "Secret draft pledge",
			text: "Not yet public.",
			kind: "policy",
			makers: ["united-kingdom"],
			goals: ["mdg:6"],
			policy: { target: "Something" },
		});
		assert.equal(draft.status, 201, JSON.stringify(draft.body));
		const url = `/api/v1/commitments/${draft.body.slug}`;
		const edit = await call(ctx(), ukFocal, "PATCH", url, {
			version: 1,
			changes: { title: "Secret draft pledge, edited" },
		});
		assert.equal(edit.status, 200, JSON.stringify(edit.body));
		for (const f of [
			"/feeds/all.atom",
			"/feeds/stakeholders/united-kingdom.atom",
			"/feeds/goals/mdg-6.atom",
		])
			assert.ok(!(await feed(ctx(), f)).raw.includes("Secret draft"), f);
		for (const who of [ukFocal, secretariat]) {
			const res = await call(ctx(), who, "GET", `/feeds/commitments/${draft.body.id}.atom`);
			assert.equal(res.status, 404, "a draft has no feed, even for its makers");
		}
		assert.equal((await call(ctx(), ukFocal, "POST", `${url}/submit`, {})).status, 200);
		assert.equal((await call(ctx(), secretariat, "POST", `${url}/publish`, {})).status, 200);
		const published = await feed(ctx(), `/feeds/commitments/${draft.body.id}.atom`);
		assert.deepEqual(
			titles(published),
			["Published: Secret draft pledge, edited"],
			"only from publication on",
		);

		const hidden = await call(ctx(), citizen, "POST", `/api/v1/commitments/${slug}/comments`, {
			body: "Soon to be hidden",
		});
		const deleted = await call(ctx(), citizen, "POST", `/api/v1/commitments/${slug}/comments`, {
			body: "Soon to be deleted",
		});
		let f = await feed(ctx(), `/feeds/commitments/${id}.atom`);
		assert.ok(f.raw.includes("Soon to be hidden") && f.raw.includes("Soon to be deleted"));
		const hide = await call(ctx(), secretariat, "POST", `/api/v1/comments/${hidden.body.id}/hide`, {
			reason: "off topic",
		});
		assert.equal(hide.status, 200);
		assert.equal(
			(await call(ctx(), citizen, "DELETE", `/api/v1/comments/${deleted.body.id}`)).status,
			200,
		);
		for (const url of [`/feeds/commitments/${id}.atom`, "/feeds/all.atom"]) {
			f = await feed(ctx(), url);
			assert.ok(!f.raw.includes("Soon to be hidden"), `${url}: hidden comment gone`);
			assert.ok(!f.raw.includes("Soon to be deleted"), `${url}: deleted comment gone`);
		}
	});

	it("is found from the API, and names what does not exist", async () => {
		const detail = await ctx().app.inject({ method: "GET", url: `/api/v1/commitments/${slug}` });
		assert.equal(
			detail.headers.link,
			`</feeds/commitments/${slug}.atom>; rel="alternate"; type="application/atom+xml"`,
		);
		const list = await ctx().app.inject({ method: "GET", url: "/api/v1/commitments" });
		assert.match(String(list.headers.link), /<\/feeds\/all\.atom>; rel="alternate"/);
		const country = await ctx().app.inject({ method: "GET", url: "/api/v1/countries/ke" });
		assert.match(String(country.headers.link), /<\/feeds\/countries\/KE\.atom>/);
		for (const url of [
			"/feeds/commitments/no-such-thing.atom",
			"/feeds/commitments/1.rss",
			"/feeds/stakeholders/nobody.atom",
			"/feeds/goals/sdg-18.atom",
			"/feeds/countries/XX.atom",
		]) {
			const res = await ctx().app.inject({ method: "GET", url });
			assert.equal(res.statusCode, 404, url);
		}
	});
});
