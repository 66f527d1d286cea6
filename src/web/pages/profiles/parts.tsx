/**
 * What the profile pages share: how goals, targets and recipients are named in the page's
 * language, the feed link and the list of commitments with its pager.
 */
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import { CommitmentTable } from "../../components/commitment-table.tsx";
import { Pager } from "../../components/pager.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { groupNames, recipientKindNames, regionNames } from "../../i18n/enums.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";

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
	if (kind === "global") return { text: ctx.t(recipientKindNames.global), english: false };
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
