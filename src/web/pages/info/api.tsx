/** The open API and downloads: what can be read, in which formats, and where. */
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { info as m } from "../../i18n/info.messages.ts";
import type { Message } from "../../i18n/messages.ts";

/** An address and what it gives: the address is code, shown left to right in any language. */
function Endpoints(props: { ctx: PageContext; items: [string, Message, boolean?][] }) {
	const { ctx } = props;
	return (
		<ul class="endpoints">
			{props.items.map(([path, label, linked]) => (
				<li key={path}>
					{linked === false ? (
						<code dir="ltr">{path}</code>
					) : (
						<a href={path} dir="ltr">
							<code>{path}</code>
						</a>
					)}
					{" — "}
					{ctx.t(label)}
				</li>
			))}
		</ul>
	);
}

export function ApiPage(props: { ctx: PageContext }) {
	const { ctx } = props;
	const t = ctx.t;
	return (
		<Layout ctx={ctx} title={t(m.api_title)} description={t(m.api_intro)} section="api">
			<article class="pf-prose" id="api">
				<h1>{t(m.api_title)}</h1>
				<p>{t(m.api_intro)}</p>

				<section aria-labelledby="json-h" id="json">
					<h2 id="json-h">{t(m.api_json_h)}</h2>
					<p>{t(m.api_json_p)}</p>
					<p>
						{t(m.api_reference)}{" "}
						<a href="/api/docs" hreflang="en" id="api-docs-link">
							{t(m.api_docs_link)}
						</a>{" "}
						·{" "}
						<a href="/api/openapi.json" type="application/json" id="openapi-link">
							{t(m.api_openapi_link)}
						</a>
					</p>
					<h3>{t(m.api_examples)}</h3>
					<Endpoints
						ctx={ctx}
						items={[
							["/api/v1/commitments?goal=sdg:3", m.api_ex_goal],
							["/api/v1/commitments/<id-or-slug>", m.api_ex_one, false],
							["/api/v1/stakeholders", m.api_ex_refs],
							["/api/v1/forums", m.api_ex_refs],
							["/api/v1/countries", m.api_ex_refs],
							[`/api/v1/frameworks/sdg?lang=${ctx.lang}`, m.api_ex_frameworks],
							["/api/v1/analytics/delivery?group_by=goal", m.api_ex_delivery],
							["/api/v1/requirements", m.api_ex_requirements],
						]}
					/>
				</section>

				<section aria-labelledby="bulk-h" id="bulk">
					<h2 id="bulk-h">{t(m.api_bulk_h)}</h2>
					<p>{t(m.api_bulk_p)}</p>
					<Endpoints
						ctx={ctx}
						items={[["/api/v1/commitments?goal=mdg:8&format=csv", m.api_bulk_example]]}
					/>
				</section>

				<section aria-labelledby="iati-h" id="iati">
					<h2 id="iati-h">{t(m.api_iati_h)}</h2>
					<p>{t(m.api_iati_p)}</p>
					<p>
						<a href="/api/v1/export/iati.xml" type="application/xml" dir="ltr" id="iati-link">
							<code>/api/v1/export/iati.xml</code>
						</a>
					</p>
				</section>

				<section aria-labelledby="feeds-h" id="feeds">
					<h2 id="feeds-h">{t(m.api_feeds_h)}</h2>
					<p>{t(m.api_feeds_p)}</p>
					<Endpoints
						ctx={ctx}
						items={[
							["/feeds/all.atom", m.api_feed_all],
							["/feeds/commitments/<id-or-slug>.atom", m.api_feed_commitment, false],
							["/feeds/stakeholders/<id-or-slug>.atom", m.api_feed_stakeholder, false],
							["/feeds/goals/sdg-3.atom", m.api_feed_goal],
							["/feeds/countries/KE.atom", m.api_feed_country],
						]}
					/>
				</section>

				<section aria-labelledby="dump-h" id="dump">
					<h2 id="dump-h">{t(m.api_dump_h)}</h2>
					<p>{t(m.api_dump_p)}</p>
					<pre dir="ltr">
						<code>iif export all --out DIR</code>
					</pre>
				</section>

				<section aria-labelledby="write-h" id="write">
					<h2 id="write-h">{t(m.api_write_h)}</h2>
					<p>{t(m.api_write_p)}</p>
				</section>

				<p>
					{t(m.api_licence)} <a href={ctx.href("/about#data")}>{t(m.about_data_h)}</a>
				</p>
			</article>
		</Layout>
	);
}
