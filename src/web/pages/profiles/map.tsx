/**
 * The world map of delivery by recipient: each country shaded by what was promised to it
 * (or delivered to it) and linked to its page; the same numbers as tables, with regions,
 * groups of countries and global commitments beside; and every country listed, so each
 * country page is one link away even when nothing names it yet.
 */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import { commitmentsIn, GroupFiguresTable, usd } from "../../components/group-figures.tsx";
import { Layout } from "../../components/layout.tsx";
import { GapCell } from "../../components/no-data.tsx";
import type { PageContext } from "../../context.ts";
import { components } from "../../i18n/components.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { WorldMap } from "../../map/world-map.tsx";
import { countryName } from "./country.tsx";
import { recipientLabel } from "./parts.tsx";

export const measures = ["promised", "delivered"] as const;
export type Measure = (typeof measures)[number];

type Group = DeliveryAggregate["groups"][number];

/** A section of recipients: each with its commitments, promised, delivered and the gap. */
function RecipientSection(props: {
	ctx: PageContext;
	/** The section's id; the table's is `${id}-table`. */
	id: string;
	heading: string;
	/** Said instead of the table when there is no row. */
	empty: string;
	caption: string;
	rows: { group: Group; label: string; english: boolean; href: string }[];
}) {
	const { ctx, id } = props;
	return (
		<section aria-labelledby={`${id}-h`} id={id}>
			<h2 id={`${id}-h`}>{props.heading}</h2>
			{props.rows.length === 0 ? (
				<p class="muted">{props.empty}</p>
			) : (
				<GroupFiguresTable
					ctx={ctx}
					label={props.caption}
					id={`${id}-table`}
					class="recipients"
					caption={props.caption}
					nameHeader={ctx.t(m.col_recipient)}
					countHeader={ctx.t(m.col_commitments)}
					lastHeader={ctx.t(components.gap)}
					rows={props.rows.map(({ group: g, label, english, href }) => ({
						key: g.key,
						name: (
							<a href={href} dir="auto" lang={english ? "en" : undefined}>
								{label}
							</a>
						),
						figures: g,
						count: ctx.fmt.number(commitmentsIn(g)),
						last: <GapCell ctx={ctx} figures={g} />,
					}))}
				/>
			)}
		</section>
	);
}

export function MapPage(props: {
	ctx: PageContext;
	byRecipient: DeliveryAggregate;
	measure: Measure;
	/** Every country of the codelist: code and (English) codelist name. */
	countries: { code: string; name: string }[];
}) {
	const { ctx, byRecipient, measure } = props;
	const baseYear = byRecipient.price_basis.base_year ?? "—";
	const countries = byRecipient.groups.filter((g) => g.key.startsWith("country:"));
	const others = byRecipient.groups.filter((g) => !g.key.startsWith("country:"));
	// A country whose delivery nobody reported is left uncoloured ("no data"), not shaded as 0.
	const measured = (g: Group) => {
		const v = measure === "promised" ? g.committed : g.delivered;
		return v === null ? null : Number(v);
	};
	const values = new Map<string, number>();
	for (const g of countries) {
		const v = measured(g);
		if (v !== null) values.set(g.key.slice("country:".length), v);
	}
	const top = countries
		.filter((g) => measured(g) !== null)
		.sort((a, b) => (measured(b) ?? 0) - (measured(a) ?? 0))[0];
	const measureName = ctx.t(measure === "promised" ? components.promised : components.delivered);
	const collator = new Intl.Collator(ctx.lang === "zh" ? "zh-Hans" : ctx.lang);
	const everyCountry = props.countries
		.map((c) => ({ code: c.code, name: countryName(ctx, c.code, c.name) }))
		.sort((a, b) => collator.compare(a.name, b.name));
	return (
		<Layout
			ctx={ctx}
			title={ctx.t(m.map_title)}
			description={ctx.t(m.map_intro, { year: baseYear })}
			section="map"
		>
			<h1>{ctx.t(m.map_title)}</h1>
			<p>{ctx.t(m.map_intro, { year: baseYear })}</p>
			<nav class="pf-measure" aria-label={ctx.t(m.measure)}>
				<span>{ctx.t(m.measure)}</span>
				{measures.map((k) => (
					<a
						key={k}
						href={ctx.href(k === "promised" ? "/map" : `/map?measure=${k}`)}
						aria-current={k === measure ? "page" : undefined}
					>
						{ctx.t(k === "promised" ? components.promised : components.delivered)}
					</a>
				))}
			</nav>
			<WorldMap
				id="delivery-map"
				values={values}
				name={(code) => ctx.fmt.country(code)}
				format={(n) => usd(ctx, n)}
				href={(code) => ctx.href(`/countries/${code}`)}
				title={ctx.t(m.map_svg_title, { measure: measureName })}
				description={
					top
						? ctx.t(m.map_svg_desc, {
								n: ctx.fmt.number(countries.length),
								top: ctx.fmt.country(top.key.slice("country:".length)),
							})
						: ctx.t(m.map_svg_empty)
				}
				legendTitle={`${measureName} (${ctx.t(m.usd_basis, { year: baseYear })})`}
				noDataLabel={ctx.t(m.map_no_data)}
			/>

			<RecipientSection
				ctx={ctx}
				id="countries"
				heading={ctx.t(m.countries_table)}
				empty={ctx.t(m.map_svg_empty)}
				caption={ctx.t(m.usd_basis, { year: baseYear })}
				rows={countries.map((g) => {
					const code = g.key.slice("country:".length);
					return {
						group: g,
						label: ctx.fmt.country(code),
						english: false,
						href: ctx.href(`/countries/${code}`),
					};
				})}
			/>

			<RecipientSection
				ctx={ctx}
				id="others"
				heading={ctx.t(m.beyond_countries)}
				empty={ctx.t(m.none_yet)}
				caption={ctx.t(m.usd_basis, { year: baseYear })}
				rows={others.map((g) => {
					const label = recipientLabel(ctx, g.key, g.name);
					const code = g.key.split(":")[1] ?? "";
					return {
						group: g,
						label: label.text,
						english: label.english,
						href: ctx.href(`/commitments?recipient=${encodeURIComponent(code)}`),
					};
				})}
			/>

			<section aria-labelledby="all-countries-h" id="all-countries">
				<h2 id="all-countries-h">{ctx.t(m.all_countries)}</h2>
				<details>
					<summary>{ctx.t(m.show_list, { n: ctx.fmt.number(everyCountry.length) })}</summary>
					<ul class="pf-country-index">
						{everyCountry.map((c) => (
							<li key={c.code}>
								<a href={ctx.href(`/countries/${c.code}`)}>{c.name}</a>
							</li>
						))}
					</ul>
				</details>
			</section>
		</Layout>
	);
}
