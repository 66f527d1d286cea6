/** What IIF is, who it is for, how to register commitments, and the data's licences. */
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { info as m } from "../../i18n/info.messages.ts";
import { SourcesTable } from "./sources.tsx";

export function AboutPage(props: { ctx: PageContext }) {
	const { ctx } = props;
	const t = ctx.t;
	return (
		<Layout ctx={ctx} title={t(m.about_title)} description={t(m.about_what_p1)} section="about">
			<article class="pf-prose" id="about">
				<h1>{t(m.about_title)}</h1>
				<section aria-labelledby="what-h" id="what">
					<h2 id="what-h">{t(m.about_what_h)}</h2>
					<p>{t(m.about_what_p1)}</p>
					<p>{t(m.about_what_p2)}</p>
				</section>
				<section aria-labelledby="who-h" id="who">
					<h2 id="who-h">{t(m.about_who_h)}</h2>
					<ul>
						<li>{t(m.about_who_public)}</li>
						<li>{t(m.about_who_stakeholders)}</li>
						<li>{t(m.about_who_secretariat)}</li>
					</ul>
				</section>
				<section aria-labelledby="register-h" id="register">
					<h2 id="register-h">{t(m.about_register_h)}</h2>
					<ol>
						<li>
							<a href={ctx.href("/register")}>{t(m.about_register_1)}</a>
						</li>
						<li>{t(m.about_register_2)}</li>
						<li>{t(m.about_register_3)}</li>
						<li>{t(m.about_register_4)}</li>
						<li>{t(m.about_register_5)}</li>
					</ol>
				</section>
				<section aria-labelledby="data-h" id="data">
					<h2 id="data-h">{t(m.about_data_h)}</h2>
					<p>{t(m.about_data_p1)}</p>
					<SourcesTable ctx={ctx} id="about-sources" />
					<p>
						{t(m.about_data_downloads)} <a href={ctx.href("/api")}>{t(m.api_title)}</a>
					</p>
					<p>{t(m.about_code)}</p>
					<p class="notice">{t(m.about_demo)}</p>
				</section>
				<p>
					<a href={ctx.href("/methodology")}>{t(m.methodology_title)}</a>
				</p>
			</article>
		</Layout>
	);
}
