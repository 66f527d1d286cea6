/** The frame of every page: language, title, a light stylesheet, header and footer. */
import type { ComponentChildren } from "preact";

const css = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#59636e;--line:#d5dae0;--accent:#0b5cad}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink)}
header,main,footer{max-inline-size:72rem;margin-inline:auto;padding-inline:1rem}
header{display:flex;gap:1rem;align-items:baseline;border-block-end:1px solid var(--line);padding-block:.75rem}
header a{color:inherit;text-decoration:none;font-weight:600}nav{display:flex;gap:1rem;margin-inline-start:auto}
nav a{font-weight:400;color:var(--accent)}a{color:var(--accent)}
.notice{background:#fff8e1;border:1px solid #e9d8a6;padding:.5rem .75rem;border-radius:4px}
table{border-collapse:collapse;inline-size:100%}th,td{text-align:start;padding:.4rem .5rem;border-block-end:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.875rem}.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:var(--muted);font-size:.875rem}footer{border-block-start:1px solid var(--line);margin-block-start:2rem;padding-block:1rem;color:var(--muted);font-size:.875rem}
code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}
`;

export function Layout(props: { title: string; children: ComponentChildren }) {
	return (
		<html lang="en" dir="ltr">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{`${props.title} · IIF`}</title>
				<style>{css}</style>
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
