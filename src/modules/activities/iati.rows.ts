/**
 * An IatiActivity as rows of the activity tables, and back. Pure functions: the
 * repository reads and writes the rows, the import computes the US dollar values.
 * Rows to write are arrays in the order of `columns` (an import writes millions: no
 * object per row); narratives are JSON text; every list keeps its position, so it
 * loads back in its order.
 */
import type { Selectable } from "kysely";
import type {
	ActivityAidTypeTable,
	ActivityDateTable,
	ActivityParticipatingOrgTable,
	ActivityPolicyMarkerTable,
	ActivityRecipientTable,
	ActivitySectorTable,
	ActivityTable,
	ActivityTagTable,
	ActivityTransactionSectorTable,
	ActivityTransactionTable,
} from "../../db/tables.ts";
import type {
	IatiActivity,
	Narrative,
	Transaction,
} from "../../interchange/iati/activity.model.ts";
import { toConvertedCentsOrNull, toInt, toIntOrNull } from "../../lib/numbers.ts";
import { searchText } from "../../lib/text.ts";

/** A transaction's money as written: its currency (stated, else the default) and US dollars. */
export interface TransactionMoney {
	currency: string | null;
	usd_current: number | null;
	usd_constant: number | null;
	conversion: string;
}

/** The columns of each table an activity is written to; child rows start with activity_id. */
export const columns = {
	activity: [
		"iati_identifier",
		"reporting_org_ref",
		"title",
		"default_currency",
		"created_at",
		"updated_at",
		"version",
		"default_lang",
		"last_updated_datetime",
		"hierarchy",
		"humanitarian",
		"reporting_org_type",
		"reporting_org_narratives",
		"title_narratives",
		"title_search",
		"descriptions",
		"activity_status",
		"collaboration_type",
		"default_flow_type",
		"default_finance_type",
		"default_tied_status",
	],
	activity_participating_org: [
		"activity_id",
		"position",
		"role",
		"ref",
		"type",
		"org_activity_id",
		"narratives",
	],
	activity_date: ["activity_id", "position", "type", "iso_date"],
	activity_recipient: ["activity_id", "position", "kind", "code", "vocabulary", "percentage"],
	activity_sector: ["activity_id", "position", "vocabulary", "code", "percentage"],
	activity_tag: ["activity_id", "position", "vocabulary", "code"],
	activity_policy_marker: ["activity_id", "position", "vocabulary", "code", "significance"],
	activity_aid_type: ["activity_id", "position", "vocabulary", "code"],
	activity_transaction: [
		"activity_id",
		"position",
		"transaction_type",
		"transaction_date",
		"value_minor",
		"value_currency",
		"currency",
		"value_date",
		"provider_org_ref",
		"provider_org_narratives",
		"provider_activity_id",
		"receiver_org_ref",
		"receiver_org_narratives",
		"receiver_activity_id",
		"recipient_country",
		"recipient_region",
		"usd_current",
		"usd_constant",
		"conversion",
		"detail",
	],
	activity_transaction_sector: [
		"activity_id",
		"transaction_position",
		"position",
		"vocabulary",
		"code",
	],
} as const;

/** PostgreSQL types of the columns that are not text (the import binds whole columns as arrays). */
const nonText: Record<string, string> = {
	activity_id: "integer",
	position: "integer",
	transaction_position: "integer",
	hierarchy: "integer",
	humanitarian: "integer",
	percentage: "double precision",
	value_minor: "bigint",
	usd_current: "bigint",
	usd_constant: "bigint",
};

export const columnType = (column: string): string =>
	Object.hasOwn(nonText, column) ? (nonText[column] as string) : "text";

export type ChildTable = Exclude<keyof typeof columns, "activity">;
export const childTables = Object.keys(columns).filter(
	(t) => t !== "activity",
) as readonly ChildTable[];

/** One activity's rows: its own, and each child table's (activity_id 0 until it is known). */
export interface ActivityRows {
	identifier: string;
	activity: unknown[];
	children: Record<ChildTable, unknown[][]>;
}

