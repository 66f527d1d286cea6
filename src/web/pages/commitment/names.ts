/** How the commitment page writes labels and lists in the page's language. */
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { intlTag } from "../../i18n/locale.ts";
import type { Message } from "../../i18n/messages.ts";

/** "Label:" as the language writes it ("Label :" in French, "Label：" in Chinese). */
export function labelled(ctx: PageContext, label: Message | string): string {
	return ctx.t(cm.colon, { label: typeof label === "string" ? label : ctx.t(label) });
}

const lists = new Map<string, Intl.ListFormat>();

/** "A, B and C" as the language writes a list (Arabic commas, Chinese enumeration marks). */
export function listOf(ctx: PageContext, items: string[]): string {
	let format = lists.get(ctx.lang);
	if (!format) {
		format = new Intl.ListFormat(intlTag(ctx.lang), { style: "long", type: "conjunction" });
		lists.set(ctx.lang, format);
	}
	return format.format(items);
}
