/**
 * The generated registry as files: what bench/generate.ts writes and bench/load.ts reads.
 * One NDJSON file per kind of record; transactions, by far the most, as CSV to stay small.
 * Every record carries its final id, so files refer to each other without look-ups.
 */
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface StakeholderRecord {
	id: number;
	slug: string;
	name: string;
	short_name: string | null;
	kind: string;
	country_code: string | null;
	iati_org_id: string | null;
	groups: string[];
}

export interface ForumRecord {
	id: number;
	slug: string;
	name: string;
	kind: string;
	held_on: string;
	place: string | null;
}

export interface CommitmentRecord {
	id: number;
	slug: string;
	title: string;
	text: string;
	kind: "financial" | "policy" | "both";
	forum_id: number | null;
	announced_on: string;
	status: "published" | "completed" | "withdrawn";
	amount_minor: number | null;
	currency: string | null;
	frequency: "annual" | "total" | null;
	price_basis: "current" | "constant" | null;
	price_base_year: number | null;
	period_start: string | null;
	period_end: string | null;
	additionality: "new" | "reaffirmed" | "unspecified" | null;
	gni_share: number | null;
	policy_target: string | null;
	policy_deadline: string | null;
	makers: number[];
	goals: string[];
	targets: string[];
	recipients: { kind: string; code: string }[];
}

export interface RelationRecord {
	from_id: number;
	to_id: number;
	kind: "reaffirms" | "supersedes" | "part_of" | "overlaps";
}

export interface ActivityRecord {
	id: number;
	iati_identifier: string;
	reporting_org_ref: string;
	title: string;
	default_currency: string;
}

export interface LinkRecord {
	commitment_id: number;
	activity_id: number;
	share_bp: number;
	include_expenditure: 0 | 1;
}

export interface TransactionRecord {
	id: number;
	activity_id: number;
	transaction_type: string;
	transaction_date: string;
	value_minor: number;
	currency: string;
}

export interface Manifest {
	seed: number;
	commitments: number;
	transactions: number;
	stakeholders: number;
	forums: number;
	relations: number;
	activities: number;
	links: number;
	generated_at: string;
}

export const files = {
	manifest: "manifest.json",
	stakeholders: "stakeholders.ndjson",
	forums: "forums.ndjson",
	commitments: "commitments.ndjson",
	relations: "relations.ndjson",
	activities: "activities.ndjson",
	links: "links.ndjson",
	transactions: "transactions.csv",
} as const;

export const transactionHeader =
	"id,activity_id,transaction_type,transaction_date,value_minor,currency";

export function transactionLine(t: TransactionRecord): string {
	return `${t.id},${t.activity_id},${t.transaction_type},${t.transaction_date},${t.value_minor},${t.currency}`;
}

async function* lines(path: string): AsyncGenerator<string> {
	const rl = createInterface({
		input: createReadStream(path),
		crlfDelay: Number.POSITIVE_INFINITY,
	});
	for await (const line of rl) if (line) yield line;
}

export async function* readNdjson<T>(dir: string, file: string): AsyncGenerator<T> {
	for await (const line of lines(join(dir, file))) yield JSON.parse(line) as T;
}

export async function* readTransactions(dir: string): AsyncGenerator<TransactionRecord> {
	let first = true;
	for await (const line of lines(join(dir, files.transactions))) {
		if (first) {
			first = false;
			if (line !== transactionHeader) throw new Error(`unexpected header in ${files.transactions}`);
			continue;
		}
		const [id, activity, type, date, value, currency] = line.split(",");
		yield {
			id: Number(id),
			activity_id: Number(activity),
			transaction_type: type as string,
			transaction_date: date as string,
			value_minor: Number(value),
			currency: currency as string,
		};
	}
}

/** Groups an async stream into arrays of `size`, so a loader holds one batch at a time. */
export async function* batches<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
	let batch: T[] = [];
	for await (const row of rows) {
		batch.push(row);
		if (batch.length >= size) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length) yield batch;
}
