/**
 * Writes IatiActivity (and IatiOrganisation) values as IATI 2.03 XML, one activity at a
 * time, so an export of the whole registry never sits in memory. Elements follow the
 * order of the XSD's sequences (iati-activities-schema.xsd, iati-organisations-schema.xsd)
 * and every attribute the XSD requires is written.
 *
 * Where the XSD requires something the registry does not hold (typically from a 1.0x
 * file, where it was optional), the writer never invents a fact: it writes the emptiest
 * value the XSD accepts, and the reader takes that emptiness as "absent", so a round trip
 * (read, store, load, write, read) gives the same value. The cases, in one place:
 *
 * - reporting-org/@type, activity-status/@code, participating-org/@role: `""` (xsd:string
 *   admits it; it is no code of any IATI codelist, so no tool takes it for one).
 * - reporting-org, title, description: at least one narrative: an empty `<narrative/>`.
 * - description (at least one) when the activity has none: `<description><narrative/>`.
 * - participating-org (at least one) when there is none: `<participating-org role=""/>`.
 * - activity-date (at least one) when there is none: `type=""` and, as xsd:date cannot be
 *   empty, the date the activity was last updated (else the export's date): the one date
 *   that is true of the record itself.
 * - value/@value-date (required since 2.01): the transaction date when the value date is
 *   null (IATI's own reading of a missing value date); period-start for organisation budgets.
 *   The reader fills in the same dates when a file lacks them, so what it produced never has
 *   a null here; a null set by other means comes back as that date.
 * - reporting-org/@ref is required and the model's is a string: an activity recorded through
 *   the API without a reporting organisation is written with ref="", which the reader
 *   rejects ("reporting-org has no ref"): such an activity does not survive a round trip.
 * - value with no currency of its own nor a default: hundredths, as the reader counted.
 *
 * What else changes: `version` (a 1.0x activity is written, so read back, as 2.03), and an
 * organisation's budgets, grouped by kind in the XSD's order. An empty export is
 * `<iati-activities>` with no activity, which the XSD rejects (minOccurs 1): nothing can
 * be invented to fill it.
 */
import type { Writable } from "node:stream";
import { formatMinorUnits } from "../../lib/money.ts";
import type {
	IatiActivity,
	IatiOrganisation,
	Narrative,
	OrganisationBudget,
	OrgRef,
	Transaction,
} from "./activity.model.ts";

export const IATI_VERSION = "2.03";

export interface WriteOptions {
	/** iati-activities/@generated-datetime (xsd:dateTime); now when not given. */
	generatedDatetime?: string;
}

// ---------------------------------------------------------------- escaping

/**
 * Characters XML 1.0 forbids anywhere, even as references: C0 controls but tab, newline
 * and carriage return; U+FFFE, U+FFFF; unpaired surrogates. They cannot be written, so
 * they are dropped (a reader of XML could never have produced them).
 */
const forbidden =
	// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text content. `>` is escaped too (`]]>` is forbidden in text); a carriage return is
 * written as a reference because parsers turn a literal one into a newline.
 */
export function escapeText(value: string): string {
	return value.replace(forbidden, "").replace(/[&<>\r]/g, (c) => textEntities[c] ?? c);
}

const textEntities: Record<string, string> = {
	"&": "&amp;",
	"<": "&lt;",
	">": "&gt;",
	"\r": "&#13;",
};

/**
 * An attribute value in double quotes. Tab, newline and carriage return are written as
 * references because attribute-value normalisation turns literal ones into spaces.
 */
