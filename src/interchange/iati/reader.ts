/**
 * Reads an IATI activity or organisation file as a stream: the file is fed to saxes a
 * chunk at a time, each completed <iati-activity> (or <iati-organisation>) is mapped and
 * handed to the caller before the next chunk is read, so memory stays flat whatever the
 * size of the file. A record that cannot be stored comes out as a rejection with its
 * reason; a file that is not well-formed XML throws IatiReadError naming file, line and
 * column, and whatever the caller did with the records before it should be rolled back.
 */
import { createReadStream } from "node:fs";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { AppError } from "../../lib/errors.ts";
import { type Rejection, toActivity } from "./activity.mapping.ts";
import type { IatiActivity, IatiOrganisation } from "./activity.model.ts";
import type { XmlElement } from "./elements.ts";
import { toOrganisation } from "./organisation.mapping.ts";
import { shippedCurrencies } from "./values.ts";

export type IatiRecord =
	| { kind: "activity"; activity: IatiActivity }
	| { kind: "organisation"; organisation: IatiOrganisation }
	| ({ kind: "rejected"; record: "activity" | "organisation" } & Rejection);

export interface ReadOptions {
	/** Currency codes accepted; IATI's Currency codelist by default. */
	currencies?: ReadonlySet<string>;
	/** Called as the file is read, with the bytes read so far (for progress bars). */
	onBytes?: (bytes: number) => void;
	/** Bytes read at a time. */
	chunkSize?: number;
}

/** A file that cannot be read as IATI XML: not well-formed, truncated, or another kind of XML. */
export class IatiReadError extends AppError {
	constructor(
		readonly file: string,
		readonly line: number | null,
		readonly column: number | null,
		readonly reason: string,
	) {
		const where = line === null ? file : `${file}, line ${line}, column ${column}`;
		super("invalid_input", `${where}: ${reason}`, { extra: { file, line, column } });
		this.name = "IatiReadError";
	}
}

/**
 * Bounds on what one piece of a file may hold, so that reading takes the same memory
 * whatever a file throws at it. saxes gathers a whole attribute value, text, comment,
 * name or DOCTYPE before handing it over, and keeps a frame per open element: a 100 MB
 * attribute took 200 MB and a small import worker's whole heap, 10 million nested
 * elements would take gigabytes. No IATI file comes near either: its deepest element
 * (a result's period's target's dimension's narrative) is about ten levels down, and
 * its longest texts (descriptions) are some kilobytes.
 */
export const readLimits = { depth: 100, pieceBytes: 4 * 1024 * 1024 };

/** What saxes holds of the piece it is reading (fields it does not publish, read to bound them). */
interface SaxesPending {
	text?: string;
	name?: string;
	entity?: string;
	piTarget?: string;
	attribList?: { name: string; value: unknown }[];
}

/** Characters saxes is holding for the piece it has not finished reading yet. */
function pendingChars(parser: SaxesParser): number {
	const p = parser as unknown as SaxesPending;
	let n =
		(p.text?.length ?? 0) +
		(p.name?.length ?? 0) +
		(p.entity?.length ?? 0) +
		(p.piTarget?.length ?? 0);
	for (const a of p.attribList ?? [])
		n += a.name.length + (typeof a.value === "string" ? a.value.length : 0);
	return n;
}

/** The two kinds of IATI file, by root element, and the element of one record in each. */
const recordOf: Record<string, "iati-activity" | "iati-organisation"> = {
	"iati-activities": "iati-activity",
	"iati-organisations": "iati-organisation",
};

/**
 * What the model reads of each record, element by element: a rule names the children
 * kept (each with its own rule). Every other subtree (results, locations, budgets,
 * documents, a transaction's aid type ...) is skipped as it streams past, never built;
 * a kept element with no rule of its own keeps its attributes and text only.
 */
interface Rule {
	/** A Map, not an object: an element named "constructor" is no rule. */
	children: ReadonlyMap<string, Rule>;
	/** Whether its text counts: not for containers, whose text is the file's indentation. */
	text: boolean;
}

const leaf: Rule = { children: new Map(), text: true };
/** An element with narratives (2.0x) or its text in itself (1.0x). */
const named: Rule = { children: new Map([["narrative", leaf]]), text: true };
const container = (children: Record<string, Rule>): Rule => ({
	children: new Map(Object.entries(children)),
	text: false,
});

