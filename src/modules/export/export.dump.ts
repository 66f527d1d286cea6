/**
 * A complete dated dump of the public registry: one CSV and one JSON file per kind of
 * record, written in a single pass over the database a batch at a time (the CSV and the
 * JSON of a kind hold the same records), and a README describing every column. The dump
 * is written beside its final place and renamed into it at the end, so a dump that
 * failed half-way never passes for a complete one. The records come through the services
 * and each module's columns (`<module>.csv.ts`); the file formats are interchange/csv's.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type DumpFile, dumpReadme } from "../../interchange/csv/readme.ts";
import { headerLine, rowLine, type Table } from "../../interchange/csv/table.ts";
import { bom } from "../../interchange/csv/writer.ts";
import type { Batches } from "../../lib/batches.ts";
import { activitiesTable } from "../activities/activities.csv.ts";
import type { ActivityService } from "../activities/activities.service.ts";
import { assessmentsTable } from "../assessments/assessments.csv.ts";
import type { AssessmentService } from "../assessments/assessments.service.ts";
import { commentsTable } from "../comments/comments.csv.ts";
import type { CommentService } from "../comments/comments.service.ts";
import { commitmentsTable } from "../commitments/commitments.csv.ts";
import type { CommitmentService } from "../commitments/commitments.service.ts";
import { countriesTable } from "../countries/countries.csv.ts";
import type { CountryService } from "../countries/countries.service.ts";
import { forumsTable } from "../forums/forums.csv.ts";
import type { ForumService } from "../forums/forums.service.ts";
import { reportsTable } from "../reports/reports.csv.ts";
import type { ReportService } from "../reports/reports.service.ts";
import { requirementsTable } from "../requirements/requirements.csv.ts";
import type { RequirementService } from "../requirements/requirements.service.ts";
import { stakeholdersTable } from "../stakeholders/stakeholders.csv.ts";
import type { StakeholderService } from "../stakeholders/stakeholders.service.ts";
import { transactionsTable } from "../transactions/transactions.csv.ts";
import type { TransactionService } from "../transactions/transactions.service.ts";

/** An extra file of the dump that another module writes (the IATI activities as XML). */
export interface DumpExtra {
	name: string;
	about: string;
	write: (path: string) => Promise<void>;
}

async function write(stream: WriteStream, text: string): Promise<void> {
	if (!stream.write(text)) await once(stream, "drain");
}

async function close(stream: WriteStream): Promise<void> {
	await new Promise<void>((resolve, reject) =>
		stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
	);
}

/** Writes `<name>.csv` and `<name>.json` from one reading of the records; returns how many rows. */
async function writeKind<T>(
	dir: string,
	table: Table<T>,
	batches: Batches<T>,
	item: (row: T) => unknown,
): Promise<number> {
	const csv = createWriteStream(join(dir, `${table.name}.csv`));
	const json = createWriteStream(join(dir, `${table.name}.json`));
	let rows = 0;
	try {
		await write(csv, bom + headerLine(table));
		await write(json, '{"items":[');
		for await (const batch of batches) {
			if (batch.length === 0) continue;
			await write(csv, batch.map((r) => rowLine(table, r)).join(""));
			await write(
				json,
				(rows > 0 ? ",\n" : "\n") + batch.map((r) => JSON.stringify(item(r))).join(",\n"),
			);
			rows += batch.length;
		}
		await write(json, `\n],"total":${rows}}\n`);
	} finally {
		await Promise.all([close(csv), close(json)]);
	}
	return rows;
}

/** The services the dump reads, one per kind of record: each module's own export. */
export interface DumpSources {
	commitments: CommitmentService;
	reports: ReportService;
	activities: ActivityService;
	transactions: TransactionService;
	assessments: AssessmentService;
	comments: CommentService;
	requirements: RequirementService;
	stakeholders: StakeholderService;
	forums: ForumService;
	countries: CountryService;
}

export async function writeDump(
	services: DumpSources,
	outDir: string,
	options: { today?: Date; extras?: DumpExtra[] } = {},
): Promise<{ dir: string; files: { name: string; rows: number | null }[] }> {
	const date = (options.today ?? new Date()).toISOString().slice(0, 10);
	const dir = join(outDir, `iif-dump-${date}`);
	const partial = `${dir}.partial-${process.pid}`;
	await rm(partial, { recursive: true, force: true });
	await mkdir(partial, { recursive: true });
	try {
		const files: DumpFile[] = [];
		const kind = async <T>(
			table: Table<T>,
			batches: Promise<Batches<T>>,
			item?: (r: T) => unknown,
		) =>
			files.push({
				table: table as Table<never>,
				rows: await writeKind(partial, table, await batches, item ?? ((r) => r)),
			});
		await kind(commitmentsTable, services.commitments.exportBatches({ sort: "id" }), (r) => r.item);
		await kind(reportsTable, services.reports.exportAll(), (r) => r.report);
		await kind(activitiesTable, services.activities.exportBatches({}), (r) => r.item);
		await kind(transactionsTable, services.transactions.exportBatches({}));
		await kind(assessmentsTable, services.assessments.exportAll());
		await kind(commentsTable, services.comments.exportAll());
		await kind(requirementsTable, services.requirements.exportBatches({}));
		await kind(stakeholdersTable, services.stakeholders.exportBatches({}), (r) => r.item);
		await kind(forumsTable, services.forums.exportBatches({}));
		await kind(countriesTable, services.countries.exportBatches({ lang: "en" }));
		const extras = options.extras ?? [];
		for (const extra of extras) await extra.write(join(partial, extra.name));
		await writeFile(
			join(partial, "README.md"),
			dumpReadme({ date, files, others: extras.map((e) => ({ name: e.name, about: e.about })) }),
		);
		await rm(dir, { recursive: true, force: true });
		await rename(partial, dir);
		return {
			dir,
			files: [
				...files.flatMap((f) => [
					{ name: `${f.table.name}.csv`, rows: f.rows },
					{ name: `${f.table.name}.json`, rows: f.rows },
				]),
				...extras.map((e) => ({ name: e.name, rows: null })),
				{ name: "README.md", rows: null },
			],
		};
	} catch (e) {
		await rm(partial, { recursive: true, force: true });
		throw e;
	}
}
