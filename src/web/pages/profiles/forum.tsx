/** A forum: when and where it met, everything promised there, and what came of it. */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import type { CommitmentListItem } from "../../../modules/commitments/commitments.schemas.ts";
import type { ForumService } from "../../../modules/forums/forums.service.ts";
import { DeliveryFigures } from "../../components/delivery-figures.tsx";
import { GroupFiguresChart } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { forumKindNames } from "../../i18n/enums.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { CommitmentSection, type Paged } from "./parts.tsx";

/** A forum as the forum service gives it, with its delivery figures. */
export type ForumData = Awaited<ReturnType<ForumService["get"]>>;

function when(ctx: PageContext, f: ForumData): string {
	if (!f.held_on) return "—";
	if (!f.ends_on || f.ends_on === f.held_on) return ctx.fmt.date(f.held_on);
	return ctx.t(m.period, { from: ctx.fmt.date(f.held_on), to: ctx.fmt.date(f.ends_on) });
}

export function ForumPage(props: {
	ctx: PageContext;
	forum: ForumData;
	list: Paged<CommitmentListItem>;
	byMaker: DeliveryAggregate;
}) {
	const { ctx, forum: f, byMaker } = props;
	const baseYear = f.delivery.price_basis.base_year ?? "—";
	const makers = byMaker.groups
		.filter((g) => Number(g.committed) > 0 || Number(g.delivered) > 0)
		.map((g) => ({ ...g, label: g.name }));
	// Makers' own pledges only (a collective one counts for none of them): a chart of one
	// maker, or of makers whose bars all match, says nothing the figures above do not.
	const distinct = new Set(makers.map((g) => `${g.committed}/${g.delivered}`)).size;
	return (
		<Layout
			ctx={ctx}
			title={f.name}
			description={ctx.t(m.forum_description, { name: f.name })}
			section="explore"
		>
			<article class="profile" id="forum">
				<p class="muted pf-eyebrow">
					<a href={ctx.href("/forums")}>{ctx.t(common.forum)}</a>
				</p>
				<h1 dir="auto">{f.name}</h1>
				<dl class="facts">
					<dt>{ctx.t(m.kind)}</dt>
					<dd>{ctx.t(forumKindNames[f.kind])}</dd>
					<dt>{ctx.t(m.held)}</dt>
					<dd>{when(ctx, f)}</dd>
					{f.place && (
						<>
							<dt>{ctx.t(m.place)}</dt>
							<dd dir="auto">{f.place}</dd>
						</>
					)}
					{(f.document_symbol || f.url) && (
						<>
							<dt>{ctx.t(m.document)}</dt>
							<dd>
								{f.url ? (
									<a href={f.url} rel="external noopener" dir="ltr">
										{f.document_symbol ?? ctx.t(m.official_record)}
									</a>
								) : (
									<span dir="ltr">{f.document_symbol}</span>
								)}
							</dd>
						</>
					)}
				</dl>
				{f.description && (
					<p dir="auto" class="pf-description">
						{f.description}
					</p>
				)}

				<section aria-labelledby="delivery-h" id="delivery">
					<h2 id="delivery-h">{ctx.t(m.what_came)}</h2>
					<DeliveryFigures ctx={ctx} figures={f.delivery} heading={ctx.t(m.what_came)} />
					{makers.length > 1 && distinct > 1 && (
						<GroupFiguresChart
							heading
							ctx={ctx}
							id="forum-makers"
							title={ctx.t(m.by_maker_title)}
							description={ctx.t(m.by_maker_desc, { name: f.name, year: baseYear })}
							categoryHeader={ctx.t(m.col_maker)}
							groups={makers}
						/>
					)}
				</section>

				<CommitmentSection
					ctx={ctx}
					id="commitments"
					heading={ctx.t(m.promised_there, { n: ctx.fmt.number(props.list.total) })}
					list={props.list}
					path={`/forums/${f.slug}`}
					filter={`forum=${encodeURIComponent(f.slug)}`}
				/>
			</article>
		</Layout>
	);
}
