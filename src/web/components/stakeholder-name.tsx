/**
 * A stakeholder's name as a reader of the page's language reads it: a member state by
 * its country's name in that language (CLDR's, through Intl: "Royaume-Uni", "المملكة
 * المتحدة"); every other stakeholder (an agency, a fund, a foundation) as recorded, in
 * English, and marked so, since no official name in the other languages is on record.
 */
import type { PageContext } from "../context.ts";

export interface NamedStakeholder {
	name: string;
	kind?: string | null;
	country?: string | null;
}

export function stakeholderName(
	ctx: PageContext,
	s: NamedStakeholder,
): { text: string; lang: "en" | null } {
	if (s.kind === "member_state" && s.country) {
		const local = ctx.fmt.country(s.country);
		if (local && local !== s.country) return { text: local, lang: null };
	}
	return { text: s.name, lang: ctx.lang === "en" ? null : "en" };
}

/** The name in a span that says its language when it is not the page's. */
export function StakeholderName(props: { ctx: PageContext; stakeholder: NamedStakeholder }) {
	const { text, lang } = stakeholderName(props.ctx, props.stakeholder);
	return (
		<span dir="auto" lang={lang ?? undefined}>
			{text}
		</span>
	);
}