export function escapeAttribute(value: string): string {
	return value.replace(forbidden, "").replace(/[&<>"'\t\n\r]/g, (c) => attributeEntities[c] ?? c);
}

const attributeEntities: Record<string, string> = {
	...textEntities,
	'"': "&quot;",
	"'": "&apos;",
	"\t": "&#9;",
	"\n": "&#10;",
};

/** A number as xsd:decimal: never in exponent form (String(1e-7) is "1e-7"). */
export function decimal(n: number): string {
	if (!Number.isFinite(n)) throw new Error(`${n} is not a decimal number`);
	const s = String(n);
	const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
	if (!m) return s;
	const [, sign = "", int = "", frac = "", expText = "0"] = m;
	const digits = int + frac;
	const point = int.length + Number(expText);
	const body =
		point <= 0
			? `0.${"0".repeat(-point)}${digits}`
			: point >= digits.length
				? digits + "0".repeat(point - digits.length)
				: `${digits.slice(0, point)}.${digits.slice(point)}`;
	return sign + body;
}

// ---------------------------------------------------------------- element building

type Attrs = [name: string, value: string | number | null | undefined][];

function attrs(list: Attrs): string {
	let out = "";
	for (const [name, value] of list) {
		if (value === null || value === undefined) continue;
		out += ` ${name}="${escapeAttribute(typeof value === "number" ? decimal(value) : value)}"`;
	}
	return out;
}

/** An element: self-closing when it has no content. */
function el(name: string, attributes: Attrs, content = ""): string {
	return content === ""
		? `<${name}${attrs(attributes)}/>`
		: `<${name}${attrs(attributes)}>${content}</${name}>`;
}

function narratives(list: Narrative[], required = false): string {
	// An element whose narrative the XSD requires gets an empty one: see the header.
	if (list.length === 0) return required ? "<narrative/>" : "";
	return list
		.map((n) => el("narrative", [["xml:lang", n.lang]], n.text === "" ? "" : escapeText(n.text)))
		.join("");
}

/**
 * A value element (xsd currencyType). Minor units go back to a decimal string in the
 * exponent of the value's currency, else of the activity's default currency; with
 * neither, IATI states no currency at all and the reader counted in hundredths (the
 * usual ISO 4217 exponent of 2), so the same exponent is used here and no currency
 * attribute is written, as it was not in the source.
 */
function value(
	minor: number,
	currency: string | null,
	defaultCurrency: string | null,
	valueDate: string,
): string {
	const amount = formatMinorUnits(minor, currency ?? defaultCurrency ?? NO_CURRENCY);
	return el(
		"value",
		[
			["currency", currency],
			["value-date", valueDate],
		],
		amount,
	);
}

/** ISO 4217 "no currency": money.ts gives it the usual exponent of 2, as the reader (values.ts) does. */
const NO_CURRENCY = "XXX";

// ---------------------------------------------------------------- activities

function reportingOrg(org: OrgRef & { ref: string }): string {
	return el(
		"reporting-org",
		[
			["ref", org.ref],
			["type", org.type ?? ""],
		],
		narratives(org.narratives, true),
	);
}

function transaction(t: Transaction, defaultCurrency: string | null): string {
	const parts = [
		el("transaction-type", [["code", t.transaction_type]]),
		el("transaction-date", [["iso-date", t.transaction_date]]),
		value(t.value_minor, t.currency, defaultCurrency, t.value_date ?? t.transaction_date),
	];
	if (t.description.length) parts.push(el("description", [], narratives(t.description)));
	if (t.provider_org)
		parts.push(
			el(
				"provider-org",
				[
					["ref", t.provider_org.ref],
					["provider-activity-id", t.provider_org.provider_activity_id],
					["type", t.provider_org.type],
				],
				narratives(t.provider_org.narratives),
			),
		);
	if (t.receiver_org)
		parts.push(
			el(
				"receiver-org",
				[
					["ref", t.receiver_org.ref],
					["receiver-activity-id", t.receiver_org.receiver_activity_id],
					["type", t.receiver_org.type],
				],
				narratives(t.receiver_org.narratives),
			),
		);
	for (const s of t.sectors)
		parts.push(
			el("sector", [
				["vocabulary", s.vocabulary],
				["code", s.code],
			]),
		);
	if (t.recipient_country) parts.push(el("recipient-country", [["code", t.recipient_country]]));
	if (t.recipient_region)
		parts.push(
			el("recipient-region", [
				["code", t.recipient_region.code],
				["vocabulary", t.recipient_region.vocabulary],
			]),
		);
	return el("transaction", [["ref", t.ref]], parts.join(""));
}

/** One iati-activity element, its children in the order of the XSD's sequence. */
export function activityXml(a: IatiActivity, options: { today?: string } = {}): string {
	const parts: string[] = [
		el("iati-identifier", [], escapeText(a.iati_identifier)),
		reportingOrg(a.reporting_org),
		el("title", [], narratives(a.title, true)),
	];
	if (a.descriptions.length === 0) parts.push(el("description", [], narratives([], true)));
	for (const d of a.descriptions)
		parts.push(el("description", [["type", d.type]], narratives(d.narratives, true)));
	if (a.participating_orgs.length === 0) parts.push(el("participating-org", [["role", ""]]));
	for (const p of a.participating_orgs)
		parts.push(
			el(
				"participating-org",
				[
					["ref", p.ref],
					["type", p.type],
					["role", p.role],
					["activity-id", p.activity_id],
				],
				narratives(p.narratives),
			),
		);
	parts.push(el("activity-status", [["code", a.activity_status ?? ""]]));
	if (a.activity_dates.length === 0)
		parts.push(
			el("activity-date", [
				["type", ""],
				["iso-date", (a.last_updated_datetime ?? options.today ?? todayUtc()).slice(0, 10)],
			]),
		);
	for (const d of a.activity_dates)
		parts.push(
			el("activity-date", [
				["type", d.type],
				["iso-date", d.iso_date],
			]),
		);
	for (const c of a.recipient_countries)
		parts.push(
			el("recipient-country", [
				["code", c.code],
				["percentage", c.percentage],
			]),
		);
	for (const r of a.recipient_regions)
		parts.push(
			el("recipient-region", [
				["code", r.code],
				["vocabulary", r.vocabulary],
				["percentage", r.percentage],
			]),
		);
	for (const s of a.sectors)
		parts.push(
			el("sector", [
				["vocabulary", s.vocabulary],
				["code", s.code],
				["percentage", s.percentage],
			]),
		);
	for (const t of a.tags)
		parts.push(
			el("tag", [
				["code", t.code],
				["vocabulary", t.vocabulary],
			]),
		);
	for (const p of a.policy_markers)
		parts.push(
			el("policy-marker", [
				["vocabulary", p.vocabulary],
				["code", p.code],
				["significance", p.significance],
			]),
		);
	if (a.collaboration_type !== null)
		parts.push(el("collaboration-type", [["code", a.collaboration_type]]));
	if (a.default_flow_type !== null)
		parts.push(el("default-flow-type", [["code", a.default_flow_type]]));
	if (a.default_finance_type !== null)
		parts.push(el("default-finance-type", [["code", a.default_finance_type]]));
	for (const t of a.default_aid_type)
		parts.push(
			el("default-aid-type", [
				["code", t.code],
				["vocabulary", t.vocabulary],
			]),
		);
	if (a.default_tied_status !== null)
		parts.push(el("default-tied-status", [["code", a.default_tied_status]]));
	for (const t of a.transactions) parts.push(transaction(t, a.default_currency));
	return el(
		"iati-activity",
		[
			["last-updated-datetime", a.last_updated_datetime],
			["xml:lang", a.default_lang],
			["default-currency", a.default_currency],
			["humanitarian", a.humanitarian === null ? null : a.humanitarian ? "1" : "0"],
			["hierarchy", a.hierarchy],
		],
		`\n${parts.join("\n")}\n`,
	);
}

function todayUtc(): string {
	return new Date().toISOString().slice(0, 10);
}

/** An xsd:dateTime of now, to the second. */
function nowDatetime(): string {
	return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The whole document as string chunks: the declaration and root, then one chunk per
 * activity, then the closing tag. Activities written from 1.0x files come out as 2.03
 * (the reader already mapped their codes to 2.0x codelists).
 */
export async function* iatiActivitiesXml(
	activities: AsyncIterable<IatiActivity> | Iterable<IatiActivity>,
	options: WriteOptions = {},
): AsyncGenerator<string> {
	const generated = options.generatedDatetime ?? nowDatetime();
	yield `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities${attrs([
		["version", IATI_VERSION],
		["generated-datetime", generated],
	])}>\n`;
	const today = generated.slice(0, 10);
	for await (const a of activities) yield `${activityXml(a, { today })}\n`;
	yield "</iati-activities>\n";
}

/** Writes the document to a stream, waiting for it to drain, so memory stays flat. */
export async function writeIatiActivities(
	activities: AsyncIterable<IatiActivity> | Iterable<IatiActivity>,
	out: Writable | NodeJS.WritableStream,
	options: WriteOptions = {},
): Promise<void> {
	await writeChunks(iatiActivitiesXml(activities, options), out);
}

async function writeChunks(
	chunks: AsyncIterable<string>,
	out: Writable | NodeJS.WritableStream,
): Promise<void> {
	for await (const chunk of chunks) if (!out.write(chunk)) await drained(out);
}

/** Waits for room in the stream; fails when it errs or closes instead (never hangs). */
function drained(out: Writable | NodeJS.WritableStream): Promise<void> {
	const stream = out as Partial<Writable> & NodeJS.WritableStream;
	return new Promise<void>((resolve, reject) => {
		if (stream.destroyed)
			return reject(stream.errored ?? new Error("the output was closed before the end"));
		const settle = (error?: Error | null) => {
			stream.off("drain", onDrain);
			stream.off("error", onError);
			stream.off("close", onClose);
			if (error) reject(error);
			else resolve();
		};
		const onDrain = () => settle();
		const onError = (e: Error) => settle(e);
		const onClose = () =>
			settle(stream.errored ?? new Error("the output was closed before the end"));
		stream.on("drain", onDrain);
		stream.on("error", onError);
		stream.on("close", onClose);
	});
}

// ---------------------------------------------------------------- organisations

/** The XSD's sequence orders budgets by element, so they are grouped by kind in its order. */
const budgetOrder: { kind: OrganisationBudget["kind"]; element: string }[] = [
	{ kind: "total_budget", element: "total-budget" },
	{ kind: "recipient_region_budget", element: "recipient-region-budget" },
	{ kind: "recipient_country_budget", element: "recipient-country-budget" },
	{ kind: "total_expenditure", element: "total-expenditure" },
];

function budget(b: OrganisationBudget, element: string, defaultCurrency: string | null): string {
	const parts: string[] = [];
	// recipient-region/@code is optional in the XSD, recipient-country/@code required.
	if (b.kind === "recipient_region_budget")
		parts.push(el("recipient-region", [["code", b.recipient]]));
	if (b.kind === "recipient_country_budget")
		parts.push(el("recipient-country", [["code", b.recipient ?? ""]]));
	parts.push(
		el("period-start", [["iso-date", b.period_start]]),
		el("period-end", [["iso-date", b.period_end]]),
		// The value date is required: the start of the period when the registry has none.
		value(b.value_minor, b.currency, defaultCurrency, b.value_date ?? b.period_start),
	);
	// total-expenditure has no status attribute in the XSD.
	const status = b.kind === "total_expenditure" ? null : b.status;
	return el(element, [["status", status]], parts.join(""));
}

/** One iati-organisation element, its children in the order of the XSD's sequence. */
export function organisationXml(o: IatiOrganisation): string {
	const parts = [
		el("organisation-identifier", [], escapeText(o.organisation_identifier)),
		el("name", [], narratives(o.name, true)),
		reportingOrg(o.reporting_org),
	];
	for (const { kind, element } of budgetOrder)
		for (const b of o.budgets)
			if (b.kind === kind) parts.push(budget(b, element, o.default_currency));
	return el(
		"iati-organisation",
		[
			["last-updated-datetime", o.last_updated_datetime],
			["default-currency", o.default_currency],
		],
		`\n${parts.join("\n")}\n`,
	);
}

export async function* iatiOrganisationsXml(
	organisations: AsyncIterable<IatiOrganisation> | Iterable<IatiOrganisation>,
	options: WriteOptions = {},
): AsyncGenerator<string> {
	yield `<?xml version="1.0" encoding="UTF-8"?>\n<iati-organisations${attrs([
		["version", IATI_VERSION],
		["generated-datetime", options.generatedDatetime ?? nowDatetime()],
	])}>\n`;
	for await (const o of organisations) yield `${organisationXml(o)}\n`;
	yield "</iati-organisations>\n";
}

export async function writeIatiOrganisations(
	organisations: AsyncIterable<IatiOrganisation> | Iterable<IatiOrganisation>,
	out: Writable | NodeJS.WritableStream,
	options: WriteOptions = {},
): Promise<void> {
	await writeChunks(iatiOrganisationsXml(organisations, options), out);
}
