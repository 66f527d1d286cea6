/** The frame of every page: language, title, a light stylesheet, header and footer. */
import type { ComponentChildren } from "preact";
import { assetVersion } from "../assets.ts";

export function Layout(props: { title: string; children: ComponentChildren }) {
	return (
		<html lang="en" dir="ltr">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{`${props.title} · IIF`}</title>
				<link rel="stylesheet" href={`/assets/site.css?v=${assetVersion}`} />
			</head>
			<body>
				<header>
					<a href="/">IIF</a>
					<span class="muted">Integrated Implementation Framework</span>
					<nav aria-label="Main">
						<a href="/">Commitments</a>
						<a href="/api/docs">API</a>
					</nav>
				</header>
				<main>{props.children}</main>
				<footer>
					Commitments made for the development goals, and what came of them. Reference data: MDG
					official list (2008), SDG framework (open-sdg, MIT), IATI codelists (CC BY 4.0).
				</footer>
			</body>
		</html>
	);
}
