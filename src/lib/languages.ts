/** The six UN languages of the interface and of the shipped translations. */
export const languages = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: string): value is Language {
	return (languages as readonly string[]).includes(value);
}