/** JSON of narratives, written by hand: an import writes millions of them. */
function json(list: Narrative[]): string {
	let out = "[";
	for (let i = 0; i < list.length; i++) {
		const n = list[i] as Narrative;
		if (i) out += ",";
		out += `{"lang":${n.lang === null ? "null" : JSON.stringify(n.lang)},"text":${JSON.stringify(n.text)}}`;
	}
	return `${out}]`;
}

export function parseNarratives(text: string | null): Narrative[] {
	return text ? (JSON.parse(text) as Narrative[]) : [];
}

/** The title to show where one line is wanted: the default language's, else the first. */
export function displayTitle(title: Narrative[]): string | null {
	return (title.find((n) => n.lang === null) ?? title[0])?.text ?? null;
}

export function activityRows(
	a: IatiActivity,
	money: TransactionMoney[],
	now: string,
): ActivityRows {
	const transactions: unknown[][] = [];
	const transactionSectors: unknown[][] = [];
	const names = new NamesJson();
	for (let i = 0; i < a.transactions.length; i++) {
		const t = a.transactions[i] as Transaction;
		transactions.push(transactionRow(t, i + 1, money[i] as TransactionMoney, names));
		for (let j = 0; j < t.sectors.length; j++) {
			const s = t.sectors[j] as { vocabulary: string; code: string };
			transactionSectors.push([0, i + 1, j + 1, s.vocabulary, s.code]);
		}
	}
	return {
		identifier: a.iati_identifier,
		activity: [
			a.iati_identifier,
			a.reporting_org.ref,
			displayTitle(a.title),
			a.default_currency,
			now,
			now,
			a.version,
			a.default_lang,
			a.last_updated_datetime,
			a.hierarchy,
			a.humanitarian === null ? null : a.humanitarian ? 1 : 0,
			a.reporting_org.type,
			json(a.reporting_org.narratives),
			json(a.title),
			searchText(...a.title.map((n) => n.text)),
			JSON.stringify(a.descriptions),
			a.activity_status,
			a.collaboration_type,
			a.default_flow_type,
			a.default_finance_type,
			a.default_tied_status,
		],
		children: {
			activity_participating_org: a.participating_orgs.map((p, i) => [
				0,
				i + 1,
				p.role,
				p.ref,
				p.type,
				p.activity_id,
				json(p.narratives),
			]),
			activity_date: a.activity_dates.map((d, i) => [0, i + 1, d.type, d.iso_date]),
			activity_recipient: [
				...a.recipient_countries.map((r, i) => [0, i + 1, "country", r.code, null, r.percentage]),
				...a.recipient_regions.map((r, i) => [
					0,
					i + 1,
					"region",
					r.code,
					r.vocabulary,
					r.percentage,
				]),
			],
			activity_sector: a.sectors.map((s, i) => [0, i + 1, s.vocabulary, s.code, s.percentage]),
			activity_tag: a.tags.map((t, i) => [0, i + 1, t.vocabulary, t.code]),
			activity_policy_marker: a.policy_markers.map((m, i) => [
				0,
				i + 1,
				m.vocabulary,
				m.code,
				m.significance,
			]),
			activity_aid_type: a.default_aid_type.map((t, i) => [0, i + 1, t.vocabulary, t.code]),
			activity_transaction: transactions,
			activity_transaction_sector: transactionSectors,
		},
	};
}

/** What a transaction's `detail` JSON holds: the parts never filtered on nor listed. */
interface TransactionDetail {
	ref?: string;
	description?: Narrative[];
	provider_type?: string;
	receiver_type?: string;
	region_vocabulary?: string | null;
}

/**
 * The JSON of an organisation's names, once per activity: its transactions name the same
 * few providers and receivers again and again.
 */
class NamesJson {
	private readonly seen = new Map<string, string>();

