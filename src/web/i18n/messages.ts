/**
 * Interface text. Each message carries its six translations side by side, so a
 * missing translation is a type error rather than an English word on an Arabic page.
 * Areas keep their own catalogue file (`<area>.messages.ts`) built with defineMessages.
 */
import type { Language } from "../../lib/languages.ts";

export type Message = Readonly<Record<Language, string>>;

/** Identity at run time; at compile time it checks that every message has all six languages. */
export function defineMessages<K extends string>(catalog: Record<K, Message>): Record<K, Message> {
	return catalog;
}

export type Params = Record<string, string | number>;

/**
 * The text of a message in one language with `{name}` placeholders filled in. A
 * placeholder without a value stays visible, which a test can catch.
 */
export function translate(message: Message, lang: Language, params?: Params): string {
	const text = message[lang];
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole,
	);
}
