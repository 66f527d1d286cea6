/** Links to the five MDG 8 theme pages: on the home page, the MDG 8 goal page and each theme page. */
import type { PageContext } from "../../context.ts";
import { themes as m, themeNames } from "../../i18n/themes.messages.ts";
import { themedGoal, themes } from "./themes.ts";

export function ThemeLinks(props: { ctx: PageContext; current?: string }) {
	const { ctx } = props;
	return (
		<nav class="theme-links" aria-labelledby="theme-links-label">
			<p class="small muted" id="theme-links-label">
				{ctx.t(m.themes_heading)}
			</p>
			<ul class="pf-inline">
				{themes.map((t) => (
					<li key={t.slug}>
						<a
							href={ctx.href(`/goals/${themedGoal}/themes/${t.slug}`)}
							aria-current={props.current === t.slug ? "page" : undefined}
						>
							{ctx.t(themeNames[t.slug])}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}
