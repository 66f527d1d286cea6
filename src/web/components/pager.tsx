/** Previous / next links and where we are, for any paged list. */
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";

export function Pager(props: {
	ctx: PageContext;
	page: number;
	total: number;
	limit: number;
	/** The URL of another page of the same list (filters kept). */
	hrefFor: (page: number) => string;
}) {
	const { ctx, page } = props;
	const pages = Math.max(1, Math.ceil(props.total / props.limit));
	if (pages <= 1) return null;
	return (
		<nav class="pager" aria-label={ctx.t(common.pages)}>
			{page > 1 && (
				<a href={props.hrefFor(page - 1)} rel="prev">
					{ctx.t(common.previous)}
				</a>
			)}
			<span>
				{ctx.t(common.page_of, { page: ctx.fmt.number(page), pages: ctx.fmt.number(pages) })}
			</span>
			{page < pages && (
				<a href={props.hrefFor(page + 1)} rel="next">
					{ctx.t(common.next)}
				</a>
			)}
		</nav>
	);
}
