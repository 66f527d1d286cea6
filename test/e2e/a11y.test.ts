/**
 * Accessibility: axe on every page type of the portal and the workspace, in English and in
 * Arabic (right to left), with no serious or critical violation. One browser, one page
 * per person reused from address to address; the queues hold an item each, so that their
 * forms are checked too.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { cliActor } from "../../src/lib/actor.ts";
import { call, type Person, signIn } from "../helpers/users.ts";
import {
	type DemoPages,
	describeInBrowser,
	type E2eUser,
	type E2eUsers,
	findDemoPages,
	linkedActivity,
	seriousA11yViolations,
	signInPage,
} from "./harness.ts";

type Who =
	| "anonymous"
	| keyof Pick<E2eUsers, "focalPoint" | "editor" | "assessor" | "secretariat" | "commenter">;

interface PageType {
	name: string;
	who: Who;
	path: (demo: DemoPages) => string;
	/** The status expected (200 unless said). */
	status?: number;
	/** What must be on the page for the check to cover it (a queue's items...). */
	holds?: string;
	/** What has the focus once the page opens (a failed form's error summary). */
	focused?: string;
	/** Brings the page to the state to check (a form posted with mistakes...), after loading it. */
	act?: (page: Page) => Promise<number>;
}

/** Clicks and waits for the navigation it causes, returning the answer's status. */
async function navigate(page: Page, click: () => Promise<void>): Promise<number> {
	const [response] = await Promise.all([page.waitForNavigation(), click()]);
	return response?.status() ?? 0;
}

/** The page of an IATI activity linked to the commitment checked (set up in `before`). */
let activityPath = "";
/** A published commitment with a change of its text waiting for review (set up in `before`). */
let proposedSlug = "";

