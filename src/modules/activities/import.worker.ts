/**
 * The import's worker thread: reads one file and posts its batches of rows to the main
 * thread, which writes them. It runs at most `ahead` batches ahead of the writes, so
 * memory holds a few batches whatever the size of the file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { IatiReadError } from "../../interchange/iati/reader.ts";
import { type PrepareOptions, prepareBatches } from "./import.batches.ts";

export interface WorkerInput {
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
const { file, options, ahead } = workerData as WorkerInput;
let acknowledged = 0;
let wake: (() => void) | null = null;
port.on("message", (m) => {
	if (m !== "ack") return;
	acknowledged++;
	wake?.();
	wake = null;
});

const post = (m: WorkerMessage) => port.postMessage(m);
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
			? { type: "error", read: { file: e.file, line: e.line, column: e.column, reason: e.reason } }
			: { type: "error", message: (e as Error).stack ?? String(e) },
	);
}
