/**
 * A fresh benchmark database loaded with a generated registry: created (a SQLite file
 * under bench/out/, or the database iif_bench on the PostgreSQL server of
 * IIF_BENCH_PG_URL), migrated and given its reference data as `iif serve` does, filled
 * with the generated rows in bulk, then the delivery figures rebuilt by the app itself.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Insertable, Kysely } from "kysely";
import { sql } from "kysely";
import pg from "pg";
import { type Database, type DialectName, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { Tables } from "../src/db/tables.ts";
import { searchText } from "../src/lib/text.ts";
import { Converter, donorSeriesName, transactionUsd } from "../src/modules/analytics/conversion.ts";
import { storedBaseYear } from "../src/modules/analytics/delivery.refresh.ts";
import { createServices, type Services } from "../src/server/services.ts";
import {
	type ActivityRecord,
	type CommitmentRecord,
	type ForumRecord,
	files,
	type LinkRecord,
	type RelationRecord,
	readNdjson,
	readTransactions,
	type StakeholderRecord,
} from "./dataset.ts";
import { BulkInserter } from "./insert.ts";

export const benchPgAdminUrl =
	process.env.IIF_BENCH_PG_URL ?? "postgres://iif:iif@127.0.0.1:5432/postgres";
const pgDatabaseName = "iif_bench";
export const sqlitePath = join("bench", "out", "iif-bench.db");

export interface Loaded {
	database: Database;
	services: Services;
	/** What IIF_DATABASE_URL would be for this database. */
	url: string;
	timings: { migrate: number; load: number; rebuild: number; analyze: number };
	rows: number;
	/** Closes the connections; drops the PostgreSQL database unless `keep`. */
	close(keep?: boolean): Promise<void>;
}

const seconds = (from: number) => (performance.now() - from) / 1000;

