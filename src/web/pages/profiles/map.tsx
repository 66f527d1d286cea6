/**
 * The world map of delivery by recipient: each country shaded by what was promised to it
 * (or delivered to it) and linked to its page; the same numbers as tables, with regions,
 * groups of countries and global commitments beside; and every country listed, so each
 * country page is one link away even when nothing names it yet.
 */
import type { DeliveryAggregate } from "../../../modules/analytics/analytics.schemas.ts";
import { Layout } from "../../components/layout.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { components } from "../../i18n/components.messages.ts";
import { profiles as m } from "../../i18n/profiles.messages.ts";
import { WorldMap } from "../../map/world-map.tsx";
import { countryName } from "./country.tsx";
import { commitmentsIn } from "./goals.tsx";
import { recipientLabel, usd } from "./parts.tsx";

export const measures = ["promised", "delivered"] as const;
export type Measure = (typeof measures)[number];

type Group = DeliveryAggregate["groups"][number];

function RecipientTable(props: {
	ctx: PageContext;
	id: string;
	caption: string;
	rows: { group: Group; label: string; english: boolean; href: string }[];
}) {
	const { ctx } = props;
	return (
		<ScrollRegion label={props.caption}>
			<table id={props.id} class="recipients">
				<caption>{props.caption}</caption>
				<thead>
					<tr>
						<th scope="col">{ctx.t(m.col_recipient)}</th>
						<th scope="col" class="num">
							{ctx.t(m.col_commitments)}
						</th>
						<th scope="col" class="num">
							{ctx.t(components.promised)}
						</th>
						<th scope="col" class="num">
							{ctx.t(components.delivered)}
						</th>
						<th scope="col" class="num">
							{ctx.t(components.gap)}
						</th>
					</tr>
				</thead>
				<tbody>
					{props.rows.map(({ group: g, label, english, href }) => (
						<tr key={g.key}>
							<th scope="row">
								<a href={href} dir="auto" lang={english ? "en" : undefined}>
									{label}
								</a>
							</th>
							<td class="num">{ctx.fmt.number(commitmentsIn(g))}</td>
							<td class="num">{usd(ctx, g.committed)}</td>
							<td class="num">{usd(ctx, g.delivered)}</td>
							<td class="num">{usd(ctx, g.gap)}</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
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
	const measured = (g: Group) => Number(measure === "promised" ? g.committed : g.delivered);
	const values = new Map(countries.map((g) => [g.key.slice("country:".length), measured(g)]));
	const top = [...countries].sort((a, b) => measured(b) - measured(a))[0];
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
				format={(n) => ctx.fmt.moneyCompact(n, "USD")}
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

			<section aria-labelledby="countries-h" id="countries">
				<h2 id="countries-h">{ctx.t(m.countries_table)}</h2>
				{countries.length === 0 ? (
					<p class="muted">{ctx.t(m.map_svg_empty)}</p>
				) : (
					<RecipientTable
						ctx={ctx}
						id="countries-table"
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
				)}
			</section>

			<section aria-labelledby="others-h" id="others">
				<h2 id="others-h">{ctx.t(m.beyond_countries)}</h2>
				{others.length === 0 ? (
					<p class="muted">{ctx.t(m.none_yet)}</p>
				) : (
					<RecipientTable
						ctx={ctx}
						id="others-table"
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
				)}
			</section>

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
