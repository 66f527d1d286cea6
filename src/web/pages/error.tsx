/** An error as a page in the reader's language, with the exact reason underneath. */
import type { ErrorCode } from "../../lib/errors.ts";
import { Layout } from "../components/layout.tsx";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import type { Message } from "../i18n/messages.ts";

const headings: Record<ErrorCode, Message> = {
	invalid_input: common.error_invalid,
	unauthenticated: common.error_unauthenticated,
	forbidden: common.error_forbidden,
	not_found: common.error_not_found,
	conflict: common.error_conflict,
	rate_limited: common.error_rate_limited,
	internal: common.error_internal,
	unavailable: common.error_unavailable,
};

export function ErrorPage(props: { ctx: PageContext; code: ErrorCode; detail: string }) {
	const { ctx } = props;
	const heading = ctx.t(headings[props.code]);
	return (
		<Layout ctx={ctx} title={heading}>
			<h1>{heading}</h1>
			<p>
				{ctx.lang === "en" ? props.detail : ctx.t(common.error_detail, { detail: props.detail })}
			</p>
			{props.code === "unauthenticated" && (
				<p>
					<a href={ctx.href(`/sign-in?next=${encodeURIComponent(ctx.href(ctx.path))}`)}>
						{ctx.t(common.sign_in)}
					</a>
				</p>
			)}
			<p>
				<a href={ctx.href("/")}>{ctx.t(common.back_home)}</a>
			</p>
		</Layout>
	);
}
