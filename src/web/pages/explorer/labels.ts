/**
 * Names of the explorer's filter values in the page's language: goals and targets from the
 * shipped translations, countries from Intl, kinds and statuses from the shared catalogues.
 * Values the page cannot translate (forums, makers, regions, groups) keep the stored name.
 */

import type {
	FacetBucket,
	FacetDimension,
} from "../../../modules/commitments/commitments.schemas.ts";
import type { PageContext } from "../../context.ts";
import {
	commitmentKindNames,
	commitmentStatusNames,
	deliveryStatusNames,
	forumKindNames,
	nameOf,
	stakeholderKindNames,
} from "../../i18n/enums.messages.ts";
import { explorer as m } from "../../i18n/explorer.messages.ts";

/** "sdg:3" -> "SDG 3", "sdg:3.b" -> "SDG 3.b". */
export function goalCode(code: string): string {
	return code
		.toUpperCase()
		.replace(":", " ")
		.replace(/\.([A-Z]+)$/, (_, x: string) =>
			code.startsWith("sdg") ? `.${x.toLowerCase()}` : `.${x}`,
		);
}

/** A goal as code and short title: "SDG 3 · Good health and well-being". */
export function goalLabel(ctx: PageContext, code: string): string {
	const known = ctx.titles.get(code.toLowerCase());
	const name = known?.short ?? known?.title;
	return name ? `${goalCode(code)} · ${name}` : goalCode(code);
}

/** Target titles are whole sentences: the code and the first words. */
export function targetLabel(ctx: PageContext, code: string, max = 70): string {
	const title = ctx.titles.get(code.toLowerCase())?.title;
	if (!title) return goalCode(code);
	const short = title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
	return `${goalCode(code)} · ${short}`;
}

/** A recipient: a country by its alpha-2 code in this language, "global", or the stored name. */
export function recipientLabel(ctx: PageContext, value: string, stored: string): string {
	if (value === "global") return ctx.t(m.global);
	if (/^[A-Za-z]{2}$/.test(value)) {
		const name = ctx.fmt.country(value);
		return name && name !== value ? name : stored;
	}
	return stored;
}

/** The name of one value of a facet, translated where the page can. */
export function bucketLabel(
	ctx: PageContext,
	dimension: FacetDimension,
	bucket: Pick<FacetBucket, "value" | "label">,
): string {
	const { value, label } = bucket;
	switch (dimension) {
		case "goal":
			return goalLabel(ctx, value);
		case "target":
			return targetLabel(ctx, value);
		case "recipient":
			return recipientLabel(ctx, value, label);
		case "forum_kind":
			return nameOf(ctx, forumKindNames, value, label);
		case "maker_kind":
			return nameOf(ctx, stakeholderKindNames, value, label);
		case "kind":
			return nameOf(ctx, commitmentKindNames, value, label);
		case "status":
			return nameOf(ctx, commitmentStatusNames, value, label);
		case "delivery":
			return nameOf(ctx, deliveryStatusNames, value, label);
		default:
			return label;
	}
}
