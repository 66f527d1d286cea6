/**
 * Loads the demo dataset (data/demo/commitments.json: real commitments transcribed from
 * public records; data/demo/requirements.json: documented estimates of what goals need;
 * reports.json: delivery reported from public sources; iati/*.xml: donors' real IATI
 * files, and links.json: which of their activities deliver which commitment) through the
 * same services every writer uses. Idempotent: records whose slug exists already are
 * left as they are.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import type { Database } from "../../db/database.ts";
import { cliActor } from "../../lib/actor.ts";
import { nowIso } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { ImportService } from "../activities/import.service.ts";
import { relationKinds } from "../commitments/commitments.schemas.ts";
import type { CommitmentService } from "../commitments/commitments.service.ts";
import type { ForumService } from "../forums/forums.service.ts";
import type { LinkService } from "../links/links.service.ts";
import { dataDir } from "../reference/reference.data.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import type { ReportService } from "../reports/reports.service.ts";
import type { RequirementService } from "../requirements/requirements.service.ts";
import type { StakeholderService } from "../stakeholders/stakeholders.service.ts";

const demoFile = z.object({
	notice: z.string(),
	groups: z.array(z.object({ code: z.string(), name: z.string() })),
	stakeholders: z.array(z.record(z.string(), z.unknown())),
	forums: z.array(z.record(z.string(), z.unknown())),
	commitments: z.array(
		z.looseObject({
			slug: z.string(),
			relations: z
				.array(
					z.strictObject({
						kind: z.enum(relationKinds),
						to: z.string(),
						note: z.string().nullable().optional(),
						share: z.number().optional(),
						amount: z.string().optional(),
					}),
				)
				.default([]),
		}),
	),
});

const reportsFile = z.object({
	notice: z.string(),
	reports: z.array(
		z.looseObject({
			commitment: z.string(),
			stakeholder: z.string(),
			period_start: z.string(),
			period_end: z.string(),
			// Where the figure was checked: for data/demo/README.md, not part of the report.
			verification: z.string().min(1),
		}),
	),
});

const linksFile = z.object({
	notice: z.string(),
	links: z.array(
		z.object({
			commitment: z.string(),
			share: z.number(),
			include_expenditure: z.boolean(),
			// Required here: a demo link says why it was made.
			reason: z.string().min(1),
			activities: z.array(z.string()).min(1),
			// How the list was drawn up: for data/demo/README.md, not part of the link.
			checked: z.string().min(1),
		}),
	),
});

const requirementsFile = z.object({
	notice: z.string(),
	requirements: z.array(z.looseObject({ slug: z.string() })),
});

export interface DemoResult {
	created: {
		stakeholders: number;
		forums: number;
		commitments: number;
		relations: number;
		requirements: number;
		reports: number;
		activities: number;
		links: number;
	};
	present: {
		stakeholders: number;
		forums: number;
		commitments: number;
		requirements: number;
		reports: number;
	};
}

const demoKey = "demo_loaded_at";

export class DemoService {
	constructor(
		private readonly database: Database,
		private readonly services: {
			stakeholders: StakeholderService;
			forums: ForumService;
			commitments: CommitmentService;
			requirements: RequirementService;
			reports: ReportService;
			links: LinkService;
		},
	) {}

	/** Reads and checks the whole file before anything is written. */
	read(path = join(dataDir, "demo", "commitments.json")) {
		return parseInput(demoFile, readJson(path));
	}

	/** The demo requirements; each is checked in full by the requirement service. */
	readRequirements(path = join(dataDir, "demo", "requirements.json")) {
		return parseInput(requirementsFile, readJson(path));
	}

	/** Delivery reported against the demo commitments, each figure from a cited public source. */
	readReports(path = join(dataDir, "demo", "reports.json")) {
		return parseInput(reportsFile, readJson(path));
	}

	/** Which demo activities deliver which commitment, with the share and the reason. */
	readLinks(path = join(dataDir, "demo", "links.json")) {
		return parseInput(linksFile, readJson(path));
	}

	async load(path?: string, requirementsPath?: string, reportsPath?: string): Promise<DemoResult> {
		const data = this.read(path);
		const requirements = this.readRequirements(requirementsPath);
		const reports = this.readReports(reportsPath);
		const links = this.readLinks();
		const result: DemoResult = {
			created: {
				stakeholders: 0,
				forums: 0,
				commitments: 0,
				relations: 0,
				requirements: 0,
				reports: 0,
				activities: 0,
				links: 0,
			},
			present: { stakeholders: 0, forums: 0, commitments: 0, requirements: 0, reports: 0 },
		};
		await new ReferenceRepository(this.database.db).upsertGroups(data.groups);
		const createOnce = async (
			kind: keyof DemoResult["present"],
			slug: unknown,
			create: () => Promise<unknown>,
		) => {
			try {
				await create();
				result.created[kind]++;
			} catch (e) {
				if (
					e instanceof AppError &&
					e.code === "conflict" &&
					e.fields.some((f) => f.name === "slug")
				)
					result.present[kind]++;
				else
					throw new AppError(
						e instanceof AppError ? e.code : "internal",
						`demo ${kind} '${String(slug)}': ${(e as Error).message}`,
						{ cause: e, fields: e instanceof AppError ? e.fields : [] },
					);
			}
		};
		for (const s of data.stakeholders) {
			await createOnce("stakeholders", s.slug, () =>
				this.services.stakeholders.create(s, cliActor),
			);
			// A stakeholder already present (a database migrated by 0018, whose states' agencies
			// have no name) gets the agencies the demo records; nothing recorded is overwritten.
			if (Array.isArray(s.agencies) && s.agencies.length > 0)
				await this.services.stakeholders.completeAgencies(String(s.slug), s.agencies, cliActor);
		}
		for (const f of data.forums)
			await createOnce("forums", f.slug, () => this.services.forums.create(f, cliActor));
		for (const c of data.commitments) {
			const { relations: _relations, ...input } = c;
			await createOnce("commitments", c.slug, () =>
				this.services.commitments.create({ ...input, origin: "demo" }, cliActor),
			);
		}
		for (const c of data.commitments) {
			for (const r of c.relations) {
				const { created } = await this.services.commitments.relate(
					c.slug,
					{
						to: r.to,
						kind: r.kind,
						note: r.note ?? null,
						// A relation for part of the money, where the record says which part.
						...(r.share !== undefined ? { share: r.share } : {}),
						...(r.amount !== undefined ? { amount: r.amount } : {}),
					},
					cliActor,
				);
				if (created) result.created.relations++;
			}
		}
		for (const r of requirements.requirements)
			await createOnce("requirements", r.slug, () =>
				this.services.requirements.create(r, cliActor),
			);
		for (const r of reports.reports) {
			const { commitment, verification: _checked, ...input } = r;
			// A report the same stakeholder filed for the same period is the one already loaded.
			const filed = await this.services.reports.list(commitment, cliActor);
			if (
				filed.items.some(
					(x) =>
						x.stakeholder.slug === r.stakeholder &&
						x.period_start === r.period_start &&
						x.period_end === r.period_end,
				)
			) {
				result.present.reports++;
				continue;
			}
			try {
				await this.services.reports.create(commitment, input, cliActor);
			} catch (e) {
				throw new AppError(
					e instanceof AppError ? e.code : "internal",
					`demo report on '${commitment}': ${(e as Error).message}`,
					{ cause: e, fields: e instanceof AppError ? e.fields : [] },
				);
			}
			result.created.reports++;
		}
		// Donors' real IATI files, imported as `iif import iati` does, then the links that
		// say which of their activities deliver which commitment.
		const iatiDir = join(dataDir, "demo", "iati");
		const files = readdirSync(iatiDir)
			.filter((f) => f.endsWith(".xml"))
			.sort()
			.map((f) => join(iatiDir, f));
		if (files.length > 0) {
			const imported = await new ImportService(this.database).importFiles(files, cliActor);
			if (imported.failed.length > 0)
				throw new AppError(
					"invalid_input",
					`demo IATI files: ${imported.failed.map((f) => `${f.file}: ${f.message}`).join("; ")}`,
				);
			result.created.activities += imported.activities;
		}
		for (const l of links.links) {
			// Links a previous load made stay as they are (no second audit event for them).
			const made = new Set(
				(await this.services.links.list(l.commitment, cliActor)).items
					.filter((x) => x.status === "accepted")
					.map((x) => x.activity.iati_identifier),
			);
			for (const activity of l.activities) {
				if (made.has(activity)) continue;
				try {
					await this.services.links.link(
						l.commitment,
						{
							activity,
							share: l.share,
							include_expenditure: l.include_expenditure,
							reason: l.reason,
						},
						cliActor,
					);
				} catch (e) {
					throw new AppError(
						e instanceof AppError ? e.code : "internal",
						`demo link of '${activity}' to '${l.commitment}': ${(e as Error).message}`,
						{ cause: e, fields: e instanceof AppError ? e.fields : [] },
					);
				}
				result.created.links++;
			}
		}
		await new ReferenceRepository(this.database.db).setMeta(demoKey, nowIso());
		return result;
	}

	/** When the demo dataset was loaded into this database, or null if it never was: pages then say it is a demo. */
	loadedAt(): Promise<string | null> {
		return new ReferenceRepository(this.database.db).getMeta(demoKey);
	}

	/** On the first start of an empty database, the demo is loaded so there is something to see. */
	async shouldAutoLoad(): Promise<boolean> {
		const repo = new ReferenceRepository(this.database.db);
		return (await repo.getMeta(demoKey)) === null && !(await repo.hasCommitments());
	}
}

function readJson(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, "utf8"));
	} catch (e) {
		throw new AppError(
			"invalid_input",
			`cannot read the demo dataset ${path}: ${(e as Error).message}`,
		);
	}
}
