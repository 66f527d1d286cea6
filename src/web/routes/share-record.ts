/**
 * A donor's record against its share-of-income targets, for its stakeholder page: its
 * provider's official series (ODA, GNI, ODA/GNI by year) from the statistics service, and
 * each commitment it made with a share target, measured by the analytics service. Nothing
 * is computed here: the page shows what the services give.
 */
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { commitmentListQuery } from "../../modules/commitments/commitments.schemas.ts";
import type { ProviderSeries } from "../../modules/statistics/statistics.schemas.ts";
import type { Services } from "../../server/services.ts";
import type { ShareRecord, ShareTarget } from "../pages/profiles/share-record.tsx";

/** Pages of the stakeholder's commitments read to find its share targets (200 each). */
const maxPages = 10;

/**
 * The record of a stakeholder with official statistics (its `statistics_provider`, else its
 * country when that is a provider), or null when it has none.
 */
export async function loadShareRecord(
	services: Services,
	stakeholder: { slug: string; statistics_provider: string | null; country: string | null },
	actor: Actor | null,
): Promise<ShareRecord | null> {
	const code = stakeholder.statistics_provider ?? stakeholder.country;
	if (!code) return null;
	let series: ProviderSeries;
	try {
		series = await services.statistics.series({ code });
	} catch (error) {
		// A country that is no DAC member has no series: no record, not an error.
		if (error instanceof AppError && (error.code === "not_found" || error.code === "invalid_input"))
			return null;
		throw error;
	}
	if (series.years.length === 0) return null;
	// The maker's targets stated as a share of income (few, whatever the size of its list).
	const shares: { slug: string; title: string }[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const list = await services.commitments.list(
			parseInput(commitmentListQuery, {
				stakeholder: stakeholder.slug,
				measure: "gni_share",
				limit: "200",
				page: String(page),
				sort: "announced_on",
			}),
		);
		shares.push(...list.items);
		if (page * list.limit >= list.total) break;
	}
	const targets = await Promise.all(
		shares.map(async (c) => ({
			commitment: { slug: c.slug, title: c.title },
			share: (await services.analytics.commitmentDelivery(c.slug, actor)).share,
		})),
	);
	return {
		series,
		targets: targets.filter((t): t is ShareTarget => t.share !== null),
	};
}