const pageTypes: PageType[] = [
	{ name: "home", who: "anonymous", path: () => "/" },
	{ name: "explorer", who: "anonymous", path: () => "/commitments" },
	{
		name: "explorer, filtered",
		who: "anonymous",
		path: (d) => `/commitments?kind=financial&stakeholder=${d.stakeholder}`,
	},
	{ name: "commitment", who: "anonymous", path: (d) => `/commitments/${d.commitment.slug}` },
	{
		name: "commitment, share-of-income target",
		who: "anonymous",
		path: () => "/commitments/uk-2010-oda-0-7-from-2013",
	},
	{
		name: "commitment, collective share target with years not published",
		who: "anonymous",
		path: () => "/commitments/istanbul-2011-oda-to-ldcs",
	},
	{
		name: "commitment, increase measured on the DAC's statistics, members beside it",
		who: "anonymous",
		path: () => "/commitments/gleneagles-2005-africa-oda-increase",
	},
	{ name: "stakeholder", who: "anonymous", path: (d) => `/stakeholders/${d.stakeholder}` },
	{
		name: "stakeholder, collective donor",
		who: "anonymous",
		path: () => "/stakeholders/european-union",
	},
	{ name: "country", who: "anonymous", path: (d) => `/countries/${d.country}` },
	{ name: "goals index", who: "anonymous", path: () => "/goals" },
	{ name: "goal", who: "anonymous", path: (d) => `/goals/${d.goal}` },
	{ name: "target", who: "anonymous", path: (d) => `/targets/${d.target}` },
	{ name: "MDG 8 theme (aid)", who: "anonymous", path: () => "/goals/mdg:8/themes/aid" },
	{ name: "MDG 8 theme, no data", who: "anonymous", path: () => "/goals/mdg:8/themes/debt" },
	{ name: "forums index", who: "anonymous", path: () => "/forums" },
	{ name: "stakeholders league table", who: "anonymous", path: () => "/stakeholders?sort=gap" },
	{ name: "IATI activity", who: "anonymous", path: () => activityPath },
	{ name: "IATI activities", who: "anonymous", path: () => "/activities" },
	{
		name: "explorer by delivery status",
		who: "anonymous",
		path: () => "/commitments?delivery=no_data&sort=-gap_usd",
	},
	{ name: "forum", who: "anonymous", path: (d) => `/forums/${d.forum}` },
	{ name: "map", who: "anonymous", path: () => "/map" },
	{ name: "methodology", who: "anonymous", path: () => "/methodology" },
	{ name: "api", who: "anonymous", path: () => "/api" },
	{ name: "about", who: "anonymous", path: () => "/about" },
	{ name: "sign-in", who: "anonymous", path: () => "/sign-in" },
	{ name: "register", who: "anonymous", path: () => "/register" },
	{
		name: "commitment, signed in (comment, reply and report forms)",
		who: "commenter",
		path: (d) => `/commitments/${d.commitment.slug}`,
	},
	{ name: "workspace home", who: "focalPoint", path: () => "/workspace" },
	{ name: "new commitment form", who: "editor", path: () => "/workspace/commitments/new" },
	{
		name: "commitment edit form",
		who: "focalPoint",
		path: (d) => `/workspace/commitments/${d.commitment.slug}/edit`,
	},
	{
		name: "report form",
		who: "focalPoint",
		path: (d) => `/workspace/commitments/${d.commitment.slug}/reports/new`,
	},
	{
		name: "assess form",
		who: "assessor",
		path: (d) => `/workspace/commitments/${d.commitment.slug}/assess`,
	},
	{
		name: "queue",
		who: "secretariat",
		path: () => "/workspace/queue",
		holds: "#queue .queue-item",
	},
	{
		name: "proposed changes queue",
		who: "secretariat",
		path: () => "/workspace/proposals",
		holds: "#proposals .queue-item",
	},
	{
		name: "commitment edit form, a change awaiting review",
		who: "focalPoint",
		path: () => `/workspace/commitments/${proposedSlug}/edit`,
		holds: "#pending-proposal",
	},
	{
		name: "moderation",
		who: "secretariat",
		path: () => "/workspace/moderation",
		holds: "#flagged .queue-item",
	},
	// States with errors: summaries, invalid fields, error pages.
	{
		name: "new commitment form, posted empty",
		who: "editor",
		path: () => "/workspace/commitments/new",
		status: 400,
		holds: "[aria-invalid=true]",
		focused: ".error-summary",
		act: (page) =>
			navigate(page, () => page.locator("#commitment-form button[type=submit]").click()),
	},
	{
		name: "sign-in, wrong password",
		who: "anonymous",
		path: () => "/sign-in",
		status: 401,
		holds: ".error-summary",
		focused: ".error-summary",
		act: async (page) => {
			const form = page.locator("#sign-in-form");
			await form.locator("#email").fill("nobody@e2e.example.org");
			await form.locator("#password").fill("not the password");
			return navigate(page, () => form.locator("button[type=submit]").click());
		},
	},
	{
		name: "explorer, a refused parameter",
		who: "anonymous",
		path: () => "/commitments?year_from=20x5",
		status: 400,
		holds: "#explorer-errors",
	},
	{
		name: "not found",
		who: "anonymous",
		path: () => "/commitments/no-such-commitment",
		status: 404,
	},
];

