/**
 * Exports of the registry. The IATI export writes the stored activities as one IATI 2.03
 * activity file, streamed: activities are loaded a page at a time and written as they
 * come, so neither the server nor the CLI holds the registry in memory. The same service
 * serves GET /api/v1/export/iati.xml, `iif export iati` and the IATI file of `iif export all`.
 */

import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Database } from "../../db/database.ts";
import type { IatiActivity } from "../../interchange/iati/activity.model.ts";
import {
	iatiActivitiesXml,
	type WriteOptions,
	writeIatiActivities,
} from "../../interchange/iati/writer.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { IatiRepository, plain } from "../activities/iati.repository.ts";
import { visibleCommitment } from "../commitments/commitments.visible.ts";
import { LinkRepository } from "../links/links.repository.ts";

export interface IatiExportFilter {
	/** Only activities reported by these organisations (reporting-org/@ref). */
	reporting_org?: string[];
	/** Only activities linked to this commitment (id or slug; accepted links). */
	commitment?: string;
}

/** Activities loaded per query: one page in memory at a time. */
const pageSize = 500;

export class ExportService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	/**
	 * The IATI 2.03 XML of the registry's activities (of the filter), as chunks. The filter
	 * is checked here, before the first chunk, so a bad one is an error answer rather than
	 * a document broken half way.
	 */
	async iatiActivities(
		filter: IatiExportFilter = {},
		actor: Actor | null = null,
		options: WriteOptions = {},
	): Promise<AsyncGenerator<string>> {
		return iatiActivitiesXml(await this.activities(filter, actor), options);
	}

	/** The same document as a byte stream, for an HTTP answer. */
	async iatiActivitiesStream(
		filter: IatiExportFilter = {},
		actor: Actor | null = null,
		options: WriteOptions = {},
	): Promise<Readable> {
		return Readable.from(await this.iatiActivities(filter, actor, options), { objectMode: false });
	}

	/** Writes the document to a stream (left open); returns how many activities it holds. */
	async writeIatiActivities(
		out: NodeJS.WritableStream,
		filter: IatiExportFilter = {},
		actor: Actor | null = null,
		options: WriteOptions = {},
	): Promise<{ activities: number }> {
		const activities = await this.activities(filter, actor);
		let count = 0;
		async function* counted() {
			for await (const a of activities) {
				count++;
				yield a;
			}
		}
		await writeIatiActivities(counted(), out, options);
		return { activities: count };
	}

	/** Writes the document to a file (`iif export iati --out`, `iif export all`). */
	async writeIatiActivitiesFile(
		path: string,
		filter: IatiExportFilter = {},
		actor: Actor | null = null,
		options: WriteOptions = {},
	): Promise<{ activities: number }> {
		const out = createWriteStream(path);
		// Listens for the stream's errors from the start (a folder that does not exist
		// fails only once the file is opened, after the first writes were buffered).
		const done = finished(out);
		done.catch(() => {});
		try {
			const r = await this.writeIatiActivities(out, filter, actor, options);
			out.end();
			await done;
			return r;
		} catch (e) {
			out.destroy();
			const code = (e as NodeJS.ErrnoException).code;
			if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "ENOTDIR")
				throw AppError.invalid("out", `cannot write ${path} (${code})`);
			throw e;
		}
	}

	/** The activities of the filter, which is checked before anything is loaded. */
	private async activities(
		filter: IatiExportFilter,
		actor: Actor | null,
	): Promise<AsyncIterable<IatiActivity>> {
		if (filter.commitment === undefined)
			return new IatiRepository(this.db).all({ reporting_org: filter.reporting_org });
		return this.linkedActivities(await this.visibleCommitment(filter.commitment, actor), filter);
	}

	/** The id of a commitment this actor may see; one they may not see does not exist for them. */
	private async visibleCommitment(refText: string, actor: Actor | null): Promise<number> {
		return (await visibleCommitment(this.db, refText, actor, "commitment")).id;
	}

	/** Activities linked to a commitment (accepted links: proposals are not yet evidence). */
	private async *linkedActivities(
		commitmentId: number,
		filter: IatiExportFilter,
	): AsyncGenerator<IatiActivity> {
		const links = await new LinkRepository(this.db).list(commitmentId, ["accepted"]);
		const orgs = filter.reporting_org?.length ? new Set(filter.reporting_org) : null;
		const ids = links
			.filter(
				(l) => orgs === null || (l.reporting_org_ref !== null && orgs.has(l.reporting_org_ref)),
			)
			.map((l) => l.activity_id)
			.sort((a, b) => a - b);
		const repo = new IatiRepository(this.db);
		for (let i = 0; i < ids.length; i += pageSize)
			for (const a of await repo.loadMany(ids.slice(i, i + pageSize))) yield plain(a);
	}
}
