/**
 * End-to-end tests: the real application listening on a port over a fresh real database
 * (reference and demo data loaded as in test/helpers/app.ts), driven by Debian's Chromium
 * through playwright-core, with axe for accessibility and the DevTools protocol for page
 * weight. Without Chromium the suites skip, unless IIF_TEST_REQUIRE_ALL=1 (CI), where
 * they fail — the rule test/helpers/databases.ts applies to PostgreSQL.
 */
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { after, before, describe } from "node:test";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import {
	type Browser,
	type BrowserContextOptions,
	chromium,
	type Page,
	type ViewportSize,
} from "playwright-core";
import type { DialectName } from "../../src/db/database.ts";
import { cliActor, type GlobalRole, type MembershipRole } from "../../src/lib/actor.ts";
import type { Services } from "../../src/server/services.ts";
import { type AppOptions, startTestApp, type TestContext } from "../helpers/app.ts";
import { dialects, requireAll, skipReason } from "../helpers/databases.ts";
import { createUser } from "../helpers/users.ts";

// ---------------------------------------------------------------------------------------
// The server

/**
 * A listening application. It is also a TestContext, so the helpers of test/helpers
 * (createUser, signIn, person, call) work on it as they do on an injected app.
 */
export interface E2eServer extends TestContext {
	/** http://127.0.0.1:<port>, without a trailing slash. */
	baseUrl: string;
	/** Stops listening, then drops the database. */
	close(): Promise<void>;
}

/** A fresh database of `dialect` with reference and demo data, served on a free local port. */
export async function startServer(
	dialect: DialectName,
	options: AppOptions = {},
): Promise<E2eServer> {
	const ctx = await startTestApp(dialect, options);
	try {
		await ctx.app.listen({ host: "127.0.0.1", port: 0 });
	} catch (e) {
		await ctx.app.close().catch(() => {});
		await ctx.db.drop();
		throw e;
	}
	const { port } = ctx.app.server.address() as AddressInfo;
	let closed = false;
	return {
		...ctx,
		baseUrl: `http://127.0.0.1:${port}`,
		async close() {
			if (closed) return;
			closed = true;
			try {
				await ctx.app.close();
			} finally {
				await ctx.db.drop();
			}
		},
	};
}

// ---------------------------------------------------------------------------------------
// People

export interface E2eUser {
	id: number;
	email: string;
	password: string;
	role: GlobalRole | null;
	/** The demo stakeholder this user belongs to, and as what. */
	membership: { stakeholder: string; role: MembershipRole } | null;
}

export interface E2eUsers {
	admin: E2eUser;
	secretariat: E2eUser;
	assessor: E2eUser;
	/** Focal point of the demo stakeholder `e2eStakeholder` (maker of 13 demo commitments). */
	focalPoint: E2eUser;
	/** Editor for the same stakeholder. */
	editor: E2eUser;
	/** A registered user with no role or membership: may comment and flag. */
	commenter: E2eUser;
}

/** The demo stakeholder the focal point and editor belong to. */
export const e2eStakeholder = "united-kingdom";

/**
 * The people of the flows, created as the operator would (test/helpers/users.ts), with
 * fixed addresses `<name>@e2e.example.org`. Each password is in the returned record.
 */
export async function createE2eUsers(server: TestContext): Promise<E2eUsers> {
	const make = async (
		name: keyof E2eUsers,
		role: GlobalRole | null,
		membership: E2eUser["membership"] = null,
	): Promise<E2eUser> => {
		const u = await createUser(server, {
			email: `${name.toLowerCase()}@e2e.example.org`,
			...(role ? { role } : {}),
			...(membership ? { memberships: [membership] } : {}),
		});
		return { ...u, role, membership };
	};
	return {
		admin: await make("admin", "admin"),
		secretariat: await make("secretariat", "secretariat"),
		assessor: await make("assessor", "assessor"),
		focalPoint: await make("focalPoint", null, {
			stakeholder: e2eStakeholder,
			role: "focal_point",
		}),
		editor: await make("editor", null, { stakeholder: e2eStakeholder, role: "editor" }),
		commenter: await make("commenter", null),
	};
}

/**
 * Signs a page's browser context in through POST /api/v1/session: the session cookie
 * lands in the context's cookie jar, so the page's later navigations are signed in.
 * Returns the CSRF token, for writes made with `page.request`.
 */
export async function signInPage(
	page: Page,
	baseUrl: string,
	user: { email: string; password: string },
): Promise<string> {
	const res = await page.context().request.post(`${baseUrl}/api/v1/session`, {
		data: { email: user.email, password: user.password },
	});
	if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
	return ((await res.json()) as { csrf_token: string }).csrf_token;
}

// ---------------------------------------------------------------------------------------
// The browser

