/**
 * The frame of every page: language and direction, the head (title, description,
 * alternates in the other languages, feeds, Open Graph), header with navigation,
 * language switcher and account, and the footer. No script unless a page asks for
 * htmx; nothing inline (the Content-Security-Policy forbids it).
 */
import type { ComponentChildren } from "preact";
import { assetPath } from "../assets.ts";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { languages, nativeNames } from "../i18n/locale.ts";

export interface FeedLink {
	title: string;
	href: string;
}

export interface OpenGraph {
	title: string;
	description: string;
	/** Absolute or root-relative URL of the page. */
	url: string;
	type?: "website" | "article";
}

export interface LayoutProps {
	ctx: PageContext;
	title: string;
	description?: string;
	feeds?: FeedLink[];
	og?: OpenGraph;
	/** Load htmx (deferred) for the partial updates a page offers. */
	htmx?: boolean;
	/** The site's own scripts the page needs (assets.ts), each deferred. */
	scripts?: "explorer.js"[];
	/** Which main navigation entry is current. */
	section?: "home" | "explore" | "map" | "goals" | "methodology" | "api" | "about" | "workspace";
	children: ComponentChildren;
}

/** The path of the current page in another language, for the switcher and hreflang. */
function inLanguage(ctx: PageContext, lang: string): string {
	return `/${lang}${ctx.path}`;
}

export function Layout(props: LayoutProps) {
	const { ctx } = props;
	const t = ctx.t;
	const nav: [NonNullable<LayoutProps["section"]>, string, string][] = [
		["explore", "/commitments", t(common.nav_explore)],
		["map", "/map", t(common.nav_map)],
		["goals", "/goals", t(common.goals)],
		["methodology", "/methodology", t(common.nav_methodology)],
		["api", "/api", t(common.nav_api)],
		["about", "/about", t(common.nav_about)],
	];
	return (
		<html lang={ctx.lang === "zh" ? "zh-Hans" : ctx.lang} dir={ctx.dir}>
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{`${props.title} · IIF`}</title>
				{props.description && <meta name="description" content={props.description} />}
				<link rel="icon" href="data:," />
				<link rel="stylesheet" href={assetPath("site.css")} />
				{languages.map((l) => (
					<link key={l} rel="alternate" hreflang={l} href={inLanguage(ctx, l)} />
				))}
				{(props.feeds ?? []).map((f) => (
					<link
						key={f.href}
						rel="alternate"
						type="application/atom+xml"
						title={f.title}
						href={f.href}
					/>
				))}
				{props.og && (
					<>
						<meta property="og:type" content={props.og.type ?? "article"} />
						<meta property="og:title" content={props.og.title} />
						<meta property="og:description" content={props.og.description} />
						<meta property="og:url" content={props.og.url} />
						<meta property="og:site_name" content="IIF" />
						<meta property="og:locale" content={ctx.lang} />
						<meta name="twitter:card" content="summary" />
					</>
				)}
				{props.htmx && (
					<>
						{/* htmx would otherwise inject an inline <style>, which the CSP refuses. */}
						<meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
						<script src={assetPath("htmx.min.js")} defer />
					</>
				)}
				{(props.scripts ?? []).map((s) => (
					<script key={s} src={assetPath(s)} defer />
				))}
			</head>
			<body>
				<a class="skip" href="#main">
					{t(common.skip_to_content)}
				</a>
				<header class="site">
					<div class="bar">
						<a
							class="brand"
							href={ctx.href("/")}
							aria-current={props.section === "home" ? "page" : undefined}
						>
							<strong>IIF</strong> <span class="muted">{t(common.site_name)}</span>
						</a>
						<nav class="account" aria-label={t(common.nav_workspace)}>
							{ctx.actor ? (
								<>
									<a
										href={ctx.href("/workspace")}
										aria-current={props.section === "workspace" ? "page" : undefined}
									>
										{t(common.nav_workspace)}
									</a>
									<form method="post" action={ctx.href("/sign-out")} class="inline">
										<input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
										<button type="submit" class="link">
											{t(common.sign_out)}
										</button>
									</form>
								</>
							) : (
								<>
									<a href={ctx.href("/sign-in")}>{t(common.sign_in)}</a>
									<a href={ctx.href("/register")}>{t(common.register)}</a>
								</>
							)}
						</nav>
					</div>
					<nav class="main" aria-label={t(common.nav_main)}>
						{nav.map(([key, path, label]) => (
							<a
								key={key}
								href={ctx.href(path)}
								aria-current={props.section === key ? "page" : undefined}
							>
								{label}
							</a>
						))}
					</nav>
					<nav class="langs" aria-label={t(common.language)}>
						{languages.map((l) => (
							<a
								key={l}
								href={inLanguage(ctx, l)}
								hreflang={l}
								lang={l === "zh" ? "zh-Hans" : l}
								aria-current={l === ctx.lang ? "true" : undefined}
							>
								{nativeNames[l]}
							</a>
						))}
					</nav>
				</header>
				<main id="main">{props.children}</main>
				<footer class="site">
					<p>{t(common.tagline)}</p>
					<p>
						<a href="/feeds/all.atom">{t(common.footer_feeds)}</a> ·{" "}
						<a href={ctx.href("/about#data")}>{t(common.footer_downloads)}</a>
					</p>
					<p class="muted small">{t(common.footer_data)}</p>
				</footer>
			</body>
		</html>
	);
}
