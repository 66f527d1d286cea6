/**
 * SQLite only: where an import puts a file's activities while it reads the file, before
 * they are moved into the registry in one short transaction (import.service.ts says why).
 *
 * The staging tables live in the connection's TEMP database: private to the importing
 * connection and a separate file, so writing them takes no lock on the registry (the
 * server keeps writing meanwhile) and no reader can see them. They mirror the registry's
 * activity tables, keyed by a staging id instead of the activity id, and hold each
 * identifier once: a later activity of the file with the same identifier replaces the
 * earlier one, as it would replace it in the registry.
 */
import { CompiledQuery, type Kysely } from "kysely";
import { insertRows } from "../../db/batch.ts";
import type { Tables } from "../../db/tables.ts";
import {
	type ActivityRows,
	type ChildTable,
	childTables,
	columns,
	columnType,
} from "./iati.rows.ts";

export interface MergeResult {
	created: number;
	updated: number;
	/** Ids of the activities that existed before: only they can be linked to commitments. */
	updatedIds: number[];
}

let stagingNo = 0;

export class ImportStagingRepository {
	/** Unique per import, should two imports share a connection. */
	private readonly prefix = `import_stage_${process.pid}_${++stagingNo}`;
	private nextId = 1;
	/** Activities of the file that repeat an identifier already staged. */
	private repeats = 0;

	constructor(private readonly db: Kysely<Tables>) {}

	private table(name: "activity" | ChildTable): string {
		return `${this.prefix}_${name}`;
	}

	private run(sql: string, parameters: unknown[] = []) {
		return this.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql, parameters));
	}

	async create(): Promise<void> {
		// Untyped columns keep each value as it was bound, as the registry's columns would.
		await this.run(
			`create temp table "${this.table("activity")}" ("stage_id" integer primary key, ${columns.activity.map((c) => `"${c}"`).join(", ")})`,
		);
		await this.run(
			`create unique index temp."${this.table("activity")}_identifier" on "${this.table("activity")}" ("iati_identifier")`,
		);
		for (const t of childTables) {
			await this.run(
				`create temp table "${this.table(t)}" (${columns[t].map((c) => `"${c}"`).join(", ")})`,
			);
			await this.run(
				`create index temp."${this.table(t)}_activity" on "${this.table(t)}" ("activity_id")`,
			);
		}
	}

	async drop(): Promise<void> {
		for (const t of ["activity", ...childTables] as const)
			await this.run(`drop table if exists temp."${this.table(t)}"`);
	}

	/** Stages a batch of activities with distinct identifiers, replacing earlier ones of the file. */
	async stage(rows: ActivityRows[]): Promise<void> {
		if (rows.length === 0) return;
		const activity = this.table("activity");
		for (let i = 0; i < rows.length; i += 500) {
			const identifiers = rows.slice(i, i + 500).map((r) => r.identifier);
			const marks = identifiers.map(() => "?").join(",");
			const earlier = `select "stage_id" from "${activity}" where "iati_identifier" in (${marks})`;
			const found = await this.run(earlier, identifiers);
			if (found.rows.length === 0) continue;
			this.repeats += found.rows.length;
			for (const t of childTables)
				await this.run(
					`delete from "${this.table(t)}" where "activity_id" in (${earlier})`,
					identifiers,
				);
			await this.run(
				`delete from "${activity}" where "iati_identifier" in (${marks})`,
				identifiers,
			);
		}
		const ids = rows.map(() => this.nextId++);
		await insertRows(
			this.db,
			activity,
			["stage_id", ...columns.activity],
			rows.map((r, i) => [ids[i], ...r.activity]),
			columnType,
		);
		for (const t of childTables) {
			const all: unknown[][] = [];
			rows.forEach((r, i) => {
				for (const row of r.children[t]) {
					row[0] = ids[i];
					all.push(row);
				}
			});
			await insertRows(this.db, this.table(t), columns[t], all, columnType);
		}
	}

	/**
	 * Moves the staged activities into the registry: what IatiRepository.saveRows does a
	 * batch at a time, here as one statement per table, inside the caller's transaction
	 * (`trx`, on the same connection as the staging tables). An activity known by its
	 * identifier keeps its row (id, links to commitments): its lists are replaced.
	 */
	async merge(trx: Kysely<Tables>): Promise<MergeResult> {
		const run = (sql: string) => trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql));
		const staged = `"${this.table("activity")}"`;
		const known = `select a."id" from main."activity" a join ${staged} s on s."iati_identifier" = a."iati_identifier"`;
		const updatedIds = (await run(known)).rows.map((r) => Number(r.id));
		const count = Number((await run(`select count(*) as n from ${staged}`)).rows[0]?.n ?? 0);
		for (const t of childTables)
			await run(`delete from main."${t}" where "activity_id" in (${known})`);
		const list = columns.activity.map((c) => `"${c}"`).join(", ");
		const update = columns.activity
			.filter((c) => c !== "iati_identifier" && c !== "created_at")
			.map((c) => `"${c}" = excluded."${c}"`)
			.join(", ");
		// "where true" tells SQLite's parser the ON CONFLICT belongs to the INSERT, not a join.
		await run(
			`insert into main."activity" (${list}) select ${list} from ${staged} where true order by "stage_id" on conflict ("iati_identifier") do update set ${update}`,
		);
		for (const t of childTables) {
			const [, ...rest] = columns[t];
			const target = columns[t].map((c) => `"${c}"`).join(", ");
			const values = ['a."id"', ...rest.map((c) => `c."${c}"`)].join(", ");
			// In staging order (rowid), so that transactions get their ids in file order.
			await run(
				`insert into main."${t}" (${target}) select ${values} from "${this.table(t)}" c join ${staged} s on s."stage_id" = c."activity_id" join main."activity" a on a."iati_identifier" = s."iati_identifier" order by c.rowid`,
			);
		}
		return {
			created: count - updatedIds.length,
			// As saveRows counts them: a repeat within the file replaced what it had just stored.
			updated: updatedIds.length + this.repeats,
			updatedIds,
		};
	}
}
