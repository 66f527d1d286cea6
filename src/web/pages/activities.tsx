/**
 * The IATI activities imported into the registry: searched by words of the title, the
 * publisher and the recipient country, a page at a time, each linked to its own page.
 * One GET form, so every selection is an address to share, with or without JavaScript.
 */
import type { ActivityItem } from "../../modules/activities/activities.schemas.ts";
import { Layout } from "../components/layout.tsx";
import { Pager } from "../components/pager.tsx";
import { ScrollRegion } from "../components/scroll-region.tsx";
import type { PageContext } from "../context.ts";
import { activities as m } from "../i18n/activities.messages.ts";
import { common } from "../i18n/common.messages.ts";

export interface ActivitiesView {
	/** What was typed, kept as typed. */
	typed: { q: string; reporting_org: string; recipient: string };
	list: { items: ActivityItem[]; total: number; page: number; limit: number };
	/** Parameters that could not be used, with the reason: the list is then empty. */
	problems: { name: string; message: string }[];
	/** Whether any activity was imported at all. */
	any: boolean;
}

function field(name: keyof ActivitiesView["typed"], label: string, view: ActivitiesView) {
	const problem = view.problems.find((p) => p.name === name);
	return (
		<div class={problem ? "field invalid" : "field"}>
			<label for={`activities-${name}`}>{label}</label>
			{problem && (
				<p class="error" id={`activities-${name}-error`}>
					{problem.message}
				</p>
			)}
			<input
				type="search"
				id={`activities-${name}`}
				name={name}
				value={view.typed[name]}
				dir="auto"
				maxLength={200}
				aria-invalid={problem ? "true" : undefined}
				aria-describedby={problem ? `activities-${name}-error` : undefined}
			/>
		</div>
	);
}

export function ActivitiesPage(props: { ctx: PageContext; view: ActivitiesView }) {
	const { ctx, view } = props;
	const { list } = view;
	const params = new URLSearchParams(Object.entries(view.typed).filter(([, v]) => v.trim() !== ""));
	return (
		<Layout
			ctx={ctx}
			title={ctx.t(m.list_title)}
			description={ctx.t(m.list_intro)}
			section="explore"
		>
			<h1>{ctx.t(m.list_title)}</h1>
			<p>{ctx.t(m.list_intro)}</p>
			{view.problems.length > 0 && (
				<div class="error-summary" role="alert" tabIndex={-1}>
					<p>
						<strong>{ctx.t(common.form_has_errors)}</strong>
					</p>
					<ul>
						{view.problems.map((p) => (
							<li key={p.name}>
								<a href={`#activities-${p.name}`}>{p.message}</a>
							</li>
						))}
					</ul>
				</div>
			)}
			<search>
				<form method="get" action={ctx.href("/activities")} class="activities-search">
					{field("q", ctx.t(m.search_words), view)}
					{field("reporting_org", ctx.t(m.filter_publisher), view)}
					{field("recipient", ctx.t(m.filter_recipient), view)}
					<button type="submit">{ctx.t(common.show)}</button>
				</form>
			</search>
			<h2 id="activities-results">{ctx.t(m.list_count, { n: ctx.fmt.number(list.total) })}</h2>
			{list.items.length === 0 ? (
				<p class="muted">{ctx.t(view.any ? m.list_none : m.list_empty)}</p>
			) : (
				<ScrollRegion label={ctx.t(m.list_title)}>
					<table class="activities">
						<thead>
							<tr>
								<th scope="col">{ctx.t(m.col_activity)}</th>
								<th scope="col">{ctx.t(m.publisher)}</th>
								<th scope="col">{ctx.t(m.col_recipients)}</th>
								<th scope="col" class="num">
									{ctx.t(m.col_transactions)}
								</th>
							</tr>
						</thead>
						<tbody>
							{list.items.map((a) => (
								<tr key={a.iati_identifier}>
									<td>
										<a
											href={ctx.href(`/activities/${encodeURIComponent(a.iati_identifier)}`)}
											dir="auto"
										>
											{a.title ?? a.iati_identifier}
										</a>
										<div class="muted small">
											<code dir="ltr">{a.iati_identifier}</code>
										</div>
									</td>
									<td dir="auto">
										{a.reporting_org.name ?? a.reporting_org.ref ?? "—"}
										{a.reporting_org.ref && (
											<div class="muted small">
												<code dir="ltr">{a.reporting_org.ref}</code>
											</div>
										)}
									</td>
									<td>
										{[
											...a.recipient_countries.map((c) => ctx.fmt.country(c) ?? c),
											...a.recipient_regions,
										].join(", ") || "—"}
									</td>
									<td class="num">{ctx.fmt.number(a.transaction_count)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			)}
			<Pager
				ctx={ctx}
				page={list.page}
				total={list.total}
				limit={list.limit}
				hrefFor={(page) => {
					const p = new URLSearchParams(params);
					if (page > 1) p.set("page", String(page));
					const qs = p.toString();
					return ctx.href(qs ? `/activities?${qs}` : "/activities");
				}}
			/>
		</Layout>
	);
}
