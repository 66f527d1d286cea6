/** The six UN languages of the interface and of the shipped translations. */
import { isOneOf } from "./enums.ts";

export const languages = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: string): value is Language {
	return isOneOf(languages, value);
}
