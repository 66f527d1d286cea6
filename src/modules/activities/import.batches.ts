/**
 * The database-free half of an import: reads a file and turns its records into batches
 * of rows ready to write, every transaction and budget already converted to US dollars.
 * It runs in a worker thread (import.worker.ts) so that parsing one batch overlaps with
 * writing the one before; it needs from the database only the base year and the
 * publishers' countries (for the deflator series), given up front.
 */
import type { IatiActivity } from "../../interchange/iati/activity.model.ts";
import { readIatiFile } from "../../interchange/iati/reader.ts";
import { Converter, donorSeriesName, transactionUsd } from "../analytics/conversion.ts";
import type { OrganisationToSave } from "./iati.organisations.repository.ts";
import { type PgBatchColumns, pgBatchColumns } from "./iati.pg-columns.ts";
import { type ActivityRows, activityRows, type TransactionMoney } from "./iati.rows.ts";

export interface PrepareOptions {
	baseYear: number;
	/** IATI organisation identifier -> country of the stakeholder publishing under it. */
	reporterCountries: [string, string | null][];
	/** The time written as created_at and updated_at. */
	now: string;
	batchSize?: number;
	/**
	 * PostgreSQL: give each batch as its columns' array literals (`pg`) instead of rows,
	 * built here so that the thread writing every file's batches only passes them on.
	 */
	pgColumns?: boolean;
}

export interface PreparedBatch {
	/** Activities with distinct identifiers, in file order (none when given as `pg`). */
	rows: ActivityRows[];
	pg?: PgBatchColumns;
	activities: number;
	organisations: OrganisationToSave[];
	rejected: { identifier: string | null; reason: string; line: number }[];
	transactions: number;
	/** Bytes of the file read so far. */
	bytes: number;
}

/** Activities per batch: one statement per table for all of them. */
export const defaultBatchSize = 100;

export async function* prepareBatches(
	file: string,
	options: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
	const converter = new Converter(options.baseYear);
	const countries = new Map(options.reporterCountries);
	const donors = new Map<string, string>();
	const donorOf = (ref: string) => {
		let d = donors.get(ref);
		if (d === undefined) {
			d = donorSeriesName(countries.get(ref));
			donors.set(ref, d);
		}
		return d;
	};
	const money = (
		minor: number,
		currency: string | null,
		valueDate: string | null,
		date: string,
		donor: string,
	): TransactionMoney => {
		const usd = transactionUsd(
			converter,
			{ value_minor: minor, currency, transaction_date: date, value_date: valueDate },
			donor,
		);
		return {
			currency,
			usd_current: usd.current,
			usd_constant: usd.constant,
			conversion: usd.status,
		};
	};
	const activityMoney = (a: IatiActivity) => {
		const donor = donorOf(a.reporting_org.ref);
		return a.transactions.map((t) =>
			money(
				t.value_minor,
				t.currency ?? a.default_currency,
				t.value_date,
				t.transaction_date,
				donor,
			),
		);
	};

	const size = options.batchSize ?? defaultBatchSize;
	let bytes = 0;
	let batch = emptyBatch();
	const identifiers = new Set<string>();
	const full = () => batch.rows.length >= size || batch.rejected.length >= size;

	for await (const r of readIatiFile(file, { onBytes: (b) => (bytes = b) })) {
		if (r.kind === "activity") {
			// The same identifier twice in a file: the later replaces the earlier, in order.
			if (identifiers.has(r.activity.iati_identifier)) {
				yield finished(batch, bytes, options.pgColumns);
				batch = emptyBatch();
				identifiers.clear();
			}
			identifiers.add(r.activity.iati_identifier);
			batch.rows.push(activityRows(r.activity, activityMoney(r.activity), options.now));
			batch.transactions += r.activity.transactions.length;
		} else if (r.kind === "organisation") {
			const o = r.organisation;
			const donor = donorOf(o.reporting_org.ref);
			batch.organisations.push({
				organisation: o,
				money: o.budgets.map((b) =>
					money(
						b.value_minor,
						b.currency ?? o.default_currency,
						b.value_date,
						b.period_start,
						donor,
					),
				),
			});
		} else batch.rejected.push({ identifier: r.identifier, reason: r.reason, line: r.line });
		if (full()) {
			yield finished(batch, bytes, options.pgColumns);
			batch = emptyBatch();
			identifiers.clear();
		}
	}
	yield finished(batch, bytes, options.pgColumns);
}

function finished(
	b: Omit<PreparedBatch, "bytes" | "activities">,
	bytes: number,
	pgColumns = false,
): PreparedBatch {
	const activities = b.rows.length;
	if (!pgColumns) return { ...b, activities, bytes };
	return { ...b, rows: [], pg: pgBatchColumns(b.rows), activities, bytes };
}

function emptyBatch(): Omit<PreparedBatch, "bytes" | "activities"> {
	return { rows: [], organisations: [], rejected: [], transactions: 0 };
}
