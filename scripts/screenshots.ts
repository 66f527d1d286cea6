/**
 * Screenshots of the portal for review: the application on a fresh SQLite database with
 * the demo data, each page of PAGES at desktop and phone width, saved as full-page PNGs
 * to docs/screenshots/<name>-<desktop|phone>.png.
 *
 *   npm run screenshots                      every page of PAGES
 *   npm run screenshots -- /en/ /fr/map      only these paths
 */
import { relative } from "node:path";
import {
	launchBrowser,
	openPage,
	screenshot,
	startServer,
	type ViewportName,
	viewports,
} from "../test/e2e/harness.ts";

/** The pages to photograph: edit freely. A path that answers an error is reported and skipped. */
const PAGES = [
	"/en/",
	"/en/commitments",
	"/en/commitments/gleneagles-2005-oda-increase",
	"/en/stakeholders/united-kingdom",
	"/en/countries/KE",
	"/en/goals/mdg:8",
	"/en/map",
	"/en/methodology",
	"/en/sign-in",
	"/fr/commitments?goal=mdg:6",
	"/ar/",
	"/ar/commitments/gleneagles-2005-oda-increase",
	"/zh/",
	"/es/goals",
	"/ru/map",
	"/en/stakeholders",
	"/en/activities",
	"/fr/commitments?sort=-gap_usd",
	"/en/commitments/united-kingdom-drc-bilateral-2011-2015",
	"/en/commitments/gleneagles-2005-africa-oda-increase",
	"/en/activities/GB-1-202251-101",
];

/** A fixed today (YYYY-MM-DD) for what depends on the date, or undefined for the real one. */
const TODAY: string | undefined = undefined;

/** "/en/commitments" → "en-commitments", "/en/" → "en-index", "/" → "index". */
function nameOf(path: string): string {
	const [pathname = "", query = ""] = path.split("?");
	const segments = pathname.split("/").filter(Boolean);
	if (pathname.endsWith("/") || segments.length === 0) segments.push("index");
	const name = [...segments, ...(query ? [query] : [])].join("-");
	return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

const paths = process.argv.slice(2).length ? process.argv.slice(2) : PAGES;
const server = await startServer("sqlite", TODAY ? { today: TODAY } : {});
const browser = await launchBrowser().catch(async (e) => {
	await server.close();
	throw e;
});
const written: string[] = [];
const skipped: string[] = [];
try {
	for (const viewport of Object.keys(viewports) as ViewportName[]) {
		const phone = viewport === "phone";
		const page = await openPage(browser, server.baseUrl, {
			viewport: viewports[viewport],
			...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
		});
		for (const path of paths) {
			const response = await page.goto(path, { waitUntil: "load" }).catch((e: Error) => e);
			if (response instanceof Error || !response || response.status() >= 400) {
				const why = response instanceof Error ? response.message : `HTTP ${response?.status()}`;
				skipped.push(`${path} (${viewport}): ${why}`);
				continue;
			}
			const file = await screenshot(page, nameOf(path), viewport);
			written.push(file);
			console.log(`wrote ${relative(process.cwd(), file)}  (${path})`);
		}
		await page.context().close();
	}
} finally {
	await browser.close();
	await server.close();
}
for (const s of skipped) console.warn(`skipped ${s}`);
console.log(`${written.length} screenshot(s) written, ${skipped.length} skipped`);
