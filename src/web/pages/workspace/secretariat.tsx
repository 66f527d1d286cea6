/**
 * The secretariat's two queues: submissions waiting to be published (or returned to
 * their makers with a reason), and comments flagged as abuse (hidden with a reason, or
 * kept with their flags dismissed; a hidden comment can be shown again).
 */

import type { ComponentChildren } from "preact";
import type { ModerationList } from "../../../modules/comments/comments.schemas.ts";
import type {
	CommitmentDetail,
	CommitmentListItem,
} from "../../../modules/commitments/commitments.schemas.ts";
import { makerNames, promisedAmount } from "../../components/commitment-table.tsx";
import type { FormErrors } from "../../components/form.tsx";
import { Layout } from "../../components/layout.tsx";
import { Pager } from "../../components/pager.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { stepButtons, stepReasonLabels, workspace as w } from "../../i18n/workspace.messages.ts";
import { ActionErrorSummary, ActionForm, BackToWorkspace, Flash } from "./parts.tsx";

/** A failed action on one item of a queue: which item, what went wrong, what was typed. */
export interface ItemError {
	key: string;
	/** The action that failed (return, hide ...), so its form shows the error. */
	action: string;
	errors: FormErrors;
	reason: string;
}

/** A required reason for one item's action, with what was typed and its error when that action failed. */
export function requiredReason(label: string, failed: ItemError | null, action: string) {
	const mine = failed?.action === action ? failed : null;
	return {
		label,
		required: true,
		value: mine?.reason ?? "",
		error: mine?.errors.fields.reason,
	};
}

/**
 * A queue's page: its title and count, the notice of the last action (or what failed),
 * the items (the children, each with its small forms) and the pager.
 */
export function QueueFrame(props: {
	ctx: PageContext;
	title: string;
	intro: string;
	flash: ComponentChildren;
	failed: ItemError | null;
	/** The list's id. */
	id: string;
	/** Said (in a paragraph of this id) when the list is empty. */
	empty: { id: string; text: string };
	list: { items: unknown[]; total: number; page: number; limit: number };
	/** The page's path, for the pager. */
	path: string;
	children: ComponentChildren;
}) {
	const { ctx, list, failed } = props;
	return (
		<Layout ctx={ctx} title={props.title} section="workspace">
			<BackToWorkspace ctx={ctx} />
			<h1>{props.title}</h1>
			<p class="muted">{props.intro}</p>
			{props.flash}
			{failed && (
				<ActionErrorSummary
					ctx={ctx}
					id="action-error"
					form={`${failed.action}-${failed.key}`}
					errors={failed.errors}
				/>
			)}
			{list.items.length === 0 && <p id={props.empty.id}>{props.empty.text}</p>}
			<ol class="queue" id={props.id}>
				{props.children}
			</ol>
			<Pager
				ctx={ctx}
				page={list.page}
				total={list.total}
				limit={list.limit}
				hrefFor={(p) => ctx.href(`${props.path}?page=${p}`)}
			/>
		</Layout>
	);
}

/** A submission's text as it would be published, and the sources it claims, linked. */
function SubmissionText(props: {
	ctx: PageContext;
	detail: Pick<CommitmentDetail, "text" | "sources"> | undefined;
}) {
	const { ctx, detail } = props;
	if (!detail) return null;
	return (
		<div class="submission-text">
			<h3>{ctx.t(common.commitment_text)}</h3>
			<blockquote dir="auto" class="prewrap">
				{detail.text}
			</blockquote>
			<h3>{ctx.t(common.sources)}</h3>
			{detail.sources.length === 0 ? (
				<p class="error">{ctx.t(w.queue_no_source)}</p>
			) : (
				<ul>
					{detail.sources.map((s) => (
						<li key={`${s.title}|${s.url ?? ""}`} dir="auto">
							{s.url ? (
								<a href={s.url} rel="noopener nofollow">
									{s.title}
								</a>
							) : (
								s.title
							)}
							{s.document_symbol && <span class="muted"> · {s.document_symbol}</span>}
							{s.published_on && <span class="muted"> · {ctx.fmt.date(s.published_on)}</span>}
						</li>
					))}
				</ul>
			)}
		</div>
	);
}