describeInBrowser(
	"accessibility (axe)",
	(ctx) => {
		let demo: DemoPages;
		const pages = new Map<Who, Page>();

		/** One page per person, reused: its context holds the person's session. */
		async function pageOf(who: Who, users: E2eUsers): Promise<Page> {
			let page = pages.get(who);
			if (!page) {
				page = await ctx().newPage();
				if (who !== "anonymous") await signInPage(page, ctx().baseUrl, users[who] as E2eUser);
				pages.set(who, page);
			}
			return page;
		}

		before(async () => {
			demo = await findDemoPages(ctx().baseUrl);
			activityPath = await linkedActivity(ctx().services, demo.commitment.slug);
			const users = await ctx().users();
			const server = ctx().server;
			const as = async (u: E2eUser): Promise<Person> => ({
				...u,
				headers: await signIn(server, u.email, u.password),
			});
			const [editor, commenter, focal, assessor] = [
				await as(users.editor),
				await as(users.commenter),
				await as(users.focalPoint),
				await as(users.assessor),
			];
			// The commitment checked has a second version, a report and an assessment to show.
			const ref = `/api/v1/commitments/${demo.commitment.slug}`;
			const updated = await call(server, focal, "PATCH", ref, {
				version: 1,
				reason: "Title corrected (accessibility check)",
				changes: { title: `${demo.commitment.title} (corrected)` },
			});
			assert.equal(updated.status, 200, JSON.stringify(updated.body));
			const report = await call(server, focal, "POST", `${ref}/reports`, {
				kind: "maker",
				stakeholder: demo.stakeholder,
				period_start: "2012-01-01",
				period_end: "2012-12-31",
				disbursed: {
					amount: "100000000",
					currency: "GBP",
					by_year: [{ year: 2012, amount: "100000000" }],
				},
				narrative: "Disbursed in 2012 as planned.",
			});
			assert.equal(report.status, 201, JSON.stringify(report.body));
			const assessment = await call(server, assessor, "POST", `${ref}/assessments`, {
				scheme: "scorecard",
				score: "good",
				rationale: "Disbursements match the pledge for the years reported so far.",
			});
			assert.equal(assessment.status, 201, JSON.stringify(assessment.body));
			// A submission waiting in the queue.
			const draft = await call(server, editor, "POST", "/api/v1/commitments", {
				title: "Accessibility check: a submission waiting for the secretariat",
				text: "The United Kingdom will provide GBP 2 million in 2016 for accessible clinics.",
				kind: "financial",
				makers: [demo.stakeholder],
				goals: ["sdg:3"],
				recipients: [{ kind: "country", code: demo.country }],
				financial: { amount: "2000000", currency: "GBP", frequency: "total" },
			});
			assert.equal(draft.status, 201, JSON.stringify(draft.body));
			const submitted = await call(
				server,
				editor,
				"POST",
				`/api/v1/commitments/${draft.body.slug}/submit`,
				{},
			);
			assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
			// A published commitment whose text a maker's editor proposes to change.
			const toChange = await ctx().services.commitments.create(
				{
					title: "Accessibility check: a published text with a change proposed",
					text: "The United Kingdom will provide GBP 3 million in 2016 for clinics.",
					text_kind: "verbatim",
					quote: { source: 0, locator: "para. 2" },
					sources: [{ title: "Announcement", url: "https://example.org/announcement" }],
					kind: "financial",
					makers: [demo.stakeholder],
					goals: ["sdg:3"],
					financial: { amount: "3000000", currency: "GBP", frequency: "total" },
					status: "published",
				},
				cliActor,
			);
			proposedSlug = toChange.slug;
			const proposed = await call(server, editor, "PATCH", `/api/v1/commitments/${proposedSlug}`, {
				version: toChange.version,
				reason: "The announcement says 'up to'",
				changes: {
					text: "The United Kingdom will provide up to GBP 3 million in 2016 for clinics.",
				},
			});
			assert.equal(proposed.status, 202, JSON.stringify(proposed.body));
			// A comment with a reply, flagged: the thread and the moderation queue have content.
			const comments = `/api/v1/commitments/${demo.commitment.slug}/comments`;
			const comment = await call(server, commenter, "POST", comments, {
				body: "Is the 2014 disbursement reported? See https://example.org/report",
			});
			assert.equal(comment.status, 201, JSON.stringify(comment.body));
			const reply = await call(server, editor, "POST", comments, {
				body: "Yes, in the donor's annual report.",
				parent_id: comment.body.id,
			});
			assert.equal(reply.status, 201, JSON.stringify(reply.body));
			const flag = await call(server, editor, "POST", `/api/v1/comments/${comment.body.id}/flag`, {
				reason: "Spam: a link to an unrelated site",
			});
			assert.ok([200, 201].includes(flag.status), JSON.stringify(flag.body));
		});

		after(async () => {
			for (const page of pages.values()) await page.context().close();
		});

		for (const lang of ["en", "ar"] as const)
			for (const type of pageTypes)
				test(`${type.name} [${lang}]`, async (t) => {
					const users = await ctx().users();
					const page = await pageOf(type.who, users);
					const url = `/${lang}${type.path(demo)}`;
					const response = await page.goto(url);
					let status = response?.status();
					if (type.act) {
						assert.equal(status, 200, `${url} answered ${status}`);
						status = await type.act(page);
					}
					assert.equal(status, type.status ?? 200, `${url} answered ${status}`);
					assert.equal(await page.locator("html").getAttribute("lang"), lang);
					if (type.holds)
						assert.ok((await page.locator(type.holds).count()) > 0, `${url} holds ${type.holds}`);
					// A failed form opens with the focus on its list of errors.
					if (type.focused) {
						const selector = type.focused;
						assert.ok(
							await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector),
							`${url}: the focus is on ${selector}`,
						);
					}
					const started = Date.now();
					const { violations, message } = await seriousA11yViolations(page);
					t.diagnostic(`axe: ${Date.now() - started} ms`);
					assert.equal(violations.length, 0, message);
				});
	},
	{ dialects: ["sqlite"] },
);
