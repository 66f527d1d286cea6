/**
 * The comments on a commitment: threaded, plain text with links made clickable, hidden
 * and deleted comments shown as such; a form to comment, a reply form under each comment
 * and a form to report one, for signed-in users. Every form posts without JavaScript;
 * with htmx, commenting and replying swap this section in place.
 */
import { commentHtml } from "../../../lib/linkify.ts";
import { type CommentView, maxBodyLength } from "../../../modules/comments/comments.schemas.ts";
import { CsrfField, type FormErrors, noErrors, TextArea } from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import { cm, type FlagReason, flagReasons } from "../../i18n/commitment.messages.ts";
import type { CommitmentForms } from "./types.ts";

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
							{error}
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
							{reasonError}
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
							{detailsError}
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
				{actor && !gone && (
					<div class="comment-actions">
						<ReplyForm {...props} comment={c} />
						{actor.userId !== c.author.id && <FlagForm {...props} comment={c} />}
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
	const notice =
		forms.notice === "posted"
			? cm.comment_posted
			: forms.notice === "flagged"
				? cm.flag_sent
				: forms.notice === "flag_repeat"
					? cm.flag_repeat
					: null;
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