export function QueuePage(props: {
	ctx: PageContext;
	list: { items: CommitmentListItem[]; total: number; page: number; limit: number };
	/** Each submission whole: its text and sources, to check one against the other. */
	details: ReadonlyMap<string, Pick<CommitmentDetail, "text" | "sources">>;
	done: string | undefined;
	failed: ItemError | null;
}) {
	const { ctx, list, failed } = props;
	const title = ctx.t(w.queue_title);
	return (
		<QueueFrame
			ctx={ctx}
			title={title}
			intro={ctx.t(w.queue_intro, { n: ctx.fmt.number(list.total) })}
			flash={<Flash ctx={ctx} done={props.done} />}
			failed={failed}
			id="queue"
			empty={{ id: "queue-empty", text: ctx.t(w.queue_empty) }}
			list={list}
			path="/workspace/queue"
		>
			{list.items.map((c) => {
				const mine = failed?.key === c.slug ? failed : null;
				const transition = ctx.href(`/workspace/commitments/${c.slug}/transition`);
				return (
					<li key={c.id} class="queue-item" id={`submission-${c.slug}`}>
						<h2>
							<a href={ctx.href(`/workspace/commitments/${c.slug}/edit`)} dir="auto">
								{c.title}
							</a>
						</h2>
						<dl class="facts">
							<dt>{ctx.t(w.f_makers)}</dt>
							<dd dir="auto">{makerNames(ctx, c.makers)}</dd>
							<dt>{ctx.t(w.f_forum)}</dt>
							<dd dir="auto">{c.forum?.name ?? "—"}</dd>
							<dt>{ctx.t(w.f_announced_on)}</dt>
							<dd>{ctx.fmt.date(c.announced_on)}</dd>
							<dt>{ctx.t(common.amount)}</dt>
							<dd>{promisedAmount(ctx, c) || "—"}</dd>
						</dl>
						<SubmissionText ctx={ctx} detail={props.details.get(c.slug)} />
						<div class="actions-row">
							<ActionForm
								ctx={ctx}
								id={`publish-${c.slug}`}
								action={transition}
								button={ctx.t(stepButtons.publish)}
								hidden={{ step: "publish", version: c.version, back: "queue" }}
							/>
							<ActionForm
								ctx={ctx}
								id={`return-${c.slug}`}
								action={transition}
								button={ctx.t(stepButtons.return)}
								secondary
								hidden={{ step: "return", version: c.version, back: "queue" }}
								reason={requiredReason(ctx.t(stepReasonLabels.return), mine, "return")}
							/>
						</div>
					</li>
				);
			})}
		</QueueFrame>
	);
}

export function ModerationPage(props: {
	ctx: PageContext;
	list: ModerationList;
	done: string | undefined;
	/** The comment just hidden, offered to be shown again. */
	hiddenId: number | null;
	failed: ItemError | null;
}) {
	const { ctx, list, failed } = props;
	const title = ctx.t(w.moderation_title);
	return (
		<QueueFrame
			ctx={ctx}
			title={title}
			intro={ctx.t(w.moderation_intro, { n: ctx.fmt.number(list.total) })}
			flash={
				<Flash ctx={ctx} done={props.done}>
					{props.hiddenId !== null && props.done === "hidden" && (
						<ActionForm
							ctx={ctx}
							id={`unhide-${props.hiddenId}`}
							action={ctx.href(`/workspace/moderation/${props.hiddenId}/unhide`)}
							button={ctx.t(w.unhide_button)}
							secondary
						/>
					)}
				</Flash>
			}
			failed={failed}
			id="flagged"
			empty={{ id: "moderation-empty", text: ctx.t(w.moderation_empty) }}
			list={list}
			path="/workspace/moderation"
		>
			{list.items.map((c) => {
				const mine = failed?.key === String(c.id) && failed.action === "hide" ? failed : null;
				return (
					<li key={c.id} class="queue-item" id={`flagged-${c.id}`}>
						<h2 class="small-heading">
							{ctx.t(w.comment_by, {
								name: c.author.display_name,
								date: ctx.fmt.dateTime(c.created_at),
							})}
						</h2>
						<p class="muted small">
							{ctx.t(w.comment_on)}{" "}
							<a href={ctx.href(`/commitments/${c.commitment.slug}#comment-${c.id}`)} dir="auto">
								{c.commitment.title}
							</a>
						</p>
						<blockquote class="comment-body" dir="auto">
							{c.body}
						</blockquote>
						<h3 class="small-heading">
							{ctx.t(w.flags_heading, { n: ctx.fmt.number(c.flags.length) })}
						</h3>
						<ul class="flags">
							{c.flags.map((f) => (
								<li key={`${f.user.id}-${f.created_at}`}>
									<span dir="auto">{f.reason}</span>{" "}
									<span class="muted small">
										({f.user.display_name}, {ctx.fmt.dateTime(f.created_at)})
									</span>
								</li>
							))}
						</ul>
						<div class="actions-row">
							<ActionForm
								ctx={ctx}
								id={`hide-${c.id}`}
								action={ctx.href(`/workspace/moderation/${c.id}/hide`)}
								button={ctx.t(w.hide_button)}
								reason={requiredReason(ctx.t(w.hide_reason), mine, "hide")}
							/>
							<ActionForm
								ctx={ctx}
								id={`dismiss-${c.id}`}
								action={ctx.href(`/workspace/moderation/${c.id}/dismiss`)}
								button={ctx.t(w.dismiss_button)}
								secondary
							/>
						</div>
					</li>
				);
			})}
		</QueueFrame>
	);
}