export const chromiumPath = "/usr/bin/chromium";

/** Why the browser suites cannot run here, or false when they can. Under IIF_TEST_REQUIRE_ALL nothing may skip. */
export function browserSkipReason(): string | false {
	if (existsSync(chromiumPath)) return false;
	if (requireAll)
		throw new Error(
			`IIF_TEST_REQUIRE_ALL=1 but ${chromiumPath} is missing: the browser suites cannot run`,
		);
	return `Chromium is not installed at ${chromiumPath}`;
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
}

/** Options of a new page; each page gets its own context (cookies, cache, storage). */
export type NewPageOptions = BrowserContextOptions & {
	javaScriptEnabled?: boolean;
	viewport?: ViewportSize | null;
	locale?: string;
};

/** A page in a fresh browser context whose relative URLs resolve against `baseUrl`. */
export async function openPage(
	browser: Browser,
	baseUrl: string,
	options: NewPageOptions = {},
): Promise<Page> {
	const context = await browser.newContext({ baseURL: baseUrl, ...options });
	const page = await context.newPage();
	if (options.javaScriptEnabled === false) withoutScript.add(page);
	return page;
}

/** Pages opened with JavaScript disabled: axe cannot run in them (it would wait forever). */
const withoutScript = new WeakSet<Page>();

export interface E2eContext {
	dialect: DialectName;
	baseUrl: string;
	browser: Browser;
	services: Services;
	/** The listening server: pass it to test/helpers/users.ts or createE2eUsers. */
	server: E2eServer;
	/** A new page in a new browser context; `page.goto("/en/")` resolves against baseUrl. */
	newPage(options?: NewPageOptions): Promise<Page>;
	/** The people of createE2eUsers, made on first call and shared by the suite. */
	users(): Promise<E2eUsers>;
}

/**
 * A suite run against a listening server and a browser, once per dialect (all of them by
 * default). `body` receives a getter because both exist only once `before` has run.
 */
export function describeInBrowser(
	title: string,
	body: (ctx: () => E2eContext) => void,
	options: AppOptions & { dialects?: DialectName[] } = {},
): void {
	const { dialects: only, ...appOptions } = options;
	for (const dialect of only ?? dialects) {
		describe(`${title} [${dialect} · chromium]`, {
			skip: skipReason(dialect) || browserSkipReason(),
		}, () => {
			let server: E2eServer | undefined;
			let browser: Browser | undefined;
			let ctx: E2eContext | undefined;
			before(async () => {
				// Both at once; if one fails, `after` still closes the other.
				const [started, launched] = await Promise.allSettled([
					startServer(dialect, appOptions),
					launchBrowser(),
				]);
				if (started.status === "fulfilled") server = started.value;
				if (launched.status === "fulfilled") browser = launched.value;
				if (started.status === "rejected") throw started.reason;
				if (launched.status === "rejected") throw launched.reason;
				const s = started.value;
				const b = launched.value;
				let users: Promise<E2eUsers> | undefined;
				ctx = {
					dialect,
					baseUrl: s.baseUrl,
					browser: b,
					services: s.services,
					server: s,
					newPage: (pageOptions) => openPage(b, s.baseUrl, pageOptions),
					users: () => {
						users ??= createE2eUsers(s);
						return users;
					},
				};
			});
			after(async () => {
				// The browser first, so that no keep-alive connection holds the server open.
				await browser?.close();
				await server?.close();
			});
			body(() => {
				if (!ctx) throw new Error("browser test context not ready");
				return ctx;
			});
		});
	}
}

// ---------------------------------------------------------------------------------------
// Measures

export interface TransferredResource {
	url: string;
	/** Document, Stylesheet, Script, Font, Image, Fetch… as the DevTools protocol names it. */
	type: string;
	status: number | null;
	mimeType: string | null;
	/** Content-Encoding of the response (br, gzip…), or null when sent uncompressed. */
	encoding: string | null;
	/** Bytes received over the wire for this resource: headers and (compressed) body. */
	bytes: number;
	/** Set when the request failed (blocked, aborted, refused). */
	failed?: string;
}

export interface PageWeight {
	/** Sum of `bytes` over all resources. */
	total: number;
	resources: TransferredResource[];
}

/**
 * Loads `url` (absolute, or relative to the context's baseURL) in `page` — pass a fresh
 * page — with the cache disabled, waits for the load event and network idle, and returns
 * what crossed the wire for the document and every subresource, as Chromium counts it
 * (`encodedDataLength`: compressed size, since Chromium sends Accept-Encoding).
 */
