/**
 * A server-rendered choropleth world map: one path per country, shaded by its value in five
 * classes (see scale.ts), each country with a value a link with a tooltip. Colours are
 * presentation attributes, so the map needs no inline style (the site's CSP forbids it) and
 * reads correctly without the stylesheet; map.css adds layout and the hover and focus styles.
 */
import { worldDrawing } from "./paths.ts";
import {
	type MapLegendClass,
	mapBreaks,
	mapClass,
	mapColour,
	mapLegend,
	NO_DATA_FILL,
	NO_DATA_HATCH,
} from "./scale.ts";

export { mappedCountries } from "./countries.ts";
export { mapBreaks, mapClass, mapColour, mapLegend } from "./scale.ts";

export interface WorldMapProps {
	/** ISO 3166-1 alpha-2 (upper case) to amount, e.g. US$ delivered. Absent: no data. */
	values: ReadonlyMap<string, number>;
	/** Localised country name. */
	name: (alpha2: string) => string;
	/** Localised amount. */
	format: (n: number) => string;
	/** Where a country with a value links to. */
	href: (alpha2: string) => string;
	/** The map's accessible name. */
	title: string;
	/** The map's text alternative: what it shows and what stands out. */
	description: string;
	legendTitle: string;
	noDataLabel: string;
	/** Prefix of the element ids, unique on the page (default "world-map"). */
	id?: string;
}

/** The `<pattern>` that marks "no data": light grey with a darker diagonal hatch. */
function NoDataPattern(props: { id: string }) {
	return (
		<pattern
			id={props.id}
			width="8"
			height="8"
			patternUnits="userSpaceOnUse"
			patternTransform="rotate(45)"
		>
			<rect width="8" height="8" fill={NO_DATA_FILL} />
			<path d="M0 0v8" stroke={NO_DATA_HATCH} stroke-width="3" />
		</pattern>
	);
}

function Swatch(props: { fill: string; pattern?: string }) {
	return (
		<svg class="map-swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
			{props.pattern && (
				<defs>
					<NoDataPattern id={props.pattern} />
				</defs>
			)}
			<rect width="16" height="16" fill={props.fill} stroke="#8a8a8a" stroke-width="1" />
		</svg>
	);
}

/**
 * A class's legend entry: the smallest to the largest value actually in it (so ranges never
 * overlap and every figure shown is a real one), "–" for an empty class.
 */
function range(c: MapLegendClass, format: (n: number) => string): string {
	if (c.min === null || c.max === null) return "–";
	return c.min === c.max ? format(c.min) : `${format(c.min)} – ${format(c.max)}`;
}

export function WorldMap(props: WorldMapProps) {
	const id = props.id ?? "world-map";
	const { values, format } = props;
	const breaks = mapBreaks(values);
	const legend = mapLegend(values, breaks);
	const noData = `${id}-nd`;

	const plain: string[] = [];
	const linked: { code: string; d: string; value: number }[] = [];
	const world = worldDrawing();
	for (const { code, d } of world.paths) {
		const value = code === null ? undefined : values.get(code);
		if (code !== null && value !== undefined && Number.isFinite(value)) {
			linked.push({ code, d, value });
		} else {
			plain.push(d);
		}
	}
	// Keyboard and screen-reader order: largest amount first.
	linked.sort((a, b) => b.value - a.value || (a.code < b.code ? -1 : 1));

	// An svg with role="img" hides its content from assistive technology, so links inside it
	// would be unreachable (axe: nested-interactive). With links it is a named group instead.
	const group = linked.length > 0;

	return (
		<figure class="map" id={id}>
			<svg
				viewBox={world.viewBox}
				role={group ? "group" : "img"}
				aria-labelledby={group ? `${id}-title` : `${id}-title ${id}-desc`}
				aria-describedby={group ? `${id}-desc` : undefined}
			>
				<title id={`${id}-title`}>{props.title}</title>
				<desc id={`${id}-desc`}>{props.description}</desc>
				<defs>
					<NoDataPattern id={noData} />
				</defs>
				<g fill={`url(#${noData})`} stroke="#fff" stroke-width="1" stroke-linejoin="round">
					{plain.map((d) => (
						<path key={d} d={d} />
					))}
					{linked.map(({ code, d, value }) => (
						<a key={code} class="map-link" href={props.href(code)}>
							<title>{`${props.name(code)}: ${format(value)}`}</title>
							<path d={d} fill={mapColour(mapClass(value, breaks))} />
						</a>
					))}
				</g>
			</svg>
			<div class="map-legend">
				<p class="map-legend-title" id={`${id}-legend`}>
					{props.legendTitle}
				</p>
				<ul aria-labelledby={`${id}-legend`}>
					{legend.map((c) => (
						<li key={c.class}>
							<Swatch fill={c.colour} />
							{range(c, format)}
						</li>
					))}
					<li>
						<Swatch fill={`url(#${noData}-key)`} pattern={`${noData}-key`} />
						{props.noDataLabel}
					</li>
				</ul>
			</div>
		</figure>
	);
}
