/**
 * The comments on a commitment: threaded, plain text with links made clickable, hidden
 * and deleted comments shown as such; a form to comment, a reply form under each comment
 * and a form to report one, for signed-in users. Every form posts without JavaScript;
 * with htmx, commenting and replying swap this section in place.
 */
import { commentHtml } from "../../../lib/linkify.ts";
import { commentPolicy, editWindowMinutes } from "../../../modules/comments/comments.policy.ts";
import { type CommentView, maxBodyLength } from "../../../modules/comments/comments.schemas.ts";
import { CsrfField, type FormErrors, noErrors, TextArea } from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import { cm, type FlagReason, flagReasons } from "../../i18n/commitment.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { problemText } from "../../i18n/problems.messages.ts";
import { workspace as ws } from "../../i18n/workspace.messages.ts";
import type { CommentAction, CommentNotice, CommitmentForms } from "./types.ts";

const noticeText: Record<CommentNotice, Message> = {
	posted: cm.comment_posted,
	flagged: cm.flag_sent,
	flag_repeat: cm.flag_repeat,
	edited: cm.comment_edited_notice,
	deleted: cm.comment_deleted_notice,
	hidden: cm.comment_hidden_notice,
	shown: cm.comment_shown_notice,
};

/** Replies deeper than this are not indented further, so a phone screen keeps its width. */
const maxIndent = 4;

export interface CommentsProps {
	ctx: PageContext;
	slug: string;
	/** Null: comments are closed (the commitment is not public). */
	thread: { items: CommentView[]; total: number } | null;
	forms: CommitmentForms;
}

function commentsUrl(ctx: PageContext, slug: string): string {
	return ctx.href(`/commitments/${slug}/comments`);
}

/** The htmx attributes of a comment form: post, then put the answered section in place. */
function htmxPost(url: string) {
	return { "hx-post": url, "hx-target": "#comments", "hx-swap": "outerHTML" };
}

function ReplyForm(props: CommentsProps & { comment: CommentView }) {
	const { ctx, comment: c, forms } = props;
	const mine = forms.comment?.parentId === c.id ? forms.comment : null;
	const id = `reply-${c.id}-body`;
	const error = mine ? (mine.errors.fields.body ?? mine.errors.message) : null;
	const url = commentsUrl(ctx, props.slug);
	return (
		<details class="comment-action" open={mine !== null}>
			<summary>{ctx.t(cm.reply)}</summary>
			<form method="post" action={url} class="reply-form" {...htmxPost(url)}>
				<CsrfField ctx={ctx} />
				<input type="hidden" name="parent_id" value={String(c.id)} />
				<div class={error ? "field invalid" : "field"}>
					<label for={id}>{ctx.t(cm.reply_to, { name: c.author.display_name })}</label>
					{error && (
						<p class="error" id={`${id}-error`}>
							{problemText(ctx, error)}
						</p>
					)}
					<textarea
						id={id}
						name="body"
						rows={3}
						required
						dir="auto"
						aria-invalid={error ? "true" : undefined}
						aria-describedby={error ? `${id}-error` : undefined}
					>
						{mine?.body ?? ""}
					</textarea>
				</div>
				<button type="submit">{ctx.t(cm.post_reply)}</button>
			</form>
		</details>
	);
}

function FlagForm(props: CommentsProps & { comment: CommentView }) {
	const { ctx, comment: c, forms } = props;
	const mine = forms.flag?.commentId === c.id ? forms.flag : null;
	const errors: FormErrors = mine?.errors ?? noErrors;
	const base = `flag-${c.id}`;
	const reasonError =
		errors.fields.reason ?? (mine && !errors.fields.details ? errors.message : null);
	const detailsError = errors.fields.details;
	return (
		<details class="comment-action" open={mine !== null}>
			<summary>{ctx.t(cm.report_comment)}</summary>
			<form method="post" action={ctx.href(`/comments/${c.id}/flag`)} class="flag-form">
				<CsrfField ctx={ctx} />
				<input type="hidden" name="commitment" value={props.slug} />
				<div class={reasonError ? "field invalid" : "field"}>
					<label for={`${base}-reason`}>{ctx.t(cm.flag_reason)}</label>
					{reasonError && (
						<p class="error" id={`${base}-reason-error`}>
							{problemText(ctx, reasonError)}
						</p>
					)}
					<select
						id={`${base}-reason`}
						name="reason"
						required
						aria-invalid={reasonError ? "true" : undefined}
						aria-describedby={reasonError ? `${base}-reason-error` : undefined}
					>
						<option value="">{ctx.t(cm.flag_choose)}</option>
						{(Object.keys(flagReasons) as FlagReason[]).map((r) => (
							<option key={r} value={r} selected={mine?.reason === r}>
								{ctx.t(flagReasons[r])}
							</option>
						))}
					</select>
				</div>
				<div class={detailsError ? "field invalid" : "field"}>
					<label for={`${base}-details`}>{ctx.t(cm.flag_details)}</label>
					{detailsError && (
						<p class="error" id={`${base}-details-error`}>
							{problemText(ctx, detailsError)}
						</p>
					)}
					<textarea
						id={`${base}-details`}
						name="details"
						rows={2}
						dir="auto"
						aria-invalid={detailsError ? "true" : undefined}
						aria-describedby={detailsError ? `${base}-details-error` : undefined}
					>
						{mine?.details ?? ""}
					</textarea>
				</div>
				<button type="submit" class="secondary">
					{ctx.t(cm.flag_submit)}
				</button>
			</form>
		</details>
	);
}

