/**
 * The information pages: the methodology (a translated summary, and the full English
 * document rendered from docs/methodology.md once, at start), the open API and
 * downloads, and about.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { projectPath } from "../../lib/root.ts";
import type { Services } from "../../server/services.ts";
import type { PageRouter } from "../page-route.ts";
import { AboutPage } from "../pages/info/about.tsx";
import { ApiPage } from "../pages/info/api.tsx";
import { renderMarkdown } from "../pages/info/markdown.tsx";
import {
	MethodologyFullPage,
	MethodologyPage,
	type RenderedDocument,
} from "../pages/info/methodology.tsx";

const methodologyFile = pathToFileURL(projectPath("docs", "methodology.md"));

/** The full methodology as HTML, or null when the document is not shipped with this server. */
export function loadMethodology(file: URL = methodologyFile): RenderedDocument | null {
	let source: string;
	try {
		source = readFileSync(file, "utf8");
	} catch {
		return null;
	}
	// The document's "#" title is the page's h1, so its "##" sections stay h2.
	return renderMarkdown(source);
}

export function infoRoutes(pages: PageRouter, _services: Services): void {
	// Rendered at the first request for it, not at start: some 12 ms of every `iif serve`.
	let methodology: { doc: RenderedDocument | null } | undefined;
	pages.get("/methodology", async ({ ctx }) => MethodologyPage({ ctx }));
	pages.get("/methodology/full", async ({ ctx }) => {
		methodology ??= { doc: loadMethodology() };
		return MethodologyFullPage({ ctx, doc: methodology.doc });
	});
	pages.get("/api", async ({ ctx }) => ApiPage({ ctx }));
	pages.get("/about", async ({ ctx }) => AboutPage({ ctx }));
}
