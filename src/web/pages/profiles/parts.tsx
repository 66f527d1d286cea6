/**
 * What the profile pages share: how goals, targets and recipients are named in the page's
 * language, money in US dollars, the promised-vs-delivered bar charts, the feed link and
 * the list of commitments with its pager.
 */
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import { BarChart, HBarChart } from "../../charts/index.ts";
import { CommitmentTable } from "../../components/commitment-table.tsx";
import { Pager } from "../../components/pager.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { components } from "../../i18n/components.messages.ts";
import { groupNames, profiles as m, regionNames } from "../../i18n/profiles.messages.ts";

export interface Paged<T> {
	items: T[];
	total: number;
	page: number;
	limit: number;
}

/** A page number from the query: a whole number from 1, anything else is page 1. */
export function pageNumber(value: string | string[] | undefined): number {
	const text = Array.isArray(value) ? value[0] : value;
	const n = Number(text);
	return Number.isSafeInteger(n) && n >= 1 && n <= 100000 ? n : 1;
}

/** US dollars from the analytics' decimal strings, compact ("US$606B"). */
export function usd(ctx: PageContext, amount: string | number): string {
	return ctx.fmt.moneyCompact(Number(amount), "USD");
}

/** "SDG 3", "ODD 3.b", "ЦРТ 8": a goal or target code as the page's language writes it. */
export function codeLabel(ctx: PageContext, code: string): string {
	const [fw = "", rest = ""] = code.split(":");
	const short = fw.toLowerCase() === "mdg" ? m.mdg_short : m.sdg_short;
	return `${ctx.t(short)} ${rest}`;
}

/** The name of a recipient group key of the analytics ("country:KE", "region:998", "group:LDC", "global:global"). */
export function recipientLabel(
	ctx: PageContext,
	key: string,
	fallback: string,
): { text: string; english: boolean } {
	const [kind = "", code = ""] = key.split(":");
	if (kind === "country") return { text: ctx.fmt.country(code), english: false };
	if (kind === "global") return { text: ctx.t(m.global), english: false };
	const known = kind === "group" ? groupNames[code] : kind === "region" ? regionNames[code] : null;
	if (known) return { text: ctx.t(known), english: false };
	return { text: fallback, english: ctx.lang !== "en" };
}

/** A group code (G8, LDC ...) named in the page's language, or the code itself. */
export function groupLabel(ctx: PageContext, code: string): string {
	const known = groupNames[code];
	return known ? ctx.t(known) : code;
}

export function FeedLink(props: { ctx: PageContext; href: string; label?: string }) {
	return (
		<p class="pf-feed">
			<a href={props.href} type="application/atom+xml">
				{props.label ?? props.ctx.t(common.feed_link)}
			</a>
		</p>
	);
}

/** A section of commitments: heading, the table, the pager and links to the explorer and the API. */
export function CommitmentSection(props: {
	ctx: PageContext;
	id: string;
	heading: string;
	list: Paged<CommitmentListItem>;
	/** The page's own path (without the language), for the pager. */
	path: string;
	/** The explorer's query for the same selection, e.g. "stakeholder=united-kingdom". */
	filter: string;
}) {
	const { ctx, list } = props;
	return (
		<section aria-labelledby={`${props.id}-h`} id={props.id}>
			<h2 id={`${props.id}-h`}>{props.heading}</h2>
			<CommitmentTable ctx={ctx} items={list.items} />
			<Pager
				ctx={ctx}
				page={list.page}
				total={list.total}
				limit={list.limit}
				hrefFor={(p) => ctx.href(`${props.path}?page=${p}#${props.id}`)}
			/>
			{list.total > 0 && (
				<p class="small">
					<a href={ctx.href(`/commitments?${props.filter}`)}>{ctx.t(m.in_explorer)}</a> ·{" "}
					<a href={`/api/v1/commitments?${props.filter}`}>{ctx.t(m.as_json)}</a>
				</p>
			)}
		</section>
	);
}

interface Figures {
	committed: string;
	delivered: string;
}

function money(ctx: PageContext) {
	return {
		format: (n: number) => ctx.fmt.moneyCompact(n, "USD"),
		tableFormat: (n: number) => ctx.fmt.money(n, "USD"),
	};
}

/** Promised and delivered, one pair of bars per year. */
export function YearChart(props: {
	ctx: PageContext;
	id: string;
	title: string;
	description: string;
	groups: (Figures & { key: string })[];
}) {
	const { ctx, groups } = props;
	return (
		<BarChart
			id={props.id}
			title={props.title}
			description={props.description}
			categories={groups.map((g) => ctx.fmt.year(Number(g.key)))}
			series={[
				{
					key: "committed",
					label: ctx.t(components.promised),
					values: groups.map((g) => Number(g.committed)),
				},
				{
					key: "delivered",
					label: ctx.t(components.delivered),
					values: groups.map((g) => Number(g.delivered)),
				},
			]}
			{...money(ctx)}
			tableCaption={ctx.t(common.show_numbers)}
			categoryHeader={ctx.t(m.year)}
			noDataLabel={ctx.t(common.no_data)}
		/>
	);
}

/** Promised and delivered, a pair of horizontal bars per named group (goal, target, maker). */
export function GroupChart(props: {
	ctx: PageContext;
	id: string;
	title: string;
	description: string;
	categoryHeader: string;
	groups: (Figures & { label: string })[];
}) {
	const { ctx, groups } = props;
	if (groups.length === 0) return null;
	return (
		<HBarChart
			id={props.id}
			title={props.title}
			description={props.description}
			categories={groups.map((g) => g.label)}
			series={[
				{
					key: "committed",
					label: ctx.t(components.promised),
					values: groups.map((g) => Number(g.committed)),
				},
				{
					key: "delivered",
					label: ctx.t(components.delivered),
					values: groups.map((g) => Number(g.delivered)),
				},
			]}
			{...money(ctx)}
			tableCaption={ctx.t(common.show_numbers)}
			categoryHeader={props.categoryHeader}
			noDataLabel={ctx.t(common.no_data)}
		/>
	);
}
