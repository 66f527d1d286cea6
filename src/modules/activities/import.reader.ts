/**
 * A reading worker thread that stays: it reads one file after another for one of the
 * import's jobs, so that starting a thread, loading the reader's code and parsing the
 * rate tables (a fifth of a second of CPU) is paid once per job, not once per file: the
 * IATI registry is mostly files of a few MB. The worker reads and converts while the main
 * thread writes; each batch is acknowledged once the caller asks for the next, which
 * lets the worker read on, at most `batchesAhead` batches ahead.
 */
import { Worker } from "node:worker_threads";
import { IatiReadError } from "../../interchange/iati/reader.ts";
import { AppError } from "../../lib/errors.ts";
import { projectPath } from "../../lib/root.ts";
import type { PreparedBatch, PrepareOptions } from "./import.batches.ts";
import type { WorkerMessage, WorkerRead } from "./import.worker.ts";

/** Batches a worker may read ahead of the writes: enough to overlap, few enough to stay small. */
const batchesAhead = 2;

/**
 * The worker's entry: in the one-file build (bin/iif.js from dist/) its own bundle beside
 * it; from the sources, a boot file that registers tsx in the worker first.
 */
function workerFile(): URL | string {
	const bundled = (globalThis as { __iifBundle?: boolean }).__iifBundle === true;
	return bundled
		? projectPath("dist", "import.worker.js")
		: new URL("./import.worker.boot.mjs", import.meta.url);
}

interface Reading {
	file: string;
	queue: WorkerMessage[];
	failure: Error | null;
	exited: boolean;
	wake: (() => void) | null;
}

export class ReadingWorker {
	private worker: Worker | null = null;
	private reading: Reading | null = null;
	/** Threads started so far: one per job, plus one after each file left unfinished. */
	threadsStarted = 0;

	/** `memoryMb`: the worker's heap; a file that needs more fails alone, named. */
	constructor(private readonly memoryMb: number) {}

	/**
	 * The batches of one file. A file read to its end leaves the worker ready for the
	 * next; one left early (a failed write, a read error) stops it, and the next file
	 * starts a new one.
	 */
	async *read(file: string, options: PrepareOptions): AsyncGenerator<PreparedBatch> {
		const worker = this.start();
		const r: Reading = { file, queue: [], failure: null, exited: false, wake: null };
		this.reading = r;
		const read: WorkerRead = { type: "read", file, options, ahead: batchesAhead };
		worker.postMessage(read);
		let whole = false;
		try {
			for (;;) {
				const m = r.queue.shift();
				if (!m) {
					if (r.failure) throw r.failure;
					if (r.exited) throw new AppError("internal", `the import worker stopped reading ${file}`);
					await new Promise<void>((resolve) => (r.wake = resolve));
					continue;
				}
				if (m.type === "done") {
					whole = true;
					return;
				}
				if (m.type === "error") {
					if (m.read)
						throw new IatiReadError(m.read.file, m.read.line, m.read.column, m.read.reason);
					throw new AppError("internal", `reading ${file} failed: ${m.message}`);
				}
				yield m.batch;
				worker.postMessage("ack");
			}
		} finally {
			this.reading = null;
			if (!whole) await this.stop();
		}
	}

	async stop(): Promise<void> {
		const worker = this.worker;
		this.worker = null;
		await worker?.terminate();
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const memoryMb = this.memoryMb;
		const worker = new Worker(workerFile(), {
			// The worker holds a few batches at a time; a small heap makes V8 collect early
			// rather than grow, which keeps the import's memory flat and low.
			resourceLimits: {
				maxOldGenerationSizeMb: memoryMb,
				maxYoungGenerationSizeMb: Math.max(1, Math.min(48, Math.floor(memoryMb / 2))),
			},
		});
		const notify = (r: Reading) => {
			r.wake?.();
			r.wake = null;
		};
		worker.on("message", (m: WorkerMessage) => {
			const r = this.reading;
			if (!r) return;
			r.queue.push(m);
			notify(r);
		});
		worker.on("error", (e) => {
			const r = this.reading;
			if (!r) return;
			// Out of memory is the file's doing (one activity too large to hold), not a bug:
			// the worker is gone, the file fails named like an unreadable one, the import goes on.
			r.failure =
				(e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"
					? new IatiReadError(
							r.file,
							null,
							null,
							`reading it took more memory than the import worker has (${memoryMb} MB); a single activity may be too large. Raise IIF_IMPORT_WORKER_MEMORY_MB to import it`,
						)
					: e;
			notify(r);
		});
		worker.on("exit", () => {
			if (this.worker === worker) this.worker = null;
			const r = this.reading;
			if (!r) return;
			r.exited = true;
			notify(r);
		});
		this.worker = worker;
		this.threadsStarted++;
		return worker;
	}
}
