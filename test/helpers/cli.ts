/** Runs the real `iif` command in a child process, as an operator would. */
import { type ChildProcess, spawn } from "node:child_process";

export const iifBin = new URL("../../bin/iif.js", import.meta.url).pathname;

export function runIif(
	args: string[],
	env: Record<string, string>,
	stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [iifBin, ...args], { env: { ...process.env, ...env } });
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (d) => (stdout += d));
		child.stderr.on("data", (d) => (stderr += d));
		child.on("close", (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(stdin ?? "");
	});
}

/**
 * Starts `iif serve` on a free port and resolves with its base URL once it listens;
 * `detached` puts it in a process group of its own (the group's id is its pid).
 */
export function serve(
	env: Record<string, string>,
	options: { detached?: boolean } = {},
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [iifBin, "serve", "--port", "0", "--host", "127.0.0.1"], {
			env: { ...process.env, LOG_LEVEL: "warn", ...env },
			// Its own process group, for a signal to all its processes at once (as systemd sends).
			detached: options.detached ?? false,
		});
		let out = "";
		const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
		child.stdout.on("data", (d) => {
			out += d;
			const m = /at (http:\/\/localhost:\d+)/.exec(out);
			if (m?.[1]) {
				clearTimeout(timer);
				resolve({ child, base: m[1], output: () => out });
			}
		});
		child.stderr.on("data", (d) => (out += d));
		child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
	});
}