const budget = container({
	"period-start": leaf,
	"period-end": leaf,
	value: leaf,
	"recipient-country": leaf,
	"recipient-region": leaf,
});

const records = new Map<string, Rule>(
	Object.entries({
		"iati-activity": container({
			"iati-identifier": leaf,
			"reporting-org": named,
			title: named,
			description: named,
			"participating-org": named,
			"activity-status": leaf,
			"activity-date": leaf,
			"recipient-country": leaf,
			"recipient-region": leaf,
			sector: leaf,
			tag: leaf,
			"policy-marker": leaf,
			"collaboration-type": leaf,
			"default-flow-type": leaf,
			"default-finance-type": leaf,
			"default-aid-type": leaf,
			"default-tied-status": leaf,
			transaction: container({
				"transaction-type": leaf,
				"transaction-date": leaf,
				value: leaf,
				description: named,
				"provider-org": named,
				"receiver-org": named,
				"recipient-country": leaf,
				"recipient-region": leaf,
				sector: leaf,
			}),
		}),
		"iati-organisation": container({
			"organisation-identifier": leaf,
			"iati-identifier": leaf,
			name: named,
			"reporting-org": named,
			"total-budget": budget,
			"recipient-country-budget": budget,
			"recipient-region-budget": budget,
			"total-expenditure": budget,
		}),
	}),
);

/** The children of a leaf: none are ever added, so one empty array serves them all. */
const noChildren: XmlElement[] = [];