async function createDatabase(
	dialect: DialectName,
): Promise<{ url: string; drop(): Promise<void> }> {
	if (dialect === "sqlite") {
		for (const suffix of ["", "-wal", "-shm"]) rmSync(`${sqlitePath}${suffix}`, { force: true });
		return { url: sqlitePath, drop: async () => {} };
	}
	const admin = new pg.Client({ connectionString: benchPgAdminUrl });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${pgDatabaseName} with (force)`);
		await admin.query(`create database ${pgDatabaseName}`);
	} finally {
		await admin.end();
	}
	const url = new URL(benchPgAdminUrl);
	url.pathname = `/${pgDatabaseName}`;
	return {
		url: url.toString(),
		drop: async () => {
			const c = new pg.Client({ connectionString: benchPgAdminUrl });
			await c.connect();
			await c
				.query(`drop database if exists ${pgDatabaseName} with (force)`)
				.finally(() => c.end());
		},
	};
}

export async function loadBenchDatabase(
	dialect: DialectName,
	dataDir: string,
	log: (line: string) => void = console.log,
): Promise<Loaded> {
	const created = await createDatabase(dialect);
	const database = openDatabase(created.url);
	const services = createServices(database);
	let started = performance.now();
	await migrateToLatest(database.db);
	await services.reference.ensureLoaded();
	// As `iif serve` does: the share-of-income targets are measured on these.
	await services.statistics.ensureLoaded();
	const migrate = seconds(started);
	log(`${dialect}: migrated and reference data loaded in ${migrate.toFixed(1)} s`);

	started = performance.now();
	const inserter = new BulkInserter(database.db, dialect);
	await insertAll(database.db, inserter, dataDir, (table, n, t) =>
		log(`${dialect}:   ${table}: ${n} rows in ${t.toFixed(1)} s`),
	);
	if (dialect === "postgres") await resetSequences(database.db);
	const load = seconds(started);
	log(`${dialect}: loaded ${inserter.rows} rows in ${load.toFixed(1)} s`);

	started = performance.now();
	await rebuild(services);
	const rebuildTime = seconds(started);
	log(`${dialect}: delivery figures rebuilt in ${rebuildTime.toFixed(1)} s`);

	started = performance.now();
	// A freshly loaded PostgreSQL database has no statistics and no visibility map until
	// autovacuum comes by (index-only scans need the map): what it would do, done now. The
	// tables only, not the shared catalogs (which only a superuser may vacuum).
	if (dialect === "postgres") {
		const tables = await sql<{ name: string }>`select tablename as name from pg_tables
			where schemaname = current_schema()`.execute(database.db);
		await sql`vacuum analyze ${sql.join(tables.rows.map((t) => sql.table(t.name)))}`.execute(
			database.db,
		);
	}
	const analyze = seconds(started);
	if (dialect === "postgres") log(`${dialect}: vacuumed and analyzed in ${analyze.toFixed(1)} s`);

	return {
		database,
		services,
		url: created.url,
		timings: { migrate, load, rebuild: rebuildTime, analyze },
		rows: inserter.rows,
		close: async (keep = false) => {
			await database.close();
			if (!keep) await created.drop();
		},
	};
}

async function rebuild(services: Services): Promise<void> {
	await services.analytics.rebuild();
}

async function insertAll(
	db: Kysely<Tables>,
	inserter: BulkInserter,
	dir: string,
	report: (table: string, n: number, seconds: number) => void,
): Promise<void> {
	const timed = async <T extends keyof Tables & string>(
		table: T,
		rows: AsyncIterable<Insertable<Tables[T]>> | Iterable<Insertable<Tables[T]>>,
	) => {
		const t = performance.now();
		report(table, await inserter.insert(table, rows), seconds(t));
	};

	const stakeholders: StakeholderRecord[] = [];
	for await (const s of readNdjson<StakeholderRecord>(dir, files.stakeholders))
		stakeholders.push(s);
	const at = "2024-12-31T00:00:00.000Z";
	await timed(
		"stakeholder",
		stakeholders.map(({ groups: _, ...s }) => ({
			...s,
			website: null,
			created_at: at,
			updated_at: at,
		})),
	);
	await timed(
		"stakeholder_group_member",
		stakeholders.flatMap((s) => s.groups.map((g) => ({ stakeholder_id: s.id, group_code: g }))),
	);
	await timed("forum", forumRows(dir));

	const parts = {
		makers: [] as Insertable<Tables["commitment_maker"]>[],
		goals: [] as Insertable<Tables["commitment_goal"]>[],
		targets: [] as Insertable<Tables["commitment_target"]>[],
		recipients: [] as Insertable<Tables["commitment_recipient"]>[],
	};
	await timed("commitment", commitmentRows(dir, parts));
	await timed("commitment_maker", parts.makers);
	await timed("commitment_goal", parts.goals);
	await timed("commitment_target", parts.targets);
	await timed("commitment_recipient", parts.recipients);
	await timed("commitment_relation", relationRows(dir));

	const countryOf = new Map(stakeholders.map((s) => [s.iati_org_id, s.country_code]));
	const donorOf = new Map<number, string>();
	await timed("activity", activityRows(dir, countryOf, donorOf));
	await timed("commitment_activity", linkRows(dir));
	const converter = new Converter(await storedBaseYear(db));
	await timed("activity_transaction", transactionRows(dir, donorOf, converter));
}

async function* forumRows(dir: string): AsyncGenerator<Insertable<Tables["forum"]>> {
	for await (const f of readNdjson<ForumRecord>(dir, files.forums)) {
		const at = `${f.held_on}T00:00:00.000Z`;
		yield {
			...f,
			ends_on: null,
			document_symbol: null,
			url: null,
			description: null,
			created_at: at,
			updated_at: at,
		};
	}
}

/** The row as the commitments repository writes it: title_key and search_text made the same way. */
async function* commitmentRows(
	dir: string,
	parts: {
		makers: Insertable<Tables["commitment_maker"]>[];
		goals: Insertable<Tables["commitment_goal"]>[];
		targets: Insertable<Tables["commitment_target"]>[];
		recipients: Insertable<Tables["commitment_recipient"]>[];
	},
): AsyncGenerator<Insertable<Tables["commitment"]>> {
	for await (const c of readNdjson<CommitmentRecord>(dir, files.commitments)) {
		for (const [i, stakeholder_id] of c.makers.entries())
			parts.makers.push({ commitment_id: c.id, stakeholder_id, position: i + 1 });
		for (const goal_id of c.goals) parts.goals.push({ commitment_id: c.id, goal_id });
		for (const target_id of c.targets) parts.targets.push({ commitment_id: c.id, target_id });
		for (const r of c.recipients) parts.recipients.push({ commitment_id: c.id, ...r });
		const at = `${c.announced_on}T00:00:00.000Z`;
		yield {
			id: c.id,
			slug: c.slug,
			title: c.title,
			title_key: searchText(c.title),
			text: c.text,
			kind: c.kind,
			forum_id: c.forum_id,
			announced_on: c.announced_on,
			status: c.status,
			version: 1,
			origin: "import",
			amount_minor: c.amount_minor,
			currency: c.currency,
			amount_frequency: c.frequency,
			increase_over_year: null,
			price_basis: c.price_basis,
			price_base_year: c.price_base_year,
			period_start: c.period_start,
			period_end: c.period_end,
			additionality: c.additionality,
			gni_share_min: c.gni_share,
			gni_share_max: c.gni_share,
			financial_note: null,
			policy_target: c.policy_target,
			policy_baseline: null,
			policy_deadline: c.policy_deadline,
			search_text: searchText(c.title, c.text),
			created_at: at,
			updated_at: at,
			published_at: at,
			status_reason: c.status === "withdrawn" ? "Withdrawn by its maker" : null,
			created_by: null,
		};
	}
}

async function* relationRows(
	dir: string,
): AsyncGenerator<Insertable<Tables["commitment_relation"]>> {
	for await (const r of readNdjson<RelationRecord>(dir, files.relations))
		yield { ...r, note: null, created_at: "2024-12-31T00:00:00.000Z" };
}

async function* activityRows(
	dir: string,
	countryOf: Map<string | null, string | null>,
	donorOf: Map<number, string>,
): AsyncGenerator<Insertable<Tables["activity"]>> {
	const at = "2025-01-01T00:00:00.000Z";
	for await (const a of readNdjson<ActivityRecord>(dir, files.activities)) {
		donorOf.set(a.id, donorSeriesName(countryOf.get(a.reporting_org_ref) ?? null));
		yield { ...a, title_search: searchText(a.title), created_at: at, updated_at: at };
	}
}

async function* linkRows(dir: string): AsyncGenerator<Insertable<Tables["commitment_activity"]>> {
	for await (const l of readNdjson<LinkRecord>(dir, files.links))
		yield { ...l, status: "accepted", created_by: null, created_at: "2025-01-01T00:00:00.000Z" };
}

/** Each transaction converted as the activities service converts it when recording one. */
async function* transactionRows(
	dir: string,
	donorOf: Map<number, string>,
	converter: Converter,
): AsyncGenerator<Insertable<Tables["activity_transaction"]>> {
	let activity = 0;
	let position = 0;
	for await (const t of readTransactions(dir)) {
		// The file lists each activity's transactions together; positions count from 1, as the IATI reader's do.
		position = t.activity_id === activity ? position + 1 : 1;
		activity = t.activity_id;
		const donor = donorOf.get(t.activity_id) ?? donorSeriesName(null);
		const usd = transactionUsd(converter, { ...t, value_date: null }, donor);
		yield {
			...t,
			position,
			value_date: null,
			provider_org_ref: null,
			receiver_org_ref: null,
			usd_current: usd.current,
			usd_constant: usd.constant,
			conversion: usd.status,
		};
	}
}

/** Rows came with their ids: move PostgreSQL's sequences past them, as inserts would have. */
async function resetSequences(db: Kysely<Tables>): Promise<void> {
	for (const table of ["stakeholder", "forum", "commitment", "activity", "activity_transaction"]) {
		await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
			db,
		);
	}
}
