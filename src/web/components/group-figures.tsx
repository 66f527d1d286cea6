/**
 * Promised and delivered for each group of the analytics (goal, target, recipient, maker,
 * year): the table and the bar charts the home page, the goal pages, the profiles and the
 * map show alike. Amounts are the analytics' decimal strings of US dollars.
 */
import type { ComponentChildren } from "preact";
import { countReasons } from "../../modules/analytics/roots.ts";
import { BarChart, type ChartSeries, HBarChart } from "../charts/index.ts";
import type { PageContext } from "../context.ts";
import { common } from "../i18n/common.messages.ts";
import { components } from "../i18n/components.messages.ts";
import { NotAvailable } from "./no-data.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

export interface Figures {
	committed: string;
	/** Null when nothing in the group has delivery data: shown as not available, never as 0. */
	delivered: string | null;
}

/** US dollars, compact ("US$606B"). */
export function usd(ctx: PageContext, amount: string | number): string {
	return ctx.fmt.moneyCompact(Number(amount), "USD");
}

/** A chart's number formats: compact on the bars, in full in its table. */
export function usdFormats(ctx: PageContext) {
	return {
		format: (n: number) => usd(ctx, n),
		tableFormat: (n: number) => ctx.fmt.money(n, "USD"),
	};
}

/** Promised and delivered as a chart's two series, one value per group. */
export function figureSeries(ctx: PageContext, groups: readonly Figures[]): ChartSeries[] {
	return [
		{
			key: "committed",
			label: ctx.t(components.promised),
			values: groups.map((g) => Number(g.committed)),
		},
		{
			key: "delivered",
			label: ctx.t(components.delivered),
			values: groups.map((g) => (g.delivered === null ? null : Number(g.delivered))),
		},
	];
}

/**
 * Commitments in a group of the analytics: those that carry money, those counted through
 * them, and a maker's collective pledges (in no maker's money, methodology 5a).
 */
export function commitmentsIn(
	group: { counts?: Record<string, number> | null } | undefined,
): number {
	const c = group?.counts;
	if (!c) return 0;
	const kinds = [...countReasons.filter((r) => r !== "not_public"), "collective"];
	return kinds.reduce((sum, k) => sum + (c[k] ?? 0), 0);
}

export interface GroupRow {
	key: string;
	/** The row's header, usually a link to the group's page. */
	name: ComponentChildren;
	/** Undefined when nothing was promised for the group: its amounts show as "—". */
	figures: Figures | undefined;
	/** The count column's cell, when the table has one. */
	count?: ComponentChildren;
	/** The last column's cell, when the table has one. */
	last?: ComponentChildren;
}

/**
 * A table of groups: name, [commitments], promised, delivered, [a last figure such as the
 * gap or the share delivered]. The optional columns show when their header is given.
 */
export function GroupFiguresTable(props: {
	ctx: PageContext;
	/** The scroll region's name. */
	label: string;
	id?: string;
	class: string;
	caption?: string;
	captionClass?: string;
	nameHeader: string;
	countHeader?: string;
	lastHeader?: string;
	rows: GroupRow[];
}) {
	const { ctx } = props;
	const amount = (f: Figures | undefined, key: keyof Figures) => {
		if (!f) return "—";
		const value = f[key];
		return value === null ? <NotAvailable ctx={ctx} /> : usd(ctx, value);
	};
	return (
		<ScrollRegion label={props.label}>
			<table id={props.id} class={props.class}>
				{props.caption && <caption class={props.captionClass}>{props.caption}</caption>}
				<thead>
					<tr>
						<th scope="col">{props.nameHeader}</th>
						{props.countHeader && (
							<th scope="col" class="num">
								{props.countHeader}
							</th>
						)}
						<th scope="col" class="num">
							{ctx.t(components.promised)}
						</th>
						<th scope="col" class="num">
							{ctx.t(components.delivered)}
						</th>
						{props.lastHeader && (
							<th scope="col" class="num">
								{props.lastHeader}
							</th>
						)}
					</tr>
				</thead>
				<tbody>
					{props.rows.map((r) => (
						<tr key={r.key}>
							<th scope="row">{r.name}</th>
							{props.countHeader && <td class="num">{r.count}</td>}
							<td class="num">{amount(r.figures, "committed")}</td>
							<td class="num">{amount(r.figures, "delivered")}</td>
							{props.lastHeader && <td class="num">{r.last}</td>}
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	);
}

interface ChartProps {
	ctx: PageContext;
	id: string;
	title: string;
	description: string;
	/** The caption of the chart's table of numbers ("Show the numbers" unless told). */
	tableCaption?: string;
	/** Put the title above the chart as a heading of the section (h3). */
	heading?: boolean;
}

/** The chart both kinds share: one category per group, promised and delivered as series. */
function FiguresChart(
	props: ChartProps & {
		Chart: typeof BarChart | typeof HBarChart;
		categories: string[];
		categoryHeader: string;
		groups: Figures[];
	},
) {
	const { ctx, Chart } = props;
	return (
		<>
			{props.heading && <h3>{props.title}</h3>}
			<Chart
				id={props.id}
				title={props.title}
				description={props.description}
				categories={props.categories}
				series={figureSeries(ctx, props.groups)}
				{...usdFormats(ctx)}
				tableCaption={props.tableCaption ?? ctx.t(common.show_numbers)}
				categoryHeader={props.categoryHeader}
				noDataLabel={ctx.t(common.no_data)}
			/>
		</>
	);
}

/** Promised and delivered, one pair of bars per year. */
export function YearFiguresChart(props: ChartProps & { groups: (Figures & { key: string })[] }) {
	const { ctx, groups } = props;
	return (
		<FiguresChart
			{...props}
			Chart={BarChart}
			categories={groups.map((g) => ctx.fmt.year(Number(g.key)))}
			categoryHeader={ctx.t(common.year)}
		/>
	);
}

/** Promised and delivered, a pair of horizontal bars per named group (goal, target, maker). */
export function GroupFiguresChart(
	props: ChartProps & { categoryHeader: string; groups: (Figures & { label: string })[] },
) {
	if (props.groups.length === 0) return null;
	return (
		<FiguresChart {...props} Chart={HBarChart} categories={props.groups.map((g) => g.label)} />
	);
}
