/** The shapes of the official statistics API: values with their sources, providers, series. */
import * as z from "zod";
import { enumListParam, optionalIntParam, patternListParam } from "../../http/params.ts";
import { statisticMeasures, statisticUnits } from "./statistics.csv.ts";

export const providerPattern = /^[A-Z][A-Z0-9_-]{1,15}$/;

export const statisticListQuery = z.strictObject({
	provider: patternListParam(
		providerPattern,
		"GB",
		"Provider codes: ISO 3166-1 alpha-2 for a DAC member, EUI for the EU Institutions, DAC or EU for a collective.",
	),
	measure: enumListParam(
		statisticMeasures,
		"oda, gni, oda_ldc (ODA to the least developed countries) or oda_africa (ODA to Africa).",
	),
	year_from: optionalIntParam({ min: 1950, max: 2100, description: "From this year on." }),
	year_to: optionalIntParam({ min: 1950, max: 2100, description: "Up to this year." }),
});
export type StatisticListQuery = z.output<typeof statisticListQuery>;

const statistic = z.object({
	provider: z.string(),
	year: z.number().int(),
	measure: z.enum(statisticMeasures),
	value: z.string().meta({ description: "The decimal as published." }),
	unit: z.enum(statisticUnits),
	basis: z.string().nullable().meta({
		description:
			"For ODA: net_flows (the official measure to 2017) or grant_equivalent (from 2018); for ODA to LDCs, the definition.",
	}),
	source: z.string(),
	source_url: z.string().nullable(),
	published_on: z.string().nullable(),
});

export const statisticList = z.object({ items: z.array(statistic), total: z.number().int() });

export const provider = z.object({
	code: z.string(),
	name: z.string(),
	kind: z.enum(["country", "institution", "collective"]),
	dac_code: z.number().int().nullable(),
	eu_from: z.number().int().nullable(),
	eu_to: z.number().int().nullable(),
});
export const providerList = z.object({ items: z.array(provider) });

export const providerParams = z.strictObject({
	code: z.string().regex(providerPattern, "must be a provider code such as GB, DAC or EUI"),
});

export const providerSeries = provider.extend({
	members: z
		.array(z.string())
		.meta({ description: "For a collective: its members in the latest year." }),
	years: z.array(
		z.object({
			year: z.number().int(),
			oda: z.string().nullable().meta({ description: "US dollars, current prices." }),
			gni: z.string().nullable(),
			share: z.number().nullable().meta({ description: "ODA as a percent of GNI (4 decimals)." }),
			oda_ldc_share: z.number().nullable(),
			basis: z.string().nullable(),
			sources: z.array(
				z.object({
					source: z.string(),
					source_url: z.string().nullable(),
					published_on: z.string().nullable(),
				}),
			),
		}),
	),
});
export type ProviderSeries = z.infer<typeof providerSeries>;

export const importResult = z.object({
	file: z.string(),
	values: z.number().int(),
	created: z.number().int(),
	replaced: z.number().int(),
	commitments_measured: z.number().int(),
});
export type ImportResult = z.infer<typeof importResult>;
