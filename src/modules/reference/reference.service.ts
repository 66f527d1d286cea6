/** Loads the shipped reference data into the database, once per change of the data. */
import type { Database } from "../../db/database.ts";
import type { Language } from "../../lib/languages.ts";
import { type CodelistName, readReferenceData, referenceSourcesHash } from "./reference.data.ts";
import { ReferenceRepository } from "./reference.repository.ts";

const hashKey = "reference_data_hash";
const sourcesKey = "reference_sources_hash";

/** The groups stakeholders belong to and commitments are addressed to. */
export const baseGroups = [
	{ code: "G7", name: "Group of Seven" },
	{ code: "G8", name: "Group of Eight" },
	{ code: "G20", name: "Group of Twenty" },
	{ code: "DAC", name: "OECD Development Assistance Committee" },
	{ code: "OECD", name: "Organisation for Economic Co-operation and Development" },
	{ code: "EU", name: "European Union" },
	{ code: "AU", name: "African Union" },
	{ code: "LDC", name: "Least developed countries" },
	{ code: "LLDC", name: "Landlocked developing countries" },
	{ code: "SIDS", name: "Small island developing States" },
	{ code: "HIPC", name: "Heavily indebted poor countries" },
];

export class ReferenceService {
	constructor(private readonly database: Database) {}

	async codelist(list: CodelistName, lang: Language) {
		return {
			list,
			lang,
			items: await new ReferenceRepository(this.database.db).codelist(list, lang),
		};
	}

	async groups() {
		return { items: await new ReferenceRepository(this.database.db).listGroups() };
	}

	/** Idempotent: upserts everything, and does nothing when the shipped data has not changed. */
	async ensureLoaded(): Promise<{ loaded: boolean }> {
		const repo = new ReferenceRepository(this.database.db);
		const sources = referenceSourcesHash();
		if ((await repo.getMeta(sourcesKey)) === sources) return { loaded: false };
		// The files or the reader changed: what they produce decides whether to load.
		const data = readReferenceData();
		if ((await repo.getMeta(hashKey)) === data.hash) {
			await repo.setMeta(sourcesKey, sources);
			return { loaded: false };
		}
		await this.database.db.transaction().execute(async (trx) => {
			const r = new ReferenceRepository(trx);
			for (const f of data.frameworks) await r.upsertFramework(f);
			for (const c of data.codelists) await r.upsertCodelist(c);
			await r.upsertGroups(baseGroups);
			await r.replaceGroupMembers(data.groupMembers);
			await r.setMeta(hashKey, data.hash);
			await r.setMeta(sourcesKey, sources);
		});
		return { loaded: true };
	}
}
