/**
 * Proposed changes in the workspace: the secretariat's queue (each change beside what is
 * published, accepted or rejected with a reason), and on a commitment's workspace page the
 * change that waits (which its proposer may withdraw) or the last one rejected, with why.
 */
import type {
	Proposal,
	ProposalList,
} from "../../../modules/commitments/commitments.proposals.schemas.ts";
import type { ReviewReason } from "../../../modules/commitments/commitments.review.ts";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { pr } from "../../i18n/proposals.messages.ts";
import { type ChangeRow, ChangesTable } from "./changes-table.tsx";
import { ActionForm, Flash } from "./parts.tsx";
import { type ItemError, QueueFrame, requiredReason } from "./secretariat.tsx";

const whyMessage = { text: pr.why_text, collective: pr.why_collective } as const;

/** Why it waits, who proposed it and why, and what it changes. */
function ProposalBody(props: {
	ctx: PageContext;
	proposal: Proposal;
	changes: readonly ChangeRow[];
}) {
	const { ctx, proposal: p } = props;
	return (
		<>
			<p class="muted">{ctx.t(whyMessage[p.review])}</p>
			<p class="muted">
				{ctx.t(pr.proposed_by, {
					name: p.proposed_by ?? "—",
					date: ctx.fmt.dateTime(p.proposed_at),
					version: p.base_version,
				})}
			</p>
			{p.reason && (
				<p>
					<strong>{ctx.t(common.status_reason)}:</strong> <span dir="auto">{p.reason}</span>
				</p>
			)}
			{props.changes.length > 0 ? (
				<ChangesTable
					ctx={ctx}
					id={`proposal-${p.id}-changes`}
					caption={ctx.t(pr.caption)}
					beforeHeading={ctx.t(pr.col_now, { n: p.base_version })}
					afterHeading={ctx.t(pr.col_proposed)}
					changes={props.changes}
				/>
			) : (
				<p>{ctx.t(pr.no_field)}</p>
			)}
		</>
	);
}

export function ProposalQueuePage(props: {
	ctx: PageContext;
	list: ProposalList;
	changes: ReadonlyMap<number, ChangeRow[]>;
	done: string | undefined;
	failed: ItemError | null;
}) {
	const { ctx, list, failed } = props;
	return (
		<QueueFrame
			ctx={ctx}
			title={ctx.t(pr.title)}
			intro={ctx.t(pr.intro, { n: ctx.fmt.number(list.total) })}
			flash={<Flash ctx={ctx} done={props.done} />}
			failed={failed}
			id="proposals"
			empty={{ id: "proposals-empty", text: ctx.t(pr.empty) }}
			list={list}
			path="/workspace/proposals"
		>
			{list.items.map((p) => {
				const mine = failed?.key === String(p.id) ? failed : null;
				const base = `/workspace/proposals/${p.id}`;
				return (
					<li key={p.id} class="queue-item" id={`proposal-${p.id}`}>
						<h2>
							<a href={ctx.href(`/commitments/${p.commitment.slug}`)} dir="auto">
								{p.commitment.title}
							</a>
						</h2>
						<ProposalBody ctx={ctx} proposal={p} changes={props.changes.get(p.id) ?? []} />
						<div class="actions-row">
							<ActionForm
								ctx={ctx}
								id={`accept-${p.id}`}
								action={ctx.href(`${base}/accept`)}
								button={ctx.t(pr.accept)}
							/>
							<ActionForm
								ctx={ctx}
								id={`reject-${p.id}`}
								action={ctx.href(`${base}/reject`)}
								button={ctx.t(pr.reject)}
								secondary
								reason={requiredReason(ctx.t(pr.reject_reason), mine, "reject")}
							/>
						</div>
					</li>
				);
			})}
		</QueueFrame>
	);
}

/** What a commitment's workspace page says about proposed changes. */
export interface ProposalState {
	/** Whether this actor's change would wait for review, and why (told before they save). */
	review: ReviewReason | null;
	pending: {
		proposal: Proposal;
		changes: ChangeRow[];
		canWithdraw: boolean;
		staff: boolean;
	} | null;
	/** The last proposal rejected since the commitment last changed. */
	rejected: Proposal | null;
}

export function ProposalNotices(props: { ctx: PageContext; state: ProposalState }) {
	const { ctx, state } = props;
	const { pending, rejected } = state;
	return (
		<>
			{pending && (
				<section class="notice" id="pending-proposal" aria-labelledby="pending-proposal-heading">
					<h2 id="pending-proposal-heading">{ctx.t(pr.pending_heading)}</h2>
					<p>{ctx.t(pr.pending_body)}</p>
					<ProposalBody ctx={ctx} proposal={pending.proposal} changes={pending.changes} />
					{pending.staff && (
						<p>
							<a href={ctx.href(`/workspace/proposals#proposal-${pending.proposal.id}`)}>
								{ctx.t(pr.review_in_queue)}
							</a>
						</p>
					)}
					{pending.canWithdraw && (
						<ActionForm
							ctx={ctx}
							id={`withdraw-proposal-${pending.proposal.id}`}
							action={ctx.href(`/workspace/proposals/${pending.proposal.id}/withdraw`)}
							button={ctx.t(pr.withdraw)}
							secondary
						/>
					)}
				</section>
			)}
			{!pending && rejected && (
				<section class="notice" id="rejected-proposal" aria-labelledby="rejected-proposal-heading">
					<h2 id="rejected-proposal-heading">
						{ctx.t(pr.rejected_heading, { date: ctx.fmt.date(rejected.proposed_at.slice(0, 10)) })}
					</h2>
					<p dir="auto">
						{ctx.t(pr.rejected_by, {
							name: rejected.decided_by ?? "—",
							date: ctx.fmt.date((rejected.decided_at ?? "").slice(0, 10)),
							reason: rejected.decision_reason ?? "—",
						})}
					</p>
				</section>
			)}
			{!pending && state.review && (
				<p class="hint" id="review-hint">
					{ctx.t(state.review === "text" ? pr.hint_text : pr.hint_collective)}
				</p>
			)}
		</>
	);
}
