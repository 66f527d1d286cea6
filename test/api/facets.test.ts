/**
 * The explorer's facets: each bucket's count is what the list answers with that value
 * added to the filter (every filter but the dimension's own), over public commitments
 * only; maker_kind filters the list; bad input is a 400 naming the parameter.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import {
	commitmentFacets,
	type FacetBucket,
	type FacetDimension,
	facetDimensions,
} from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

/** The list parameters that are each dimension's own filter. */
const ownParams: Record<FacetDimension, string[]> = {
	goal: ["goal"],
	target: ["target"],
	forum_kind: ["forum_kind"],
	forum: ["forum"],
	maker_kind: ["maker_kind"],
	maker: ["stakeholder"],
	recipient: ["recipient"],
	kind: ["kind"],
	status: ["status"],
	delivery: ["delivery"],
	year: ["year_from", "year_to"],
};

async function listTotal(ctx: TestContext, params: URLSearchParams): Promise<number> {
	const res = await ctx.get(`/api/v1/commitments?${params}&limit=1`);
	assert.equal(res.status, 200, `${params}: ${JSON.stringify(res.body)}`);
	return res.body.total;
}

async function facets(ctx: TestContext, query: string) {
	const res = await ctx.get(`/api/v1/commitments/facets${query ? `?${query}` : ""}`);
	assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
	// The documented schema describes exactly what is sent.
	assert.deepEqual(commitmentFacets.parse(res.body), res.body);
	return res.body as { total: number; facets: Record<FacetDimension, FacetBucket[]> };
}

/** A few buckets of a dimension: the largest, the smallest and one between. */
const sample = (buckets: FacetBucket[]) =>
	[
		...new Set([buckets[0], buckets[1], buckets[Math.floor(buckets.length / 2)], buckets.at(-1)]),
	].filter((b): b is FacetBucket => b !== undefined);

/** Every sampled bucket counts what the list gives with the query, its dimension's own filter replaced by the bucket's value. */
async function assertCountsMatchList(ctx: TestContext, query: string) {
	const answer = await facets(ctx, query);
	assert.equal(answer.total, await listTotal(ctx, new URLSearchParams(query)), query);
	for (const dimension of facetDimensions) {
		const buckets = answer.facets[dimension];
		assert.ok(buckets.length > 0, `${query}: ${dimension} has buckets`);
		for (const bucket of sample(buckets)) {
			const params = new URLSearchParams(query);
			for (const p of ownParams[dimension]) params.delete(p);
			if (dimension === "year") {
				params.set("year_from", bucket.value);
				params.set("year_to", bucket.value);
			} else params.set(ownParams[dimension][0] as string, bucket.value);
			assert.equal(
				bucket.count,
				await listTotal(ctx, params),
				`${query}: ${dimension}=${bucket.value} (${bucket.label})`,
			);
		}
	}
	return answer;
}

const kindOf = new Map(demo.stakeholders.map((s) => [s.slug, s.kind]));

