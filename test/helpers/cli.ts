/** Runs the real `iif` command in a child process, as an operator would. */
import { spawn } from "node:child_process";

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