export async function* readIatiFile(
	path: string,
	options: ReadOptions = {},
): AsyncGenerator<IatiRecord> {
	const currencies = options.currencies ?? shippedCurrencies();
	const parser = new SaxesParser({ xmlns: false, position: true });
	const ready: IatiRecord[] = [];
	let version = "1.01";
	let record: "iati-activity" | "iati-organisation" | null = null;
	let depth = 0;
	/** Depth of the subtree being skipped; 0 when none is. */
	let skipping = 0;
	const stack: XmlElement[] = [];
	const rules: Rule[] = [];

	// Text is listened to only inside elements whose text counts: saxes then does not even
	// cut out the indentation between the other elements, millions of pieces in a large file.
	let listening = false;
	const onText = (text: string) => {
		const el = stack[stack.length - 1];
		if (!el) return;
		el.text += text;
		// Text cut in pieces (by comments, CDATA sections) is joined here, so bounded here too.
		if (el.text.length > readLimits.pieceBytes) tooLong(`the text of <${el.name}>`);
	};
	const tooLong = (what: string) =>
		parser.fail(
			`${what} runs past ${readLimits.pieceBytes / 1024 / 1024} MB: no IATI file holds so much in one piece`,
		);
	const listen = (on: boolean) => {
		if (on === listening) return;
		listening = on;
		if (on) parser.on("text", onText);
		else parser.off("text");
	};

	parser.on("opentag", (tag: SaxesTagPlain) => {
		depth++;
		if (depth > readLimits.depth)
			parser.fail(
				`elements are nested more than ${readLimits.depth} levels deep: an IATI file's are about ten`,
			);
		if (skipping) return;
		if (depth === 1) {
			record = Object.hasOwn(recordOf, tag.name) ? (recordOf[tag.name] ?? null) : null;
			// The parser reads names as written (xmlns: false, for speed), so a namespace
			// must be looked for: IATI's elements are in no namespace, and a root in another
			// one (declared as the default) is another vocabulary that merely shares the name.
			const namespace = tag.attributes.xmlns?.trim();
			if (record && namespace) {
				record = null;
				parser.fail(
					`the root element <${tag.name}> is in the namespace '${namespace}': an IATI file's elements are in no namespace`,
				);
			} else if (!record && tag.name.includes(":"))
				parser.fail(
					`the root element is <${tag.name}>, in the namespace of the prefix '${tag.name.split(":")[0]}': an IATI file has <iati-activities> or <iati-organisations>, in no namespace`,
				);
			else if (!record)
				parser.fail(
					`the root element is <${tag.name}>: an IATI file has <iati-activities> or <iati-organisations>`,
				);
			version = tag.attributes.version?.trim() || "1.01";
			return;
		}
		const rule =
			depth === 2
				? tag.name === record
					? records.get(tag.name)
					: undefined
				: rules[rules.length - 1]?.children.get(tag.name);
		if (!rule) {
			skipping = depth;
			listen(false);
			return;
		}
		// Like the root, an element read must not put itself in another vocabulary.
		const namespace = tag.attributes.xmlns?.trim();
		if (namespace)
			parser.fail(
				`the element <${tag.name}> is in the namespace '${namespace}': an IATI file's elements are in no namespace`,
			);
		const el: XmlElement = {
			name: tag.name,
			attrs: tag.attributes,
			children: rule === leaf ? noChildren : [],
			text: "",
			line: parser.line,
		};
		stack[stack.length - 1]?.children.push(el);
		stack.push(el);
		rules.push(rule);
		listen(rule.text);
	});
	parser.on("closetag", () => {
		if (skipping) {
			if (depth === skipping) skipping = 0;
		} else if (depth > 1) {
			const el = stack.pop();
			rules.pop();
			if (el && stack.length === 0) ready.push(toRecord(el));
		}
		depth--;
		if (!skipping) listen(rules[rules.length - 1]?.text ?? false);
	});
	parser.on("cdata", (text) => {
		if (listening) onText(text);
	});
	// saxes reads no DTD: an entity declared in one is never expanded, nor an external one
	// fetched, and its use fails as undefined. Said plainly, at the declaration.
	parser.on("doctype", (doctype) => {
		if (/<!ENTITY/i.test(doctype))
			parser.fail(
				"the DOCTYPE declares entities: entity declarations are not read (no external entity is fetched, none expanded), and an IATI file needs none",
			);
	});

	function toRecord(el: XmlElement): IatiRecord {
		const ctx = { version, currencies };
		if (record === "iati-activity") {
			const a = toActivity(el, ctx);
			return "reason" in a
				? { kind: "rejected", record: "activity", ...a }
				: { kind: "activity", activity: a };
		}
		const o = toOrganisation(el, ctx);
		return "reason" in o
			? { kind: "rejected", record: "organisation", ...o }
			: { kind: "organisation", organisation: o };
	}

	const fail = (e: unknown): IatiReadError => {
		if (e instanceof IatiReadError) return e;
		const said = (e as Error).message.replace(/^\d+:\d+: /, "");
		const message =
			said === "undefined entity."
				? "an undefined entity: only &amp; &lt; &gt; &quot; &apos; and character references (&#65;) can be used"
				: said;
		// saxes gives the 0-based column of the next character, which is the 1-based column
		// (as editors count) of the character where it found the error.
		return new IatiReadError(path, parser.line, parser.column, message);
	};

	let bytes = 0;
	let decoder: TextDecoder | null = null;
	const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 256 * 1024 });
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			bytes += chunk.length;
			decoder ??= new TextDecoder(encodingOf(chunk), { fatal: true });
			try {
				parser.write(decoder.decode(chunk, { stream: true }));
				if (pendingChars(parser) > readLimits.pieceBytes)
					tooLong("an attribute value, a text, a comment or a name");
			} catch (e) {
				throw fail(e);
			}
			options.onBytes?.(bytes);
			for (const r of ready) yield r;
			ready.length = 0;
		}
		try {
			if (decoder) parser.write(decoder.decode());
			parser.close();
		} catch (e) {
			throw fail(e);
		}
	} catch (e) {
		if (e instanceof IatiReadError) throw e;
		const code = (e as NodeJS.ErrnoException).code;
		if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
			throw new IatiReadError(path, null, null, `cannot read the file (${code})`);
		throw e;
	} finally {
		stream.destroy();
	}
	for (const r of ready) yield r;
}

/**
 * The encoding of an XML file: its byte order mark, else its declaration's encoding,
 * else UTF-8 (XML's default). Labels TextDecoder does not know fall back to UTF-8.
 */
export function encodingOf(head: Buffer): string {
	if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
	if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
	const decl = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
		head.subarray(0, 200).toString("latin1"),
	);
	const label = decl?.[1]?.toLowerCase() ?? "utf-8";
	try {
		new TextDecoder(label);
		return label;
	} catch {
		return "utf-8";
	}
}
