/** Reading back the CSV IIF writes, strictly, so a test fails on anything RFC 4180 does not allow. */

/** A strict RFC 4180 reader, to check that what is written reads back as it was. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = "";
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const ch = text[i] as string;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
			} else if (ch === '"') {
				quoted = false;
				i++;
			} else {
				field += ch;
				i++;
			}
		} else if (ch === '"' && field === "") {
			quoted = true;
			i++;
		} else if (ch === ",") {
			row.push(field);
			field = "";
			i++;
		} else if (ch === "\r" && text[i + 1] === "\n") {
			row.push(field);
			rows.push(row);
			row = [];
			field = "";
			i += 2;
		} else if (ch === "\n" || ch === "\r" || ch === '"') {
			throw new Error(`bare ${JSON.stringify(ch)} at ${i}: not RFC 4180`);
		} else {
			field += ch;
			i++;
		}
	}
	if (quoted) throw new Error("unterminated quoted field");
	if (field !== "" || row.length) throw new Error("last line not ended by CRLF");
	return rows;
}

/** A CSV answer (BOM first) as objects keyed by the header. */
export function csvRecords(text: string): { header: string[]; rows: Record<string, string>[] } {
	if (!text.startsWith("\uFEFF")) throw new Error("no byte-order mark");
	const [header = [], ...lines] = parseCsv(text.slice(1));
	for (const line of lines)
		if (line.length !== header.length)
			throw new Error(`a line has ${line.length} fields, the header ${header.length}`);
	return {
		header,
		rows: lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i] as string]))),
	};
}
