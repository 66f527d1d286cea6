import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { searchText } from "../../src/lib/text.ts";
import {
	commitmentDetail,
	commitmentList,
} from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { demo, goalsOf } from "../helpers/demo.ts";

/** Every slug a filtered list returns, across all its pages. */
async function allSlugs(
	get: (u: string) => Promise<{ status: number; body: any }>,
	query: string,
): Promise<string[]> {
	const slugs: string[] = [];
	for (let page = 1; ; page++) {
		const res = await get(`/api/v1/commitments?${query}${query ? "&" : ""}limit=200&page=${page}`);
		assert.equal(res.status, 200, JSON.stringify(res.body));
		slugs.push(...res.body.items.map((i: { slug: string }) => i.slug));
		if (slugs.length >= res.body.total) return slugs.sort();
	}
}

const expected = (pred: (c: (typeof demo.commitments)[number]) => boolean) =>
	demo.commitments
		.filter(pred)
		.map((c) => c.slug)
		.sort();

describeEachDialect("GET /api/v1/commitments", (ctx) => {
	it("filters by how the promise is stated: an amount, a share of national income", async () => {
		const shares = await allSlugs((u) => ctx().get(u), "measure=gni_share");
		assert.ok(shares.length >= 3, `${shares.length} share-of-income targets in the demo`);
		assert.deepEqual(
			shares,
			expected((c) => c.financial?.gni_share_min != null),
		);
		assert.deepEqual(
			await allSlugs((u) => ctx().get(u), "measure=amount"),
			expected((c) => c.financial?.amount != null),
		);
		assert.deepEqual(
			await allSlugs((u) => ctx().get(u), "measure=amount,gni_share"),
			expected((c) => c.financial?.amount != null || c.financial?.gni_share_min != null),
		);
		const bad = await ctx().get("/api/v1/commitments?measure=percent");
		assert.equal(bad.status, 400);
		assert.match(JSON.stringify(bad.body), /measure/);
	});

	it("lists every public demo commitment with the documented shape", async () => {
		const res = await ctx().get("/api/v1/commitments");
		assert.equal(res.status, 200);
		assert.equal(res.body.total, demo.commitments.length);
		assert.ok(res.body.total >= 30);
		assert.equal(res.body.page, 1);
		assert.equal(res.body.limit, 20);
		assert.equal(res.body.items.length, 20);
		// The documented schema describes exactly what is sent: parsing strips nothing.
		assert.deepEqual(commitmentList.parse(res.body), res.body);
		const item = res.body.items[0];
		for (const key of [
			"id",
			"title",
			"kind",
			"forum",
			"makers",
			"announced_on",
			"amount",
			"currency",
			"goals",
		])
			assert.ok(key in item, key);
	});

	it("converts amounts exactly, bigint minor units included", async () => {
		const res = await ctx().get("/api/v1/commitments/gleneagles-2005-oda-increase");
		assert.equal(res.status, 200);
		assert.equal(res.body.amount, "50000000000.00");
		assert.equal(res.body.amount_minor, 5_000_000_000_000);
		assert.equal(typeof res.body.amount_minor, "number");
		assert.equal(res.body.currency, "USD");
		assert.equal(res.body.financial.frequency, "annual");
	});

	it("filters by goal, directly or through a target", async () => {
		assert.deepEqual(
			await allSlugs(ctx().get, "goal=mdg:8"),
			expected((c) => goalsOf(c).has("mdg:8")),
		);
		assert.deepEqual(
			await allSlugs(ctx().get, "goal=MDG:6,sdg:3"),
			expected((c) => goalsOf(c).has("mdg:6") || goalsOf(c).has("sdg:3")),
		);
	});

	it("filters by target, normalising its letter case", async () => {
		assert.deepEqual(
			await allSlugs(ctx().get, "target=mdg:8.b"),
			expected((c) => c.targets.includes("mdg:8.B")),
		);
		assert.ok((await allSlugs(ctx().get, "target=mdg:8.B")).length > 0);
	});

	it("filters by maker, by id or by slug alike", async () => {
		const uk = await ctx().get("/api/v1/stakeholders/united-kingdom");
		const bySlug = await allSlugs(ctx().get, "stakeholder=united-kingdom");
		assert.deepEqual(
			bySlug,
			expected((c) => c.makers.includes("united-kingdom")),
		);
		assert.deepEqual(await allSlugs(ctx().get, `stakeholder=${uk.body.id}`), bySlug);
		assert.equal(uk.body.commitment_count, bySlug.length);
	});

	it("filters by forum and by kind of forum", async () => {
		assert.deepEqual(
			await allSlugs(ctx().get, "forum=g8-gleneagles-2005"),
			expected((c) => c.forum === "g8-gleneagles-2005"),
		);
		const kindOf = new Map(demo.forums.map((f) => [f.slug, f.kind]));
		assert.deepEqual(
			await allSlugs(ctx().get, "forum_kind=replenishment&forum_kind=g20_summit"),
			expected((c) => ["replenishment", "g20_summit"].includes(kindOf.get(c.forum) ?? "")),
		);
	});

	it("filters by recipient country, region, group or global", async () => {
		// The LDCs match the pledges to their member countries too, in the year announced.
		const ldc = JSON.parse(
			readFileSync(new URL("../../data/groups/ldc-membership.json", import.meta.url), "utf8"),
		) as { members: { country: string; included: number; graduated: number | null }[] };
		const ldcIn = (country: string | null | undefined, year: number) =>
			ldc.members.some(
				(m) =>
					m.country === country &&
					m.included <= year &&
					(m.graduated === null || year < m.graduated),
			);
		const byRecipient = (code: string) =>
			expected((c) =>
				c.recipients.some(
					(r) =>
						(r.kind === "global" ? code === "global" : r.code === code) ||
						(code === "LDC" &&
							r.kind === "country" &&
							ldcIn(r.code, Number(c.announced_on.slice(0, 4)))),
				),
			);
		for (const code of [
			"LDC",
			"global",
			...new Set(
				demo.commitments.flatMap((c) =>
					c.recipients
						.filter((r) => r.kind === "region" || r.kind === "country")
						.map((r) => r.code as string),
				),
			),
		]) {
			assert.deepEqual(await allSlugs(ctx().get, `recipient=${code}`), byRecipient(code), code);
		}
	});

	it("filters by kind and by year range", async () => {
		assert.deepEqual(
			await allSlugs(ctx().get, "kind=policy"),
			expected((c) => c.kind === "policy"),
		);
		assert.deepEqual(
			await allSlugs(ctx().get, "year_from=2005&year_to=2009"),
			expected((c) => c.announced_on >= "2005" && c.announced_on < "2010"),
		);
		assert.deepEqual(
			await allSlugs(ctx().get, "year_from=2013"),
			expected((c) => c.announced_on >= "2013"),
		);
	});

	it("combines filters: all must match", async () => {
		assert.deepEqual(
			await allSlugs(ctx().get, "kind=financial&stakeholder=united-kingdom&year_to=2012"),
			expected(
				(c) =>
					c.kind === "financial" && c.makers.includes("united-kingdom") && c.announced_on < "2013",
			),
		);
	});

	it("searches title and text, every word as a prefix, accents ignored", async () => {
		const nutrition = await allSlugs(ctx().get, "q=nutrition");
		assert.ok(nutrition.length > 0);
		assert.deepEqual(
			nutrition,
			expected((c) => /nutrition/i.test(`${c.title} ${c.text}`)),
		);
		assert.deepEqual(await allSlugs(ctx().get, "q=NUTRIT"), nutrition);
		assert.deepEqual(await allSlugs(ctx().get, "q=nutrïtion"), nutrition);
		assert.deepEqual(
			await allSlugs(ctx().get, "q=gavi%20alliance"),
			expected(
				(c) => /\bgavi/i.test(`${c.title} ${c.text}`) && /\balliance/i.test(`${c.title} ${c.text}`),
			),
		);
		assert.deepEqual(await allSlugs(ctx().get, "q=zzzqqq"), []);
		const relevance = await ctx().get("/api/v1/commitments?q=nutrition&sort=relevance");
		assert.equal(relevance.status, 200);
		assert.equal(relevance.body.total, nutrition.length);
	});

	it("sorts by date and by title, both ways, with a stable tie-break", async () => {
		const desc = (await ctx().get("/api/v1/commitments?limit=200")).body.items.map(
			(i: { announced_on: string }) => i.announced_on,
		);
		assert.deepEqual(desc, [...desc].sort().reverse());
		const asc = (await ctx().get("/api/v1/commitments?limit=200&sort=announced_on")).body.items.map(
			(i: { announced_on: string }) => i.announced_on,
		);
		assert.deepEqual(asc, [...desc].reverse());
		// By title as a reader files it: letters and digits, no case or accents (searchText).
		const keys = (sort: string) =>
			ctx()
				.get(`/api/v1/commitments?limit=200&sort=${sort}`)
				.then((r) => r.body.items.map((i: { title: string }) => searchText(i.title)));
		const titles = await keys("title");
		assert.deepEqual(titles, [...titles].sort());
		const reversed = await keys("-title");
		assert.deepEqual(reversed, [...titles].sort().reverse());
	});

	it("sorts by the amount promised in US dollars, unconverted ones last", async () => {
		for (const sort of ["-committed_usd", "committed_usd"]) {
			const items = (await ctx().get(`/api/v1/commitments?limit=200&sort=${sort}`)).body.items;
			const usd: (number | null)[] = [];
			for (const i of items as { slug: string }[]) {
				const d = (await ctx().get(`/api/v1/commitments/${i.slug}/delivery`)).body;
				usd.push(d.committed ? Number(d.committed.constant) : null);
			}
			const known = usd.filter((v): v is number => v !== null);
			assert.ok(known.length >= 10, "the demo has converted amounts to order");
			assert.deepEqual(usd.slice(0, known.length), known, "amounts first, then the unconverted");
			assert.deepEqual(
				known,
				[...known].sort((a, b) => (sort === "committed_usd" ? a - b : b - a)),
			);
		}
	});

	it("pages without overlap or gap", async () => {
		const all = (await ctx().get("/api/v1/commitments?limit=200")).body.items.map(
			(i: { id: number }) => i.id,
		);
		const paged: number[] = [];
		for (let page = 1; page <= Math.ceil(all.length / 7); page++)
			paged.push(
				...(await ctx().get(`/api/v1/commitments?limit=7&page=${page}`)).body.items.map(
					(i: { id: number }) => i.id,
				),
			);
		assert.deepEqual(paged, all);
		const beyond = await ctx().get("/api/v1/commitments?page=999");
		assert.equal(beyond.status, 200);
		assert.deepEqual(beyond.body.items, []);
		assert.equal(beyond.body.total, all.length);
	});
});