	of(list: Narrative[]): string {
		if (list.length !== 1) return json(list);
		const n = list[0] as Narrative;
		const key = `${n.lang ?? ""}\u0000${n.text}`;
		let out = this.seen.get(key);
		if (out === undefined) {
			out = json(list);
			this.seen.set(key, out);
		}
		return out;
	}
}

function transactionRow(
	t: Transaction,
	position: number,
	m: TransactionMoney,
	names: NamesJson,
): unknown[] {
	// Written by hand, key by key: an import writes millions of these.
	let detail = "";
	if (t.ref !== null) detail += `,"ref":${JSON.stringify(t.ref)}`;
	if (t.description.length) detail += `,"description":${json(t.description)}`;
	if (t.provider_org?.type) detail += `,"provider_type":${JSON.stringify(t.provider_org.type)}`;
	if (t.receiver_org?.type) detail += `,"receiver_type":${JSON.stringify(t.receiver_org.type)}`;
	if (t.recipient_region)
		detail += `,"region_vocabulary":${JSON.stringify(t.recipient_region.vocabulary)}`;
	return [
		0,
		position,
		t.transaction_type,
		t.transaction_date,
		t.value_minor,
		t.currency,
		m.currency,
		t.value_date,
		t.provider_org?.ref ?? null,
		t.provider_org ? names.of(t.provider_org.narratives) : null,
		t.provider_org?.provider_activity_id ?? null,
		t.receiver_org?.ref ?? null,
		t.receiver_org ? names.of(t.receiver_org.narratives) : null,
		t.receiver_org?.receiver_activity_id ?? null,
		t.recipient_country,
		t.recipient_region?.code ?? null,
		m.usd_current,
		m.usd_constant,
		m.conversion,
		detail ? `{${detail.slice(1)}}` : null,
	];
}

/** Everything stored of some activities, grouped by activity id, each list in its order. */
export interface StoredActivities {
	activities: Selectable<ActivityTable>[];
	participating: Map<number, Selectable<ActivityParticipatingOrgTable>[]>;
	dates: Map<number, Selectable<ActivityDateTable>[]>;
	recipients: Map<number, Selectable<ActivityRecipientTable>[]>;
	sectors: Map<number, Selectable<ActivitySectorTable>[]>;
	tags: Map<number, Selectable<ActivityTagTable>[]>;
	markers: Map<number, Selectable<ActivityPolicyMarkerTable>[]>;
	aidTypes: Map<number, Selectable<ActivityAidTypeTable>[]>;
	transactions: Map<number, Selectable<ActivityTransactionTable>[]>;
	transactionSectors: Map<number, Selectable<ActivityTransactionSectorTable>[]>;
}

/** An activity as stored: the model's value, its transactions with what IIF computed of them. */
export type StoredActivity = Omit<IatiActivity, "transactions"> & {
	transactions: StoredTransaction[];
};

/** A transaction as the model has it, with what IIF computed of it alongside. */
export interface StoredTransaction extends Transaction {
	id: number;
	/** The currency its money is in: as stated, else the activity's default. */
	effective_currency: string | null;
	usd_current: number | null;
	usd_constant: number | null;
	conversion: string;
}