interface ActionFormProps extends CommentsProps {
	comment: CommentView;
	action: CommentAction;
	summary: Message;
	submit: Message;
	/** A line above the form: what it does, or until when. */
	intro?: string;
	/** The text the action takes: the new body, or the moderator's reason. */
	text?: {
		name: "body" | "reason";
		label: string;
		initial: string;
		rows: number;
		required: boolean;
	};
}

/**
 * An author's or a moderator's action on a comment, as a form that posts without
 * JavaScript (routes/commitment.routes.ts) and comes back open with its error.
 */
function ActionForm(props: ActionFormProps) {
	const { ctx, comment: c, action } = props;
	const mine =
		props.forms.commentAction?.commentId === c.id && props.forms.commentAction.action === action
			? props.forms.commentAction
			: null;
	const base = `${action}-${c.id}`;
	const field = props.text;
	const error = mine
		? ((field && mine.errors.fields[field.name]) ?? mine.errors.message ?? null)
		: null;
	return (
		<details class="comment-action" open={mine !== null}>
			<summary>{ctx.t(props.summary)}</summary>
			<form method="post" action={ctx.href(`/comments/${c.id}/${action}`)} class={`${action}-form`}>
				<CsrfField ctx={ctx} />
				<input type="hidden" name="commitment" value={props.slug} />
				{props.intro && <p class="small">{props.intro}</p>}
				{error && !field && (
					<p class="error" id={`${base}-error`}>
						{problemText(ctx, error)}
					</p>
				)}
				{field && (
					<div class={error ? "field invalid" : "field"}>
						<label for={`${base}-${field.name}`}>{field.label}</label>
						{error && (
							<p class="error" id={`${base}-error`}>
								{problemText(ctx, error)}
							</p>
						)}
						<textarea
							id={`${base}-${field.name}`}
							name={field.name}
							rows={field.rows}
							required={field.required}
							dir="auto"
							aria-invalid={error ? "true" : undefined}
							aria-describedby={error ? `${base}-error` : undefined}
						>
							{mine ? mine.text : field.initial}
						</textarea>
					</div>
				)}
				<button type="submit" class={action === "edit" ? undefined : "secondary"}>
					{ctx.t(props.submit)}
				</button>
			</form>
		</details>
	);
}

/** What the reader may do to a comment: its author edits (for a while) and deletes; a moderator hides or shows. */
function AuthorAndModeratorActions(props: CommentsProps & { comment: CommentView }) {
	const { ctx, comment: c } = props;
	const actor = ctx.actor;
	if (!actor || c.deleted) return null;
	const author = commentPolicy.edit(actor, { authorId: c.author.id });
	const editable = author && !c.hidden && commentPolicy.editable(c.created_at, Date.now());
	const until = new Date(Date.parse(c.created_at) + editWindowMinutes * 60_000).toISOString();
	return (
		<>
			{editable && (
				<ActionForm
					{...props}
					action="edit"
					summary={ws.action_edit}
					submit={cm.comment_edit_save}
					intro={ctx.t(cm.comment_edit_until, { time: ctx.fmt.dateTime(until) })}
					text={{
						name: "body",
						label: ctx.t(cm.your_comment),
						initial: c.body ?? "",
						rows: 4,
						required: true,
					}}
				/>
			)}
			{author && (
				<ActionForm
					{...props}
					action="delete"
					summary={cm.comment_delete}
					submit={cm.comment_delete_submit}
					intro={ctx.t(cm.comment_delete_confirm)}
				/>
			)}
			{commentPolicy.hide(actor) &&
				(c.hidden ? (
					<ActionForm
						{...props}
						action="unhide"
						summary={cm.comment_unhide_submit}
						submit={cm.comment_unhide_submit}
					/>
				) : (
					<ActionForm
						{...props}
						action="hide"
						summary={cm.comment_hide}
						submit={ws.hide_button}
						text={{
							name: "reason",
							label: ctx.t(cm.comment_hide_reason),
							initial: "",
							rows: 2,
							required: true,
						}}
					/>
				))}
		</>
	);
}

