/**
 * Writes a realistic synthetic registry for the benchmark:
 *   npm run bench:generate -- --commitments 100000 --transactions 2000000 [--out bench/data] [--seed 42]
 * The same arguments always give the same files (seeded), streamed to disk.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { files, type Manifest, transactionHeader, transactionLine } from "./dataset.ts";
import { generateActivities } from "./generator/activities.ts";
import { generateCommitments } from "./generator/commitments.ts";
import { generateForums } from "./generator/forums.ts";
import { Random } from "./generator/random.ts";
import { readReference } from "./generator/reference.ts";
import { generateStakeholders, makerRanking } from "./generator/stakeholders.ts";
import { LineWriter } from "./generator/writer.ts";

function positive(name: string, text: string): number {
	const n = Number(text);
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`--${name} must be a positive integer, got '${text}'`);
	return n;
}

export async function generate(options: {
	commitments: number;
	transactions: number;
	out: string;
	seed: number;
}): Promise<Manifest> {
	mkdirSync(options.out, { recursive: true });
	const random = new Random(options.seed);
	const ref = readReference();
	const path = (f: string) => join(options.out, f);

	const stakeholders = generateStakeholders(random, ref);
	const ranking = makerRanking(random, stakeholders);
	const forums = generateForums(
		random,
		Math.max(20, Math.min(400, Math.round(options.commitments / 250))),
	);
	const sw = new LineWriter(path(files.stakeholders));
	for (const s of stakeholders) await sw.json(s);
	await sw.close();
	const fw = new LineWriter(path(files.forums));
	for (const f of forums) await fw.json(f);
	await fw.close();

	const cw = new LineWriter(path(files.commitments));
	const rw = new LineWriter(path(files.relations));
	const summaries = await generateCommitments(random, ref, options.commitments, ranking, forums, {
		commitment: (c) => cw.json(c),
		relation: (r) => rw.json(r),
	});
	await cw.close();
	await rw.close();

	const aw = new LineWriter(path(files.activities));
	const lw = new LineWriter(path(files.links));
	const tw = new LineWriter(path(files.transactions));
	await tw.line(transactionHeader);
	const made = await generateActivities(random, ranking, summaries, options.transactions, {
		activity: (a) => aw.json(a),
		link: (l) => lw.json(l),
		transaction: (t) => tw.line(transactionLine(t)),
	});
	await Promise.all([aw.close(), lw.close(), tw.close()]);

	const manifest: Manifest = {
		seed: options.seed,
		commitments: options.commitments,
		transactions: tw.count - 1,
		stakeholders: stakeholders.length,
		forums: forums.length,
		relations: rw.count,
		activities: made.activities,
		links: made.links,
		generated_at: new Date().toISOString(),
	};
	writeFileSync(path(files.manifest), `${JSON.stringify(manifest, null, "\t")}\n`);
	return manifest;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			commitments: { type: "string", default: "100000" },
			transactions: { type: "string", default: "2000000" },
			out: { type: "string", default: "bench/data" },
			seed: { type: "string", default: "42" },
		},
		strict: true,
	});
	const started = performance.now();
	const manifest = await generate({
		commitments: positive("commitments", values.commitments),
		transactions: positive("transactions", values.transactions),
		out: values.out,
		seed: Number(values.seed),
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`wrote ${values.out} in ${seconds} s: ${JSON.stringify(manifest)}`);
}

await main();