export function toActivity(row: Selectable<ActivityTable>, s: StoredActivities): StoredActivity {
	const id = toInt(row.id);
	const list = <T>(m: Map<number, T[]>): T[] => m.get(id) ?? [];
	const recipients = list(s.recipients);
	const sectorsOf = new Map<number, { vocabulary: string; code: string }[]>();
	for (const ts of list(s.transactionSectors)) {
		const p = toInt(ts.transaction_position);
		const l = sectorsOf.get(p) ?? [];
		l.push({ vocabulary: ts.vocabulary, code: ts.code });
		sectorsOf.set(p, l);
	}
	return {
		iati_identifier: row.iati_identifier,
		version: row.version ?? "2.03",
		default_currency: row.default_currency,
		default_lang: row.default_lang,
		last_updated_datetime: row.last_updated_datetime,
		hierarchy: toIntOrNull(row.hierarchy),
		humanitarian: row.humanitarian === null ? null : toInt(row.humanitarian) === 1,
		reporting_org: {
			ref: row.reporting_org_ref ?? "",
			type: row.reporting_org_type,
			narratives: parseNarratives(row.reporting_org_narratives),
		},
		// Activities recorded through the API have a plain title and no narratives.
		title:
			row.title_narratives !== null
				? parseNarratives(row.title_narratives)
				: row.title
					? [{ lang: null, text: row.title }]
					: [],
		descriptions: row.descriptions ? JSON.parse(row.descriptions) : [],
		participating_orgs: list(s.participating).map((p) => ({
			role: p.role,
			ref: p.ref,
			type: p.type,
			activity_id: p.org_activity_id,
			narratives: parseNarratives(p.narratives),
		})),
		activity_status: row.activity_status,
		activity_dates: list(s.dates).map((d) => ({ type: d.type, iso_date: d.iso_date })),
		recipient_countries: recipients
			.filter((r) => r.kind === "country")
			.map((r) => ({ code: r.code, vocabulary: r.vocabulary, percentage: r.percentage })),
		recipient_regions: recipients
			.filter((r) => r.kind === "region")
			.map((r) => ({ code: r.code, vocabulary: r.vocabulary, percentage: r.percentage })),
		sectors: list(s.sectors).map((x) => ({
			vocabulary: x.vocabulary,
			code: x.code,
			percentage: x.percentage,
		})),
		tags: list(s.tags).map((t) => ({ vocabulary: t.vocabulary, code: t.code })),
		policy_markers: list(s.markers).map((m) => ({
			vocabulary: m.vocabulary,
			code: m.code,
			significance: m.significance,
		})),
		collaboration_type: row.collaboration_type,
		default_flow_type: row.default_flow_type,
		default_finance_type: row.default_finance_type,
		default_aid_type: list(s.aidTypes).map((t) => ({ vocabulary: t.vocabulary, code: t.code })),
		default_tied_status: row.default_tied_status,
		transactions: list(s.transactions).map((t) =>
			toTransaction(t, row.default_currency, sectorsOf.get(toInt(t.position)) ?? []),
		),
	};
}

function toTransaction(
	t: Selectable<ActivityTransactionTable>,
	defaultCurrency: string | null,
	sectors: { vocabulary: string; code: string }[],
): StoredTransaction {
	const d: TransactionDetail = t.detail ? JSON.parse(t.detail) : {};
	// Present when the file named it (narratives "[]" at least), or when recorded with a ref.
	const hasProvider = t.provider_org_narratives !== null || t.provider_org_ref !== null;
	const hasReceiver = t.receiver_org_narratives !== null || t.receiver_org_ref !== null;
	return {
		id: toInt(t.id),
		ref: d.ref ?? null,
		transaction_type: t.transaction_type,
		transaction_date: t.transaction_date,
		value_minor: toInt(t.value_minor),
		// As stated. Transactions recorded through the API hold only the currency that
		// applies: the default's is taken as not stated, any other as stated.
		currency: t.value_currency ?? (t.currency === defaultCurrency ? null : t.currency),
		value_date: t.value_date,
		description: d.description ?? [],
		provider_org: hasProvider
			? {
					ref: t.provider_org_ref,
					type: d.provider_type ?? null,
					narratives: parseNarratives(t.provider_org_narratives),
					provider_activity_id: t.provider_activity_id,
				}
			: null,
		receiver_org: hasReceiver
			? {
					ref: t.receiver_org_ref,
					type: d.receiver_type ?? null,
					narratives: parseNarratives(t.receiver_org_narratives),
					receiver_activity_id: t.receiver_activity_id,
				}
			: null,
		recipient_country: t.recipient_country,
		recipient_region: t.recipient_region
			? { code: t.recipient_region, vocabulary: d.region_vocabulary ?? null }
			: null,
		sectors,
		effective_currency: t.currency,
		usd_current: toConvertedCentsOrNull(t.usd_current),
		usd_constant: toConvertedCentsOrNull(t.usd_constant),
		conversion: t.conversion,
	};
}
