/**
 * The IATI activities a commitment is delivered through: each accepted link, with the
 * share of the activity that counts, leading to the activity's page. A commitment with
 * none says so: IATI is then no part of its delivery figures.
 */
import type { LinkView } from "../../../modules/links/links.schemas.ts";
import type { PageContext } from "../../context.ts";
import { activities as m } from "../../i18n/activities.messages.ts";

export function ActivitiesSection(props: { ctx: PageContext; links: LinkView[] | null }) {
	const { ctx, links } = props;
	if (links === null) return null;
	return (
		<section aria-labelledby="activities-h" id="activities">
			<h2 id="activities-h">{ctx.t(m.section_heading)}</h2>
			{links.length === 0 ? (
				<p class="muted">{ctx.t(m.section_none)}</p>
			) : (
				<>
					<p class="small">{ctx.t(m.section_intro)}</p>
					<ul class="plain-list">
						{links.map((l) => (
							<li key={l.activity.iati_identifier}>
								<a
									href={ctx.href(`/activities/${encodeURIComponent(l.activity.iati_identifier)}`)}
									dir="auto"
								>
									{l.activity.title ?? l.activity.iati_identifier}
								</a>{" "}
								<span class="muted small">
									<code dir="ltr">{l.activity.iati_identifier}</code> ·{" "}
									{ctx.t(m.share_counted, { pct: ctx.fmt.percent(l.share / 100) })}
								</span>
							</li>
						))}
					</ul>
				</>
			)}
			<p class="small">
				<a href={ctx.href("/activities")}>{ctx.t(m.all_activities)}</a>
			</p>
		</section>
	);
}
