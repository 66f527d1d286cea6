/**
 * The methodology: a summary in the page's language, faithful to docs/methodology.md, and
 * the full document in English, rendered once from its Markdown.
 */
import type { ComponentChildren } from "preact";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { info as m } from "../../i18n/info.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { inline } from "./markdown.tsx";
import { SourcesTable } from "./sources.tsx";

const sections: { id: string; heading: Message }[] = [
	{ id: "money", heading: m.m1_h },
	{ id: "due", heading: m.m2_h },
	{ id: "status", heading: m.m3_h },
	{ id: "double-counting", heading: m.m4_h },
	{ id: "links", heading: m.m5_h },
	{ id: "gaps", heading: common.required_and_provided },
	{ id: "sources", heading: m.m7_h },
];

function Section(props: {
	ctx: PageContext;
	id: string;
	heading: Message;
	children: ComponentChildren;
}) {
	return (
		<section aria-labelledby={`${props.id}-h`} id={props.id}>
			<h2 id={`${props.id}-h`}>{props.ctx.t(props.heading)}</h2>
			{props.children}
		</section>
	);
}

export function MethodologyPage(props: { ctx: PageContext }) {
	const { ctx } = props;
	const t = ctx.t;
	const relations: [Message, Message][] = [
		[m.m4_reaffirms, m.m4_money_b],
		[m.m4_part, m.m4_money_b],
		[m.m4_overlaps, m.m4_money_b_shown],
		[m.m4_supersedes, m.m4_money_a],
	];
	return (
		<Layout
			ctx={ctx}
			title={t(m.methodology_title)}
			description={t(m.methodology_intro)}
			section="methodology"
		>
			<article class="pf-prose" id="methodology">
				<h1>{t(m.methodology_title)}</h1>
				<p>{t(m.methodology_intro)}</p>
				<p>
					<a href={ctx.href("/methodology/full")} hreflang="en" id="full-methodology">
						{t(m.methodology_full_link)}
					</a>
				</p>
				<nav class="pf-toc" aria-labelledby="toc-h">
					<h2 id="toc-h">{t(m.contents)}</h2>
					<ol>
						{sections.map((s) => (
							<li key={s.id}>
								<a href={`#${s.id}`}>{t(s.heading)}</a>
							</li>
						))}
					</ol>
				</nav>
				<Section ctx={ctx} id="money" heading={m.m1_h}>
					<p>{t(m.m1_p1)}</p>
					<p>{t(m.m1_p2)}</p>
					<p>{t(m.m1_p3)}</p>
				</Section>
				<Section ctx={ctx} id="due" heading={m.m2_h}>
					<p>{t(m.m2_p1)}</p>
					<p>{t(m.m2_p2)}</p>
				</Section>
				<Section ctx={ctx} id="status" heading={m.m3_h}>
					<p>{t(m.m3_financial)}</p>
					<p>{t(m.m3_policy)}</p>
					<p>{t(m.m3_light)}</p>
				</Section>
				<Section ctx={ctx} id="double-counting" heading={m.m4_h}>
					<p>{t(m.m4_p1)}</p>
					<div class="table-scroll">
						<table class="relations">
							<thead>
								<tr>
									<th scope="col">{t(m.m4_col_relation)}</th>
									<th scope="col">{t(m.m4_col_money)}</th>
								</tr>
							</thead>
							<tbody>
								{relations.map(([relation, money]) => (
									<tr key={relation.en}>
										<th scope="row">{t(relation)}</th>
										<td>{t(money)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					<p>{t(m.m4_p2)}</p>
					<p id="makers">{t(m.m4_makers)}</p>
				</Section>
				<Section ctx={ctx} id="links" heading={m.m5_h}>
					<p>{t(m.m5_p)}</p>
				</Section>
				<Section ctx={ctx} id="gaps" heading={common.required_and_provided}>
					<p>{t(m.m6_p)}</p>
				</Section>
				<Section ctx={ctx} id="sources" heading={m.m7_h}>
					<SourcesTable ctx={ctx} id="sources-table" />
				</Section>
				<p>
					<a href={ctx.href("/methodology/full")} hreflang="en">
						{t(m.methodology_full_link)}
					</a>
				</p>
			</article>
		</Layout>
	);
}

export interface RenderedDocument {
	html: string;
	title: string | null;
	outline: { id: string; text: string }[];
}

/** The full methodology, in English, from the HTML rendered at start. */
export function MethodologyFullPage(props: { ctx: PageContext; doc: RenderedDocument | null }) {
	const { ctx, doc } = props;
	const title = doc?.title ?? ctx.t(m.full_title);
	return (
		<Layout ctx={ctx} title={title} description={ctx.t(m.methodology_intro)} section="methodology">
			<p class="small">
				<a href={ctx.href("/methodology")}>{ctx.t(m.back_to_summary)}</a>
			</p>
			{ctx.lang !== "en" && <p class="notice">{ctx.t(m.full_english_only)}</p>}
			{doc ? (
				<article class="pf-prose" id="methodology-full" lang="en" dir="ltr">
					<h1>{title}</h1>
					{doc.outline.length > 0 && (
						<nav class="pf-toc" aria-labelledby="toc-h">
							<h2 id="toc-h">Contents</h2>
							<ul>
								{doc.outline.map((o) => (
									<li key={o.id}>
										<a href={`#${o.id}`}>{inline(o.text)}</a>
									</li>
								))}
							</ul>
						</nav>
					)}
					{/* Rendered by Preact from the Markdown at start: every character escaped. */}
					<div dangerouslySetInnerHTML={{ __html: doc.html }} />
				</article>
			) : (
				<>
					<h1>{title}</h1>
					<p>{ctx.t(m.full_missing)}</p>
				</>
			)}
		</Layout>
	);
}
