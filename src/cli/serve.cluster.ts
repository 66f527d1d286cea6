/**
 * `iif serve` on several cores: the primary process prepares the database once
 * (migrations, reference data, demo), then forks workers that each serve on the same
 * port (node:cluster hands connections round-robin). Nothing a request needs lives in
 * a process's memory (sessions, rate counters and figures are in the database), so any
 * worker may answer any request.
 */
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { AppError } from "../lib/errors.ts";

/**
 * How many processes serve: IIF_WORKERS (or --workers) as a number, or `auto`: one per
 * core on PostgreSQL, one on SQLite (one file has one writer at a time; more readers
 * than cores would only queue on the same disk).
 */
export function workerCount(text: string | undefined, dialect: "sqlite" | "postgres"): number {
	const value = text ?? "auto";
	if (value === "auto") return dialect === "postgres" ? os.availableParallelism() : 1;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64)
		throw new AppError(
			"invalid_input",
			`IIF_WORKERS must be auto or a number from 1 to 64, got '${value}'`,
		);
	return Number(value);
}

/** How long the workers get to stop after SIGTERM: their grace (8 s) and a margin. */
const workerStopMs = 9000;

/** A worker that dies this often within a minute is not restarted again: a crash loop. */
const maxRestartsPerMinute = 5;

/**
 * Forks `count` workers and keeps them running; resolves with the port once all listen.
 * SIGTERM or SIGINT stop every worker (each finishes its requests) and then the primary.
 */
export function runPrimary(
	count: number,
	onStop: () => Promise<void>,
): { listening: Promise<number> } {
	let stopping = false;
	const restarts: number[] = [];
	let port = 0;
	let resolveListening: (port: number) => void = () => {};
	let rejectListening: (e: Error) => void = () => {};
	const listening = new Promise<number>((resolve, reject) => {
		resolveListening = resolve;
		rejectListening = reject;
	});
	const ready = new Set<number>();
	const fork = (): Worker => {
		const worker = cluster.fork({ IIF_SERVE_WORKER: "1" });
		worker.on("listening", (address) => {
			port = address.port;
			ready.add(worker.id);
			console.log(`worker ${worker.process.pid} listening`);
			if (ready.size === count) resolveListening(port);
		});
		return worker;
	};
	// A worker that had to cut requests off (or was killed) makes the whole stop unclean.
	let stopCode = 0;
	cluster.on("exit", (worker, code, signal) => {
		ready.delete(worker.id);
		if (stopping) {
			if (code !== 0 || signal) stopCode = 1;
			if (Object.keys(cluster.workers ?? {}).length === 0)
				void onStop().finally(() => process.exit(stopCode));
			return;
		}
		const now = Date.now();
		restarts.push(now);
		while (restarts.length && (restarts[0] as number) < now - 60_000) restarts.shift();
		const how = signal ? `signal ${signal}` : `code ${code}`;
		if (restarts.length > maxRestartsPerMinute) {
			console.error(
				`worker ${worker.process.pid} exited (${how}); ${restarts.length} exits within a minute: stopping`,
			);
			rejectListening(new Error("workers keep exiting"));
			stopping = true;
			for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
			if (Object.keys(cluster.workers ?? {}).length === 0)
				void onStop().finally(() => process.exit(1));
			return;
		}
		console.error(`worker ${worker.process.pid} exited (${how}): starting another`);
		fork();
	});
	const stop = () => {
		if (stopping) return;
		stopping = true;
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
		// Each worker stops within its own grace period (serve.ts); one that does not is
		// killed, so that the whole server still stops within the 10 s it promises.
		setTimeout(() => {
			for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
		}, workerStopMs).unref();
	};
	// Every signal goes to stop, which acts once: a second one must not fall to Node's
	// default handler and end the primary before its workers.
	process.on("SIGINT", stop);
	process.on("SIGTERM", stop);
	for (let i = 0; i < count; i++) fork();
	return { listening };
}