function Comment(props: CommentsProps & { comment: CommentView; depth: number }) {
	const { ctx, comment: c } = props;
	const actor = ctx.actor;
	const gone = c.deleted || c.hidden;
	const name = c.author.display_name;
	return (
		<li id={`comment-${c.id}`} class={`comment depth-${Math.min(props.depth, maxIndent)}`}>
			<article aria-label={ctx.t(cm.comment_anchor, { name: c.deleted ? "—" : name })}>
				<p class="comment-meta small">
					{!c.deleted && (
						<>
							<strong dir="auto">{name}</strong>
							{" · "}
						</>
					)}
					<a href={`#comment-${c.id}`} class="muted">
						<time datetime={c.created_at}>{ctx.fmt.dateTime(c.created_at)}</time>
					</a>
					{c.edited_at && !c.deleted && <span class="muted"> · {ctx.t(cm.edited)}</span>}
					{c.flags !== null && c.flags > 0 && (
						<span class="badge light-amber">{ctx.t(cm.comment_flag_count, { n: c.flags })}</span>
					)}
				</p>
				{c.deleted ? (
					<p class="comment-gone muted">{ctx.t(cm.comment_deleted)}</p>
				) : c.hidden && c.body === null ? (
					<p class="comment-gone muted">{ctx.t(cm.comment_hidden)}</p>
				) : (
					<>
						{c.hidden && (
							<p class="notice small">
								{c.hidden_reason
									? ctx.t(cm.comment_hidden_reason, { reason: c.hidden_reason })
									: ctx.t(cm.comment_hidden)}
							</p>
						)}
						<div
							class="comment-body"
							dir="auto"
							dangerouslySetInnerHTML={{ __html: commentHtml(c.body ?? "") }}
						/>
					</>
				)}
				{actor && !c.deleted && (
					<div class="comment-actions">
						{!gone && <ReplyForm {...props} comment={c} />}
						{!gone && actor.userId !== c.author.id && <FlagForm {...props} comment={c} />}
						<AuthorAndModeratorActions {...props} comment={c} />
					</div>
				)}
			</article>
			{c.replies.length > 0 && (
				<ol class="comment-list replies" aria-label={ctx.t(cm.replies_to, { name })}>
					{c.replies.map((r) => (
						<Comment key={r.id} {...props} comment={r} depth={props.depth + 1} />
					))}
				</ol>
			)}
		</li>
	);
}

export function CommentsSection(props: CommentsProps) {
	const { ctx, thread, forms } = props;
	const url = commentsUrl(ctx, props.slug);
	const mine = forms.comment?.parentId === null ? forms.comment : null;
	const errors: FormErrors = mine
		? {
				message: null,
				fields: { body: mine.errors.fields.body ?? mine.errors.message ?? "" },
			}
		: noErrors;
	const next = ctx.href(`/commitments/${props.slug}`);
	const notice = forms.notice ? noticeText[forms.notice] : null;
	return (
		<section id="comments" aria-labelledby="comments-heading">
			<h2 id="comments-heading">{ctx.t(cm.comments_heading, { n: thread?.total ?? 0 })}</h2>
			{notice && (
				<p class="flash" role="status">
					{ctx.t(notice)}
				</p>
			)}
			{thread === null ? (
				<p class="muted">{ctx.t(cm.comments_closed)}</p>
			) : (
				<>
					{thread.items.length === 0 ? (
						<p class="muted">{ctx.t(cm.no_comments)}</p>
					) : (
						<ol class="comment-list">
							{thread.items.map((c) => (
								<Comment key={c.id} {...props} comment={c} depth={0} />
							))}
						</ol>
					)}
					{ctx.actor ? (
						<form
							method="post"
							action={url}
							id="comment-form"
							class="comment-form"
							{...htmxPost(url)}
						>
							<CsrfField ctx={ctx} />
							<TextArea
								ctx={ctx}
								name="body"
								label={ctx.t(cm.your_comment)}
								hint={ctx.t(cm.comment_hint, { max: ctx.fmt.number(maxBodyLength) })}
								errors={errors}
								value={mine?.body ?? ""}
								rows={5}
								required
							/>
							<button type="submit">{ctx.t(cm.post_comment)}</button>
						</form>
					) : (
						<p class="sign-in-to-comment">
							<a class="button" href={ctx.href(`/sign-in?next=${encodeURIComponent(next)}`)}>
								{ctx.t(cm.sign_in_to_comment)}
							</a>{" "}
							<a href={ctx.href(`/register?next=${encodeURIComponent(next)}`)}>
								{ctx.t(cm.no_account)}
							</a>
						</p>
					)}
				</>
			)}
		</section>
	);
}