export async function pageWeight(page: Page, url: string): Promise<PageWeight> {
	const cdp = await page.context().newCDPSession(page);
	const byId = new Map<string, TransferredResource>();
	const pending = new Set<string>();
	const resource = (id: string): TransferredResource => {
		let r = byId.get(id);
		if (!r) {
			r = { url: "", type: "Other", status: null, mimeType: null, encoding: null, bytes: 0 };
			byId.set(id, r);
		}
		return r;
	};
	cdp.on("Network.requestWillBeSent", (e) => {
		// A redirect reuses the request id: the hop before it was received in full.
		const r = resource(e.requestId);
		if (e.redirectResponse) r.bytes += e.redirectResponse.encodedDataLength;
		r.url = e.request.url;
		r.type = e.type ?? r.type;
		pending.add(e.requestId);
	});
	cdp.on("Network.responseReceived", (e) => {
		const r = resource(e.requestId);
		r.type = e.type;
		r.status = e.response.status;
		r.mimeType = e.response.mimeType;
		const headers = Object.fromEntries(
			Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
		);
		r.encoding = headers["content-encoding"] ?? null;
	});
	cdp.on("Network.loadingFinished", (e) => {
		resource(e.requestId).bytes += e.encodedDataLength;
		pending.delete(e.requestId);
	});
	cdp.on("Network.loadingFailed", (e) => {
		resource(e.requestId).failed = e.errorText;
		pending.delete(e.requestId);
	});
	try {
		await cdp.send("Network.enable");
		await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
		const response = await page.goto(url, { waitUntil: "load" });
		if (!response) throw new Error(`no response loading ${url}`);
		await page.waitForLoadState("networkidle");
		// Playwright saw the network go quiet; let this session's last events arrive too.
		for (let i = 0; pending.size > 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
		if (pending.size > 0)
			throw new Error(
				`still loading after network idle: ${[...pending].map((id) => byId.get(id)?.url)}`,
			);
	} finally {
		await cdp.detach().catch(() => {});
	}
	const resources = [...byId.values()].filter((r) => r.url && !r.url.startsWith("data:"));
	return { total: resources.reduce((sum, r) => sum + r.bytes, 0), resources };
}

/** One line per resource, largest first: for assertion messages and logs. */
export function formatWeight(weight: PageWeight): string {
	const lines = [...weight.resources]
		.sort((a, b) => b.bytes - a.bytes)
		.map(
			(r) =>
				`  ${String(r.bytes).padStart(8)} B  ${r.type.padEnd(10)} ${r.encoding ?? "identity"}  ${r.url}${r.failed ? ` (failed: ${r.failed})` : ""}`,
		);
	return [`${weight.total} B in ${weight.resources.length} resources`, ...lines].join("\n");
}

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
export type AxeViolation = AxeResults["violations"][number];

/**
 * Runs axe on the page as it stands and keeps the violations of impact "serious" or
 * "critical". `message` lists them (rule, help, selectors), or is empty when there are none.
 */
export async function seriousA11yViolations(
	page: Page,
	options: { exclude?: string[] } = {},
): Promise<{ violations: AxeViolation[]; message: string }> {
	if (withoutScript.has(page))
		throw new Error(
			"axe needs JavaScript: check this page's accessibility in a context where it is enabled",
		);
	// Only the violations carry their nodes: a third faster on large pages, nothing missed.
	let builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	const results = await builder.analyze();
	const violations = results.violations.filter(
		(v) => v.impact === "serious" || v.impact === "critical",
	);
	const message = violations
		.map((v) => {
			const targets = v.nodes
				.slice(0, 10)
				.map((n) => `    ${n.target.map(String).join(" ")}`)
				.join("\n");
			const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : "";
			return `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${targets}${more}`;
		})
		.join("\n");
	return {
		violations,
		message: violations.length
			? `${violations.length} serious or critical accessibility violation(s) on ${page.url()}:\n${message}`
			: "",
	};
}

// ---------------------------------------------------------------------------------------
// Screenshots

export const viewports = {
	desktop: { width: 1280, height: 800 },
	phone: { width: 390, height: 844 },
} as const satisfies Record<string, ViewportSize>;

export type ViewportName = keyof typeof viewports;

export const screenshotDir = join(
	dirname(fileURLToPath(import.meta.url)),
	"..",
	"..",
	"docs",
	"screenshots",
);

/**
 * Sizes the page to `viewport`, lets it settle (fonts, network) and saves a full-page
 * PNG as <dir>/<name>-<viewport>.png. Returns the path written.
 */
export async function screenshot(
	page: Page,
	name: string,
	viewport: ViewportName,
	dir: string = screenshotDir,
): Promise<string> {
	await page.setViewportSize(viewports[viewport]);
	await page.waitForLoadState("networkidle");
	await page.evaluate("document.fonts.ready.then(() => true)").catch(() => {});
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${name}-${viewport}.png`);
	await page.screenshot({ path, fullPage: true, animations: "disabled" });
	return path;
}

// ---------------------------------------------------------------------------------------
// Demo data, found through the API

/** GETs a path of the server's JSON API (e.g. "/api/v1/commitments?limit=5"). */
export async function apiGet<T = any>(baseUrl: string, path: string): Promise<T> {
	const res = await fetch(`${baseUrl}${path}`, { headers: { accept: "application/json" } });
	if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

interface ListedCommitment {
	slug: string;
	title: string;
	kind: string;
	status: string;
	goals: string[];
	targets: string[];
	forum: { slug: string } | null;
	makers: { slug: string }[];
	recipients: { kind: string; code: string | null }[];
}

/** One real address of each public page type of the demo, as the API names them. */
export interface DemoPages {
	/** A published financial commitment of `e2eStakeholder` whose delivery chart has money in it. */
	commitment: { slug: string; title: string; text: string };
	/** The other published commitments of `e2eStakeholder`, for flows that change them. */
	others: { slug: string; title: string; kind: string }[];
	stakeholder: string;
	/** Alpha-2, uppercase: a recipient of a commitment, else a member state's own country. */
	country: string;
	goal: string;
	target: string;
	forum: string;
}

export async function findDemoPages(baseUrl: string): Promise<DemoPages> {
	const mine = (
		await apiGet<{ items: ListedCommitment[] }>(
			baseUrl,
			`/api/v1/commitments?stakeholder=${e2eStakeholder}&status=published&limit=50`,
		)
	).items;
	let chosen: ListedCommitment | undefined;
	for (const c of mine.filter((c) => c.kind === "financial")) {
		const delivery = await apiGet<{ series: { committed: { constant: string } }[] }>(
			baseUrl,
			`/api/v1/commitments/${c.slug}/delivery`,
		);
		if (delivery.series.some((s) => Number(s.committed.constant) !== 0)) {
			chosen = c;
			break;
		}
	}
	if (!chosen)
		throw new Error(`no financial commitment of ${e2eStakeholder} has a delivery series`);
	const detail = await apiGet<{ text: string }>(baseUrl, `/api/v1/commitments/${chosen.slug}`);
	const all = (
		await apiGet<{ items: ListedCommitment[] }>(baseUrl, "/api/v1/commitments?limit=100")
	).items;
	const withForum = all.find((c) => c.forum) ?? chosen;
	const withTarget = all.find((c) => c.targets.length > 0 && c.goals.length > 0) ?? chosen;
	let country = all.flatMap((c) => c.recipients).find((r) => r.kind === "country")?.code;
	if (!country) {
		const countries = await apiGet<{
			items: { code: string; commitments_received: number; stakeholder: unknown }[];
		}>(baseUrl, "/api/v1/countries?limit=300");
		country = (
			countries.items.find((c) => c.commitments_received > 0) ??
			countries.items.find((c) => c.stakeholder)
		)?.code;
	}
	if (!country) throw new Error("no country with data in the demo");
	return {
		commitment: { slug: chosen.slug, title: chosen.title, text: detail.text },
		others: mine.filter((c) => c.slug !== chosen.slug),
		stakeholder: e2eStakeholder,
		country: country.toUpperCase(),
		goal: withTarget.goals[0] as string,
		target: withTarget.targets[0] as string,
		forum: (withForum.forum as { slug: string }).slug,
	};
}

/**
 * Signs in through the English sign-in page's form, as a person would (it works without
 * JavaScript), and waits for the workspace the form sends its user to.
 */
export async function signInThroughForm(
	page: Page,
	user: { email: string; password: string },
): Promise<void> {
	await page.goto("/en/sign-in");
	const form = page.locator("#sign-in-form");
	await form.getByLabel("Email").fill(user.email);
	await form.getByLabel("Password").fill(user.password);
	await Promise.all([
		page.waitForURL((u) => u.pathname === "/en/workspace"),
		form.getByRole("button", { name: "Sign in" }).click(),
	]);
}

/**
 * An IATI activity linked to a commitment, for the activity page's checks (the demo has
 * no activity): its path, `/activities/<identifier>`.
 */
export async function linkedActivity(services: Services, commitment: string): Promise<string> {
	const identifier = "XM-E2E-1";
	await services.activities.record(
		{
			iati_identifier: identifier,
			reporting_org_ref: "GB-GOV-1",
			default_currency: "GBP",
			title: "Accessible clinics (end-to-end check)",
			transactions: [
				{ transaction_type: "3", transaction_date: "2012-05-01", value_minor: 40_000_000_00 },
				{ transaction_type: "4", transaction_date: "2012-09-01", value_minor: 10_000_000_00 },
			],
		},
		cliActor,
	);
	await services.links.link(commitment, { activity: identifier, share: 50 }, cliActor);
	return `/activities/${encodeURIComponent(identifier)}`;
}
