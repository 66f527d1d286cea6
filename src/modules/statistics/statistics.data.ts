/** The official statistics the product ships (data/statistics), read from disk. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Tables } from "../../db/tables.ts";
import { AppError } from "../../lib/errors.ts";
import { csvFields } from "../analytics/rates.data.ts";
import { dataDir } from "../reference/reference.data.ts";

export const shippedStatisticsFile = join(dataDir, "statistics", "official-statistics.csv");
export const providersFile = join(dataDir, "statistics", "providers.csv");

export function readProviders(): Tables["statistic_provider"][] {
	const [head, ...lines] = readFileSync(providersFile, "utf8").trim().split(/\r?\n/);
	if (head !== "code,name,kind,dac_code,eu_from,eu_to")
		throw new AppError("internal", `${providersFile}: unexpected header '${head}'`);
	const year = (v: string | undefined) => (v ? Number(v) : null);
	return lines.map((line) => {
		const [code, name, kind, dac, from, to] = csvFields(line);
		return {
			code: code as string,
			name: name as string,
			kind: kind as string,
			dac_code: year(dac),
			eu_from: year(from),
			eu_to: year(to),
		};
	});
}

/** Changes whenever a shipped file changes: stored to tell when they must be loaded again. */
export function shippedStatisticsHash(): string {
	return createHash("sha256")
		.update(readFileSync(providersFile))
		.update(readFileSync(shippedStatisticsFile))
		.digest("hex");
}
