/**
 * Latency through HTTP: a check that the call answers 200, a warm-up, then autocannon
 * for a fixed duration. autocannon reports p50, p97.5 and p99 but no p95, so every
 * response time it measures (process.hrtime, per request) is kept and the percentiles
 * are computed exactly from them (nearest rank).
 */
import os from "node:os";
import autocannon, { type Result } from "autocannon";

export interface Latency {
	requests: number;
	/** Milliseconds. */
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** autocannon's own p50 and p97.5 (from its HDR histogram), as a cross-check. */
	autocannon: { p50: number; p97_5: number };
	rps: number;
	errors: number;
	/** The machine's 1-minute load average when the measurement ended: other work skews figures. */
	loadAverage: number;
}

export interface LoadOptions {
	duration: number;
	connections: number;
	warmup: number;
}

/** Fails with the answer's body when a call does not answer 200: a benchmark of errors measures nothing. */
export async function checkOk(url: string): Promise<unknown> {
	const res = await fetch(url, { headers: { accept: "application/json" } });
	const body = await res.text();
	if (res.status !== 200)
		throw new Error(`GET ${url} answered ${res.status}:\n${body.slice(0, 2000)}`);
	return JSON.parse(body) as unknown;
}

function run(
	url: string,
	duration: number,
	connections: number,
	onTime?: (ms: number) => void,
): Promise<Result> {
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{ url, duration, connections, timeout: 30, headers: { accept: "application/json" } },
			(err, result) => (err ? reject(err) : resolve(result)),
		);
		if (onTime)
			instance.on("response", (_client, status, _bytes, ms) => {
				if (status >= 200 && status < 300) onTime(ms);
			});
	});
}

export function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export async function measure(url: string, o: LoadOptions): Promise<Latency> {
	if (o.warmup > 0) await run(url, o.warmup, o.connections);
	const times: number[] = [];
	const result = await run(url, o.duration, o.connections, (ms) => times.push(ms));
	const errors = result.errors + result.timeouts + result.non2xx;
	const sorted = Float64Array.from(times).sort();
	return {
		requests: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1] ?? Number.NaN,
		autocannon: { p50: result.latency.p50, p97_5: result.latency.p97_5 },
		rps: sorted.length / result.duration,
		errors,
		loadAverage: os.loadavg()[0] ?? 0,
	};
}
