/**
 * The signed-in workspace through its plain forms (no JavaScript): a focal point drafts,
 * updates and submits; the secretariat publishes from its queue and moderates flagged
 * comments; a late save is told what changed meanwhile (409) and keeps what was typed;
 * makers report and assessors assess; every failed post shows its errors in place.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { common } from "../../src/web/i18n/common.messages.ts";
import { formattersFor } from "../../src/web/i18n/format.ts";
import { problems } from "../../src/web/i18n/problems.messages.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import {
	assertNoPlaceholder,
	assertPage,
	decodeHtml,
	escapeHtml,
	type FormFields,
	getHtml,
	postForm,
} from "../helpers/pages.ts";
import { call, type Person, person } from "../helpers/users.ts";

type Fields = FormFields;

function get(ctx: TestContext, url: string, p?: Person) {
	return getHtml(ctx, url, p?.headers.cookie as string | undefined);
}

/** A form post as a browser sends it: the cookie, and the CSRF token as a form field. */
function post(ctx: TestContext, url: string, fields: Fields, p: Person, csrf = true) {
	const token = p.headers["x-csrf-token"] as string;
	return postForm(ctx, url, csrf ? { ...fields, _csrf: token } : fields, {
		cookie: p.headers.cookie as string,
	});
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function hiddenVersion(html: string): number {
	const m = /<input type="hidden" name="version" value="(\d+)"/.exec(html);
	assert.ok(m, "the form carries the version it edits");
	return Number(m[1]);
}

function draftFields(maker: string, title: string): Fields {
	return {
		title,
		text: `${title}: the government will provide 12 million over 2016-2018 for clinics.`,
		kind: "financial",
		makers: maker,
		forum: "",
		announced_on: "2015-09-25",
		goals: ["sdg:3"],
		targets: "sdg:3.1, sdg:3.8",
		recipients: "KE, LDC",
		sectors: "",
		"financial.amount": "12000000",
		"financial.currency": "GBP",
		"financial.frequency": "total",
		"financial.price_basis": "current",
		"financial.price_base_year": "",
		"financial.period_start": "2016-01-01",
		"financial.period_end": "2018-12-31",
		"financial.additionality": "new",
		"financial.gni_share_min": "",
		"financial.gni_share_max": "",
		"financial.note": "",
		"policy.target": "",
		"policy.baseline": "",
		"policy.deadline": "",
		"sources.0.title": "Announcement",
		"sources.0.url": "https://example.org/announcement",
		"sources.0.document_symbol": "",
		"sources.0.published_on": "",
		"sources.1.title": "",
		"sources.1.url": "",
		"sources.1.document_symbol": "",
		"sources.1.published_on": "",
	};
}

function slugOf(location: unknown): string {
	const m = /^\/[a-z]{2}\/workspace\/commitments\/([a-z0-9-]+)\/edit\?done=created$/.exec(
		String(location),
	);
	assert.ok(m, `redirected to the new draft's page: ${location}`);
	return m[1] as string;
}

describeEachDialect("the workspace", (ctx) => {
	let ukFocal: Person;
	let secretariat: Person;

	before(async () => {
		ukFocal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		secretariat = await person(ctx(), { role: "secretariat" });
	});

	it("sends a visitor who is not signed in to sign in, and back", async () => {
		for (const url of [
			"/en/workspace",
			"/en/workspace/commitments/new",
			"/en/workspace/queue",
			"/en/workspace/moderation",
			"/en/workspace/commitments/united-kingdom-gavi-2011/edit",
		]) {
			const res = await ctx().app.inject({ method: "GET", url });
			assert.equal(res.statusCode, 303, url);
			assert.equal(res.headers.location, `/en/sign-in?next=${encodeURIComponent(url)}`);
		}
	});

	it("shows a focal point their stakeholder and its commitments, in every language", async () => {
		const res = await get(ctx(), "/en/workspace", ukFocal);
		assert.equal(res.statusCode, 200);
		assert.match(String(res.headers["cache-control"]), /private, no-store/);
		assert.match(res.body, /<h2 id="stakeholders-heading">My stakeholders<\/h2>/);
		assert.match(res.body, /href="\/en\/stakeholders\/united-kingdom"[^>]*>United Kingdom</);
		assert.match(res.body, /href="\/en\/workspace\/commitments\/united-kingdom-gavi-2011\/edit"/);
		assert.match(
			res.body,
			/href="\/en\/workspace\/commitments\/united-kingdom-gavi-2011\/reports\/new"/,
		);
		assert.match(res.body, /href="\/en\/workspace\/commitments\/new"/);
		assert.doesNotMatch(res.body, /id="queue-link"/, "no secretariat queues for a focal point");
		for (const lang of ["ar", "zh", "fr", "ru", "es"] as const) {
			const page = await get(ctx(), `/${lang}/workspace`, ukFocal);
			assert.equal(page.statusCode, 200);
			assertPage(page.body, `/${lang}/workspace`, lang);
			assert.match(page.body, new RegExp(`href="/${lang}/workspace/commitments/new"`));
		}
		const ar = await get(ctx(), "/ar/workspace", ukFocal);
		assert.match(ar.body, /مساحة العمل/);
		const arForm = await get(ctx(), "/ar/workspace/commitments/new", ukFocal);
		assert.equal(arForm.statusCode, 200);
		assertPage(arForm.body, "/ar/workspace/commitments/new", "ar");
	});

	it("shows the secretariat its queues, and tells a user without a role what to ask for", async () => {
		const res = await get(ctx(), "/en/workspace", secretariat);
		assert.equal(res.statusCode, 200);
		assert.match(res.body, /href="\/en\/workspace\/queue"/);
		assert.match(res.body, /href="\/en\/workspace\/moderation"/);
		const citizen = await person(ctx());
		const plain = await get(ctx(), "/en/workspace", citizen);
		assert.match(plain.body, /id="no-role"/);
		const queue = await get(ctx(), "/fr/workspace/queue", citizen);
		assert.equal(queue.statusCode, 403);
		assert.match(queue.body, /<html lang="fr"/);
		const draft = await get(ctx(), "/en/workspace/commitments/new", citizen);
		assert.equal(draft.statusCode, 403);
	});

	it("drafts, updates and submits as a focal point; the secretariat publishes from its queue", async () => {
		const form = await get(ctx(), "/en/workspace/commitments/new", ukFocal);
		assert.equal(form.statusCode, 200);
		for (const name of ["title", "text", "kind", "forum", "financial.amount", "policy.target"])
			assert.match(form.body, new RegExp(`<label for="${escapeRe(name)}">`), name);
		assert.match(form.body, /name="_csrf" value="[^"]+"/);
		assert.match(
			form.body,
			/<input type="checkbox" id="makers-0" name="makers" value="united-kingdom" checked/,
		);

		const created = await post(
			ctx(),
			"/en/workspace/commitments/new",
			draftFields("united-kingdom", "Workspace test: UK clinics in Kenya"),
			ukFocal,
		);
		assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
		const slug = slugOf(created.headers.location);
		const stored = await ctx().services.commitments.get(slug, cliActor);
		assert.equal(stored.status, "draft");
		assert.equal(stored.financial?.amount, "12000000.00");
		assert.equal(stored.financial?.currency, "GBP");
		assert.equal(stored.financial?.additionality, "new");
		assert.deepEqual(stored.targets.sort(), ["sdg:3.1", "sdg:3.8"]);
		assert.ok(stored.goals.includes("sdg:3"));
		assert.deepEqual(stored.recipients.map((r) => `${r.kind}:${r.code}`).sort(), [
			"country:KE",
			"group:LDC",
		]);
		assert.equal(stored.sources[0]?.url, "https://example.org/announcement");
		assert.equal(stored.sources.length, 1);

		const edit = await get(ctx(), `/en/workspace/commitments/${slug}/edit?done=created`, ukFocal);
		assert.equal(edit.statusCode, 200);
		assert.match(edit.body, /class="flash"[^>]*>\s*<p>The draft is saved/);
		assert.equal(hiddenVersion(edit.body), 1);
		assert.match(edit.body, /id="title"[^>]*value="Workspace test: UK clinics in Kenya"/);
		assert.match(edit.body, /id="financial.amount"[^>]*value="12000000.00"/);
		assert.match(edit.body, /id="step-submit"/);
		assert.doesNotMatch(edit.body, /id="step-publish"/, "makers do not publish");

		const fields = {
			...draftFields("united-kingdom", "Workspace test: UK clinics in Kenya"),
			"financial.amount": "15000000",
			version: "1",
			reason: "Amount confirmed",
		};
		const saved = await post(ctx(), `/en/workspace/commitments/${slug}/edit`, fields, ukFocal);
		assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
		assert.equal(saved.headers.location, `/en/workspace/commitments/${slug}/edit?done=saved`);
		assert.equal(
			(await ctx().services.commitments.get(slug, cliActor)).financial?.amount,
			"15000000.00",
		);

		const submitted = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/transition`,
			{ step: "submit", version: "2", back: "edit", reason: "" },
			ukFocal,
		);
		assert.equal(submitted.statusCode, 303);
		assert.equal(
			submitted.headers.location,
			`/en/workspace/commitments/${slug}/edit?done=submitted`,
		);
		const waiting = await get(
			ctx(),
			`/en/workspace/commitments/${slug}/edit?done=submitted`,
			ukFocal,
		);
		assert.match(waiting.body, /Submitted: the secretariat will check it/);
		assert.doesNotMatch(waiting.body, /id="commitment-form"/, "a submission waits unchanged");

		const queue = await get(ctx(), "/en/workspace/queue", secretariat);
		assert.equal(queue.statusCode, 200);
		assert.match(queue.body, new RegExp(`id="submission-${slug}"`));
		assert.match(queue.body, /Workspace test: UK clinics in Kenya/);
		// The text to publish, beside the sources it claims, to check one against the other.
		const item = queue.body.slice(queue.body.indexOf(`id="submission-${slug}"`));
		assert.match(
			item,
			/<blockquote dir="auto" class="prewrap">Workspace test: UK clinics in Kenya: the government will provide 12 million/,
		);
		assert.match(
			item,
			/<a href="https:\/\/example.org\/announcement" rel="noopener nofollow">Announcement<\/a>/,
		);

		// A return says why: without a reason the queue comes back with the error at its field.
		const noReason = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/transition`,
			{ step: "return", version: "3", back: "queue", reason: "" },
			secretariat,
		);
		assert.equal(noReason.statusCode, 400);
		assert.match(noReason.body, new RegExp(`id="return-${slug}-reason-error"`));

		const published = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/transition`,
			{ step: "publish", version: "3", back: "queue" },
			secretariat,
		);
		assert.equal(published.statusCode, 303);
		assert.equal(published.headers.location, "/en/workspace/queue?done=published");
		assert.equal((await ctx().services.commitments.get(slug, null)).status, "published");
		const after = await get(ctx(), "/en/workspace/queue?done=published", secretariat);
		assert.match(after.body, /Published: the commitment is now public/);
		assert.doesNotMatch(after.body, new RegExp(`id="submission-${slug}"`));

		// Published: the makers may report on it and withdraw it (with a reason).
		const open = await get(ctx(), `/en/workspace/commitments/${slug}/edit`, ukFocal);
		assert.match(open.body, /id="report-link"/);
		assert.match(open.body, /id="step-withdraw"/);
	});

	it("re-renders a bad amount with the error next to it and everything typed kept", async () => {
		const fields = {
			...draftFields("united-kingdom", "Workspace test: a bad amount"),
			"financial.amount": "12abc",
		};
		const res = await post(ctx(), "/en/workspace/commitments/new", fields, ukFocal);
		assert.equal(res.statusCode, 400);
		assert.match(res.body, /<div class="field invalid"><label for="financial.amount">/);
		assert.match(
			res.body,
			/id="financial.amount-error">Give an amount as a number, such as 1,500,000.50\.</,
		);
		assert.match(res.body, /id="financial.amount"[^>]*value="12abc"/);
		assert.match(
			res.body,
			/aria-invalid="true" aria-describedby="financial.amount-hint financial.amount-error"/,
		);
		assert.match(res.body, /id="title"[^>]*value="Workspace test: a bad amount"/);
		// Targets are ticked by name; those typed come back ticked under their goal, opened.
		assert.match(res.body, /<details open="" data-goal="sdg:3">|<details open data-goal="sdg:3">/);
		for (const code of ["sdg:3.1", "sdg:3.8"])
			assert.match(res.body, new RegExp(`name="targets" value="${escapeRe(code)}" checked`));
		assert.match(
			res.body,
			/<label for="targets-sdg-3-1" dir="auto">3.1 By 2030, reduce the global maternal mortality ratio/,
		);
		assert.doesNotMatch(res.body, /<details open[^>]*data-goal="sdg:4"/);
		assert.match(res.body, /name="goals" value="sdg:3" checked/);
		assert.match(res.body, /id="sources.0.url"[^>]*value="https:\/\/example.org\/announcement"/);
		assert.match(res.body, /<option value="total" selected>/);
		assert.match(res.body, /class="error-summary" role="alert"/);
		// On a French page the problem is said in French, the summary naming the field by its label.
		const fr = await post(ctx(), "/fr/workspace/commitments/new", fields, ukFocal);
		assert.equal(fr.statusCode, 400);
		const example = new Intl.NumberFormat("fr", { minimumFractionDigits: 2 }).format(1_500_000.5);
		const problem = problems.number.fr.replace("{example}", example);
		assert.ok(
			fr.body.includes(`id="financial.amount-error">${problem}</p>`),
			"the problem in French",
		);
		assert.ok(
			fr.body.includes(`<a href="#financial.amount">${common.amount.fr} : ${problem}</a>`) ||
				fr.body.includes(`<a href="#financial.amount">${common.amount.fr}: ${problem}</a>`),
		);
		assert.ok(!fr.body.includes("must be a decimal number"), "no English developer text");

		// A list typed in one field: the problem with one of its codes is shown at the field.
		const target = await post(
			ctx(),
			"/en/workspace/commitments/new",
			{
				...draftFields("united-kingdom", "Workspace test: bad target"),
				targets: "sdg:3.1, sdg:99.z",
			},
			ukFocal,
		);
		assert.equal(target.statusCode, 400);
		assert.match(target.body, /id="targets-error">[^<]*sdg:99.z[^<]*</);
		assert.match(
			target.body,
			/name="targets" value="sdg:99.z" checked/,
			"the typo stays, to untick",
		);

		// Naming a stakeholder one is not a member of.
		const other = await post(
			ctx(),
			"/en/workspace/commitments/new",
			draftFields("canada", "Workspace test: not mine"),
			ukFocal,
		);
		assert.equal(other.statusCode, 403);
		assert.match(other.body, /id="makers-error"/);
	});

	it("takes recipients and sectors by name in the page's language, and shows them back by name", async () => {
		const created = await post(
			ctx(),
			"/es/workspace/commitments/new",
			{
				...draftFields("united-kingdom", "Workspace test: by name"),
				recipients: "Kenia; Least developed countries; Congo, The Democratic Republic of the",
				sectors: "Atención sanitaria básica; 11220",
			},
			ukFocal,
		);
		assert.equal(created.statusCode, 303, created.body.slice(0, 3000));
		const slug = slugOf(created.headers.location);
		const stored = await ctx().services.commitments.get(slug, cliActor);
		assert.deepEqual(stored.recipients.map((r) => `${r.kind}:${r.code}`).sort(), [
			"country:CD",
			"country:KE",
			"group:LDC",
		]);
		assert.deepEqual(stored.sectors.map((x) => x.code).sort(), ["11220", "12220"]);
		// The edit form shows them by name, in the page's language.
		const edit = await get(ctx(), `/fr/workspace/commitments/${slug}/edit`, ukFocal);
		const shown = /id="recipients"[^>]*value="([^"]*)"/.exec(edit.body)?.[1] ?? "";
		const fr = new Intl.DisplayNames(["fr"], { type: "region" });
		assert.deepEqual(
			shown.split("; ").sort(),
			[fr.of("CD"), fr.of("KE"), "Least developed countries"].sort(),
		);
		const sectors = decodeHtml(/id="sectors"[^>]*value="([^"]*)"/.exec(edit.body)?.[1] ?? "");
		assert.ok(sectors.split("; ").includes("Soins et services de santé de base"), sectors);
		// A name that is none is named at the field, what was typed kept.
		const bad = await post(
			ctx(),
			"/en/workspace/commitments/new",
			{
				...draftFields("united-kingdom", "Workspace test: no such place"),
				recipients: "Kenya; Atlantis",
			},
			ukFocal,
		);
		assert.equal(bad.statusCode, 400);
		assert.match(bad.body, /id="recipients-error">[^<]*atlantis/i);
		assert.match(bad.body, /id="recipients"[^>]*value="Kenya; Atlantis"/);
	});

	it("refuses a form post without the CSRF token", async () => {
		const res = await post(
			ctx(),
			"/en/workspace/commitments/new",
			draftFields("united-kingdom", "Workspace test: no token"),
			ukFocal,
			false,
		);
		assert.equal(res.statusCode, 403);
		assert.match(String(res.headers["content-type"]), /^text\/html/);
		assert.match(res.body, /<html lang="en"/);
		const found = await call(ctx(), ukFocal, "GET", "/api/v1/workspace/commitments?limit=200");
		assert.ok(!found.body.items.some((c: any) => c.title === "Workspace test: no token"));
	});

	it("holds a published text's change for the secretariat: the maker sees it wait, the queue accepts or rejects it", async () => {
		const title = "Workspace test: reviewed wording";
		const created = await post(
			ctx(),
			"/en/workspace/commitments/new",
			draftFields("united-kingdom", title),
			ukFocal,
		);
		const slug = slugOf(created.headers.location);
		for (const step of ["submit", "publish"] as const)
			await ctx().services.commitments.transition(slug, step, {}, cliActor);
		const editUrl = `/en/workspace/commitments/${slug}/edit`;
		const before = await get(ctx(), editUrl, ukFocal);
		assert.match(
			before.body,
			/id="review-hint"[^>]*>This commitment is published: a change to its verbatim text waits/,
		);
		const published = (await ctx().services.commitments.get(slug, cliActor)).text;
		const proposeText = (text: string) =>
			post(
				ctx(),
				editUrl,
				{
					...draftFields("united-kingdom", title),
					text,
					text_kind: "verbatim",
					"quote.source": "1",
					"quote.locator": "para. 4",
					version: String(hiddenVersion(before.body)),
					reason: "Quoted as the communiqué words it",
				},
				ukFocal,
			);
		const saved = await proposeText("The government will provide up to 12 million for clinics.");
		assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
		assert.equal(saved.headers.location, `${editUrl}?done=proposed`);
		assert.equal((await ctx().services.commitments.get(slug, cliActor)).text, published);

		const waiting = await get(ctx(), `${editUrl}?done=proposed`, ukFocal);
		assert.match(waiting.body, /class="flash"[^>]*>\s*<p>Your change is sent to the secretariat/);
		assert.match(waiting.body, /id="pending-proposal"/);
		assert.match(
			waiting.body,
			/<tr data-field="text"><th scope="row">Text of the commitment<\/th><td dir="auto" class="before">[^<]*12 million over 2016-2018[^<]*<\/td><td dir="auto" class="after">The government will provide up to 12 million for clinics.<\/td>/,
		);
		assert.match(waiting.body, /id="withdraw-proposal-\d+"/);
		assert.doesNotMatch(
			waiting.body,
			/id="commitment-form"/,
			"nothing else changes while it waits",
		);

		// The secretariat's queue: the change beside the published text; a reject needs a reason.
		const home = await get(ctx(), "/en/workspace", secretariat);
		assert.match(home.body, /id="proposals-link"/);
		const queue = await get(ctx(), "/en/workspace/proposals", secretariat);
		assert.equal(queue.statusCode, 200);
		assertPage(queue.body, "/en/workspace/proposals", "en");
		const id = Number(/id="proposal-(\d+)"/.exec(queue.body)?.[1]);
		assert.ok(id > 0);
		assert.match(queue.body, /Waits for review because it changes the verbatim text/);
		const noReason = await post(ctx(), `/en/workspace/proposals/${id}/reject`, {}, secretariat);
		assert.equal(noReason.statusCode, 400);
		assert.match(noReason.body, /id="action-error"/);
		assert.match(noReason.body, new RegExp(`id="reject-${id}-reason-error"`));
		const rejected = await post(
			ctx(),
			`/en/workspace/proposals/${id}/reject`,
			{ reason: "The communiqué says 12 million, without 'up to'" },
			secretariat,
		);
		assert.equal(rejected.statusCode, 303);
		assert.equal(rejected.headers.location, "/en/workspace/proposals?done=proposal_rejected");
		const told = await get(ctx(), editUrl, ukFocal);
		assert.match(told.body, /id="rejected-proposal"/);
		assert.match(told.body, /without &#39;up to&#39;|without 'up to'/);
		assert.match(told.body, /id="commitment-form"/, "the form is back");

		// A second proposal, withdrawn by its maker; a third, accepted.
		await proposeText("A wording withdrawn.");
		const second = Number(
			/id="withdraw-proposal-(\d+)"/.exec((await get(ctx(), editUrl, ukFocal)).body)?.[1],
		);
		const withdrawn = await post(ctx(), `/en/workspace/proposals/${second}/withdraw`, {}, ukFocal);
		assert.equal(withdrawn.headers.location, `${editUrl}?done=proposal_withdrawn`);
		await proposeText("The government will provide 12 million for clinics in Kenya.");
		const third = Number(
			/id="proposal-(\d+)"/.exec(
				(await get(ctx(), "/en/workspace/proposals", secretariat)).body,
			)?.[1],
		);
		const accepted = await post(ctx(), `/en/workspace/proposals/${third}/accept`, {}, secretariat);
		assert.equal(accepted.headers.location, "/en/workspace/proposals?done=proposal_accepted");
		const publicPage = await get(ctx(), `/en/commitments/${slug}`);
		assert.match(publicPage.body, /The government will provide 12 million for clinics in Kenya./);
		const fr = await get(ctx(), "/fr/workspace/proposals", secretariat);
		assertPage(fr.body, "/fr/workspace/proposals", "fr");
		assert.match(
			fr.body,
			/Aucune modification proposée n’attend d’examen|Aucune modification proposée n&#39;attend/,
		);
	});

	it("explains a version conflict: 409, the other change, what was typed kept, the new version to apply it over", async () => {
		const a = await person(ctx(), { memberships: [{ stakeholder: "japan", role: "focal_point" }] });
		const b = await person(ctx(), { memberships: [{ stakeholder: "japan", role: "editor" }] });
		const base = draftFields("japan", "Workspace test: Japan clinics");
		const created = await post(ctx(), "/en/workspace/commitments/new", base, a);
		const slug = slugOf(created.headers.location);
		const url = `/en/workspace/commitments/${slug}/edit`;
		const pageA = await get(ctx(), url, a);
		const pageB = await get(ctx(), url, b);
		const v = hiddenVersion(pageA.body);
		assert.equal(hiddenVersion(pageB.body), v);

		const first = await post(
			ctx(),
			url,
			{
				...base,
				title: "Workspace test: Japan clinics, renamed by A",
				"financial.amount": "15000000",
				version: String(v),
			},
			a,
		);
		assert.equal(first.statusCode, 303);

		const typed = "B typed this text while A was saving: the clinics open in 2017.";
		const late = await post(ctx(), url, { ...base, text: typed, version: String(v) }, b);
		assert.equal(late.statusCode, 409);
		assert.match(late.body, /id="conflict"/);
		assert.match(late.body, /Someone else saved this commitment first/);
		assert.match(
			late.body,
			new RegExp(`You started from version ${v}; the stored version is now ${v + 1}`),
		);
		const row = /<tr data-field="title">([\s\S]*?)<\/tr>/.exec(late.body)?.[1] ?? "";
		assert.match(row, /<th scope="row">Title<\/th>/);
		assert.match(row, /class="before">Workspace test: Japan clinics</);
		assert.match(row, /class="after">Workspace test: Japan clinics, renamed by A</);
		// Told as the history tells it: the stored field, its label, the amount in its currency.
		const en = formattersFor("en");
		const amount = /<tr data-field="financial.amount_minor">([\s\S]*?)<\/tr>/.exec(late.body)?.[1];
		assert.ok(amount, "the amount's change is shown");
		assert.match(amount, /<th scope="row">Amount<\/th>/);
		assert.ok(amount.includes(`class="before">${escapeHtml(en.money(12000000, "GBP"))}<`));
		assert.ok(amount.includes(`class="after">${escapeHtml(en.money(15000000, "GBP"))}<`));
		for (const [, field, label] of late.body.matchAll(
			/<tr data-field="([^"]+)">\s*<th scope="row">([^<]*)<\/th>/g,
		))
			assert.notEqual(label, field, `${field} is labelled`);
		assert.match(late.body, new RegExp(`<textarea id="text"[^>]*>${escapeRe(typed)}</textarea>`));
		assert.equal(hiddenVersion(late.body), v + 1, "the form now edits the stored version");

		const ar = await post(
			ctx(),
			url.replace("/en/", "/ar/"),
			{ ...base, text: typed, version: String(v) },
			b,
		);
		assert.equal(ar.statusCode, 409);
		assertPage(ar.body, "conflict in Arabic", "ar");

		// Applying it again over the new version works.
		const again = await post(ctx(), url, { ...base, text: typed, version: String(v + 1) }, b);
		assert.equal(again.statusCode, 303);
		assert.equal((await ctx().services.commitments.get(slug, cliActor)).text, typed);
	});

	it("files a maker's progress report, with its errors in place when wrong", async () => {
		const canada = await person(ctx(), {
			memberships: [{ stakeholder: "canada", role: "focal_point" }],
		});
		const slug = "canada-muskoka-2010-mnch";
		const form = await get(ctx(), `/en/workspace/commitments/${slug}/reports/new`, canada);
		assert.equal(form.statusCode, 200);
		assert.match(form.body, /<option value="canada" selected>Canada/);
		assert.match(form.body, /<label for="disbursed.amount">/);
		assert.match(form.body, /<label for="national_strategy.document">/);
		const fields: Fields = {
			kind: "maker",
			stakeholder: "canada",
			period_start: "2011-01-01",
			period_end: "2011-12-31",
			"disbursed.amount": "500000000",
			"disbursed.currency": "CAD",
			"disbursed.recipients": "",
			"disbursed.by_year.0.year": "2011",
			"disbursed.by_year.0.amount": "1",
			policy_status: "in_progress",
			narrative: "Disbursed through bilateral maternal health programmes.",
			"evidence.0.title": "Annual report",
			"evidence.0.url": "https://example.org/canada-2011",
			"evidence.1.title": "",
			"evidence.1.url": "",
			"national_strategy.document": "",
			"national_strategy.section": "",
			"national_strategy.url": "",
		};
		const bad = await post(ctx(), `/en/workspace/commitments/${slug}/reports/new`, fields, canada);
		assert.equal(bad.statusCode, 400);
		assert.match(bad.body, /id="disbursed.by_year-error">[^<]*The years add up to/);
		assert.match(bad.body, /Disbursed through bilateral maternal health programmes\.<\/textarea>/);
		// A year that is not one is named at its own row, the rows typed kept.
		const badYear = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/reports/new`,
			{
				...fields,
				"disbursed.by_year.0.amount": "300000000",
				"disbursed.by_year.1.year": "20x2",
				"disbursed.by_year.1.amount": "200000000",
			},
			canada,
		);
		assert.equal(badYear.statusCode, 400);
		assert.match(badYear.body, /id="disbursed.by_year.1.year-error"/);
		assert.match(badYear.body, /id="disbursed.by_year.1.year"[^>]*value="20x2"/);
		assert.match(bad.body, /<option value="in_progress" selected>/);

		const ok = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/reports/new`,
			{ ...fields, "disbursed.by_year.0.amount": "500000000" },
			canada,
		);
		assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
		assert.equal(ok.headers.location, `/en/commitments/${slug}#reports`);
		const reports = await ctx().services.reports.list(slug, null);
		const mine = reports.items.find((r: any) =>
			r.narrative.startsWith("Disbursed through bilateral"),
		);
		assert.ok(mine, "the report is stored");
		assert.equal(mine.disbursed?.amount, "500000000.00");
		assert.equal(mine.evidence[0]?.url, "https://example.org/canada-2011");

		// Amounts as a French or an Arabic page writes them, one row a year.
		for (const [lang, amount, [first, second], narrative] of [
			["fr", "1 000 000,50", ["600\u202F000,50", "400 000"], "Versé en deux ans."],
			["ar", "١٬٠٠٠٬٠٠٠٫٥٠", ["٦٠٠٬٠٠٠٫٥٠", "٤٠٠٬٠٠٠"], "صُرف على عامين."],
		] as const) {
			const localised = await post(
				ctx(),
				`/${lang}/workspace/commitments/${slug}/reports/new`,
				{
					...fields,
					period_end: "2012-12-31",
					"disbursed.amount": amount,
					"disbursed.by_year.0.year": "2011",
					"disbursed.by_year.0.amount": first,
					"disbursed.by_year.1.year": "2012",
					"disbursed.by_year.1.amount": second,
					narrative,
				},
				canada,
			);
			assert.equal(localised.statusCode, 303, `${lang}: ${localised.body.slice(0, 2000)}`);
			const filed = (await ctx().services.reports.list(slug, null)).items.find(
				(r: any) => r.narrative === narrative,
			);
			assert.equal(filed?.disbursed?.amount, "1000000.50", lang);
			assert.deepEqual(
				filed?.disbursed?.by_year?.map((y: any) => [y.year, y.amount]),
				[
					[2011, "600000.50"],
					[2012, "400000.00"],
				],
				lang,
			);
		}

		// Policy progress alone: the prefilled currency asks for no amount.
		const policyOnly = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/reports/new`,
			{
				...fields,
				"disbursed.amount": "",
				"disbursed.by_year.0.year": "",
				"disbursed.by_year.0.amount": "",
				narrative: "Policy progress only this period.",
			},
			canada,
		);
		assert.equal(policyOnly.statusCode, 303, policyOnly.body.slice(0, 2000));
		const policyReport = (await ctx().services.reports.list(slug, null)).items.find((r: any) =>
			r.narrative.startsWith("Policy progress only"),
		);
		assert.equal(policyReport?.disbursed ?? null, null);

		// Someone with no part in it may not report.
		const stranger = await person(ctx(), {
			memberships: [{ stakeholder: "brazil", role: "focal_point" }],
		});
		assert.equal(
			(await get(ctx(), `/en/workspace/commitments/${slug}/reports/new`, stranger)).statusCode,
			403,
		);
	});

	it("lets the filer correct a report (a new version, with the reason) and withdraw it (kept, counted nowhere)", async () => {
		const canada = await person(ctx(), {
			memberships: [{ stakeholder: "canada", role: "focal_point" }],
		});
		const slug = "canada-muskoka-2010-mnch";
		const filed = await ctx().services.reports.create(
			slug,
			{
				kind: "maker",
				stakeholder: "canada",
				period_start: "2013-01-01",
				period_end: "2013-12-31",
				disbursed: {
					amount: "250000000",
					currency: "CAD",
					by_year: [{ year: 2013, amount: "250000000" }],
				},
				narrative: "A report to be corrected, then withdrawn.",
			},
			cliActor,
		);
		const id = filed.id;
		const deliveredBefore = (await ctx().get(`/api/v1/commitments/${slug}/delivery`)).body;
		// Its filer's focal point sees the links on the public page; someone else does not.
		const page = await get(ctx(), `/en/commitments/${slug}`, canada);
		const base = `/en/workspace/commitments/${slug}/reports/${id}`;
		assert.ok(
			page.body.includes(`href="${base}/edit"`) && page.body.includes(`href="${base}/withdraw"`),
		);
		const other = await person(ctx(), {
			memberships: [{ stakeholder: "japan", role: "focal_point" }],
		});
		assert.ok(!(await get(ctx(), `/en/commitments/${slug}`, other)).body.includes(`${base}/edit`));
		assert.equal((await get(ctx(), `${base}/edit`, other)).statusCode, 403);

		// The correction form comes filled with what was filed, at its version.
		const form = await get(ctx(), `${base}/edit`, canada);
		assert.equal(form.statusCode, 200);
		assert.ok(form.body.includes("A report to be corrected, then withdrawn.</textarea>"));
		assert.match(form.body, /id="disbursed.by_year.0.year"[^>]*value="2013"/);
		assert.match(form.body, /id="disbursed.by_year.0.amount"[^>]*value="250000000.00"/);
		const version = hiddenVersion(form.body);
		const fields: Fields = {
			version: String(version),
			kind: "maker",
			stakeholder: "canada",
			period_start: "2013-01-01",
			period_end: "2013-12-31",
			"disbursed.amount": "200000000",
			"disbursed.currency": "CAD",
			"disbursed.recipients": "",
			"disbursed.by_year.0.year": "2013",
			"disbursed.by_year.0.amount": "250000000",
			policy_status: "",
			narrative: "A report to be corrected, then withdrawn.",
			reason: "The 2013 figure was the budget, not the disbursement.",
		};
		// A mistake comes back in place; the right figures make a new version.
		const bad = await post(ctx(), `${base}/edit`, fields, canada);
		assert.equal(bad.statusCode, 400);
		assert.match(bad.body, /id="disbursed.by_year-error">[^<]*The years add up to/);
		const ok = await post(
			ctx(),
			`${base}/edit`,
			{ ...fields, "disbursed.by_year.0.amount": "200000000" },
			canada,
		);
		assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
		assert.equal(ok.headers.location, `/en/commitments/${slug}#report-${id}`);
		const corrected = await ctx().services.reports.get(String(id), null);
		assert.equal(corrected.disbursed?.amount, "200000000.00");
		assert.equal(corrected.version, version + 1);
		assert.equal(corrected.versions.at(-1)?.reason, fields.reason);
		// Saving again from the old form is a conflict, not a silent overwrite.
		const stale = await post(
			ctx(),
			`${base}/edit`,
			{ ...fields, "disbursed.by_year.0.amount": "200000000" },
			canada,
		);
		assert.equal(stale.statusCode, 409);

		// Withdrawn with a reason (refused without one): kept on the page, counted nowhere.
		const withdrawForm = await get(ctx(), `${base}/withdraw`, canada);
		assert.equal(withdrawForm.statusCode, 200);
		const noReason = await post(
			ctx(),
			`${base}/withdraw`,
			{ version: String(version + 1), reason: "" },
			canada,
		);
		assert.equal(noReason.statusCode, 400);
		assert.match(noReason.body, /id="reason-error"/);
		const withdrawn = await post(
			ctx(),
			`${base}/withdraw`,
			{ version: String(version + 1), reason: "Filed on the wrong commitment." },
			canada,
		);
		assert.equal(withdrawn.statusCode, 303, withdrawn.body.slice(0, 1500));
		const after = await get(ctx(), `/en/commitments/${slug}`);
		assert.ok(after.body.includes("Filed on the wrong commitment."));
		assert.ok(after.body.includes('class="report card withdrawn"'));
		const deliveredAfter = (await ctx().get(`/api/v1/commitments/${slug}/delivery`)).body;
		assert.equal(
			Math.round(Number(deliveredBefore.delivered_own.current) * 100) -
				Math.round(Number(deliveredAfter.delivered_own.current) * 100) >
				0,
			true,
			"its money no longer counts",
		);
		const api = (await ctx().get(`/api/v1/reports/${id}`)).body;
		assert.equal(api.withdrawn.reason, "Filed on the wrong commitment.");
		// Once withdrawn, neither corrected nor withdrawn again.
		assert.equal((await get(ctx(), `${base}/edit`, canada)).statusCode, 409);
		const again = await call(ctx(), canada, "POST", `/api/v1/reports/${id}/withdraw`, {
			version: version + 2,
			reason: "Again",
		});
		assert.equal(again.status, 409);
	});

	it("lets an assessor assess a public commitment, independent of its makers", async () => {
		const assessor = await person(ctx(), { role: "assessor" });
		const home = await get(ctx(), "/en/workspace", assessor);
		assert.match(home.body, /id="to-assess"/);
		const slug = "australia-gavi-2011";
		const listed = (html: string) => {
			const list = (html.split('id="assess-list"')[1] ?? "").split("</ul>")[0] ?? "";
			return [...list.matchAll(/href="\/en\/commitments\/([^"#]+)"/g)].map((m) => m[1] as string);
		};
		// By default the commitments nobody assessed yet, each saying so.
		assert.ok(listed(home.body).includes(slug));
		assert.match(home.body, /not assessed yet/);
		// A goal narrows it to the commitments serving that goal, as the list API gives them.
		const byGoal = await get(ctx(), "/en/workspace?assess_goal=mdg:8&assess_state=all", assessor);
		const mdg8 = new Set(
			(await ctx().get("/api/v1/commitments?goal=mdg:8&status=published&limit=200")).body.items.map(
				(c: { slug: string }) => c.slug,
			),
		);
		assert.ok(listed(byGoal.body).length > 0);
		assert.ok(listed(byGoal.body).every((s) => mdg8.has(s)));
		assert.match(byGoal.body, /<option value="mdg:8" selected>/);
		const unknown = await get(ctx(), "/en/workspace?assess_goal=mdg:99", assessor);
		assert.match(unknown.body, /class="error" role="alert"/);
		const form = await get(ctx(), `/en/workspace/commitments/${slug}/assess`, assessor);
		assert.equal(form.statusCode, 200);
		assert.match(form.body, /<label for="rationale">/);
		assert.match(form.body, /<label for="maker_scores.australia"[^>]*>Australia/);

		const short = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/assess`,
			{ scheme: "scorecard", score: "good", rationale: "Too short", "maker_scores.australia": "" },
			assessor,
		);
		assert.equal(short.statusCode, 400);
		assert.match(short.body, /id="rationale-error">[^<]*at least 20 characters/);
		assert.match(short.body, /Too short<\/textarea>/);

		const ok = await post(
			ctx(),
			`/en/workspace/commitments/${slug}/assess`,
			{
				scheme: "scorecard",
				score: "good",
				rationale: "Paid in full and on time, as the GAVI records show.",
				"maker_scores.australia": "",
				"evidence.0.title": "GAVI donor contributions",
				"evidence.0.url": "https://example.org/gavi",
				assessed_on: "2014-06-30",
			},
			assessor,
		);
		assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
		assert.equal(ok.headers.location, `/en/commitments/${slug}#assessments`);
		const list = await ctx().services.assessments.list(slug, null);
		assert.equal(list.total, 1);
		assert.equal(list.items[0]?.score, "good");
		assert.equal(list.items[0]?.assessed_on, "2014-06-30");
		// Once assessed it leaves the default list, and the assessed list says when.
		assert.ok(!listed((await get(ctx(), "/en/workspace", assessor)).body).includes(slug));
		const assessed = await get(ctx(), "/en/workspace?assess_state=assessed", assessor);
		assert.ok(listed(assessed.body).includes(slug));
		assert.ok(
			assessed.body.includes(
				`assessed 1 time(s), last on ${formattersFor("en").date("2014-06-30")}`,
			),
		);

		// Not an assessor, or a member of a maker: the localised 403 page.
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "australia", role: "focal_point" }],
		});
		const refused = await get(ctx(), `/es/workspace/commitments/${slug}/assess`, focal);
		assert.equal(refused.statusCode, 403);
		assert.match(refused.body, /<html lang="es"/);
	});

	it("moderates flagged comments: hide with a reason, show again, dismiss flags", async () => {
		const slug = "gates-foundation-fp-2012";
		const author = await person(ctx());
		const flagger = await person(ctx());
		const write = async (body: string) => {
			const c = await call(ctx(), author, "POST", `/api/v1/commitments/${slug}/comments`, { body });
			assert.equal(c.status, 201, JSON.stringify(c.body));
			const f = await call(ctx(), flagger, "POST", `/api/v1/comments/${c.body.id}/flag`, {
				reason: "Insulting other readers",
			});
			assert.equal(f.status, 200, JSON.stringify(f.body));
			return c.body.id as number;
		};
		const abusive = await write("An abusive comment <b>with markup</b>");
		const fine = await write("A sharp but fair comment");

		const page = await get(ctx(), "/en/workspace/moderation", secretariat);
		assert.equal(page.statusCode, 200);
		assert.match(page.body, new RegExp(`id="flagged-${abusive}"`));
		assert.match(page.body, /An abusive comment &lt;b>with markup&lt;\/b>/);
		assert.match(page.body, /Insulting other readers/);

		const noReason = await post(
			ctx(),
			`/en/workspace/moderation/${abusive}/hide`,
			{ reason: "" },
			secretariat,
		);
		assert.equal(noReason.statusCode, 400);
		assert.match(noReason.body, new RegExp(`id="hide-${abusive}-reason-error"`));

		const hidden = await post(
			ctx(),
			`/en/workspace/moderation/${abusive}/hide`,
			{ reason: "Abusive language" },
			secretariat,
		);
		assert.equal(hidden.statusCode, 303);
		assert.equal(
			hidden.headers.location,
			`/en/workspace/moderation?done=hidden&comment=${abusive}`,
		);
		const thread = await ctx().services.comments.thread({ commitment: slug }, null);
		const shown = thread.items.find((c) => c.id === abusive);
		assert.equal(shown?.hidden, true);
		assert.equal(shown?.body, null);

		const flash = await get(
			ctx(),
			`/en/workspace/moderation?done=hidden&comment=${abusive}`,
			secretariat,
		);
		assert.match(flash.body, /The comment is hidden/);
		assert.match(flash.body, new RegExp(`action="/en/workspace/moderation/${abusive}/unhide"`));
		const unhidden = await post(
			ctx(),
			`/en/workspace/moderation/${abusive}/unhide`,
			{},
			secretariat,
		);
		assert.equal(unhidden.statusCode, 303);
		assert.equal(unhidden.headers.location, "/en/workspace/moderation?done=unhidden");
		const again = await ctx().services.comments.thread({ commitment: slug }, null);
		assert.equal(again.items.find((c) => c.id === abusive)?.hidden, false);

		const dismissed = await post(
			ctx(),
			`/en/workspace/moderation/${fine}/dismiss`,
			{},
			secretariat,
		);
		assert.equal(dismissed.statusCode, 303);
		assert.equal(dismissed.headers.location, "/en/workspace/moderation?done=dismissed");
		const left = await get(ctx(), "/en/workspace/moderation?done=dismissed", secretariat);
		assert.match(left.body, /The flags are dismissed/);
		assert.doesNotMatch(left.body, new RegExp(`id="flagged-${fine}"`));

		const zh = await get(ctx(), "/zh/workspace/moderation", secretariat);
		assert.equal(zh.statusCode, 200);
		assertNoPlaceholder(zh.body, "/zh/workspace/moderation");
		assert.equal((await get(ctx(), "/en/workspace/moderation", author)).statusCode, 403);
	});
});
