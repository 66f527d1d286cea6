/**
 * The countries drawn on the world map: Natural Earth 1:110m admin-0 polygons as shipped by
 * world-atlas (TopoJSON), read once at module load and keyed by ISO 3166-1 alpha-2.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
// The package's main entry registers every locale's country names (about 80 JSON files); the
// plain index holds the code tables only, which is all the map needs.
import { numericToAlpha2 } from "i18n-iso-countries/index.js";
import type { GeometryCollection, Topology } from "topojson-specification";

export type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** ISO 3166-1 numeric code of Antarctica. */
const ANTARCTICA = "010";

/**
 * Natural Earth gives Kosovo no ISO numeric code (ISO has none). XK is the user-assigned code
 * used by the European Commission, the IMF and IATI (it is in IATI's Country codelist), so
 * recipients imported from IATI carry it: the map draws Kosovo under XK. The feature has no
 * id, so it is matched by name. Northern Cyprus and Somaliland, also without an id, stay
 * plain land with no code.
 */
const CODE_BY_NAME: Readonly<Record<string, string>> = { Kosovo: "XK" };

function load(): CountriesTopology {
	const require = createRequire(import.meta.url);
	const file = require.resolve("world-atlas/countries-110m.json");
	const topology = JSON.parse(readFileSync(file, "utf8")) as CountriesTopology;
	const countries = topology.objects.countries;
	// Antarctica is dropped: it receives no development finance, and without it the map is
	// a fifth shorter, so inhabited land is drawn larger in the same width.
	countries.geometries = countries.geometries.filter((g) => g.id !== ANTARCTICA);
	return topology;
}

/** The world-atlas topology, without Antarctica. */
export const worldTopology: CountriesTopology = load();

/** The code of each geometry in worldTopology.objects.countries, in the same order. */
export const countryCodes: readonly (string | null)[] =
	worldTopology.objects.countries.geometries.map(
		(g) =>
			(g.id === undefined ? undefined : numericToAlpha2(g.id)) ??
			CODE_BY_NAME[(g.properties as { name?: string } | undefined)?.name ?? ""] ??
			null,
	);

/**
 * The alpha-2 codes of the countries drawn. Small states (Singapore, Maldives, most small
 * island states) are absent at 1:110m: a page should list every value in a table too.
 */
export const mappedCountries: ReadonlySet<string> = new Set(
	countryCodes.filter((c): c is string => c !== null),
);
