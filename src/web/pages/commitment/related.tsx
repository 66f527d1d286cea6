/**
 * What the registry noticed about the commitment (inconsistency flags, each explained),
 * the commitments it is related to, and how it counts in totals as a result.
 */
import type { CommitmentDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type { CommitmentFlags } from "../../../modules/flags/flags.schemas.ts";
import type { PageContext } from "../../context.ts";
import {
	cm,
	countedNames,
	flagKindNames,
	incomingRelationNames,
} from "../../i18n/commitment.messages.ts";
import { nameOf, relationKindNames } from "../../i18n/enums.messages.ts";

type Ref = { slug: string; title: string };

function CommitmentLink(props: { ctx: PageContext; c: Ref }) {
	return (
		<a href={props.ctx.href(`/commitments/${props.c.slug}`)} dir="auto">
			{props.c.title}
		</a>
	);
}

/** English text from the API, marked as such so it is read with the right voice. */
function English(props: { ctx: PageContext; text: string }) {
	return (
		<>
			<span lang="en" dir="ltr">
				{props.text}
			</span>
			{props.ctx.lang !== "en" && <span class="muted small"> {props.ctx.t(cm.in_english)}</span>}
		</>
	);
}

export function FlagsSection(props: { ctx: PageContext; flags: CommitmentFlags }) {
	const { ctx, flags } = props;
	return (
		<section id="flags" aria-labelledby="flags-heading">
			<h2 id="flags-heading">{ctx.t(cm.flags_heading)}</h2>
			{!flags.checked ? (
				<p class="muted">{ctx.t(cm.flags_not_checked)}</p>
			) : flags.items.length === 0 ? (
				<p class="muted">{ctx.t(cm.no_flags)}</p>
			) : (
				<ul class="flag-list">
					{flags.items.map((f, i) => (
						<li key={i} class="flag">
							<strong>{ctx.t(flagKindNames[f.kind])}</strong>
							<p>
								<English ctx={ctx} text={f.explanation} />
							</p>
							{f.related.length > 0 && (
								<p class="small">
									{ctx.t(cm.flag_concerns)}{" "}
									{f.related.map((r, j) => (
										<span key={r.id}>
											{j > 0 && "; "}
											<CommitmentLink ctx={ctx} c={r} />
										</span>
									))}
								</p>
							)}
						</li>
					))}
				</ul>
			)}
		</section>
	);
}

/** One relation: its name as seen from this commitment, the other one, and the note. */
function Relation(props: {
	ctx: PageContext;
	name: string;
	relation: {
		commitment: Ref;
		note: string | null;
		share?: number | null;
		amount?: string | null;
		currency?: string | null;
	};
}) {
	const r = props.relation;
	const { ctx } = props;
	return (
		<li>
			<span class="badge">{props.name}</span> <CommitmentLink ctx={ctx} c={r.commitment} />
			{r.share != null && (
				<span class="relation-share">
					{" "}
					{ctx.t(cm.relation_part, {
						part:
							r.amount && r.currency
								? ctx.fmt.money(Number(r.amount), r.currency)
								: ctx.fmt.percent(r.share),
					})}
				</span>
			)}
			{r.note && (
				<div class="small" dir="auto">
					{r.note}
				</div>
			)}
		</li>
	);
}

export function RelationsSection(props: {
	ctx: PageContext;
	detail: CommitmentDetail;
	delivery: CommitmentDelivery;
}) {
	const { ctx, detail, delivery } = props;
	const { outgoing, incoming } = detail.relations;
	const counted = delivery.counted_as;
	return (
		<section id="related" aria-labelledby="related-heading">
			<h2 id="related-heading">{ctx.t(cm.relations_heading)}</h2>
			{outgoing.length + incoming.length === 0 ? (
				<p class="muted">{ctx.t(cm.no_relations)}</p>
			) : (
				<ul class="relation-list">
					{outgoing.map((r) => (
						<Relation
							key={`out-${r.kind}-${r.commitment.id}`}
							ctx={ctx}
							name={ctx.t(relationKindNames[r.kind])}
							relation={r}
						/>
					))}
					{incoming.map((r) => (
						<Relation
							key={`in-${r.kind}-${r.commitment.id}`}
							ctx={ctx}
							name={ctx.t(incomingRelationNames[r.kind] ?? relationKindNames[r.kind])}
							relation={r}
						/>
					))}
				</ul>
			)}
			<h3 id="counting">{ctx.t(cm.counting_heading)}</h3>
			<p class={counted.reason === "counted" ? "counted" : "counted notice"}>
				{counted.reason in countedNames ? (
					nameOf(ctx, countedNames, counted.reason)
				) : (
					<English ctx={ctx} text={counted.explanation} />
				)}
			</p>
			{counted.root && (
				<p>
					{ctx.t(cm.counted_through)} <CommitmentLink ctx={ctx} c={counted.root} />
				</p>
			)}
		</section>
	);
}
