/**
 * The five themes of MDG 8, as the UN Integrated Implementation Framework's MDG 8 pages and
 * the MDG Gap Task Force reports divided the goal: aid, trade (market access), debt,
 * essential medicines and technology. Written once, here, because the framework does not
 * divide the goal by itself: the official list puts indicators 8.1 to 8.12 (ODA, market
 * access, debt) under targets 8.A to 8.D together, so a target alone cannot tell aid from
 * trade or debt. What tells them apart in the registry's commitments is the target and the
 * kind together:
 * - aid: money (financial or both) for 8.A to 8.C: the 0.7% and the 0.15-0.20% to LDCs
 *   targets, the Gleneagles increases. The list filters have no sector, so a financial
 *   pledge on 8.A that is not ODA (the G20's trade finance, in the demo) counts here too.
 * - trade: policy for 8.A or 8.B: duty-free quota-free access (Hong Kong, Bali) and the
 *   Millennium Declaration's call for it.
 * - debt: 8.D; medicines: 8.E; technology: 8.F (each target has its own indicators).
 * Each theme's filter is a query of the commitment list, so the page's list and its
 * money are the explorer's and the analytics API's for the same query.
 */

export const themeSlugs = ["aid", "trade", "debt", "medicines", "technology"] as const;
export type ThemeSlug = (typeof themeSlugs)[number];

export interface Theme {
	slug: ThemeSlug;
	/** MDG 8 targets, as the framework codes them. */
	targets: string[];
	/** MDG 8 indicators, as the framework codes them. */
	indicators: string[];
	/** The commitment list's filters (comma-separated values) selecting its commitments. */
	filter: { target: string; kind?: string };
	/** Official statistics measure it: the DAC countries' ODA against 0.7% of their GNI. */
	measured: boolean;
}

/** The goal the themes divide. */
export const themedGoal = "mdg:8";

/** The UN target for ODA, percent of GNI (General Assembly resolution 2626 (XXV), 1970). */
export const odaTargetPercent = 0.7;

/** Whose official statistics measure the aid theme: the DAC countries together. */
export const odaProvider = "DAC";

const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => `8.${from + i}`);

export const themes: readonly Theme[] = [
	{
		slug: "aid",
		targets: ["8.A", "8.B", "8.C"],
		indicators: range(1, 5),
		filter: { target: "mdg:8.A,mdg:8.B,mdg:8.C", kind: "financial,both" },
		measured: true,
	},
	{
		slug: "trade",
		targets: ["8.A", "8.B"],
		indicators: range(6, 9),
		filter: { target: "mdg:8.A,mdg:8.B", kind: "policy" },
		measured: false,
	},
	{
		slug: "debt",
		targets: ["8.D"],
		indicators: range(10, 12),
		filter: { target: "mdg:8.D" },
		measured: false,
	},
	{
		slug: "medicines",
		targets: ["8.E"],
		indicators: ["8.13"],
		filter: { target: "mdg:8.E" },
		measured: false,
	},
	{
		slug: "technology",
		targets: ["8.F"],
		indicators: range(14, 16),
		filter: { target: "mdg:8.F" },
		measured: false,
	},
];

export function themeOf(slug: string): Theme | undefined {
	return themes.find((t) => t.slug === slug);
}

/** The explorer's and the API's query string for a theme's commitments. */
export function themeQuery(theme: Theme): string {
	return Object.entries(theme.filter)
		.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
		.join("&");
}
