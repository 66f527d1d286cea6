import assert from "node:assert/strict";
import { it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { countryDetail, countryList } from "../../src/modules/countries/countries.schemas.ts";
import { forumDetail, forumList } from "../../src/modules/forums/forums.schemas.ts";
import { framework } from "../../src/modules/frameworks/frameworks.schemas.ts";
import { ReferenceRepository } from "../../src/modules/reference/reference.repository.ts";
import {
	stakeholderDetail,
	stakeholderList,
} from "../../src/modules/stakeholders/stakeholders.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

describeEachDialect("frameworks", (ctx) => {
	it("serves the MDG framework of 2008: 8 goals, 21 targets, 60 indicators", async () => {
		const res = await ctx().get("/api/v1/frameworks/mdg");
		assert.equal(res.status, 200);
		assert.deepEqual(framework.parse(res.body), res.body);
		assert.equal(res.body.goals.length, 8);
		const targets = res.body.goals.flatMap((g: any) => g.targets);
		assert.equal(targets.length, 21);
		assert.deepEqual(targets.map((t: any) => t.code).slice(0, 4), ["1.A", "1.B", "1.C", "2.A"]);
		const indicators = new Set(targets.flatMap((t: any) => t.indicators.map((i: any) => i.code)));
		assert.equal(indicators.size, 60);
		assert.deepEqual(res.body.counts, { goals: 8, targets: 21, indicators: 60 });
		const t8b = targets.find((t: any) => t.code === "8.B");
		assert.ok(
			t8b.indicators.some((i: any) => i.code === "8.1"),
			"ODA indicators serve 8.A-8.D jointly",
		);
	});

	it("serves the SDG framework: 17 goals, 169 targets, with indicators", async () => {
		const res = await ctx().get("/api/v1/frameworks/sdg");
		assert.equal(res.body.goals.length, 17);
		assert.equal(res.body.goals.flatMap((g: any) => g.targets).length, 169);
		assert.equal(res.body.counts.targets, 169);
		assert.ok(res.body.counts.indicators >= 231);
		const goal3 = res.body.goals.find((g: any) => g.code === "3");
		assert.equal(goal3.title, "Ensure healthy lives and promote well-being for all at all ages");
		assert.ok(
			goal3.targets.some(
				(t: any) => t.code === "3.b" && t.indicators.some((i: any) => i.code === "3.b.1"),
			),
		);
	});

	it("translates SDG titles into the six UN languages, and falls back to English for the MDGs", async () => {
		const en = await ctx().get("/api/v1/frameworks/sdg");
		for (const lang of ["ar", "zh", "fr", "ru", "es"]) {
			const res = await ctx().get(`/api/v1/frameworks/sdg?lang=${lang}`);
			assert.equal(res.status, 200);
			assert.equal(res.body.lang, lang);
			assert.notEqual(res.body.goals[0].title, en.body.goals[0].title, lang);
			assert.equal(res.body.goals.flatMap((g: any) => g.targets).length, 169);
		}
		const fr = await ctx().get("/api/v1/frameworks/sdg?lang=fr");
		assert.match(fr.body.goals[0].title, /pauvreté/);
		// MDG titles where a UN page gives them (data/mdg/translations.json); English elsewhere.
		const mdgFr = await ctx().get("/api/v1/frameworks/mdg?lang=fr");
		assert.equal(mdgFr.body.goals[0].title, "Éliminer l'extrême pauvreté et la faim");
		const mdgRu = await ctx().get("/api/v1/frameworks/mdg?lang=ru");
		assert.equal(mdgRu.body.goals[0].title, "Eradicate extreme poverty and hunger");
		const list = await ctx().get("/api/v1/frameworks");
		assert.deepEqual(
			list.body.items.map((f: any) => f.code),
			["mdg", "sdg"],
		);
	});
});

describeEachDialect("stakeholders, forums, countries", (ctx) => {
	it("lists and shows stakeholders with groups and commitment counts", async () => {
		const res = await ctx().get("/api/v1/stakeholders?limit=200");
		assert.equal(res.status, 200);
		assert.deepEqual(stakeholderList.parse(res.body), res.body);
		assert.equal(res.body.total, demo.stakeholders.length);
		const g8 = await ctx().get("/api/v1/stakeholders?group=G8&limit=200");
		assert.deepEqual(
			g8.body.items.map((s: any) => s.slug).sort(),
			demo.stakeholders
				.filter((s) => s.groups.includes("G8"))
				.map((s) => s.slug)
				.sort(),
		);
		const states = await ctx().get("/api/v1/stakeholders?kind=member_state&limit=200");
		assert.equal(
			states.body.total,
			demo.stakeholders.filter((s) => s.kind === "member_state").length,
		);
		const search = await ctx().get("/api/v1/stakeholders?q=kingdom");
		assert.ok(search.body.items.some((s: any) => s.slug === "united-kingdom"));
		const uk = await ctx().get("/api/v1/stakeholders/united-kingdom");
		assert.deepEqual(stakeholderDetail.parse(uk.body), uk.body);
		assert.equal(uk.body.country, "GB");
		assert.ok(uk.body.groups.includes("G8"));
		assert.equal(
			uk.body.commitment_count,
			demo.commitments.filter((c) => c.makers.includes("united-kingdom")).length,
		);
	});

	it("lists and shows forums with their commitments counted", async () => {
		const res = await ctx().get("/api/v1/forums?limit=200");
		assert.deepEqual(forumList.parse(res.body), res.body);
		assert.equal(res.body.total, demo.forums.length);
		const dates = res.body.items.map((f: any) => f.held_on);
		// Latest first; a forum whose date is not recorded comes last.
		const known = dates.filter((d: string | null) => d !== null);
		assert.deepEqual(dates, [
			...[...known].sort().reverse(),
			...dates.filter((d: string | null) => d === null),
		]);
		const g8 = await ctx().get("/api/v1/forums?kind=g8_summit&limit=200");
		assert.equal(g8.body.total, demo.forums.filter((f) => f.kind === "g8_summit").length);
		const years = await ctx().get("/api/v1/forums?year_from=2010&year_to=2011&limit=200");
		assert.ok(years.body.items.every((f: any) => f.held_on >= "2010" && f.held_on < "2012"));
		const gleneagles = await ctx().get("/api/v1/forums/g8-gleneagles-2005");
		assert.deepEqual(forumDetail.parse(gleneagles.body), gleneagles.body);
		assert.equal(
			gleneagles.body.commitment_count,
			demo.commitments.filter((c) => c.forum === "g8-gleneagles-2005").length,
		);
		assert.equal(gleneagles.body.commitments, `/api/v1/commitments?forum=${gleneagles.body.id}`);
	});

	it("lists countries from ISO 3166-1 in en, fr and es, and shows one", async () => {
		const res = await ctx().get("/api/v1/countries");
		assert.deepEqual(countryList.parse(res.body), res.body);
		assert.ok(res.body.total > 240);
		const fr = await ctx().get("/api/v1/countries?lang=fr&q=allemagne");
		assert.deepEqual(
			fr.body.items.map((c: any) => c.code),
			["DE"],
		);
		const ar = await ctx().get("/api/v1/countries?lang=ar&q=kenya");
		assert.equal(ar.body.items[0].name, "Kenya", "English where the codelist has no Arabic");
		const gb = await ctx().get("/api/v1/countries/gb");
		assert.equal(gb.status, 200);
		assert.deepEqual(countryDetail.parse(gb.body), gb.body);
		assert.equal(gb.body.code, "GB");
		assert.equal(gb.body.stakeholder.slug, "united-kingdom");
		assert.equal(
			gb.body.commitments_made,
			demo.commitments.filter((c) => c.makers.includes("united-kingdom")).length,
		);
		assert.ok(gb.body.names.fr && gb.body.names.es);
		const received = demo.commitments
			.filter((c) => c.recipients.some((r) => r.kind === "country"))
			.flatMap((c) => c.recipients.filter((r) => r.kind === "country").map((r) => r.code));
		if (received.length > 0) {
			const code = received[0] as string;
			const one = await ctx().get(`/api/v1/countries/${code}`);
			assert.equal(one.body.commitments_received, received.filter((r) => r === code).length);
		}
	});
});

describeEachDialect("codelists and groups", (ctx) => {
	it("serves the IATI codelists in en, fr and es, with English as the fallback", async () => {
		const sectors = await ctx().get("/api/v1/codelists/Sector");
		assert.equal(sectors.status, 200);
		const primary = sectors.body.items.find((i: any) => i.code === "11220");
		assert.deepEqual([primary.name, primary.category], ["Primary education", "112"]);
		const fr = await ctx().get("/api/v1/codelists/Currency?lang=fr");
		assert.ok(fr.body.items.some((i: any) => i.code === "XOF"));
		const regions = await ctx().get("/api/v1/codelists/Region?lang=ru");
		assert.equal(regions.body.items.find((i: any) => i.code === "298").name, "Africa, regional");
		assert.equal((await ctx().get("/api/v1/codelists/OrganisationType")).body.items.length, 16);
		const bad = await ctx().get("/api/v1/codelists/Colour");
		assert.equal(bad.status, 400);
		assert.match(bad.body.detail, /not a codelist/);
		const groups = await ctx().get("/api/v1/groups");
		assert.ok(
			["G8", "G20", "LDC", "SIDS"].every((g) => groups.body.items.some((i: any) => i.code === g)),
		);
	});

	it("loads the reference data once: skips unchanged files unparsed, checks what changed files produce", async () => {
		const { services } = ctx();
		const meta = new ReferenceRepository(services.database.db);
		assert.deepEqual(await services.reference.ensureLoaded(), { loaded: false });
		const sources = await meta.getMeta("reference_sources_hash");
		assert.match(sources ?? "", /^[0-9a-f]{64}$/);
		// Files that changed but produce the same data: nothing is loaded, the new hash is kept.
		await meta.setMeta("reference_sources_hash", "files as they were before");
		assert.deepEqual(await services.reference.ensureLoaded(), { loaded: false });
		assert.equal(await meta.getMeta("reference_sources_hash"), sources);
		// Files that produce other data: loaded again, and both hashes are kept.
		await meta.setMeta("reference_sources_hash", "files as they were before");
		await meta.setMeta("reference_data_hash", "data as it was before");
		assert.deepEqual(await services.reference.ensureLoaded(), { loaded: true });
		assert.equal(await meta.getMeta("reference_sources_hash"), sources);
		assert.notEqual(await meta.getMeta("reference_data_hash"), "data as it was before");
		assert.equal((await ctx().get("/api/v1/codelists/OrganisationType")).body.items.length, 16);
	});
});

describeEachDialect("health, documentation, home page", (ctx) => {
	it("reports the dialect and the migration state at /healthz", async () => {
		const res = await ctx().get("/healthz");
		assert.equal(res.status, 200);
		assert.equal(res.body.status, "ok");
		assert.equal(res.body.database.dialect, ctx().dialect);
		assert.equal(res.body.database.migrations.pending, 0);
		assert.ok(res.body.database.migrations.applied >= 2);
	});

	it("documents every API route in OpenAPI 3.1, parameters included", async () => {
		const res = await ctx().get("/api/openapi.json");
		assert.equal(res.status, 200);
		assert.equal(res.body.openapi, "3.1.0");
		const verdict = await new Validator().validate(res.body);
		assert.equal(verdict.valid, true, JSON.stringify(verdict.errors));
		assert.ok(
			res.body.components.securitySchemes.bearerAuth &&
				res.body.components.securitySchemes.cookieAuth,
		);
		assert.deepEqual(res.body.paths["/api/v1/commitments"].post.security, [
			{ bearerAuth: [] },
			{ cookieAuth: [], csrfToken: [] },
		]);
		for (const path of [
			"/api/v1/commitments",
			"/api/v1/commitments/{id}",
			"/api/v1/stakeholders",
			"/api/v1/stakeholders/{id}",
			"/api/v1/forums",
			"/api/v1/forums/{id}",
			"/api/v1/countries",
			"/api/v1/countries/{code}",
			"/api/v1/frameworks/{code}",
		]) {
			assert.ok(res.body.paths[path]?.get, path);
		}
		const list = res.body.paths["/api/v1/commitments"].get;
		const names = list.parameters.map((p: any) => p.name);
		for (const p of [
			"goal",
			"target",
			"stakeholder",
			"forum",
			"forum_kind",
			"recipient",
			"kind",
			"year_from",
			"year_to",
			"q",
			"sort",
			"page",
			"limit",
		])
			assert.ok(names.includes(p), p);
		const limit = list.parameters.find((p: any) => p.name === "limit");
		assert.deepEqual(
			[limit.schema.type, limit.schema.maximum, limit.schema.default],
			["integer", 200, 20],
		);
		assert.equal(list.parameters.find((p: any) => p.name === "goal").schema.type, "array");
		assert.ok(list.responses["200"].content["application/json"].schema.properties.items);
		assert.ok(list.responses["400"].content["application/problem+json"]);
	});

	it("serves a browsable API page, and sends / to the home page in the reader's language", async () => {
		const docs = await ctx().get("/api/docs");
		assert.equal(docs.status, 200);
		assert.match(String(docs.headers["content-type"]), /text\/html/);
		assert.match(docs.body, /GET \/api\/v1\/commitments/);
		assert.match(docs.body, /POST \/api\/v1\/commitments\/\{id\}\/reports/);
		assert.match(docs.body, /JSON body/);
		assert.match(docs.body, /Sign-in required/);
		// The home page itself lives under a language (test/web/home.test.ts); "/" sends there.
		const root = await ctx().app.inject({
			method: "GET",
			url: "/",
			headers: { "accept-language": "es-MX, es;q=0.9, en;q=0.5" },
		});
		assert.equal(root.statusCode, 302);
		assert.equal(root.headers.location, "/es/");
	});

	it("compresses answers for slow connections", async () => {
		const res = await ctx().app.inject({
			method: "GET",
			url: "/api/v1/frameworks/sdg",
			headers: { "accept-encoding": "br, gzip" },
		});
		assert.ok(["br", "gzip"].includes(String(res.headers["content-encoding"])));
		assert.ok(res.rawPayload.length < 60_000);
	});
});