describeEachDialect("GET /api/v1/commitments/facets", (ctx) => {
	it("counts every public commitment by each dimension, largest first", async () => {
		const answer = await assertCountsMatchList(ctx(), "");
		const { total, facets: f } = answer;
		assert.equal(total, demo.commitments.length);
		const sum = (d: FacetDimension) => f[d].reduce((n, b) => n + b.count, 0);
		// One value per commitment: the buckets add up to the total.
		assert.equal(sum("kind"), total);
		assert.equal(sum("status"), total);
		assert.equal(sum("year"), total);
		// Forums give their 50 largest buckets: all of them while the demo has no more.
		const forums = new Set(demo.commitments.map((c) => c.forum).filter(Boolean));
		const withForum = demo.commitments.filter((c) => c.forum).length;
		if (forums.size <= 50) assert.equal(sum("forum"), withForum);
		else {
			assert.equal(f.forum.length, 50);
			assert.ok(sum("forum") < withForum);
		}
		assert.equal(sum("forum_kind"), withForum);
		for (const d of facetDimensions) {
			const counts = f[d].map((b) => b.count);
			assert.deepEqual(
				counts,
				[...counts].sort((a, b) => b - a),
				`${d} is largest first`,
			);
			assert.ok(
				f[d].every((b) => !b.selected && b.count > 0),
				d,
			);
		}
		assert.deepEqual(
			f.status.map((b) => [b.value, b.count]),
			(["published", "completed"] as const)
				.map((status) => [status, demo.commitments.filter((c) => c.status === status).length])
				.filter(([, n]) => Number(n) > 0)
				.sort((a, b) => Number(b[1]) - Number(a[1])),
		);
		// Makers: by slug, as the stakeholder filter takes them, named in English.
		const uk = f.maker.find((b) => b.value === "united-kingdom");
		assert.deepEqual(uk, {
			value: "united-kingdom",
			label: "United Kingdom",
			count: demo.commitments.filter((c) => c.makers.includes("united-kingdom")).length,
			selected: false,
		});
		const kinds = new Set(demo.stakeholders.map((s) => s.kind));
		assert.deepEqual(new Set(f.maker_kind.map((b) => b.value)), kinds);
		assert.equal(f.maker_kind.find((b) => b.value === "member_state")?.label, "Member State");
		assert.ok(f.goal.some((b) => b.value === "mdg:8" && b.label === "MDG 8"));
		assert.ok(f.target.some((b) => b.value === "mdg:8.B" && b.label === "MDG 8.B"));
		assert.ok(f.recipient.some((b) => b.value === "LDC"));
		assert.ok(f.recipient.some((b) => b.value === "global" && b.label === "Global"));
		assert.ok(f.year.some((b) => b.value === "2005" && b.label === "2005"));
	});

	it("counts each dimension under every filter but its own", async () => {
		for (const query of [
			"goal=mdg:8",
			"goal=mdg:8&kind=financial",
			"stakeholder=united-kingdom&year_from=2005&year_to=2010",
			"maker_kind=member_state&forum_kind=g8_summit,g20_summit",
			"recipient=LDC,global&status=published",
			"q=health",
			"target=mdg:8.B&maker_kind=other,multilateral",
		])
			await assertCountsMatchList(ctx(), query);
	});

	it("keeps the other values of a chosen dimension, and marks the chosen one", async () => {
		const all = await facets(ctx(), "");
		const chosen = await facets(ctx(), "goal=MDG:8");
		assert.deepEqual(
			chosen.facets.goal,
			all.facets.goal.map((b) => ({
				...b,
				selected: b.value === "mdg:8",
			})),
		);
		assert.ok(chosen.facets.goal.length > 1);
		assert.equal(chosen.total, chosen.facets.goal.find((b) => b.value === "mdg:8")?.count);
		// Other dimensions narrow to the chosen goal.
		assert.equal(
			chosen.facets.kind.reduce((n, b) => n + b.count, 0),
			chosen.total,
		);
		const years = await facets(ctx(), "year_from=2005&year_to=2006");
		assert.deepEqual(
			years.facets.year.filter((b) => b.selected).map((b) => b.value),
			["2005", "2006"].filter((y) => demo.commitments.some((c) => c.announced_on.startsWith(y))),
		);
		assert.equal(years.facets.year.length, all.facets.year.length);
		const maker = await facets(ctx(), "stakeholder=united-kingdom&maker_kind=member_state");
		assert.equal(maker.facets.maker.filter((b) => b.selected).length, 1);
		assert.equal(maker.facets.maker_kind.find((b) => b.selected)?.value, "member_state");
	});

	it("shows a selected value the other filters leave nothing for, at zero", async () => {
		const maker = demo.stakeholders.find(
			(s) => !demo.commitments.some((c) => c.makers.includes(s.slug) && c.kind === "policy"),
		);
		assert.ok(maker, "a maker with no policy commitment");
		const answer = await facets(ctx(), `kind=policy&stakeholder=${maker.slug}`);
		assert.equal(answer.total, 0);
		const bucket = answer.facets.maker.find((b) => b.value === maker.slug);
		assert.deepEqual(bucket && { count: bucket.count, selected: bucket.selected }, {
			count: 0,
			selected: true,
		});
		assert.ok(bucket?.label);
	});

	it("filters the list, its exports and the delivery aggregate by kind of maker", async () => {
		const expected = (kinds: string[]) =>
			demo.commitments
				.filter((c) => c.makers.some((m) => kinds.includes(kindOf.get(m) ?? "")))
				.map((c) => c.slug)
				.sort();
		for (const kinds of [["multilateral"], ["foundation", "other"], ["member_state"]]) {
			const res = await ctx().get(`/api/v1/commitments?maker_kind=${kinds.join(",")}&limit=200`);
			assert.equal(res.status, 200);
			assert.deepEqual(
				res.body.items.map((i: { slug: string }) => i.slug).sort(),
				expected(kinds),
				kinds.join(),
			);
			assert.ok(res.body.total > 0);
		}
		const csv = await ctx().get("/api/v1/commitments?maker_kind=multilateral&format=csv");
		assert.equal(csv.status, 200);
		const lines = String(csv.body).trim().split(/\r?\n/);
		assert.equal(lines.length - 1, expected(["multilateral"]).length);
		const delivery = await ctx().get("/api/v1/analytics/delivery?maker_kind=foundation");
		assert.equal(delivery.status, 200, JSON.stringify(delivery.body));
		assert.equal(delivery.body.filtered, true);
		const counts = delivery.body.total.counts as Record<string, number>;
		assert.ok(Object.values(counts).reduce((a, b) => a + b, 0) > 0);
	});

	it("refuses bad and unknown parameters with a 400 naming them", async () => {
		for (const [query, param] of [
			["maker_kind=government", "maker_kind"],
			["goal=mdg:9", "goal"],
			["stakeholder=no-such-maker", "stakeholder"],
			["status=draft", "status"],
			["year_from=2010&year_to=2005", "year_to"],
			["page=2", "page"],
			["sort=title", "sort"],
			["colour=red", "colour"],
		]) {
			for (const path of ["/api/v1/commitments/facets", "/api/v1/commitments"]) {
				if (path === "/api/v1/commitments" && ["page", "sort"].includes(param as string)) continue;
				const res = await ctx().get(`${path}?${query}`);
				assert.equal(res.status, 400, `${path}?${query}`);
				assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
				assert.ok(
					res.body.errors.some((e: { name: string }) => e.name === param),
					`${path}?${query}: ${JSON.stringify(res.body.errors)}`,
				);
				assert.ok(res.body.detail.includes(param), res.body.detail);
			}
		}
		const wrong = await ctx().get("/api/v1/commitments?maker_kind=government");
		assert.match(wrong.body.detail, /'government' is not one of member_state/);
	});

	it("is documented with the list's filters", async () => {
		const doc = (await ctx().get("/api/openapi.json")).body;
		const op = doc.paths["/api/v1/commitments/facets"]?.get;
		assert.ok(op, "documented");
		assert.equal(op.operationId, "getCommitmentFacets");
		const names = op.parameters.map((p: { name: string }) => p.name).sort();
		const listNames = doc.paths["/api/v1/commitments"].get.parameters
			.map((p: { name: string }) => p.name)
			.filter((n: string) => !["page", "limit", "sort", "format"].includes(n))
			.sort();
		assert.deepEqual(names, listNames);
		assert.ok(names.includes("maker_kind"));
		assert.ok(op.responses["200"].content["application/json"].schema.properties.facets);
	});

	it("never counts drafts or submissions", async () => {
		const before = await facets(ctx(), "");
		const draft = {
			text: "A pledge still being written.",
			kind: "policy" as const,
			forum: "g8-gleneagles-2005",
			announced_on: "1999-01-01",
			makers: ["bill-melinda-gates-foundation"],
			goals: ["sdg:14"],
			recipients: [{ kind: "country" as const, code: "KE" }],
			policy: { target: "To be decided" },
		};
		for (const status of ["draft", "submitted"] as const)
			await ctx().services.commitments.create(
				{ ...draft, title: `Unpublished ${status} pledge`, status },
				cliActor,
			);
		assert.deepEqual(await facets(ctx(), ""), before);
		const chosen = await facets(ctx(), "goal=sdg:14&maker_kind=foundation");
		assert.equal(
			chosen.total,
			await listTotal(ctx(), new URLSearchParams("goal=sdg:14&maker_kind=foundation")),
		);
		assert.ok(!chosen.facets.year.some((b) => b.value === "1999"));
		assert.equal(
			chosen.facets.goal.find((b) => b.value === "sdg:14")?.count ?? 0,
			demo.commitments.filter(
				(c) =>
					(c.goals.includes("sdg:14") || c.targets.some((t) => t.startsWith("sdg:14."))) &&
					c.makers.some((m) => kindOf.get(m) === "foundation"),
			).length,
		);
	});

	it("reads every public commitment's facets from the rollups, the same as counting the rows, through writes", async () => {
		const services = ctx().services;
		const same = async (when: string) => {
			const stored = await services.commitments.facets({});
			const counted = await services.commitments.facets({}, { counted: true });
			assert.deepEqual(stored, counted, when);
			return stored;
		};
		await same("the demo");
		const created = await services.commitments.create(
			{
				title: "A pledge of 1987 by a foundation",
				text: "A pledge announced long ago, to move every facet.",
				kind: "policy",
				status: "published",
				forum: "g8-gleneagles-2005",
				announced_on: "1987-06-30",
				makers: ["bill-melinda-gates-foundation", "united-kingdom"],
				goals: ["sdg:14"],
				recipients: [{ kind: "country", code: "KE" }],
				policy: { target: "To be decided" },
			},
			cliActor,
		);
		const added = await same("after a new commitment");
		assert.equal(added.facets.year.find((b) => b.value === "1987")?.count, 1);
		await services.commitments.update(
			String(created.id),
			{ version: created.version, changes: { announced_on: "1988-01-01" }, reason: "corrected" },
			cliActor,
		);
		const moved = await same("after its year changed");
		assert.equal(moved.facets.year.find((b) => b.value === "1988")?.count, 1);
		assert.ok(!moved.facets.year.some((b) => b.value === "1987"));
		await services.commitments.transition(
			String(created.id),
			"withdraw",
			{ reason: "test" },
			cliActor,
		);
		await same("after it was withdrawn");
	});
});
