/**
 * The app under test, as an operator runs it: `iif serve` in a process of its own, so
 * the load generator (this process) and the server do not share one event loop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface Server {
	base: string;
	/** How many processes serve: the workers `iif serve` announced, or itself alone. */
	workers: number;
	/** The processes that serve (for their memory): the workers, or `iif serve` itself. */
	pids(): number[];
	/** What the server wrote to stdout and stderr so far (its log). */
	output(): string;
	stop(): Promise<void>;
}

export async function startServer(databaseUrl: string): Promise<Server> {
	const child: ChildProcess = spawn(
		process.execPath,
		["bin/iif.js", "serve", "--port", "0", "--host", "127.0.0.1"],
		{
			env: { ...process.env, IIF_DATABASE_URL: databaseUrl, IIF_DEMO: "off", LOG_LEVEL: "warn" },
			stdio: ["ignore", "pipe", "pipe"],
		},
	);
	let output = "";
	const base = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`iif serve did not start:\n${output}`)),
			120_000,
		);
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			const m = /at (http:\/\/localhost:\d+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve((m[1] as string).replace("localhost", "127.0.0.1"));
			}
		};
		child.stdout?.on("data", read);
		child.stderr?.on("data", read);
		child.once("exit", (code) => {
			clearTimeout(timer);
			reject(new Error(`iif serve exited with ${code}:\n${output}`));
		});
	});
	const workers = /with (\d+) worker processes/.exec(output);
	return {
		base,
		workers: workers ? Number(workers[1]) : 1,
		pids: () => {
			const forked = [...output.matchAll(/worker (\d+) listening/g)].map((m) => Number(m[1]));
			return forked.length ? forked : [child.pid as number];
		},
		output: () => output,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = once(child, "exit");
			child.kill("SIGTERM");
			await exited;
		},
	};
}