describeEachDialect("GET /api/v1/commitments/{id}", (ctx) => {
	it("answers everything about one commitment, by id or slug", async () => {
		const bySlug = await ctx().get("/api/v1/commitments/gleneagles-2005-africa-oda-increase");
		assert.equal(bySlug.status, 200, JSON.stringify(bySlug.body));
		assert.deepEqual(commitmentDetail.parse(bySlug.body), bySlug.body);
		const byId = await ctx().get(`/api/v1/commitments/${bySlug.body.id}`);
		assert.deepEqual(byId.body, bySlug.body);
		const source = demo.commitments.find((c) => c.slug === "gleneagles-2005-africa-oda-increase");
		assert.ok(source);
		assert.equal(bySlug.body.text, source.text);
		assert.deepEqual(
			bySlug.body.makers.map((m: { slug: string }) => m.slug),
			source.makers,
		);
		assert.equal(bySlug.body.sources[0].url, source.sources[0]?.url);
		assert.equal(bySlug.body.versions.length, 1);
		assert.equal(bySlug.body.versions[0].version, 1);
	});

	it("shows relations both ways", async () => {
		const withRelation = demo.commitments.find((c) => c.relations.length > 0);
		assert.ok(withRelation);
		const rel = withRelation.relations[0] as { kind: string; to: string };
		const from = await ctx().get(`/api/v1/commitments/${withRelation.slug}`);
		assert.ok(
			from.body.relations.outgoing.some(
				(r: any) => r.kind === rel.kind && r.commitment.slug === rel.to,
			),
		);
		const to = await ctx().get(`/api/v1/commitments/${rel.to}`);
		assert.ok(
			to.body.relations.incoming.some(
				(r: any) => r.kind === rel.kind && r.commitment.slug === withRelation.slug,
			),
		);
		const total = demo.commitments.reduce((n, c) => n + c.relations.length, 0);
		let counted = 0;
		for (const c of demo.commitments)
			counted += (await ctx().get(`/api/v1/commitments/${c.slug}`)).body.relations.outgoing.length;
		assert.equal(counted, total);
	});
});
