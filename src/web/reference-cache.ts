/**
 * What pages build from reference data (framework titles, the names of places and
 * sectors): loaded once per database at start, so built once per service set and
 * language, and reused by every later request. A failed build is not kept.
 */
import type { Language } from "../lib/languages.ts";
import type { Services } from "../server/services.ts";

export function perLanguage<T>(
	build: (services: Services, lang: Language) => Promise<T>,
): (services: Services, lang: Language) => Promise<T> {
	const cache = new WeakMap<Services, Map<Language, Promise<T>>>();
	return (services, lang) => {
		let perLang = cache.get(services);
		if (!perLang) {
			perLang = new Map();
			cache.set(services, perLang);
		}
		let hit = perLang.get(lang);
		if (!hit) {
			hit = build(services, lang);
			// Say, before the reference data exists: the next request builds again.
			hit.catch(() => perLang?.delete(lang));
			perLang.set(lang, hit);
		}
		return hit;
	};
}
