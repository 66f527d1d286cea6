/**
 * The import's worker thread: reads the files it is sent, one at a time, and posts each
 * file's batches of rows to the main thread, which writes them. It runs at most `ahead`
 * batches ahead of the writes, so memory holds a few batches whatever the size of the
 * file; it stays for the next file (import.reader.ts).
 */
import { parentPort } from "node:worker_threads";
import { IatiReadError } from "../../interchange/iati/reader.ts";
import { type PrepareOptions, prepareBatches } from "./import.batches.ts";

export interface WorkerRead {
	type: "read";
	file: string;
	options: PrepareOptions;
	ahead: number;
}

export type WorkerMessage =
	| { type: "batch"; batch: import("./import.batches.ts").PreparedBatch }
	| { type: "done" }
	| {
			type: "error";
			read?: { file: string; line: number | null; column: number | null; reason: string };
			message?: string;
	  };

const port = parentPort;
if (!port) throw new Error("import.worker.ts runs in a worker thread");
const post = (m: WorkerMessage) => port.postMessage(m);

let acknowledged = 0;
let wake: (() => void) | null = null;

async function read({ file, options, ahead }: WorkerRead): Promise<void> {
	acknowledged = 0;
	try {
		let sent = 0;
		for await (const batch of prepareBatches(file, options)) {
			post({ type: "batch", batch });
			sent++;
			while (sent - acknowledged >= ahead) await new Promise<void>((resolve) => (wake = resolve));
		}
		post({ type: "done" });
	} catch (e) {
		post(
			e instanceof IatiReadError
				? {
						type: "error",
						read: { file: e.file, line: e.line, column: e.column, reason: e.reason },
					}
				: { type: "error", message: (e as Error).stack ?? String(e) },
		);
	}
}

// One file at a time: the main thread sends the next only after this one's "done".
port.on("message", (m: "ack" | WorkerRead) => {
	if (m === "ack") {
		acknowledged++;
		wake?.();
		wake = null;
	} else void read(m);
});
